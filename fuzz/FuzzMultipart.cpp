// libFuzzer target over the WADO-RS multipart splitter: whatever a server sends, in whatever
// pieces it arrives, the splitter never crashes or holds more than its bound (ASan, the run's
// memory limit), and what it leaves in the folder is what it says: as many whole files as
// parts(), each a DICOM file (DICM at 128), no unfinished ".part" once the body ended, and a
// refusal that always says why.
// Input: the first byte picks the piece size (1 to 256 bytes, or 64 KB), the rest is the body.
#include "MultipartSplitter.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace {

const std::string& folder()
{
    static const std::string path = [] {
        std::string p = "/dev/shm/hounsfield-fuzz-multipart-" + std::to_string(getpid());
        mkdir(p.c_str(), 0700);
        return p;
    }();
    return path;
}

std::vector<std::string> filesIn(const std::string& dir)
{
    std::vector<std::string> names;
    if (DIR* d = opendir(dir.c_str())) {
        while (const dirent* e = readdir(d))
            if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
                names.emplace_back(e->d_name);
        closedir(d);
    }
    return names;
}

void require(bool holds, const char* what)
{
    if (!holds) {
        std::fprintf(stderr, "multipart splitter: %s\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const size_t piece = data[0] == 255 ? 65536 : size_t(data[0]) + 1;
    const char* body = reinterpret_cast<const char*>(data + 1);
    const size_t length = size - 1;
    int parts = 0;
    bool refused = false;
    std::string why;
    {
        hf::MultipartSplitter splitter(folder());
        for (size_t at = 0; at < length && !refused; at += piece)
            refused = !splitter.feed(body + at, std::min(piece, length - at));
        splitter.finish();
        parts = splitter.parts();
        why = splitter.error();
        require(!refused || !why.empty(), "refused without a reason");
        require(refused || why.empty(), "a reason without a refusal");
    }
    const std::vector<std::string> left = filesIn(folder());
    require(left.size() == size_t(parts), "files left differ from parts()");
    for (const std::string& name : left) {
        require(name.size() < 5 || name.compare(name.size() - 5, 5, ".part") != 0, "an unfinished part left behind");
        std::ifstream in(folder() + "/" + name, std::ios::binary);
        char head[132] = {};
        in.read(head, sizeof head);
        require(in.gcount() == 132 && std::memcmp(head + 128, "DICM", 4) == 0, "a part that is not DICOM kept");
        unlink((folder() + "/" + name).c_str());
    }
    return 0;
}
