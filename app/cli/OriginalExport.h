#pragma once
// `export --format dicom`: the original instances of a cached series or study written to a
// folder, de-identified with --anonymize (PS3.15 basic profile and its options; images with
// burned-in text refused unless masked with --mask or accepted with --accept-burned-in).
#include <QString>

class QCommandLineParser;

namespace hf::app {
class AuditTrail;
}

namespace hf::cli {

int exportOriginals(const QCommandLineParser& parser, const QString& command, app::AuditTrail& trail);

} // namespace hf::cli
