#include "BackgroundJob.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QThreadPool>

#include <exception>

namespace hf::gui {

GuiReceiver::GuiReceiver(QObject* receiver)
    : m_receiver(receiver)
{
}

void GuiReceiver::deliver(GuiContinuation then) const
{
    if (!then)
        return;
    // Posted to the application object, which outlives every window, and checked there: the
    // receiver is only ever destroyed on the GUI thread, so the check cannot race its deletion.
    QCoreApplication* app = QCoreApplication::instance();
    if (!app)
        return;
    QMetaObject::invokeMethod(
        app, [receiver = m_receiver, then = std::move(then)] {
            if (receiver)
                then();
        },
        Qt::QueuedConnection);
}

void runInBackground(QObject* receiver, std::function<GuiContinuation()> work, std::function<void(const QString&)> failed,
                     QThreadPool* pool)
{
    const GuiReceiver target(receiver);
    (pool ? pool : QThreadPool::globalInstance())->start([target, work = std::move(work), failed = std::move(failed)] {
        GuiContinuation then;
        try {
            then = work();
        } catch (const std::exception& e) {
            if (failed)
                then = [failed, reason = QString::fromUtf8(e.what())] { failed(reason); };
        }
        target.deliver(std::move(then));
    });
}

} // namespace hf::gui
