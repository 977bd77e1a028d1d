#include "ScanResultCodec.h"

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace hf {
namespace {

template <class O, class V> void visitOverlay(O& o, V& v)
{
    v(o.group), v(o.rows), v(o.columns), v(o.originRow), v(o.originColumn), v(o.frames), v(o.firstFrame), v(o.type), v(o.description), v(o.bits);
}

template <class S, class V> void visitShutter(S& s, V& v)
{
    v(s.rectangular), v(s.circular), v(s.polygonal), v(s.left), v(s.right), v(s.upper), v(s.lower), v(s.centreRow), v(s.centreColumn),
        v(s.radius), v(s.vertices), v(s.presentationValue), v(s.bitmap), v(s.bitmapPlane);
}

template <class P, class V> void visitPet(P& p, V& v)
{
    v(p.units), v(p.decayCorrection), v(p.correctedImage), v(p.seriesDate), v(p.seriesTime), v(p.acquisitionDate), v(p.patientWeightKg),
        v(p.patientSizeM), v(p.injectedDoseBq), v(p.halfLifeS), v(p.injectionTime), v(p.injectionDateTime), v(p.philipsSuvFactor),
        v(p.philipsActivityScale);
}

template <class R, class V> void visitRegion(R& r, V& v)
{
    v(r.minX), v(r.minY), v(r.maxX), v(r.maxY), v(r.unitsX), v(r.unitsY), v(r.deltaX), v(r.deltaY), v(r.dataType);
}

class Writer {
public:
    std::string bytes;
    template <class T> std::enable_if_t<std::is_arithmetic_v<T> || std::is_enum_v<T>> operator()(const T& v)
    {
        bytes.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    void operator()(const std::string& s)
    {
        (*this)(std::uint32_t(s.size()));
        bytes += s;
    }
    void operator()(const Vec3& v) { (*this)(v.x), (*this)(v.y), (*this)(v.z); }
    void operator()(const WindowPreset& w) { (*this)(w.center), (*this)(w.width), (*this)(w.name); }
    void operator()(const VoiLut& l) { (*this)(l.firstMapped), (*this)(l.bits), (*this)(l.data), (*this)(l.explanation); }
    void operator()(const ImageOverlay& o) { visitOverlay(o, *this); }
    void operator()(const DisplayShutter& s) { visitShutter(s, *this); }
    void operator()(const PetSuvTags& p) { visitPet(p, *this); }
    void operator()(const UltrasoundRegion& r) { visitRegion(r, *this); }
    template <class T> void operator()(const std::vector<T>& items)
    {
        (*this)(std::uint32_t(items.size()));
        for (const auto& item : items)
            (*this)(item);
    }
};

class Reader {
public:
    explicit Reader(const std::string& b) : m_bytes(b) {}
    bool ok = true;
    template <class T> std::enable_if_t<std::is_arithmetic_v<T> || std::is_enum_v<T>> operator()(T& v)
    {
        if (!take(sizeof v))
            return;
        std::memcpy(&v, m_bytes.data() + m_pos - sizeof v, sizeof v);
    }
    void operator()(std::string& s)
    {
        std::uint32_t n = 0;
        (*this)(n);
        if (!ok || !take(n))
            return;
        s.assign(m_bytes.data() + m_pos - n, n);
    }
    void operator()(Vec3& v) { (*this)(v.x), (*this)(v.y), (*this)(v.z); }
    void operator()(WindowPreset& w) { (*this)(w.center), (*this)(w.width), (*this)(w.name); }
    void operator()(VoiLut& l) { (*this)(l.firstMapped), (*this)(l.bits), (*this)(l.data), (*this)(l.explanation); }
    void operator()(ImageOverlay& o) { visitOverlay(o, *this); }
    void operator()(DisplayShutter& s) { visitShutter(s, *this); }
    void operator()(PetSuvTags& p) { visitPet(p, *this); }
    void operator()(UltrasoundRegion& r) { visitRegion(r, *this); }
    template <class T> void operator()(std::vector<T>& items)
    {
        std::uint32_t n = 0;
        (*this)(n);
        if (!ok || n > m_bytes.size())  // each item takes at least a byte
            return void(ok = false);
        items.resize(n);
        for (auto& item : items)
            (*this)(item);
    }
    bool atEnd() const { return m_pos == m_bytes.size(); }

private:
    bool take(size_t n)
    {
        if (!ok || n > m_bytes.size() - m_pos)
            return ok = false;
        m_pos += n;
        return true;
    }
    const std::string& m_bytes;
    size_t m_pos = 0;
};

// The one list of FrameHeader fields, for both directions.
template <class H, class V>
void visitFields(H& h, V& v)
{
    v(h.path), v(h.frameIndex), v(h.framesInFile);
    v(h.patientName), v(h.patientId), v(h.patientBirthDate), v(h.patientSex);
    v(h.studyUid), v(h.studyDate), v(h.studyTime), v(h.studyDescription), v(h.accessionNumber);
    v(h.seriesUid), v(h.seriesDescription), v(h.modality), v(h.seriesNumber);
    v(h.sopInstanceUid), v(h.sopClassUid), v(h.transferSyntax), v(h.frameOfReferenceUid);
    v(h.imageType), v(h.frameType), v(h.instanceNumber), v(h.acquisitionNumber), v(h.temporalPosition);
    v(h.rows), v(h.columns), v(h.samplesPerPixel), v(h.bitsAllocated), v(h.bitsStored), v(h.highBit);
    v(h.pixelSigned), v(h.planarConfiguration), v(h.photometric), v(h.photometricName);
    v(h.hasPosition), v(h.position), v(h.rowDirection), v(h.columnDirection), v(h.hasPixelSpacing), v(h.spacingFromImager);
    v(h.rowSpacing), v(h.columnSpacing), v(h.sliceThickness), v(h.spacingBetweenSlices), v(h.gantryTilt);
    v(h.rescaleSlope), v(h.rescaleIntercept), v(h.windows), v(h.voiLut), v(h.pixelDataOffset), v(h.pixelDataLength), v(h.fileSize);
    v(h.echoTime), v(h.hasBValue), v(h.bValue), v(h.hasTriggerTime), v(h.triggerTime);
    // Added later: blobs written before them fail to decode and their files are scanned again.
    v(h.acquisitionTime), v(h.bodyPart), v(h.contrastAgent), v(h.laterality), v(h.viewPosition), v(h.patientOrientation);
    v(h.overlays), v(h.shutter);
    v(h.pet);
    v(h.issuerOfPatientId);
    v(h.valueUnits);
    v(h.modalityLut), v(h.floatSamples), v(h.hasRealWorldMapping), v(h.realWorldSlope), v(h.realWorldIntercept), v(h.realWorldUnits);
    v(h.ultrasoundRegions);
}

} // namespace

std::string encodeScanResult(const ScanResult& result)
{
    Writer w;
    w(std::uint32_t(result.frames.size()));
    for (const auto& f : result.frames)
        visitFields(f, w);
    w(std::uint32_t(result.errors.size()));
    for (const auto& e : result.errors)
        w(e.file), w(e.reason);
    w(result.referencedFiles);
    // Objects last and only when there are any: frame blobs kept in caches stay as they were.
    if (!result.objects.empty()) {
        w(std::uint32_t(result.objects.size()));
        for (const auto& o : result.objects)
            visitFields(o, w);
    }
    return w.bytes;
}

std::string encodeFrames(const FrameHeader* first, size_t count)
{
    Writer w;
    w.bytes.reserve(count * 512);
    w(std::uint32_t(count));
    for (size_t i = 0; i < count; ++i)
        visitFields(first[i], w);
    w(std::uint32_t(0));  // no errors
    w(std::uint32_t(0));  // no referenced files
    return w.bytes;
}

std::optional<ScanResult> decodeScanResult(const std::string& bytes)
{
    Reader r(bytes);
    ScanResult result;
    auto readHeaders = [&r](std::vector<FrameHeader>& into) {
        std::uint32_t count = 0;
        r(count);
        for (std::uint32_t i = 0; r.ok && i < count; ++i)
            visitFields(into.emplace_back(), r);
    };
    readHeaders(result.frames);
    std::uint32_t errors = 0;
    r(errors);
    for (std::uint32_t i = 0; r.ok && i < errors; ++i) {
        FileError e;
        r(e.file), r(e.reason);
        result.errors.push_back(std::move(e));
    }
    r(result.referencedFiles);
    if (r.ok && !r.atEnd())
        readHeaders(result.objects);
    if (!r.ok || !r.atEnd())
        return std::nullopt;
    return result;
}

} // namespace hf
