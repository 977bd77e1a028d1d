#include "DicomWebQuery.h"

#include "HttpClient.h"
#include "QidoAnswer.h"

#include <cstdio>
#include <map>
#include <set>

namespace hf {
namespace {

using Result = std::map<std::string, std::string>;

std::string value(const Result& result, const char* tag)
{
    const auto found = result.find(tag);
    return found == result.end() ? std::string() : found->second;
}

int number(const Result& result, const char* tag)
{
    try {
        const std::string v = value(result, tag);
        return v.empty() ? 0 : std::stoi(v);
    } catch (const std::exception&) {
        return 0;
    }
}

// A QIDO-RS answer read for the wanted attributes, at most maxResults of them: false (and why,
// in `message`) unless it is a JSON list.
bool fetchList(const PacsNode& node, const std::string& url, const std::set<std::string>& wanted, size_t maxResults, QidoAnswer& list,
               std::string& message)
{
    const HttpAnswer answer = httpRequest(node, {"GET", url, {"Accept: application/dicom+json"}, {}, {}});
    if (!answer.reached || (answer.status != 200 && answer.status != 204)) {
        message = httpFailure(answer, "QIDO-RS", node.baseUrl);
        return false;
    }
    list = QidoAnswer::read(answer.body, wanted, maxResults);
    if (!list.ok)
        message = "QIDO-RS at " + node.baseUrl + " answered " + list.error;
    return list.ok;
}

} // namespace

std::string urlEncode(const std::string& text)
{
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '*' || c == '?') {
            out += char(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

RemoteQueryResult findByQido(const PacsNode& node, const RemoteQuery& q)
{
    RemoteQueryResult result;
    const bool seriesLevel = !q.studyUid.empty();
    std::string url = node.baseUrl + (seriesLevel ? "/studies/" + urlEncode(q.studyUid) + "/series?" : "/studies?");
    auto add = [&](const char* key, const std::string& v) {
        if (!v.empty())
            url += std::string(key) + "=" + urlEncode(v) + "&";
    };
    if (seriesLevel) {
        add("Modality", q.modality);
        url += "includefield=0008103E&includefield=00201209&includefield=00200011&includefield=00080060&includefield=00180015";
    } else {
        add("PatientName", q.patientName);
        add("PatientID", q.patientId);
        add("AccessionNumber", q.accessionNumber);
        add("ModalitiesInStudy", q.modality);
        if (!q.fromDate.empty() || !q.toDate.empty())
            add("StudyDate", q.fromDate + "-" + q.toDate);
        url += "includefield=00100030&includefield=00100040&includefield=00081030&includefield=00080061"
               "&includefield=00201206&includefield=00201208&includefield=00080030&includefield=00100021";
    }
    url += "&limit=" + std::to_string(q.maxRecords + 1);  // one more than wanted: says whether more match
    static const std::set<std::string> wanted{"00100010", "00100020", "00100021", "00100030", "00100040", "0020000D", "00080020",
                                              "00080030", "00081030", "00080050", "00080061", "00201206", "0020000E", "0008103E",
                                              "00080060", "00200011", "00180015", "00201209", "00201208"};
    QidoAnswer list;
    if (!fetchList(node, url, wanted, q.maxRecords, list, result.message))
        return result;
    result.truncated = list.truncated;  // an archive that ignores limit is cut there too
    for (const Result& o : list.results) {
        RemoteRecord r;
        r.patient.name = value(o, "00100010");
        r.patient.id = value(o, "00100020");
        r.issuerOfPatientId = value(o, "00100021");
        r.patient.birthDate = value(o, "00100030");
        r.patient.sex = value(o, "00100040");
        r.study.uid = value(o, "0020000D");
        r.study.date = value(o, "00080020");
        r.study.time = value(o, "00080030");
        r.study.description = value(o, "00081030");
        r.study.accessionNumber = value(o, "00080050");
        r.modalities = value(o, "00080061");
        r.seriesCount = number(o, "00201206");
        if (seriesLevel) {
            r.study.uid = q.studyUid;
            r.series.uid = value(o, "0020000E");
            r.series.description = value(o, "0008103E");
            r.series.modality = value(o, "00080060");
            r.series.number = number(o, "00200011");
            r.bodyPart = value(o, "00180015");
            r.instances = number(o, "00201209");
        } else {
            r.instances = number(o, "00201208");
        }
        result.records.push_back(r);
    }
    result.ok = true;
    result.message = std::to_string(result.records.size()) + (seriesLevel ? " series" : " studies") + " found on " + node.baseUrl +
                     truncationNote(result);
    return result;
}

SeriesInstancesResult findInstancesByQido(const PacsNode& node, const std::string& studyUid, const std::string& seriesUid,
                                          size_t maxInstances)
{
    SeriesInstancesResult result;
    const std::string url = node.baseUrl + "/studies/" + urlEncode(studyUid) + "/series/" + urlEncode(seriesUid) +
                            "/instances?includefield=00200013&includefield=00200032&includefield=00200037&limit=" +
                            std::to_string(maxInstances + 1);
    static const std::set<std::string> wanted{"00080018", "00200013", "00200032", "00200037"};
    QidoAnswer list;
    if (!fetchList(node, url, wanted, maxInstances, list, result.message))
        return result;
    result.truncated = list.truncated;
    for (const Result& o : list.results)
        result.instances.push_back(expectedInstance(value(o, "00080018"), value(o, "00200013"), value(o, "00200032"), value(o, "00200037")));
    result.ok = true;
    result.message = std::to_string(result.instances.size()) + " instances listed by " + node.baseUrl + (result.truncated ? " (more not read)" : "");
    return result;
}

} // namespace hf
