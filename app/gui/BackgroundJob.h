#pragma once
// The one way the GUI runs work off its thread: `work` runs on a pool thread and returns what to
// do with its result on the GUI thread; that continuation runs only if the receiver still
// exists then (a window or task may close while its work is still running). Work never touches
// the receiver itself: it captures values.
#include <QPointer>
#include <QString>

#include <functional>

class QObject;
class QThreadPool;

namespace hf::gui {

using GuiContinuation = std::function<void()>;

class GuiReceiver {
public:
    // Made on the GUI thread (where the receiver is destroyed), copied into the work.
    explicit GuiReceiver(QObject* receiver);

    // Queues `then` on the GUI thread; dropped if the receiver is gone by then. Any thread.
    void deliver(GuiContinuation then) const;
    // A hint for long work (stop early): the receiver may still go right after this says yes.
    bool alive() const { return !m_receiver.isNull(); }

private:
    QPointer<QObject> m_receiver;
};

// Runs work() on `pool` (Qt's global pool when null) and delivers its continuation to
// `receiver`. If work throws, `failed` (when given) gets the message on the GUI thread instead.
void runInBackground(QObject* receiver, std::function<GuiContinuation()> work,
                     std::function<void(const QString&)> failed = {}, QThreadPool* pool = nullptr);

} // namespace hf::gui
