#include "hf/annotations/Annotation.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>
#include <sstream>
#include <stdexcept>

namespace hf {
namespace {

struct KindName {
    AnnotationKind kind;
    const char* name;
    int points;
};

constexpr std::array<KindName, 12> kKinds{{{AnnotationKind::Length, "length", 2},
                                          {AnnotationKind::Angle, "angle", 3},
                                          {AnnotationKind::CobbAngle, "cobb", 4},
                                          {AnnotationKind::Ellipse, "ellipse", 2},
                                          {AnnotationKind::Rectangle, "rectangle", 2},
                                          {AnnotationKind::Polygon, "polygon", 3},
                                          {AnnotationKind::Freehand, "freehand", 3},
                                          {AnnotationKind::Point, "point", 1},
                                          {AnnotationKind::Arrow, "arrow", 2},
                                          {AnnotationKind::Text, "text", 1},
                                          {AnnotationKind::Sphere, "sphere", 2},
                                          {AnnotationKind::Path, "path", 2}}};

} // namespace

const char* annotationKindName(AnnotationKind kind)
{
    for (const auto& k : kKinds)
        if (k.kind == kind)
            return k.name;
    return "unknown";
}

std::optional<AnnotationKind> annotationKindFromName(const std::string& name)
{
    for (const auto& k : kKinds)
        if (name == k.name)
            return k.kind;
    return std::nullopt;
}

int requiredPoints(AnnotationKind kind)
{
    for (const auto& k : kKinds)
        if (k.kind == kind)
            return k.points;
    return 1;
}

bool variablePointCount(AnnotationKind kind)
{
    return kind == AnnotationKind::Polygon || kind == AnnotationKind::Freehand || kind == AnnotationKind::Path;
}

std::vector<Vec3> parsePoints(const std::string& text)
{
    std::vector<Vec3> points;
    std::stringstream all(text);
    std::string item;
    while (std::getline(all, item, ';')) {
        if (item.find_first_not_of(" \t") == std::string::npos)
            continue;
        double v[3];
        char tail = 0;
        if (std::sscanf(item.c_str(), " %lf , %lf , %lf %c", &v[0], &v[1], &v[2], &tail) != 3)
            throw std::invalid_argument("point '" + item + "' is not x,y,z");
        points.push_back({v[0], v[1], v[2]});
    }
    return points;
}

std::string formatPoints(const std::vector<Vec3>& points)
{
    std::string out;
    char buffer[96];
    for (const Vec3& p : points) {
        std::snprintf(buffer, sizeof buffer, "%s%.17g,%.17g,%.17g", out.empty() ? "" : ";", p.x, p.y, p.z);
        out += buffer;
    }
    return out;
}

std::string newAnnotationId()
{
    static thread_local std::mt19937_64 random{std::random_device{}() ^ std::uint64_t(std::chrono::steady_clock::now().time_since_epoch().count())};
    const std::uint64_t a = random(), b = random();
    char s[40];
    std::snprintf(s, sizeof s, "%08x-%04x-4%03x-%04x-%012llx", unsigned(a >> 32), unsigned((a >> 16) & 0xffff), unsigned(a & 0xfff),
                  unsigned(0x8000 | ((b >> 48) & 0x3fff)), (unsigned long long)(b & 0xffffffffffffULL));
    return s;
}

std::string utcNow()
{
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const int millis = int(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char s[40];
    const size_t n = std::strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(s + n, sizeof s - n, ".%03dZ", millis);
    return s;
}

} // namespace hf
