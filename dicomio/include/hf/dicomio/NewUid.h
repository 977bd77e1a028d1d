#pragma once
// Fresh UIDs for what we create (studies' secondary captures, registrations, retrievals' records).
#include <string>

namespace hf {

// A fresh UID under 2.25 (random 122 bits).
std::string newUid();

} // namespace hf
