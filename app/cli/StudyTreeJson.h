#pragma once
// The `info --json` document (cli.md): patients > studies > series > stacks, loading each stack
// to report its pixel statistics and decode errors.
#include "hf/dicomio/StudyTree.h"

#include <QJsonObject>

namespace hf::cli {

class StudyTreeJson {
public:
    explicit StudyTreeJson(bool withStatistics) : m_withStatistics(withStatistics) {}

    QJsonObject describe(const StudyTree& tree, size_t filesSeen, std::vector<FileError>& errors) const;
    static QString asText(const QJsonObject& report);

private:
    QJsonObject describeStack(const Stack& stack, std::vector<FileError>& errors) const;
    bool m_withStatistics;
};

} // namespace hf::cli
