#include "hf/viewer/FrameLinks.h"

namespace hf {

void FrameLinks::set(const std::string& from, const std::string& to, RigidTransform transform, std::string how)
{
    m_links.erase({to, from});
    m_links[{from, to}] = {transform, std::move(how)};
}

std::optional<FrameLinks::Link> FrameLinks::find(const std::string& from, const std::string& to) const
{
    if (from.empty() || to.empty())
        return std::nullopt;
    if (from == to)
        return Link{{}, "same frame of reference"};
    if (const auto there = m_links.find({from, to}); there != m_links.end())
        return there->second;
    if (const auto back = m_links.find({to, from}); back != m_links.end())
        return Link{back->second.transform.inverse(), back->second.how};
    return std::nullopt;
}

} // namespace hf
