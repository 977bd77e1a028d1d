#pragma once
// Turns one parsed file's tags into FrameHeaders: one per frame, with per-frame functional
// groups applied for enhanced multi-frame objects; or, for an instance with no image to stack
// (SR, PR, KO, SEG, RT objects...), one object header. Pure function of its inputs; any thread.
#include "hf/dicomio/FrameHeader.h"

namespace gdcm { class File; class DataSet; }

namespace hf {

class FrameHeaderReader {
public:
    FrameHeaderReader(std::string path, const gdcm::File& file);
    void appendTo(std::vector<FrameHeader>& frames, std::vector<FrameHeader>& objects, std::vector<FileError>& errors) const;

private:
    void readIdentity(FrameHeader& h) const;
    bool hasImagePixelModule() const;
    bool readImage(FrameHeader& h, std::string& error) const;
    void applyFunctionalGroups(const gdcm::DataSet& groups, FrameHeader& h) const;

    std::string m_path;
    const gdcm::File& m_file;
};

} // namespace hf
