#include "hf/annotations/CachedSeries.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/VolumeLoader.h"

#include <stdexcept>

namespace hf {

namespace {

CachedSeries loadFiles(const std::vector<std::string>& files, const std::string& seriesUid, std::optional<Vec3> near)
{
    const StudyTree tree = StackBuilder().build(HeaderScanner().scan(files).frames);
    for (const auto& patient : tree.patients)
        for (const auto& study : patient.studies)
            for (const auto& series : study.series) {
                if (series.uid != seriesUid || series.stacks.empty())
                    continue;
                const Stack* chosen = &series.stacks.front();
                if (near)
                    for (const auto& stack : series.stacks)
                        if (nearestSlice(stack.geometry, *near)) {
                            chosen = &stack;
                            break;
                        }
                LoadResult loaded = VolumeLoader().load(*chosen);
                if (!loaded.volume)
                    throw std::invalid_argument("series " + seriesUid + " could not be loaded" +
                                                (loaded.errors.empty() ? "" : ": " + loaded.errors.front().file + ": " + loaded.errors.front().reason));
                CachedSeries out;
                out.studyUid = study.uid;
                out.seriesUid = series.uid;
                out.volume = loaded.volume;
                out.patientName = patient.name;
                out.patientId = patient.id;
                out.patientBirthDate = patient.birthDate;
                out.patientSex = patient.sex;
                out.studyDate = study.date;
                out.studyTime = study.time;
                out.studyDescription = study.description;
                out.accession = study.accessionNumber;
                out.seriesDescription = series.description;
                out.modality = series.modality;
                out.seriesNumber = series.number;
                out.sopClassUid = chosen->slices.front().sopClassUid;
                out.slices = chosen->slices;
                return out;
            }
    throw std::invalid_argument("series " + seriesUid + " has no images that could be read");
}

} // namespace

CachedSeries loadCachedSeries(CacheDatabase& db, const std::string& seriesUid, std::optional<Vec3> near)
{
    const auto files = StudyIndex(db).filesOf(seriesUid);
    if (files.empty())
        throw std::invalid_argument("series " + seriesUid + " is not in the cache " + db.path() + " (or its files are gone)");
    return loadFiles(files, seriesUid, near);
}

CachedSeries loadCachedImage(CacheDatabase& db, const std::string& seriesUid, const std::string& sopInstanceUid, std::optional<Vec3> near)
{
    const std::optional<std::string> file = StudyIndex(db).fileOf(sopInstanceUid);
    if (!file)  // not a neighbour instead: values and references must be the annotated image's
        throw std::invalid_argument("image " + sopInstanceUid + " is not in the cache " + db.path() + " (or its file is gone)");
    return loadFiles({*file}, seriesUid, near);
}

} // namespace hf
