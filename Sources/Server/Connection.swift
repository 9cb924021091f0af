import Assessment
import Dialogue
import Foundation
import Logging
import NIOCore

/// Told to every connection when the server stops: read no more lines, answer those in flight, then close.
struct StopReading: Sendable {}

/// Commits the store's queued changes once per event loop tick: after the loop has read every connection that
/// was ready, so that all the lines it read share one commit, made on the loop's own thread.
final class StoreFlusher {
    private let conversations: Conversations
    private let eventLoop: any EventLoop
    private var scheduled = false

    init(conversations: Conversations, eventLoop: any EventLoop) {
        self.conversations = conversations
        self.eventLoop = eventLoop
    }

    /// Asks for a commit at the end of this tick.
    func request() {
        guard !scheduled else { return }
        scheduled = true
        eventLoop.assumeIsolated().execute {
            self.scheduled = false
            self.conversations.flushStore()
        }
    }
}

/// One client connection, on its event loop: frames in, replies out, in request order.
///
/// Requests are pipelined: each line is decoded and applied to its conversation as soon as it arrives, while the
/// durable commits of earlier lines are still pending; its reply waits in `pending` until it and every reply before
/// it may be sent. A reply to an accepted turn is sent only once the turn is durable in the store. Reading pauses
/// while too many replies are pending or the client does not read its replies, so a slow client holds up only
/// itself and costs bounded memory.
final class ConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = Frame
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Mode { case undecided, json, plain }

    /// A reply waiting for its turn to be sent.
    private struct Slot {
        var reply: ByteBuffer
        /// The request whose change is not yet durable; nil once the reply may be sent.
        var awaiting: Request?
    }

    /// Beyond this many pending replies, the connection stops reading until the client catches up.
    static let maximumPending = 128

    private let server: SocketServer
    private let flusher: StoreFlusher
    private var context: ChannelHandlerContext?
    private var mode = Mode.undecided
    private var plain: Interview
    private var pending = CircularBuffer<Slot>(initialCapacity: 16)
    /// The sequence number of `pending.first`; each line gets the next number.
    private var headSequence = 0
    /// Registered with the server's connection count (and so to be released when closing).
    private var registered = false
    /// No more lines are taken; the connection closes once the pending replies are written.
    private var finishing = false
    private var closing = false
    private var readRequested = false
    private var needsFlush = false
    private let decoder = JSONDecoder()
    private let encoder = Turn.encoder

    init(server: SocketServer, flusher: StoreFlusher) {
        self.server = server
        self.flusher = flusher
        plain = Interview(knowledge: server.conversations.knowledge, reader: server.conversations.reader)
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelActive(context: ChannelHandlerContext) {
        if server.connections.open(context.channel) {
            registered = true
        } else {
            let message =
                server.isStopping
                ? "The server is stopping." : "Too many connections (at most \(server.connections.maximum))."
            append(Slot(reply: line(ProtocolError(.limitReached, message)), awaiting: nil), context: context)
            finish(context: context)
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        closing = true
        if registered {
            registered = false
            server.connections.close(context.channel)
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !finishing else { return }
        guard !server.isStopping else { return finish(context: context) }
        switch unwrapInboundIn(data) {
        case .tooLong:
            switch mode {
            case .undecided, .json:
                let message = "The line is longer than \(server.options.maximumLineBytes) bytes; it was skipped."
                append(Slot(reply: line(ProtocolError(.lineTooLong, message)), awaiting: nil), context: context)
            case .plain:
                let text = "That line is too long for me. Please answer in a sentence or two.\n"
                append(Slot(reply: context.channel.allocator.buffer(string: text), awaiting: nil), context: context)
            }
        case .line(let bytes):
            if case .undecided = mode {
                mode = bytes.readableBytesView.first == UInt8(ascii: "{") ? .json : .plain
            }
            switch mode {
            case .json, .undecided:
                answer(bytes, context: context)
            case .plain:
                let text = String(decoding: bytes.readableBytesView, as: UTF8.self)
                let isFirst = plain.pendingQuestion == nil && !plain.isDone
                let turn = Turn(isFirst && text.isEmpty ? plain.start() : plain.received(text: text))
                var reply = context.channel.allocator.buffer(capacity: 256)
                for sentence in turn.lines {
                    reply.writeString(sentence)
                    reply.writeInteger(UInt8(ascii: "\n"))
                }
                append(Slot(reply: reply, awaiting: nil), context: context)
                if plain.isDone { finish(context: context) }
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushIfNeeded(context: context)
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is StopReading {
            finish(context: context)
        } else if let event = event as? ChannelEvent, case .inputClosed = event {
            // A half-closed client still gets the replies to what it sent.
            finish(context: context)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        resumeReading(context: context)
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        server.logger.debug("connection closed with an error", metadata: ["error": "\(error)"])
        closing = true
        context.close(promise: nil)
    }

    func read(context: ChannelHandlerContext) {
        if mustPause(context) {
            readRequested = true
        } else {
            context.read()
        }
    }

    // MARK: Replies

    private func mustPause(_ context: ChannelHandlerContext) -> Bool {
        pending.count >= Self.maximumPending || !context.channel.isWritable
    }

    private func resumeReading(context: ChannelHandlerContext) {
        guard readRequested, !mustPause(context) else { return }
        readRequested = false
        context.read()
    }

    /// Decodes one JSON line and applies it; its reply is pending until its change is durable.
    private func answer(_ bytes: ByteBuffer, context: ChannelHandlerContext) {
        let request: Request
        switch Request.decode(Data(bytes.readableBytesView), using: decoder) {
        case .failure(let error):
            return append(Slot(reply: line(error), awaiting: nil), context: context)
        case .success(let decoded): request = decoded
        }
        if case .report(let format) = request.kind {
            switch server.conversations.report(request, format: format) {
            case .failure(let error): return append(Slot(reply: line(error), awaiting: nil), context: context)
            case .success(let report): return append(Slot(reply: line(report), awaiting: nil), context: context)
            }
        }
        let (result, durability) = server.conversations.handle(
            request, now: Date().timeIntervalSince1970, deferWrite: true)
        switch result {
        case .failure(let error):
            append(Slot(reply: line(error), awaiting: nil), context: context)
        case .success(let turn):
            let reply = replyLine(Reply(id: request.id, conversation: request.conversation, turn: turn))
            if durability.isDone {
                append(Slot(reply: reply, awaiting: nil), context: context)
                return
            }
            flusher.request()
            let sequence = headSequence + pending.count
            append(Slot(reply: reply, awaiting: request), context: context)
            let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
            durability.whenDurable { error in
                if handler.eventLoop.inEventLoop {
                    handler.value.durable(sequence, error: error)
                } else {
                    handler.eventLoop.execute { handler.value.durable(sequence, error: error) }
                }
            }
        }
    }

    /// The `sequence`-th reply may be sent (or, if its change failed, an error instead).
    private func durable(_ sequence: Int, error: (any Error)?) {
        let offset = sequence - headSequence
        guard offset >= 0, offset < pending.count else { return }
        let index = pending.index(pending.startIndex, offsetBy: offset)
        guard let request = pending[index].awaiting else { return }
        var slot = Slot(reply: pending[index].reply, awaiting: nil)
        if let error {
            server.logger.error("store write failed", metadata: ["error": "\(error)"])
            server.conversations.evict(request.conversation)
            let failure = ProtocolError(
                .storeFailed, "The turn could not be saved, so it was not taken; the conversation starts afresh.",
                id: request.id, conversation: request.conversation)
            slot.reply = line(failure)
        }
        pending[index] = slot
        guard let context, offset == 0 else { return }
        writeReady(context: context)
        flushIfNeeded(context: context)
    }

    private func append(_ slot: Slot, context: ChannelHandlerContext) {
        pending.append(slot)
        if pending.count == 1, slot.awaiting == nil { writeReady(context: context) }
    }

    /// Writes the replies at the head of the queue that may be sent.
    private func writeReady(context: ChannelHandlerContext) {
        while let first = pending.first, first.awaiting == nil {
            pending.removeFirst()
            headSequence += 1
            if !closing {
                context.write(wrapOutboundOut(first.reply), promise: nil)
                needsFlush = true
            }
        }
        if pending.isEmpty, finishing { closeAfterWrites(context: context) }
        resumeReading(context: context)
    }

    private func flushIfNeeded(context: ChannelHandlerContext) {
        guard needsFlush else { return }
        needsFlush = false
        context.flush()
    }

    /// Takes no more lines; closes once the pending replies are written.
    private func finish(context: ChannelHandlerContext) {
        guard !finishing else { return }
        finishing = true
        if pending.isEmpty { closeAfterWrites(context: context) }
    }

    private func closeAfterWrites(context: ChannelHandlerContext) {
        guard !closing else { return }
        closing = true
        needsFlush = false
        // An empty write completes once everything written before it is out.
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0))).assumeIsolated()
            .whenComplete { _ in
                context.close(promise: nil)
            }
    }

    private func replyLine(_ reply: Reply) -> ByteBuffer {
        var buffer = context?.channel.allocator.buffer(capacity: 512) ?? ByteBuffer()
        return ReplyWriter.write(reply, to: &buffer) ? buffer : line(reply)
    }

    private func line(_ value: some Encodable) -> ByteBuffer {
        var buffer: ByteBuffer
        if let data = try? encoder.encode(value) {
            buffer = context?.channel.allocator.buffer(capacity: data.count + 1) ?? ByteBuffer()
            buffer.writeBytes(data)
        } else {
            buffer = ByteBuffer(string: #"{"error":{"code":"internal","message":"The reply could not be encoded."}}"#)
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
        return buffer
    }
}
