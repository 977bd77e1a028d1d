#include "TransferQueue.h"

#include "AuditEvents.h"
#include "BackgroundJob.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheFileStore.h"
#include "hf/annotations/CacheRetriever.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/net/RemoteSend.h"

#include <QFileInfo>

namespace hf::gui {

TransferQueue::TransferQueue(QString dbPath, std::shared_ptr<app::AuditTrail> audit, QObject* parent)
    : QObject(parent)
    , m_dbPath(std::move(dbPath))
    , m_audit(std::move(audit))
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
    , m_waiting(std::make_shared<std::atomic<int>>(0))
{
    m_pool.setMaxThreadCount(1);
}

TransferQueue::~TransferQueue()
{
    m_cancel->store(true);
    m_pool.clear();  // what has not started is dropped; the running one stops at its next step
    m_pool.waitForDone();
}

void TransferQueue::cancelCurrent()
{
    m_cancel->store(true);
}

void TransferQueue::waitForIdle()
{
    m_pool.waitForDone();
}

template <class Job> void TransferQueue::post(const QString& label, Job job)
{
    ++*m_waiting;
    auto cancel = m_cancel;
    auto waiting = m_waiting;
    const GuiReceiver self(this);
    const std::string db = m_dbPath.toStdString();
    const auto observer = m_observer;
    runInBackground(this, [=]() -> GuiContinuation {
        --*waiting;
        cancel->store(false);
        // Progress goes to the GUI thread; a bar does not need more than every instance.
        auto report = [=](int done, int expected) {
            if (observer)
                observer(done, expected);
            self.deliver([=] { emit progress(label, done, expected, waiting->load()); });
            return !cancel->load();
        };
        report(0, 0);
        return job(db, report);
    }, {}, &m_pool);
}

void TransferQueue::setWantedSeries(const QString& seriesUid)
{
    const std::lock_guard<std::mutex> guard(m_wanted->lock);
    m_wanted->uid = seriesUid.toStdString();
}

void TransferQueue::retrieve(const PacsNode& node, const QString& studyUid, const QString& seriesUid, const QString& label,
                             QObject* receiver, std::function<void(bool)> whenDone, ArrivalReport whileArriving)
{
    const GuiReceiver self(this), asker(receiver);
    const auto audit = m_audit;
    const auto wanted = m_wanted;
    post(label, [=](const std::string& db, const std::function<bool(int, int)>& report) -> GuiContinuation {
        CacheRetrieval r;
        try {
            CacheDatabase cache(db);
            const std::string folder = QFileInfo(QString::fromStdString(db)).absolutePath().toStdString();
            const CacheFileStore store(folder);
            CacheRetriever retriever(cache, &store, folder + "/incoming");
            retriever.setWantedSeries([wanted] {
                const std::lock_guard<std::mutex> guard(wanted->lock);
                return wanted->uid;
            });
            if (whileArriving)
                retriever.setArrivalSink([asker, whileArriving](const std::string& series, int inCache, int expected) {
                    const QString uid = QString::fromStdString(series);
                    asker.deliver([whileArriving, uid, inCache, expected] { whileArriving(uid, inCache, expected); });
                });
            r = retriever.retrieve(node, studyUid.toStdString(), seriesUid.toStdString(), RetrieveMethod::Auto, report);
            app::recordExchange(*audit, app::studyEvent(AuditEventKind::Retrieve, cache, studyUid.toStdString(), r.received), node, r.ok,
                                r.message);
        } catch (const std::exception& e) {
            r.message = e.what();
        }
        const QString message = QString::fromStdString(r.message);
        const bool ok = r.ok;
        // Every window hears of it first, then the one that asked opens the study.
        self.deliver([=] { emit retrieved(studyUid, ok, message); });
        if (whenDone)
            asker.deliver([whenDone, ok] { whenDone(ok); });
        return {};
    });
}

void TransferQueue::send(const PacsNode& node, const QString& studyUid, const QString& label)
{
    const auto audit = m_audit;
    post(label, [=](const std::string& db, const std::function<bool(int, int)>& report) -> GuiContinuation {
        SendResult r;
        try {
            CacheDatabase cache(db);
            std::vector<SendItem> items;
            for (const auto& f : StudyIndex(cache).instancesOfStudy(studyUid.toStdString()))
                items.push_back({f.path, f.sopClassUid, f.transferSyntax});
            r = sendToNode(node, items, report);
            app::recordExchange(*audit, app::studyEvent(AuditEventKind::Send, cache, studyUid.toStdString(), int(items.size())), node, r.ok,
                                r.message);
        } catch (const std::exception& e) {
            r.message = e.what();
        }
        const QString message = QString::fromStdString(r.message);
        const bool ok = r.ok;
        return [=] { emit sent(studyUid, ok, message); };
    });
}

} // namespace hf::gui
