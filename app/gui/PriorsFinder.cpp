#include "PriorsFinder.h"

#include "BackgroundJob.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/net/RemoteQuery.h"

#include <map>

namespace hf::gui {

PriorsFinder::PriorsFinder(QString dbPath, QObject* parent)
    : QObject(parent)
    , m_dbPath(std::move(dbPath))
{
}

void PriorsFinder::find(const QString& studyUid, const std::vector<PacsNode>& nodes,
                        std::function<void(std::vector<FoundPrior>, const QString&)> done)
{
    const int generation = ++*m_generation;
    runInBackground(this, [generation, latest = m_generation, db = m_dbPath.toStdString(), uid = studyUid.toStdString(), nodes,
                           done]() -> GuiContinuation {
        CacheDatabase database(db);
        const auto identity = StudyIndex(database).studyIdentity(uid);
        if (!identity || *latest != generation)
            return {};
        const std::string issuer = protocols::issuerOfPatientId(database, uid);
        std::vector<protocols::RemoteStudy> remote;
        std::map<std::string, QString> nodeOf;
        QStringList problems;
        for (const PacsNode& node : nodes) {
            const PatientStudiesResult found = findPatientStudies(node, identity->first.id, issuer);
            if (!found.ok) {
                problems << QString::fromStdString(node.name + ": " + found.message);
                continue;
            }
            if (found.truncated)  // shown like a problem: the oldest studies were not asked for
                problems << QString::fromStdString(node.name + ": " + found.message);
            for (size_t n = 0; n < found.studies.size(); ++n) {
                const RemoteRecord& r = found.studies[n];
                if (nodeOf.emplace(r.study.uid, QString::fromStdString(node.name)).second)
                    remote.push_back({r.patient.id, r.study, r.modalities, found.bodyParts[n], r.instances});
            }
        }
        std::vector<FoundPrior> priors;
        for (protocols::PriorStudy& p : protocols::findPriors(database, uid, remote)) {
            const auto node = nodeOf.find(p.study.uid);
            priors.push_back({std::move(p), node == nodeOf.end() ? QString() : node->second});
        }
        return [generation, latest, priors = std::move(priors), problems = problems.join("; "), done] {
            if (*latest == generation)
                done(priors, problems);
        };
    });
}

} // namespace hf::gui
