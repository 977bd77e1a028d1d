#pragma once
// Turns one parsed file's tags into FrameHeaders: one per frame, with per-frame functional
// groups applied for enhanced multi-frame objects; or, for an instance with no image to stack
// (SR, PR, KO, SEG, RT objects...), one object header. Pure function of its inputs; any thread.
#include "ElementSet.h"
#include "hf/dicomio/FrameHeader.h"

namespace hf {

class FrameHeaderReader {
public:
    FrameHeaderReader(std::string path, const ElementSet& meta, const ElementSet& dataSet);
    void appendTo(std::vector<FrameHeader>& frames, std::vector<FrameHeader>& objects, std::vector<FileError>& errors) const;

private:
    void readIdentity(FrameHeader& h) const;
    bool hasImagePixelModule() const;
    bool readImage(FrameHeader& h, std::string& error) const;
    void applyFunctionalGroups(const ElementSet& groups, FrameHeader& h) const;

    std::string m_path;
    const ElementSet& m_meta;
    const ElementSet& m_dataSet;
};

} // namespace hf
