#pragma once
// Other producers' measurement groups as rows of the annotation list: the finding and values,
// "from <manufacturer>, <date>", and the slice of the shown volume each lies on (its image, or
// the slice nearest its patient-space points in the same Frame of Reference; -1 when neither).
// Any thread.
#include "hf/dicomio/SrDocument.h"
#include "hf/viewer/AnnotationListPanel.h"

#include <memory>
#include <vector>

namespace hf {

class Volume;

std::vector<AnnotationListPanel::ForeignRow> foreignMeasurementRows(const std::vector<std::shared_ptr<const SrDocument>>& reports,
                                                                    const Volume* volume);

} // namespace hf
