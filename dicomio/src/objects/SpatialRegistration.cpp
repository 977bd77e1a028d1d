#include "hf/dicomio/SpatialRegistration.h"

#include "hf/dicomio/NewUid.h"

#include "ObjectFile.h"
#include "SrContent.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <cmath>
#include <ctime>
#include <stdexcept>

namespace hf {
namespace {

using objects::firstItem;
using objects::itemsOf;

// A registration object is a few kilobytes; anything near this is not one.
constexpr unsigned long long kLargestRegistration = 16ull << 20;

std::array<double, 16> matrixOf(const RigidTransform& t)
{
    const auto& r = t.rotation;
    return {r[0], r[1], r[2], t.translation.x, r[3], r[4], r[5], t.translation.y, r[6], r[7], r[8], t.translation.z, 0, 0, 0, 1};
}

void putMatrixItem(DcmItem& ds, const std::string& frame, const RigidTransform& intoObjectFrame)
{
    DcmItem& item = sr::newSequenceItem(ds, DCM_RegistrationSequence);
    sr::put(item, DCM_FrameOfReferenceUID, frame);
    DcmItem& registration = sr::newSequenceItem(item, DCM_MatrixRegistrationSequence);
    registration.insertEmptyElement(DCM_RegistrationTypeCodeSequence);
    DcmItem& matrix = sr::newSequenceItem(registration, DCM_MatrixSequence);
    std::string values;
    for (double v : matrixOf(intoObjectFrame))
        values += (values.empty() ? "" : "\\") + sr::decimal(std::abs(v) < 1e-12 ? 0.0 : v);
    sr::put(matrix, DCM_FrameOfReferenceTransformationMatrix, values);
    sr::put(matrix, DCM_FrameOfReferenceTransformationMatrixType, "RIGID");
}

// The rigid transform a matrix stands for, when it is one (orthonormal rotation, last row 0 0 0 1).
std::optional<RigidTransform> rigidOf(const std::array<double, 16>& m)
{
    RigidTransform t;
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c)
            t.rotation[size_t(r * 3 + c)] = m[size_t(r * 4 + c)];
    t.translation = {m[3], m[7], m[11]};
    if (std::abs(m[12]) > 1e-6 || std::abs(m[13]) > 1e-6 || std::abs(m[14]) > 1e-6 || std::abs(m[15] - 1) > 1e-6)
        return std::nullopt;
    for (int a = 0; a < 3; ++a)
        for (int b = 0; b < 3; ++b) {
            double dot = 0;
            for (int k = 0; k < 3; ++k)
                dot += t.rotation[size_t(a * 3 + k)] * t.rotation[size_t(b * 3 + k)];
            if (std::abs(dot - (a == b ? 1.0 : 0.0)) > 1e-3)
                return std::nullopt;
        }
    return t;
}

} // namespace

std::optional<RigidTransform> SpatialRegistration::transform(const std::string& from, const std::string& to) const
{
    // Each frame into the object's own: its item's matrix, or none for the object's frame.
    const auto intoObject = [this](const std::string& frame) -> std::optional<RigidTransform> {
        for (const Item& item : items)
            if (item.frameOfReferenceUid == frame)
                return item.type == "RIGID" ? rigidOf(item.matrix) : std::nullopt;
        if (frame == frameOfReferenceUid)
            return RigidTransform{};
        return std::nullopt;
    };
    if (from.empty() || to.empty() || from == to)
        return std::nullopt;
    const auto a = intoObject(from), b = intoObject(to);
    if (!a || !b)
        return std::nullopt;
    return a->then(b->inverse());
}

RegistrationToWrite newRegistrationObject(const SeriesContext& fixedSeries, const std::string& fixedFrame, const std::string& movingFrame,
                                          const RigidTransform& fixedToMoving, const std::string& description, const std::string& author)
{
    RegistrationToWrite r;
    r.patient = fixedSeries.patient;
    r.study = fixedSeries.study;
    r.instance.seriesUid = newUid();
    r.instance.sopInstanceUid = newUid();
    r.instance.seriesNumber = 990;
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char made[16];
    std::strftime(made, sizeof made, "%Y%m%d%H%M%S", &local);
    r.instance.contentDateTime = made;
    r.instance.author = author;
    r.fixedFrame = fixedFrame;
    r.movingFrame = movingFrame;
    r.fixedToMoving = fixedToMoving;
    r.description = description;
    return r;
}

void writeSpatialRegistration(const std::string& path, const RegistrationToWrite& r)
{
    DcmFileFormat file;
    DcmDataset& ds = *file.getDataset();
    sr::putHeader(ds, r.patient, r.study, r.instance, kSpatialRegistrationClass, "REG", "Hounsfield registration");
    ds.findAndDeleteElement(DCM_CodingSchemeIdentificationSequence);  // no private codes in this object
    ds.insertEmptyElement(DCM_Laterality);  // General Series, type 2C: no paired body part is named
    sr::put(ds, DCM_ContentDate, r.instance.contentDateTime.substr(0, 8));
    sr::put(ds, DCM_ContentTime, r.instance.contentDateTime.substr(8, 6));
    sr::put(ds, DCM_ContentLabel, "REGISTRATION");
    sr::put(ds, DCM_ContentDescription, r.description.substr(0, 64));
    sr::put(ds, DCM_ContentCreatorName, r.instance.author);
    sr::put(ds, DCM_FrameOfReferenceUID, r.fixedFrame);
    ds.insertEmptyElement(DCM_PositionReferenceIndicator);
    // The fixed frame is the object's own (identity); the moving frame's points are brought into it.
    putMatrixItem(ds, r.fixedFrame, RigidTransform{});
    putMatrixItem(ds, r.movingFrame, r.fixedToMoving.inverse());
    sr::saveObject(file, path);
}

SpatialRegistration readSpatialRegistration(const std::string& path)
{
    const auto file = objects::loadObjectFile(path, kLargestRegistration, kSpatialRegistrationClass, "a Spatial Registration");
    DcmDataset& ds = *file->getDataset();
    SpatialRegistration out;
    const auto text = [](DcmItem& item, const DcmTagKey& tag) {
        OFString value;
        item.findAndGetOFStringArray(tag, value);
        return std::string(value.c_str());
    };
    out.sopInstanceUid = text(ds, DCM_SOPInstanceUID);
    out.frameOfReferenceUid = text(ds, DCM_FrameOfReferenceUID);
    out.description = text(ds, DCM_ContentDescription);
    if (out.frameOfReferenceUid.empty())
        throw std::runtime_error(path + ": Frame of Reference UID (0020,0052) missing");
    int index = 0;
    for (DcmItem* item : itemsOf(ds, DCM_RegistrationSequence)) {
        ++index;
        SpatialRegistration::Item read;
        read.frameOfReferenceUid = text(*item, DCM_FrameOfReferenceUID);
        DcmItem* registration = firstItem(*item, DCM_MatrixRegistrationSequence);
        DcmItem* matrix = registration ? firstItem(*registration, DCM_MatrixSequence) : nullptr;
        if (read.frameOfReferenceUid.empty() || !matrix)
            continue;  // an item of image references only: nothing to map with
        read.type = text(*matrix, DCM_FrameOfReferenceTransformationMatrixType);
        for (unsigned long v = 0; v < 16; ++v) {
            Float64 value = 0;
            if (matrix->findAndGetFloat64(DCM_FrameOfReferenceTransformationMatrix, value, v).bad() || !std::isfinite(value))
                throw std::runtime_error(path + ": Registration Sequence item " + std::to_string(index) +
                                         ": Frame of Reference Transformation Matrix (3006,00C6) is not 16 numbers");
            read.matrix[v] = value;
        }
        out.items.push_back(read);
    }
    return out;
}

} // namespace hf
