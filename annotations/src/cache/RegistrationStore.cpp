#include "hf/annotations/RegistrationStore.h"

#include "Statement.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <sstream>

namespace hf {
namespace {

std::string encode(const RigidTransform& t)
{
    std::string out;
    char number[32];
    for (double v : t.rotation) {
        std::snprintf(number, sizeof number, "%.17g ", v);
        out += number;
    }
    for (double v : {t.translation.x, t.translation.y, t.translation.z}) {
        std::snprintf(number, sizeof number, "%.17g ", v);
        out += number;
    }
    out.pop_back();
    return out;
}

// Nothing when the text is not 12 finite numbers (a damaged row is no registration).
std::optional<RigidTransform> decode(const std::string& text)
{
    std::istringstream in(text);
    double v[12];
    for (double& x : v)
        if (!(in >> x) || !std::isfinite(x))
            return std::nullopt;
    RigidTransform t;
    for (size_t i = 0; i < 9; ++i)
        t.rotation[i] = v[i];
    t.translation = {v[9], v[10], v[11]};
    return t;
}

std::string utcNow()
{
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

} // namespace

RegistrationStore::RegistrationStore(CacheDatabase& db)
    : m_db(db)
{
}

void RegistrationStore::save(const std::string& fixedFrame, const std::string& movingFrame, const RigidTransform& transform,
                             const std::string& how)
{
    Statement other(m_db, "DELETE FROM registrations WHERE fixed_frame = ?1 AND moving_frame = ?2");
    other.bind(1, movingFrame).bind(2, fixedFrame).step();
    Statement put(m_db, "INSERT OR REPLACE INTO registrations (fixed_frame, moving_frame, transform, how, made) VALUES (?1, ?2, ?3, ?4, ?5)");
    put.bind(1, fixedFrame).bind(2, movingFrame).bind(3, encode(transform)).bind(4, how).bind(5, utcNow()).step();
}

std::optional<StoredRegistration> RegistrationStore::find(const std::string& fixedFrame, const std::string& movingFrame) const
{
    for (const bool reversed : {false, true}) {
        Statement get(m_db, "SELECT transform, how, made FROM registrations WHERE fixed_frame = ?1 AND moving_frame = ?2");
        get.bind(1, reversed ? movingFrame : fixedFrame).bind(2, reversed ? fixedFrame : movingFrame);
        if (!get.step())
            continue;
        const auto transform = decode(get.text(0));
        if (!transform)
            return std::nullopt;
        return StoredRegistration{reversed ? transform->inverse() : *transform, get.text(1), get.text(2)};
    }
    return std::nullopt;
}

} // namespace hf
