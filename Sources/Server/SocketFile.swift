import Glibc

/// Socket file hygiene: where the socket goes, what may be replaced, and cleaning up.
public enum SocketFile {
    /// Why the server will not use a socket path.
    public enum Problem: Error, Hashable, Sendable, CustomStringConvertible {
        case notASocket(String)
        case inUse(String)
        case pathTooLong(String)
        case cannotInspect(String, String)
        case unsafeDirectory(String)

        public var description: String {
            switch self {
            case .notASocket(let path):
                "\(path) exists and is not a socket; it was left alone. Remove it or choose another --socket."
            case .inUse(let path):
                "Another server is already answering on \(path). Stop it first, or choose another --socket."
            case .pathTooLong(let path):
                "The socket path \(path) is too long (at most 107 bytes); choose a shorter --socket."
            case .cannotInspect(let path, let reason):
                "Cannot use the socket path \(path): \(reason)."
            case .unsafeDirectory(let path):
                "\(path) is not a private directory owned by you (mode 0700); choose another --socket."
            }
        }
    }

    /// The longest path a Unix socket address holds.
    static let maximumPathLength = 107

    /// `$XDG_RUNTIME_DIR/twitchtalk.sock`, or `twitchtalk.sock` in a private (0700) directory under /tmp,
    /// `/tmp/twitchtalk-UID` (the example bridge follows the same rule).
    public static func defaultPath() throws -> String {
        if let runtime = getenv("XDG_RUNTIME_DIR").map({ String(cString: $0) }), runtime.hasPrefix("/") {
            return runtime + "/twitchtalk.sock"
        }
        let directory = "/tmp/twitchtalk-\(getuid())"
        if mkdir(directory, 0o700) != 0, errno != EEXIST {
            throw Problem.cannotInspect(directory, String(cString: strerror(errno)))
        }
        var info = stat()
        guard lstat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid(),
            info.st_mode & 0o077 == 0
        else { throw Problem.unsafeDirectory(directory) }
        return directory + "/twitchtalk.sock"
    }

    /// Makes `path` free to bind: nothing there, or a stale socket (connection refused), which is removed.
    /// A live socket or anything that is not a socket is refused; a non-socket file is never deleted.
    public static func prepare(_ path: String) throws {
        guard path.utf8.count <= maximumPathLength else { throw Problem.pathTooLong(path) }
        var info = stat()
        if lstat(path, &info) != 0 {
            if errno == ENOENT { return }
            throw Problem.cannotInspect(path, String(cString: strerror(errno)))
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else { throw Problem.notASocket(path) }
        switch probe(path) {
        case .live: throw Problem.inUse(path)
        case .refused:
            if unlink(path) != 0, errno != ENOENT {
                throw Problem.cannotInspect(path, String(cString: strerror(errno)))
            }
        case .failed(let reason): throw Problem.cannotInspect(path, reason)
        }
    }

    enum Probe { case live, refused, failed(String) }

    /// Tries to connect to the socket at `path`, waiting at most about a second: a server whose queue of
    /// connections is full (it is alive, but not accepting) counts as live.
    static func probe(_ path: String) -> Probe {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return .failed(String(cString: strerror(errno))) }
        defer { close(fd) }
        // A Unix socket's connect waits for room in the listener's queue for at most the send timeout.
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.prefix(buffer.count - 1).enumerated() { buffer[index] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if result == 0 { return .live }
        switch errno {
        case ECONNREFUSED, ENOENT: return .refused
        case EAGAIN, EINPROGRESS, ETIMEDOUT, EINTR: return .live
        case let code: return .failed(String(cString: strerror(code)))
        }
    }

    /// The identity of the file at `path` (device and inode), to check that it is still ours before removing it.
    public static func identity(_ path: String) -> (UInt64, UInt64)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    /// Removes the socket at `path` if it is still the one identified by `identity`.
    public static func remove(_ path: String, identity expected: (UInt64, UInt64)?) {
        guard let expected, let current = identity(path), current == expected else { return }
        unlink(path)
    }
}
