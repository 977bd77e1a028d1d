#include "hf/dicomio/net/NodeProbe.h"

#include "DicomWebQuery.h"
#include "HttpClient.h"
#include "ScuConnection.h"

#include "hf/dicomio/NewUid.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/scu.h>

namespace hf {
namespace {

void probeDimse(const PacsNode& node, NodeCapabilities& c)
{
    ScuTransport transport;  // outlives the association
    NodeScu scu;
    configureScu(scu, node);
    OFList<OFString> plain;
    plain.push_back(UID_LittleEndianExplicitTransferSyntax);
    plain.push_back(UID_LittleEndianImplicitTransferSyntax);
    for (const char* model : {UID_FINDStudyRootQueryRetrieveInformationModel, UID_GETStudyRootQueryRetrieveInformationModel,
                              UID_MOVEStudyRootQueryRetrieveInformationModel})
        scu.addPresentationContext(model, plain);
    scu.addPresentationContext(UID_CTImageStorage, plain, ASC_SC_ROLE_SCP);  // C-GET needs us as storage SCP
    std::string failure;
    if (!associate(scu, node, transport, failure)) {
        c.lines.push_back(failure);
        return;
    }
    c.find = scu.findPresentationContextID(UID_FINDStudyRootQueryRetrieveInformationModel, "") != 0;
    c.get = scu.findPresentationContextID(UID_GETStudyRootQueryRetrieveInformationModel, "") != 0;
    const T_ASC_PresentationContextID move = scu.findPresentationContextID(UID_MOVEStudyRootQueryRetrieveInformationModel, "");
    Uint16 moveStatus = 0;
    c.move = move != 0;
    if (c.move) {
        // A study that cannot exist: a known destination gets "nothing to do", an unknown one a failure.
        DcmDataset request;
        request.putAndInsertString(DCM_QueryRetrieveLevel, "STUDY");
        request.putAndInsertString(DCM_StudyInstanceUID, newUid().c_str());
        OFList<RetrieveResponse*> responses;
        const OFCondition cond = scu.sendMOVERequest(move, node.callingAeTitle.c_str(), &request, &responses);
        Uint16 status = 0xFFFF;
        for (RetrieveResponse* r : responses) {
            status = r->m_status;
            delete r;
        }
        c.moveDestinationKnown = cond.good() && status == 0x0000;
        moveStatus = cond.good() ? status : 0xFFFF;
    }
    if (scu.isConnected())
        scu.releaseAssociation();
    c.lines.push_back(std::string("C-FIND (study root): ") + (c.find ? "yes" : "no"));
    c.lines.push_back(std::string("C-GET (study root): ") + (c.get ? "yes" : "no"));
    c.lines.push_back(std::string("C-MOVE (study root): ") + (c.move ? "yes" : "no"));
    // 0xA801 is "move destination unknown"; some archives (Orthanc) answer any C-MOVE of a
    // study they do not have with a plain failure, and then the first retrieval will tell.
    const std::string destination = "C-MOVE destination " + node.callingAeTitle + " (port " + std::to_string(node.storagePort) + ")";
    if (c.move && c.moveDestinationKnown)
        c.lines.push_back(destination + ": known to the node");
    else if (c.move && moveStatus == 0xA801)
        c.lines.push_back(destination + ": NOT known to the node (add it with this computer's address and port)");
    else if (c.move)
        c.lines.push_back(destination + ": could not be checked (the node answers a C-MOVE of a study it does not have with a "
                                        "failure, whoever asks)");
    c.retrieval = c.get ? "C-GET" : (c.move && moveStatus != 0xA801) ? "C-MOVE" : "";
}

void probeDicomWeb(const PacsNode& node, NodeCapabilities& c)
{
    c.qido = c.echo.ok;
    c.lines.push_back(std::string("QIDO-RS: ") + (c.qido ? "yes" : "no"));
    if (!c.qido)
        return;
    // WADO-RS: the metadata of one study the node lists.
    RemoteQuery any;
    const RemoteQueryResult studies = findByQido(node, any);
    if (!studies.ok || studies.records.empty()) {
        c.lines.push_back("WADO-RS: not checked (the archive lists no study)");
        c.retrieval = "WADO-RS";
        return;
    }
    const std::string url = node.baseUrl + "/studies/" + urlEncode(studies.records.front().study.uid) + "/metadata";
    const HttpAnswer answer = httpRequest(node, {"GET", url, {"Accept: application/dicom+json"}, {}, {}});
    c.wado = answer.reached && answer.status == 200;
    c.lines.push_back(c.wado ? "WADO-RS: yes" : "WADO-RS: no (" + httpFailure(answer, "metadata", url) + ")");
    c.retrieval = c.wado ? "WADO-RS" : "";
    c.lines.push_back("STOW-RS: not checked (it would store an object)");
}

} // namespace

NodeCapabilities probeNode(const PacsNode& node)
{
    NodeCapabilities c;
    c.echo = echo(node);
    c.lines.push_back(c.echo.message);
    if (!c.echo.ok && node.kind == PacsNode::Kind::Dimse && c.echo.message.find("rejected") == std::string::npos &&
        c.echo.message.find("Verification") == std::string::npos)
        return c;  // not reachable: nothing more to learn
    if (node.kind == PacsNode::Kind::Dimse)
        probeDimse(node, c);
    else
        probeDicomWeb(node, c);
    c.lines.push_back(c.retrieval.empty() ? "Retrieval: nothing works with this node" : "Retrieval will use " + c.retrieval);
    return c;
}

} // namespace hf
