#include "hf/annotations/AnnotationHistory.h"

#include "hf/annotations/AnnotationStore.h"

namespace hf {

AnnotationHistory::AnnotationHistory(AnnotationStore& store)
    : m_store(store)
{
}

void AnnotationHistory::push(Step step)
{
    m_steps.resize(m_next);  // a new edit drops what could have been redone
    m_steps.push_back(std::move(step));
    m_next = m_steps.size();
}

Annotation AnnotationHistory::add(Annotation annotation)
{
    const Annotation stored = m_store.add(std::move(annotation));
    push({Kind::Add, {}, stored});
    return stored;
}

Annotation AnnotationHistory::change(const Annotation& updated)
{
    const auto before = m_store.find(updated.id);
    const Annotation stored = m_store.update(updated);
    push({Kind::Change, before.value_or(Annotation{}), stored});
    return stored;
}

Annotation AnnotationHistory::remove(const std::string& id)
{
    const auto before = m_store.find(id);
    const Annotation stored = m_store.remove(id);
    push({Kind::Remove, before.value_or(Annotation{}), stored});
    return stored;
}

std::optional<Annotation> AnnotationHistory::undo()
{
    if (!canUndo())
        return std::nullopt;
    const Step& step = m_steps[--m_next];
    switch (step.kind) {
    case Kind::Add: return m_store.remove(step.after.id);
    case Kind::Change: {
        Annotation previous = step.before;
        previous.deleted = false;
        return m_store.update(previous);
    }
    case Kind::Remove: return m_store.restore(step.before.id);
    }
    return std::nullopt;
}

std::optional<Annotation> AnnotationHistory::redo()
{
    if (!canRedo())
        return std::nullopt;
    const Step& step = m_steps[m_next++];
    switch (step.kind) {
    case Kind::Add: return m_store.restore(step.after.id);
    case Kind::Change: return m_store.update(step.after);
    case Kind::Remove: return m_store.remove(step.before.id);
    }
    return std::nullopt;
}

std::string AnnotationHistory::describe(const Step& step)
{
    const char* verb = step.kind == Kind::Add ? "add " : step.kind == Kind::Change ? "change " : "delete ";
    return verb + std::string(annotationKindName(step.kind == Kind::Add ? step.after.kind : step.before.kind));
}

std::string AnnotationHistory::undoText() const
{
    return canUndo() ? "Undo " + describe(m_steps[m_next - 1]) : "Undo";
}

std::string AnnotationHistory::redoText() const
{
    return canRedo() ? "Redo " + describe(m_steps[m_next]) : "Redo";
}

} // namespace hf
