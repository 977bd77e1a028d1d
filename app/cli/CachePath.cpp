#include "CachePath.h"

#include <QStandardPaths>

namespace hf::cli {

QString defaultCachePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + "/hounsfield/cache.db";
}

} // namespace hf::cli
