#pragma once
// How Frames of Reference of one patient are tied together (a prior registered to the current
// study): the rigid transform from points of one frame to the same anatomy in the other, and how
// it was found ("registered (MI)"). Views of linked frames scroll together and show where they
// are. Value type, GUI thread.
#include "hf/dicomio/RigidTransform.h"

#include <map>
#include <optional>
#include <string>
#include <utility>

namespace hf {

class FrameLinks {
public:
    struct Link {
        RigidTransform transform;  // a point of `from` -> the same anatomy in `to`
        std::string how;            // "registered (MI), residual ..." as the corner says it
    };
    // The link from one frame to another (its inverse the other way).
    void set(const std::string& from, const std::string& to, RigidTransform transform, std::string how);
    // The transform taking points of `from` to `to` (identity for the same frame), with how.
    std::optional<Link> find(const std::string& from, const std::string& to) const;

private:
    std::map<std::pair<std::string, std::string>, Link> m_links;
};

} // namespace hf
