#include "hf/dicomio/KeyObjectSelection.h"

#include "SrContent.h"

namespace hf {

bool writeKeyObjectSelection(const std::string& path, const StudyAnnotationSet& set, const ObjectInstance& instance)
{
    std::vector<ImageReference> images;
    for (const KeyImageRecord& k : set.keyImages)
        if (!k.deleted)
            images.push_back(k.image);
    if (images.empty())
        return false;
    DcmFileFormat file;
    DcmDataset& ds = *file.getDataset();
    sr::putHeader(ds, set.patient, set.study, instance, kKeyObjectSelectionClass, "KO", "Hounsfield key images");
    ds.putAndInsertString(DCM_ContentDate, instance.contentDateTime.substr(0, 8).c_str());
    ds.putAndInsertString(DCM_ContentTime, instance.contentDateTime.substr(8, 6).c_str());
    ds.insertEmptyElement(DCM_ReferencedPerformedProcedureStepSequence);
    sr::putHierarchicalReferences(ds, DCM_CurrentRequestedProcedureEvidenceSequence, set.study.uid, images);
    ds.putAndInsertString(DCM_ValueType, "CONTAINER");
    sr::putCode(ds, DCM_ConceptNameCodeSequence, {"113000", "DCM", "Of Interest"});
    ds.putAndInsertString(DCM_ContinuityOfContent, "SEPARATE");
    DcmItem* templateItem = nullptr;
    ds.findOrCreateSequenceItem(DCM_ContentTemplateSequence, templateItem, -2);
    templateItem->putAndInsertString(DCM_MappingResource, "DCMR");
    templateItem->putAndInsertString(DCM_TemplateIdentifier, "2010");
    if (!instance.author.empty()) {
        sr::addCodeItem(ds, "HAS OBS CONTEXT", {"121005", "DCM", "Observer Type"}, {"121006", "DCM", "Person"});
        sr::addPersonName(ds, "HAS OBS CONTEXT", {"121008", "DCM", "Person Observer Name"}, instance.author);
    }
    sr::addText(ds, "CONTAINS", {"113012", "DCM", "Key Object Description"}, "Key images flagged in Hounsfield");
    for (const ImageReference& image : images)
        sr::addImage(ds, "CONTAINS", image);
    sr::saveObject(file, path);
    return true;
}

} // namespace hf
