#pragma once
// The transfer syntaxes we accept when we are the storage SCP (C-GET and C-MOVE): every one we
// can decode, so that the archive does not have to transcode. Internal to dicomio.
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/ofstd/oflist.h>
#include <dcmtk/ofstd/ofstring.h>

namespace hf {

inline OFList<OFString> retrieveSyntaxes()
{
    OFList<OFString> syntaxes;
    for (const char* ts : {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax,
                           UID_JPEGLSLosslessTransferSyntax, UID_JPEG2000LosslessOnlyTransferSyntax, UID_JPEG2000TransferSyntax,
                           UID_JPEGProcess14SV1TransferSyntax, UID_JPEGProcess1TransferSyntax, UID_JPEGProcess2_4TransferSyntax,
                           UID_RLELosslessTransferSyntax, UID_DeflatedExplicitVRLittleEndianTransferSyntax,
                           UID_BigEndianExplicitTransferSyntax, UID_JPEGLSLossyTransferSyntax})
        syntaxes.push_back(ts);
    return syntaxes;
}

} // namespace hf
