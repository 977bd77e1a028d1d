#include "DicomWebQuery.h"

#include "HttpClient.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace hf {
namespace {

using Json = nlohmann::json;

// The first value of a DICOM JSON attribute as text ("" when absent): PN by its alphabetic
// form, numbers as written.
std::string value(const Json& object, const char* tag)
{
    const auto attribute = object.find(tag);
    if (attribute == object.end() || !attribute->is_object())
        return {};
    const auto values = attribute->find("Value");
    if (values == attribute->end() || !values->is_array() || values->empty())
        return {};
    std::string out;
    for (const Json& v : *values) {
        std::string one;
        if (v.is_string())
            one = v.get<std::string>();
        else if (v.is_number_integer())
            one = std::to_string(v.get<long long>());
        else if (v.is_number())
            one = std::to_string(v.get<double>());
        else if (v.is_object() && v.contains("Alphabetic") && v["Alphabetic"].is_string())
            one = v["Alphabetic"].get<std::string>();
        out += (out.empty() ? "" : "\\") + one;
    }
    return out;
}

int number(const Json& object, const char* tag)
{
    try {
        const std::string v = value(object, tag);
        return v.empty() ? 0 : std::stoi(v);
    } catch (const std::exception&) {
        return 0;
    }
}

// A QIDO-RS answer: false (and why, in `message`) unless it is a JSON list.
bool fetchList(const PacsNode& node, const std::string& url, Json& list, std::string& message)
{
    const HttpAnswer answer = httpRequest(node, {"GET", url, {"Accept: application/dicom+json"}, {}, {}});
    if (!answer.reached || (answer.status != 200 && answer.status != 204)) {
        message = httpFailure(answer, "QIDO-RS", node.baseUrl);
        return false;
    }
    try {
        list = answer.body.empty() ? Json::array() : Json::parse(answer.body);
    } catch (const std::exception& e) {
        message = "QIDO-RS at " + node.baseUrl + " answered something that is not JSON (" + e.what() + ")";
        return false;
    }
    if (!list.is_array()) {
        message = "QIDO-RS at " + node.baseUrl + " answered JSON that is not a list of results";
        return false;
    }
    return true;
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
    Json list;
    if (!fetchList(node, url, list, result.message))
        return result;
    for (const Json& o : list) {
        if (!o.is_object())
            continue;
        if (result.records.size() == q.maxRecords) {
            result.truncated = true;  // an archive that ignores limit is cut here too
            break;
        }
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
    Json list;
    if (!fetchList(node, url, list, result.message))
        return result;
    for (const Json& o : list) {
        if (!o.is_object())
            continue;
        if (result.instances.size() == maxInstances) {
            result.truncated = true;
            break;
        }
        result.instances.push_back(expectedInstance(value(o, "00080018"), value(o, "00200013"), value(o, "00200032"), value(o, "00200037")));
    }
    result.ok = true;
    result.message = std::to_string(result.instances.size()) + " instances listed by " + node.baseUrl + (result.truncated ? " (more not read)" : "");
    return result;
}

} // namespace hf
