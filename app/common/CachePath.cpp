#include "CachePath.h"

#include <QStandardPaths>

namespace hf::app {

QString defaultCachePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + "/hounsfield/cache.db";
}

} // namespace hf::app
