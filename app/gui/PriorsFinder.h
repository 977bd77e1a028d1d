#pragma once
// The open study's priors for the timeline: the patient's earlier studies in the cache and on
// every configured PACS node (C-FIND or QIDO-RS by Patient ID), ranked as `hounsfield-cli
// priors` ranks them (the first is the default prior), found off the GUI thread. A newer find()
// makes older answers stale; they are dropped.
#include "StudyFactsReader.h"

#include "hf/dicomio/net/PacsNode.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace hf::gui {

struct FoundPrior {
    protocols::PriorStudy prior;
    QString node;  // a node that holds it (empty: none answered for it)
};

class PriorsFinder : public QObject {
    Q_OBJECT
public:
    PriorsFinder(QString dbPath, QObject* parent);

    // problems: the nodes that could not be asked, and why ("" when all answered).
    void find(const QString& studyUid, const std::vector<PacsNode>& nodes,
              std::function<void(std::vector<FoundPrior> priors, const QString& problems)> done);

private:
    QString m_dbPath;
    std::shared_ptr<std::atomic<int>> m_generation = std::make_shared<std::atomic<int>>(0);
};

} // namespace hf::gui
