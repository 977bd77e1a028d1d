#pragma once
// One stack's voxels in a single contiguous buffer (x fastest, then y, then slice), in modality
// units (rescale applied), with the geometry that places them in patient space. The buffer is
// shared so that views can wrap it without copying. Written by the loader's threads while
// loading; read-only afterwards.
#include "hf/dicomio/FrameHeader.h"
#include "hf/dicomio/ImageMarks.h"
#include "hf/dicomio/PetSuv.h"
#include "hf/dicomio/StackGeometry.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace hf {

// Colour keeps its samples' depth: Rgb8, Rgb16 (16-bit RGB, windowed for display), Rgb32.
enum class VoxelType { Int16, UInt16, Float32, Rgb8, Rgb16, Rgb32 };

size_t bytesPerVoxel(VoxelType type);
inline bool isColour(VoxelType type) { return type == VoxelType::Rgb8 || type == VoxelType::Rgb16 || type == VoxelType::Rgb32; }
const char* voxelTypeName(VoxelType type);

class Volume {
public:
    // Shared: decoder child processes write slices into it. Private: only this process's threads
    // do (transparent huge pages asked for: fewer page faults while it fills).
    enum class Memory { Shared, Private };
    Volume(StackGeometry geometry, VoxelType type, Memory memory = Memory::Shared);

    const StackGeometry& geometry() const { return m_geometry; }
    VoxelType type() const { return m_type; }
    size_t voxelCount() const { return m_geometry.voxelCount(); }
    size_t byteCount() const { return voxelCount() * bytesPerVoxel(m_type); }
    size_t sliceBytes() const { return size_t(m_geometry.columns) * m_geometry.rows * bytesPerVoxel(m_type); }
    int components() const { return isColour(m_type) ? 3 : 1; }

    std::byte* data() { return m_buffer.get(); }
    const std::byte* data() const { return m_buffer.get(); }
    std::byte* slice(int k) { return m_buffer.get() + size_t(k) * sliceBytes(); }
    std::shared_ptr<std::byte[]> sharedBuffer() const { return m_buffer; }

    // Modality value at a voxel (first component for RGB). Bounds are the caller's job.
    double valueAt(int i, int j, int k) const;
    // Component c (0..2) of a colour voxel; the value for greyscale.
    double componentAt(int i, int j, int k, int c) const;

    // Display hints carried from the files.
    Photometric photometric = Photometric::Monochrome2;
    std::vector<WindowPreset> windows;
    VoiLut voiLut;
    std::string modality;
    std::vector<UltrasoundRegion> ultrasoundRegions;  // of the first slice (a cine's frames share them)
    std::string valueUnits;  // FrameHeader::valueUnits of the first slice ("Gy"); empty: implied by the modality
    std::string frameOfReferenceUid;  // views of the same frame scroll together
    double sliceThickness = 0;        // nominal, from the first slice (0: not given)
    // Without Image Position/Orientation the geometry is a guess (no orientation letters, no
    // reference lines); without Pixel Spacing there is no scale (no millimetres shown).
    bool hasPatientGeometry = true;
    bool hasPixelSpacing = true;
    bool spacingFromImager = false;  // millimetres at the detector (Imager Pixel Spacing), magnified
    // Per slice: the image it came from (SOP Instance UID and 1-based frame), for annotations.
    std::vector<std::string> sliceSopInstanceUids;
    std::vector<int> sliceFrames;
    std::vector<Vec3> slicePositions;  // Image Position (Patient) per slice; empty when unknown
    // Per slice: what its image carries to be drawn over it (overlay planes, display shutter).
    std::vector<std::vector<ImageOverlay>> sliceOverlays;
    std::vector<DisplayShutter> sliceShutters;
    // Per slice, when a series is shown while it arrives: true for a slice not received yet
    // (its voxels hold the lowest value; the view says so). Empty when every slice is here.
    std::vector<bool> slicesToCome;
    bool sliceToCome(int k) const { return k >= 0 && size_t(k) < slicesToCome.size() && slicesToCome[size_t(k)]; }
    // A PET volume's SUV (SUVbw from its first image), or why there is none; petValues: the
    // values are PET activity (Bq/mL or counts), whether SUV could be computed or not.
    bool petValues = false;
    SuvFactor suv;
    std::array<SuvFactor, 3> suvKinds;  // by SuvKind: what a reader may choose instead (SUVlbm, SUVbsa)
    // The same voxels (the buffer shared, nothing copied) speaking another SUV kind.
    std::shared_ptr<const Volume> withSuvKind(SuvKind kind) const;

private:
    StackGeometry m_geometry;
    VoxelType m_type;
    std::shared_ptr<std::byte[]> m_buffer;
};

// True when `later` is `earlier` again with more of its slices here: a series reloaded while it
// arrives (earlier had slices to come; same grid, same frame, the same image on the first slice
// that was here). Views then keep where the reader
// is (crosshair, planes, camera) instead of starting over.
bool fillsIn(const Volume& earlier, const Volume& later);

} // namespace hf
