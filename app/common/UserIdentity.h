#pragma once
// Who reads: the name and ID from Settings (the first interactive start asks), else the login
// name. The author of annotations, the observer in SR/GSPS and the active participant of the
// audit trail.
#include <QString>

class QSettings;

namespace hf::app {

struct UserIdentity {
    QString name;  // "Dr A. Reader"
    QString id;    // the hospital's user ID; the login name when none is configured

    bool configured() const { return !name.isEmpty(); }
    // The settings' identity, or (not configured) the login name as both name and ID.
    static UserIdentity load(QSettings& settings);
    void save(QSettings& settings) const;
    static QString loginName();
    // The name to show as author: the configured name, else the login name.
    QString author() const { return name.isEmpty() ? loginName() : name; }
};

} // namespace hf::app
