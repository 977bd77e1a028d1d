#pragma once
// Before a receiver is configured: can we listen on this TCP port, and under which addresses
// and host name do other machines reach this one (what the PACS administrator must be told).
#include <string>
#include <vector>

namespace hf {

// True when a listening socket could be bound on every interface at `port` now (a bind is
// tried; nothing listens).
bool portIsFree(int port);
// True when some socket of this machine listens on TCP `port` (read from /proc/net: nothing is
// bound or connected, so a server starting up is not disturbed).
bool portIsListening(int port);
// This machine's host name and its non-loopback IPv4 and IPv6 addresses.
std::string hostName();
std::vector<std::string> localAddresses();

} // namespace hf
