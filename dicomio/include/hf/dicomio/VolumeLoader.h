#pragma once
// Decodes a Stack's pixel data (every transfer syntax GDCM decodes) into one Volume, in parallel,
// each slice straight into its place in the buffer. Synchronous: worker threads live only inside
// load(). A file that fails to decode becomes a FileError and its slice stays at the volume's
// minimum; the other slices still load.
#include "hf/dicomio/Progress.h"
#include "hf/dicomio/StudyTree.h"
#include "hf/dicomio/Volume.h"

#include <functional>
#include <memory>

namespace hf {

struct LoadResult {
    std::shared_ptr<Volume> volume;  // null when nothing could be allocated (see errors)
    std::vector<FileError> errors;
};

class VolumeLoader {
public:
    // Called once, from the loading thread, as soon as `firstSlice` is decoded and before the rest.
    using FirstSliceCallback = std::function<void(const std::shared_ptr<Volume>&, int slice)>;

    explicit VolumeLoader(unsigned threads = 0, size_t maxVolumeBytes = size_t(16) << 30);

    LoadResult load(const Stack& stack, const ProgressSink& progress = {},
                    const FirstSliceCallback& onFirstSlice = {}, int firstSlice = -1) const;

    // Which voxel type holds every modality value of the stack without loss.
    static VoxelType chooseVoxelType(const Stack& stack);

private:
    unsigned m_threads;
    size_t m_maxVolumeBytes;
};

} // namespace hf
