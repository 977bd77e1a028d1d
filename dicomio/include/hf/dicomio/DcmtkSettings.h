#pragma once
// DCMTK's process-wide settings for our use of it (file side and network alike), applied once
// before DCMTK reads a file or opens an association: its log is quiet (every failure reaches the
// caller as a result with its reason, said once). Nothing here touches the environment: a
// setenv() while other threads read it (Mesa, Qt, glibc's own getenv callers) can crash them,
// and the first association is made on a worker thread. Nagle's algorithm is switched off per
// socket instead (QuickAckLayer, dicomio/net). The programs call this in main(), so DCMTK's log
// is configured before any thread can log through it.
namespace hf {

void quietDcmtk();

} // namespace hf
