import Glibc

/// The write end of the signal pipe, for the handler. Set before any handler is installed, then only read.
nonisolated(unsafe) private var signalWriteEnd: Int32 = -1

/// The signal handler: writes the signal's number to the pipe (async-signal-safe) and nothing else.
private func forwardSignal(_ number: Int32) {
    let saved = errno
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(signalWriteEnd, &byte, 1)
    errno = saved
}

/// Turns signals into bytes on a pipe (the self-pipe trick), so that the session handles them in its own loop,
/// where it may call readline and write files, rather than inside a signal handler.
public struct SignalPipe: ~Copyable {
    static let watched: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP]

    /// Poll this for the signals received.
    let readEnd: Int32
    private let writeEnd: Int32

    /// Creates the pipe and installs the handlers; `nil` if no pipe can be made.
    init?() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
        signalWriteEnd = writeEnd
        for number in Self.watched { Self.catching(number) }
    }

    /// Routes `number` to the pipe (again, after `defaulting`).
    static func catching(_ number: Int32) {
        signal(number, forwardSignal)
    }

    /// Gives `number` its default action.
    static func defaulting(_ number: Int32) {
        signal(number, SIG_DFL)
    }

    /// Takes `number`'s default action now, on this thread: stops the process for SIGTSTP (returning on SIGCONT),
    /// ends it for SIGTERM, SIGHUP or SIGPIPE. `raise` alone is not enough: the session may run on a thread of
    /// Swift's concurrency pool, which blocks signals, so the signal is unblocked here first.
    public static func raiseWithDefaultAction(_ number: Int32) {
        defaulting(number)
        var unblock = sigset_t()
        var saved = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, number)
        pthread_sigmask(SIG_UNBLOCK, &unblock, &saved)
        raise(number)
        pthread_sigmask(SIG_SETMASK, &saved, nil)
    }

    /// The signals received since the last call, in order.
    func drain() -> [Int32] {
        var received: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count > 0 {
                received += buffer.prefix(count).map { Int32($0) }
                continue
            }
            if count < 0, errno == EINTR { continue }
            return received
        }
    }

    deinit {
        for number in Self.watched { Self.defaulting(number) }
        signalWriteEnd = -1
        close(readEnd)
        close(writeEnd)
    }
}
