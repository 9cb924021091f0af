import Glibc

/// Reads lines from a file descriptor without trusting them: any bytes, any length.
///
/// A line longer than `limit` bytes is cut at the limit (the rest is read and dropped), so that a huge line
/// costs bounded memory. Invalid UTF-8 is replaced by U+FFFD; NUL bytes are kept for the core to judge.
///
/// With `watching` set to an output (standard output), it also stops when that output is closed while it waits:
/// `twitchtalk --json | head -1` ends when `head` does, without waiting for more input.
struct LineReader {
    let fd: Int32
    let limit: Int
    let watched: Int32?
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// Whether reading stopped because the watched output was closed.
    private(set) var outputClosed = false

    init(fd: Int32 = STDIN_FILENO, limit: Int = 1 << 16, watching watched: Int32? = nil) {
        self.fd = fd
        self.limit = limit
        self.watched = watched
    }

    /// The next line without its newline (`\n` or `\r\n`), or `nil` at the end of input.
    mutating func next() -> String? {
        var line: [UInt8] = []
        var sawAny = false
        while true {
            if start == buffer.count {
                if atEnd || !fill() {
                    atEnd = true
                    return sawAny ? Self.decode(line) : nil
                }
            }
            sawAny = true
            let slice = buffer[start...]
            if let newline = slice.firstIndex(of: UInt8(ascii: "\n")) {
                append(buffer[start..<newline], to: &line)
                start = newline + 1
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return Self.decode(line)
            }
            append(slice, to: &line)
            start = buffer.count
        }
    }

    private func append(_ bytes: ArraySlice<UInt8>, to line: inout [UInt8]) {
        let room = limit - line.count
        if room > 0 { line.append(contentsOf: bytes.prefix(room)) }
    }

    private mutating func fill() -> Bool {
        buffer = [UInt8](repeating: 0, count: 1 << 16)
        start = 0
        if let watched, !waitForInput(watching: watched) {
            outputClosed = true
            buffer = []
            return false
        }
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.removeSubrange(count...)
                return true
            }
            if count < 0, errno == EINTR { continue }
            buffer = []
            return false
        }
    }

    /// Waits until the input is readable (or ended); false if the watched output was closed first. A pipe whose
    /// reader has gone reports POLLERR; a hung-up terminal POLLHUP.
    private func waitForInput(watching output: Int32) -> Bool {
        var fds = [
            pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
            pollfd(fd: output, events: 0, revents: 0),
        ]
        while true {
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return true  // cannot tell: let read() decide
            }
            if fds[0].revents != 0 { return true }
            if fds[1].revents & Int16(POLLERR | POLLHUP) != 0 { return false }
            if fds[1].revents & Int16(POLLNVAL) != 0 { return true }
        }
    }

    private static func decode(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
