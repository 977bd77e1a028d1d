#pragma once
// Reads a hanging protocol file (JSON, docs/hanging-protocols.md). Strict: an unknown field, a
// value of the wrong type, an invalid regular expression, an unknown layout or window preset is
// an error naming the file and the field ("ct-chest.json: stages[0].views[1].window: ..."),
// so that a typo never silently hangs a study differently. Any thread.
#include "HangingProtocol.h"

#include <QStringList>

#include <optional>

namespace hf::protocols {

class ProtocolReader {
public:
    // knownPresets: the window preset names a view may ask for (empty: any name is accepted).
    explicit ProtocolReader(QStringList knownPresets = {});

    // Nothing, and `error` set, when the file cannot be read or is malformed.
    std::optional<HangingProtocol> read(const QString& file, QString& error) const;
    std::optional<HangingProtocol> parse(const QByteArray& json, const QString& file, QString& error) const;

    static const QStringList& layouts();

private:
    QStringList m_presets;
};

} // namespace hf::protocols
