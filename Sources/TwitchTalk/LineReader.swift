import Glibc

/// Reads lines from a file descriptor without trusting them: any bytes, any length.
///
/// A line longer than `limit` bytes is cut at the limit (the rest is read and dropped), so that a huge line
/// costs bounded memory. Invalid UTF-8 is replaced by U+FFFD; NUL bytes are kept for the core to judge.
struct LineReader {
    let fd: Int32
    let limit: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    init(fd: Int32 = STDIN_FILENO, limit: Int = 1 << 16) {
        self.fd = fd
        self.limit = limit
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

    private static func decode(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
