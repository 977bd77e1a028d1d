#pragma once
// Where the local cache lives when --db is not given: $XDG_DATA_HOME/hounsfield/cache.db
// (~/.local/share/hounsfield/cache.db).
#include <QString>

namespace hf::app {

QString defaultCachePath();

} // namespace hf::app
