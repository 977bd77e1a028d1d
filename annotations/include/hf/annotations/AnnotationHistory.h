#pragma once
// Undo and redo for annotation edits. Every step, forwards or back, is written to the store as
// a new revision (undoing an addition leaves a tombstone, undoing a deletion restores), so the
// history never rewrites what the sync may already have sent. One thread at a time.
#include "hf/annotations/Annotation.h"

#include <optional>
#include <string>
#include <vector>

namespace hf {

class AnnotationStore;

class AnnotationHistory {
public:
    explicit AnnotationHistory(AnnotationStore& store);

    Annotation add(Annotation annotation);
    Annotation change(const Annotation& updated);  // same id, new points or label
    Annotation remove(const std::string& id);

    bool canUndo() const { return m_next > 0; }
    bool canRedo() const { return m_next < m_steps.size(); }
    std::string undoText() const;  // "Undo add length", for menus
    std::string redoText() const;
    // The annotation as stored after the step; nothing when there was no step.
    std::optional<Annotation> undo();
    std::optional<Annotation> redo();

private:
    enum class Kind { Add, Change, Remove };
    struct Step {
        Kind kind;
        Annotation before, after;
    };
    static std::string describe(const Step& step);
    void push(Step step);

    AnnotationStore& m_store;
    std::vector<Step> m_steps;
    size_t m_next = 0;  // steps before this index are done
};

} // namespace hf
