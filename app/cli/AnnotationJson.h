#pragma once
// An annotation and its measurement as JSON, for `annotate` and `annotations`.
#include <QJsonObject>

namespace hf {
struct Annotation;
struct Measurement;
}

namespace hf::cli {

QJsonObject annotationJson(const Annotation& annotation, const Measurement* measurement);

} // namespace hf::cli
