#pragma once
// The installed hanging protocols: the built-in ones (resources/protocols, compiled in) and the
// reader's own folder (a protocol there replaces a built-in one of the same name). Files that
// cannot be read are left out and listed in errors(); a fallback protocol is always there.
// Read once; a value after that (any thread).
#include "HangingProtocol.h"

#include <QStringList>

#include <vector>

namespace hf::protocols {

class ProtocolLibrary {
public:
    // userFolder: *.json read after the built-in ones ("" or absent: none). knownPresets: see
    // ProtocolReader.
    ProtocolLibrary(const QString& userFolder, const QStringList& knownPresets);

    // ~/.config/hounsfield/protocols (XDG_CONFIG_HOME respected).
    static QString defaultUserFolder();
    // The window preset names the built-in presets file defines.
    static QStringList builtInPresetNames();

    const std::vector<HangingProtocol>& all() const { return m_protocols; }
    const HangingProtocol* byName(const QString& name) const;  // case-insensitive
    const HangingProtocol& fallback() const;
    // "file: field: reason" for every file left out.
    const QStringList& errors() const { return m_errors; }
    const QString& userFolder() const { return m_userFolder; }

private:
    void readFolder(const QString& folder, bool builtIn, const QStringList& knownPresets);

    QString m_userFolder;
    std::vector<HangingProtocol> m_protocols;
    QStringList m_errors;
};

} // namespace hf::protocols
