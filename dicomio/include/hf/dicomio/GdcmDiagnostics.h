#pragma once
// GDCM prints warnings for every odd file straight to stderr; we report problems per file
// ourselves, so executables call this once at start-up (it flips GDCM's process-wide switches).
namespace hf {

void silenceGdcmDiagnostics();

} // namespace hf
