#include "DicomWebRequest.h"

#include "HttpClient.h"

namespace hf {

EchoResult dicomWebPing(const PacsNode& node)
{
    // QIDO-RS: the smallest study query tells whether the service answers and speaks DICOMweb.
    const std::string url = node.baseUrl + "/studies?limit=1";
    const HttpAnswer answer = httpRequest(node, {"GET", url, {"Accept: application/dicom+json"}, {}, {}});
    EchoResult result;
    if (answer.reached && (answer.status == 200 || answer.status == 204)) {
        result.ok = true;
        result.message = "QIDO-RS at " + node.baseUrl + " answered (HTTP " + std::to_string(answer.status) + ")";
    } else if (!answer.reached) {
        result.message = answer.error + " at " + node.baseUrl;
    } else {
        result.message = httpFailure(answer, "QIDO-RS", node.baseUrl);
    }
    return result;
}

} // namespace hf
