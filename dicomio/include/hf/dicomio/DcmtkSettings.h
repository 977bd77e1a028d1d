#pragma once
// DCMTK's process-wide settings for our use of it (file side and network alike), applied once
// before DCMTK reads a file or opens an association:
// - its log is quiet: every failure reaches the caller as a result with its reason, said once;
// - Nagle's algorithm is off on its sockets (DCMTK 3.6.7 leaves it on unless TCP_NODELAY=1):
//   a DIMSE response is written in two pieces, and with Nagle the second waits for the peer's
//   delayed ACK, 40 ms per instance received (measured: a 500-instance C-MOVE took 37 s instead
//   of 24 s). A TCP_NODELAY the user set is left alone.
namespace hf {

void quietDcmtk();

} // namespace hf
