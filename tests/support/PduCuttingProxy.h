#pragma once
// A TCP proxy on loopback for fault injection in DICOM network tests: it forwards both ways
// and, while cutting is on, drops the connection at the server's first P-DATA-TF PDU (the
// answer to the first DIMSE request) without passing it on: the server has done the work
// (stored the object) but the client never sees that it did.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <thread>
#include <vector>

namespace hf::test {

class PduCuttingProxy {
public:
    explicit PduCuttingProxy(int targetPort) : m_target(targetPort)
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a = loopback(0);
        if (::bind(m_listen, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(m_listen, 4) != 0)
            throw std::runtime_error("proxy: cannot listen");
        socklen_t len = sizeof a;
        ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&a), &len);
        m_port = ntohs(a.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~PduCuttingProxy()
    {
        m_stop = true;
        ::shutdown(m_listen, SHUT_RDWR);
        ::close(m_listen);
        m_thread.join();
    }
    int port() const { return m_port; }
    int cuts() const { return m_cuts; }

private:
    static sockaddr_in loopback(int port)
    {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(std::uint16_t(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return a;
    }

    void serve()
    {
        while (!m_stop) {
            pollfd p{m_listen, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0)
                continue;
            const int client = ::accept(m_listen, nullptr, nullptr);
            if (client < 0)
                continue;
            const int server = ::socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in a = loopback(m_target);
            if (::connect(server, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0)
                relay(client, server);
            ::close(server);
            ::close(client);
        }
    }

    void relay(int client, int server)
    {
        std::vector<unsigned char> fromServer;
        char buffer[65536];
        while (!m_stop) {
            pollfd p[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
            if (::poll(p, 2, 100) < 0)
                return;
            if (p[0].revents) {
                const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
                if (n <= 0 || ::send(server, buffer, size_t(n), MSG_NOSIGNAL) != n)
                    return;
            }
            if (p[1].revents) {
                const ssize_t n = ::recv(server, buffer, sizeof buffer, 0);
                if (n <= 0)
                    return;
                fromServer.insert(fromServer.end(), buffer, buffer + n);
                // Whole PDUs only: 1 byte type, 1 reserved, 4 bytes big-endian length.
                while (fromServer.size() >= 6) {
                    const std::uint32_t length = std::uint32_t(fromServer[2]) << 24 | std::uint32_t(fromServer[3]) << 16 |
                                                 std::uint32_t(fromServer[4]) << 8 | fromServer[5];
                    if (fromServer.size() < 6 + size_t(length))
                        break;
                    if (fromServer[0] == 0x04) {  // P-DATA-TF: the answer; cut here
                        ++m_cuts;
                        return;
                    }
                    if (::send(client, fromServer.data(), 6 + length, MSG_NOSIGNAL) != ssize_t(6 + length))
                        return;
                    fromServer.erase(fromServer.begin(), fromServer.begin() + 6 + length);
                }
            }
        }
    }

    int m_target = 0, m_port = 0, m_listen = -1;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_cuts{0};
    std::thread m_thread;
};

} // namespace hf::test
