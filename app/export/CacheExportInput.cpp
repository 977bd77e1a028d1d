#include "CacheExportInput.h"

#include "hf/annotations/AnnotationStore.h"
#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyTags.h"
#include "hf/dicomio/Volume.h"

namespace hf::exporting {

ExportInput collectFromCache(CacheDatabase& db, std::shared_ptr<const Volume> volume, const StudyDescription& study)
{
    ExportInput input;
    input.volume = std::move(volume);
    input.study = study;
    const Volume& v = *input.volume;
    for (const Annotation& a : AnnotationStore(db).ofSeries(study.context.series.uid))
        input.annotations.push_back({a, measure(a, v)});
    const StudyTags tags(db);
    const std::string studyUid = study.context.study.uid;
    for (const auto& k : tags.keyImages(studyUid))
        for (size_t s = 0; s < v.sliceSopInstanceUids.size(); ++s)
            if (v.sliceSopInstanceUids[s] == k.sopInstanceUid && (s >= v.sliceFrames.size() || v.sliceFrames[s] == k.frame))
                input.keySlices.push_back(int(s));
    for (const auto& t : tags.tags(studyUid))
        input.tags << QString::fromStdString(t.word);
    input.note = QString::fromStdString(tags.note(studyUid));
    return input;
}

} // namespace hf::exporting
