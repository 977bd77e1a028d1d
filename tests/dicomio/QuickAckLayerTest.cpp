// Every association's socket sends at once (TCP_NODELAY set on the socket by QuickAckLayer),
// and preparing DCMTK leaves the process environment as it started: a setenv() on a worker
// thread while other threads read the environment can crash them.
#include "QuickAckLayer.h"

#include "hf/dicomio/DcmtkSettings.h"

#include <catch2/catch.hpp>

#include <dcmtk/dcmnet/dcmtrans.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

namespace {

// Whether the environment this process started with named `variable` (/proc/self/environ).
bool startedWith(const std::string& variable)
{
    std::ifstream environ("/proc/self/environ", std::ios::binary);
    const std::string all((std::istreambuf_iterator<char>(environ)), std::istreambuf_iterator<char>());
    return all.rfind(variable + "=", 0) == 0 || all.find('\0' + variable + "=") != std::string::npos;
}

int noDelayOf(int socket)
{
    int value = -1;
    socklen_t size = sizeof value;
    REQUIRE(getsockopt(socket, IPPROTO_TCP, TCP_NODELAY, &value, &size) == 0);
    return value;
}

} // namespace

TEST_CASE("a connection made through the quick-ack layer has Nagle's algorithm off, the environment untouched", "[net][nagle]")
{
    hf::quietDcmtk();
    CHECK((std::getenv("TCP_NODELAY") != nullptr) == startedWith("TCP_NODELAY"));

    // A loopback TCP connection: its client end handed to the layer as DCMTK hands a new one.
    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(listener >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(listen(listener, 1) == 0);
    socklen_t size = sizeof address;
    REQUIRE(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    const int client = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    const int accepted = accept(listener, nullptr, nullptr);
    REQUIRE(accepted >= 0);
    CHECK(noDelayOf(client) == 0);  // what the kernel gives, and DCMTK leaves

    hf::QuickAckLayer layer;
    const std::unique_ptr<DcmTransportConnection> connection(layer.createConnection(client, OFFalse));
    REQUIRE(connection);
    CHECK(noDelayOf(client) != 0);
    // The connection carries data both ways as the plain one would.
    char hello[] = "hello";
    CHECK(connection->write(hello, 5) == 5);
    char got[8] = {};
    CHECK(read(accepted, got, sizeof got) == 5);
    CHECK(std::string(got) == "hello");

    connection->close();  // closes `client`
    close(accepted);
    close(listener);
}
