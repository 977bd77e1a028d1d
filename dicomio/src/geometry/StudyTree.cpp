#include "hf/dicomio/StudyTree.h"

namespace hf {

const Stack* StudyTree::firstStack() const
{
    for (const auto& p : patients)
        for (const auto& st : p.studies)
            for (const auto& se : st.series)
                for (const auto& stack : se.stacks)
                    return &stack;
    return nullptr;
}

} // namespace hf
