#pragma once
// Decodes a Stack's pixel data (every transfer syntax GDCM decodes) into one Volume, in parallel,
// each slice straight into its place in the buffer. By default the decoding runs in forked child
// processes writing into the volume's shared memory, so a decoder that aborts, crashes or hangs
// on a hostile file costs that file only. Synchronous: workers live only inside load(). A file
// that fails becomes a FileError and its slice holds the lowest value; the others still load.
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

    enum class Isolation { ChildProcesses, Threads };

    // maxVolumeBytes 0: three quarters of physical memory.
    explicit VolumeLoader(unsigned workers = 0, size_t maxVolumeBytes = 0,
                          Isolation isolation = Isolation::ChildProcesses);

    LoadResult load(const Stack& stack, const ProgressSink& progress = {},
                    const FirstSliceCallback& onFirstSlice = {}, int firstSlice = -1) const;

    // Which voxel type holds every modality value of the stack without loss.
    static VoxelType chooseVoxelType(const Stack& stack);

private:
    unsigned m_workers;
    size_t m_maxVolumeBytes;
    Isolation m_isolation;
};

} // namespace hf
