#pragma once
// Chooses the protocol for a study and hangs it: the protocol whose study rules all hold and
// hold the most (then the higher priority, then the name), else the fallback; then each stage's
// views take the first series (stack) their selectors find, in series order. Any thread.
#include "HangingPlan.h"
#include "ProtocolLibrary.h"
#include "StudyFacts.h"

#include <optional>

namespace hf::protocols {

// How many of the protocol's study rules hold; nothing when one fails.
std::optional<int> matchScore(const HangingProtocol& protocol, const StudyFacts& study, QStringList* reasons = nullptr);

// The best protocol for the study (never null: the fallback when nothing else matches).
const HangingProtocol& chooseProtocol(const ProtocolLibrary& library, const StudyFacts& study);

// The study hung by `protocol`, every stage.
HangingPlan hang(const HangingProtocol& protocol, const StudyFacts& study);

} // namespace hf::protocols
