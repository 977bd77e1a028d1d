#pragma once
// A hanging plan as JSON (hounsfield-cli protocols --match), and a protocol as its file says it
// (what "Save layout as protocol" writes). Any thread.
#include "HangingPlan.h"

#include <QJsonObject>

namespace hf::protocols {

QJsonObject planToJson(const HangingPlan& plan);
QJsonObject protocolToJson(const HangingProtocol& protocol);

} // namespace hf::protocols
