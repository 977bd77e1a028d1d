#pragma once
// A transport layer whose connections send at once and acknowledge every read at once, around
// plain TCP or another layer's connections (TLS). Every association we make or accept goes
// through it.
// - TCP_NODELAY on each socket: DCMTK 3.6.7 leaves Nagle's algorithm on unless the environment
//   says TCP_NODELAY=1, and a DIMSE response is written in two pieces, the second then waiting
//   for the peer's delayed ACK: 40 ms per instance (a 500-instance C-MOVE took 37 s instead of
//   24 s). Set here rather than in the environment, which cannot be changed safely once threads
//   run.
// - TCP_QUICKACK after each read: a peer that sends with Nagle's algorithm on (DCMTK-based
//   archives such as Orthanc, unless TCP_NODELAY is set in their environment) holds the last
//   short segment of each message until the previous ones are acknowledged, and Linux delays
//   acknowledgements by up to 40 ms: measured on Orthanc 1.10, a 500-instance C-GET took
//   2.9-3.6 s and a C-MOVE 4.9-6.8 s with delayed acknowledgements, 0.65-0.78 s and 0.69-0.75 s
//   without. The kernel leaves quick-ack mode on its own, hence once per read.
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/dcmlayer.h>

namespace hf {

class QuickAckLayer : public DcmTransportLayer {
public:
    // inner: the layer that makes the connections (TLS); nullptr: plain TCP. Not owned.
    explicit QuickAckLayer(DcmTransportLayer* inner = nullptr) : m_inner(inner) {}

    // Plain TCP whatever useSecureLayer says when there is no inner layer: DcmSCU sets that flag
    // whenever a layer is given to it, and the plain connection's handshake does nothing.
    DcmTransportConnection* createConnection(DcmNativeSocketType openSocket, OFBool useSecureLayer) override;

private:
    DcmTransportLayer* m_inner;
};

} // namespace hf
