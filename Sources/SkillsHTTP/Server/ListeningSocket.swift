import CSystem
import Glibc

/// A non-blocking listening TCP socket.
struct ListeningSocket {
    let fd: Int32
    /// The bound port (the kernel's choice when configured with port 0).
    let port: Int

    init(host: String, port: Int, backlog: Int) throws(HTTPServerError) {
        guard let address = SocketAddress(host: host, port: port) else {
            throw .invalid("host", "must be an IPv4 or IPv6 address or \"localhost\" (got \"\(host)\")")
        }
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw HTTPServerError(.systemCallFailed, "socket() failed: \(Self.errnoText())") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = address.withSockaddr { bind(fd, $0, $1) }
        guard bound == 0 else {
            let reason = Self.errnoText()
            close(fd)
            throw HTTPServerError(.bindFailed, keyPath: "port", "cannot bind \(host):\(port): \(reason)")
        }
        guard listen(fd, Int32(backlog)) == 0 else {
            let reason = Self.errnoText()
            close(fd)
            throw HTTPServerError(.bindFailed, "listen() failed: \(reason)")
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        self.port = SocketAddress.describe(storage).port
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
