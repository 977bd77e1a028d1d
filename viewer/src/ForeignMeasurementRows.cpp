#include "hf/viewer/ForeignMeasurementRows.h"

#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Volume.h"

namespace hf {
namespace {

int sliceOf(const SrRegion& region, const Volume& volume)
{
    if (region.patientSpace) {
        if (region.points.empty() || region.frameOfReferenceUid != volume.frameOfReferenceUid)
            return -1;
        return nearestSlice(volume.geometry(), region.points.front()).value_or(-1);
    }
    const auto& sops = volume.sliceSopInstanceUids;
    for (size_t k = 0; k < sops.size(); ++k)
        if (sops[k] == region.sopInstanceUid && (region.frame <= 0 || k >= volume.sliceFrames.size() || volume.sliceFrames[k] + 1 == region.frame))
            return int(k);
    return -1;
}

} // namespace

std::vector<AnnotationListPanel::ForeignRow> foreignMeasurementRows(const std::vector<std::shared_ptr<const SrDocument>>& reports,
                                                                    const Volume* volume)
{
    std::vector<AnnotationListPanel::ForeignRow> rows;
    for (const auto& report : reports) {
        std::string from = "from " + (report->manufacturer.empty() ? std::string("another system") : report->manufacturer);
        if (report->contentDate.size() == 8)
            from += ", " + report->contentDate.substr(0, 4) + "-" + report->contentDate.substr(4, 2) + "-" + report->contentDate.substr(6, 2);
        for (size_t g = 0; g < report->groups.size(); ++g) {
            const SrMeasurementGroup& group = report->groups[g];
            AnnotationListPanel::ForeignRow row;
            row.reportSopInstanceUid = report->sopInstanceUid;
            row.group = int(g);
            row.from = from;
            row.type = group.regions.empty() ? "Measurement" : group.regions.front().graphicType;
            row.value = !group.finding.empty() ? group.finding : group.trackingId;
            for (const std::string& v : group.values)
                row.value += (row.value.empty() ? "" : "; ") + v;
            for (const SrRegion& region : group.regions)
                if (row.slice < 0 && volume)
                    row.slice = sliceOf(region, *volume);
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

} // namespace hf
