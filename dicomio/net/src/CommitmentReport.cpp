#include "CommitmentReport.h"

#include "ScuConnection.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <filesystem>

namespace hf {

bool CommitmentRequest::read(DcmDataset& dataset, CommitmentRequest& request, std::string& why)
{
    OFString transaction;
    if (dataset.findAndGetOFString(DCM_TransactionUID, transaction).bad() || transaction.empty()) {
        why = "the request has no Transaction UID";
        return false;
    }
    request.transactionUid = transaction.c_str();
    DcmSequenceOfItems* references = nullptr;
    if (dataset.findAndGetSequence(DCM_ReferencedSOPSequence, references).bad() || !references) {
        why = "the request has no Referenced SOP Sequence";
        return false;
    }
    for (unsigned long i = 0; i < references->card(); ++i) {
        OFString sopClass, sopInstance;
        references->getItem(i)->findAndGetOFString(DCM_ReferencedSOPClassUID, sopClass);
        references->getItem(i)->findAndGetOFString(DCM_ReferencedSOPInstanceUID, sopInstance);
        request.items.push_back({sopClass.c_str(), sopInstance.c_str()});
    }
    return true;
}

bool reportCommitment(const CommitmentRequest& request, const std::string& folder, const PacsNode& requester, std::string& why)
{
    DcmDataset report;
    report.putAndInsertString(DCM_TransactionUID, request.transactionUid.c_str());
    bool anyFailed = false;
    for (const CommitmentRequest::Item& item : request.items) {
        // What we hold: the durable file named by the instance's UID (never a path).
        const bool plain = !item.sopInstanceUid.empty() && item.sopInstanceUid.find_first_not_of("0123456789.") == std::string::npos;
        std::error_code ec;
        const bool held = plain && std::filesystem::is_regular_file(folder + "/" + item.sopInstanceUid, ec);
        DcmItem* entry = nullptr;
        report.findOrCreateSequenceItem(held ? DCM_ReferencedSOPSequence : DCM_FailedSOPSequence, entry, -2);
        if (!entry)
            continue;
        entry->putAndInsertString(DCM_ReferencedSOPClassUID, item.sopClassUid.c_str());
        entry->putAndInsertString(DCM_ReferencedSOPInstanceUID, item.sopInstanceUid.c_str());
        if (!held) {
            entry->putAndInsertUint16(DCM_FailureReason, 0x0112);  // no such object instance
            anyFailed = true;
        }
    }
    NodeScu scu;
    configureScu(scu, requester);
    OFList<OFString> syntaxes;
    syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
    syntaxes.push_back(UID_LittleEndianImplicitTransferSyntax);
    // We are the SCP of the push model opening the association to report; like most
    // implementations (Orthanc among them) the requester takes it without role selection.
    scu.addPresentationContext(UID_StorageCommitmentPushModelSOPClass, syntaxes);
    ScuTransport transport;
    if (!associate(scu, requester, transport, why))
        return false;
    const T_ASC_PresentationContextID context = scu.findPresentationContextID(UID_StorageCommitmentPushModelSOPClass, "");
    if (context == 0) {
        why = nodeAddress(requester) + " did not accept the Storage Commitment report";
        scu.releaseAssociation();
        return false;
    }
    Uint16 status = 0xFFFF;
    // Event type 1: all committed; 2: some failed.
    const OFCondition sent = scu.sendEVENTREPORTRequest(context, UID_StorageCommitmentPushModelSOPInstance, anyFailed ? 2 : 1, &report, status);
    scu.releaseAssociation();
    if (sent.bad() || status != 0) {
        why = "the Storage Commitment report to " + nodeAddress(requester) + " failed (" + (sent.bad() ? sent.text() : "status " + std::to_string(status)) + ")";
        return false;
    }
    return true;
}

} // namespace hf
