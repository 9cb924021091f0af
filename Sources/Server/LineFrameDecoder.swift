import NIOCore

/// One framed line from a client.
public enum Frame: Hashable, Sendable {
    /// A line without its `\n` (or `\r\n`).
    case line(ByteBuffer)
    /// A line longer than the limit; its bytes were dropped up to and including its newline.
    case tooLong
}

/// Splits the byte stream into lines of at most `limit` bytes. A longer line costs no memory beyond the limit: it
/// is skipped up to its newline and reported as `.tooLong`, after which the stream is in sync again.
public final class LineFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = Frame

    private let limit: Int
    /// Whether the bytes up to the next newline belong to a line that was too long.
    private var discarding = false
    /// How far the buffer was searched for a newline already.
    private var searched = 0

    public init(limit: Int) {
        self.limit = max(1, limit)
    }

    public func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = next(&buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(frame))
        return .continue
    }

    public func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        if let frame = next(&buffer) {
            context.fireChannelRead(wrapInboundOut(frame))
            return .continue
        }
        // The last line had no newline.
        if discarding {
            discarding = false
            buffer.moveReaderIndex(to: buffer.writerIndex)
            context.fireChannelRead(wrapInboundOut(.tooLong))
        } else if buffer.readableBytes > 0, let line = buffer.readSlice(length: buffer.readableBytes) {
            context.fireChannelRead(wrapInboundOut(.line(Self.trimmingReturn(line))))
        }
        searched = 0
        return .needMoreData
    }

    /// The next frame in `buffer`, if a whole one is there. Pure, so that it can be tested without a channel.
    public func next(_ buffer: inout ByteBuffer) -> Frame? {
        let view = buffer.readableBytesView
        let start = view.startIndex + min(searched, view.count)
        guard let newline = view[start...].firstIndex(of: UInt8(ascii: "\n")) else {
            searched = view.count
            if !discarding, view.count > limit { discarding = true }
            if discarding {
                // Drop what is buffered; only the search for the newline goes on.
                buffer.moveReaderIndex(to: buffer.writerIndex)
                searched = 0
            }
            return nil
        }
        let length = newline - view.startIndex
        searched = 0
        if discarding || length > limit {
            discarding = false
            buffer.moveReaderIndex(forwardBy: length + 1)
            return .tooLong
        }
        guard let line = buffer.readSlice(length: length) else { return nil }
        buffer.moveReaderIndex(forwardBy: 1)
        return .line(Self.trimmingReturn(line))
    }

    private static func trimmingReturn(_ line: ByteBuffer) -> ByteBuffer {
        var line = line
        if line.readableBytesView.last == UInt8(ascii: "\r") { line.moveWriterIndex(to: line.writerIndex - 1) }
        return line
    }
}
