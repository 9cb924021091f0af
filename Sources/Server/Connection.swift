import Assessment
import Dialogue
import Foundation
import Logging
import NIOCore
import NIOExtras

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

/// One client connection, on its event loop: bytes in, replies out, in request order.
///
/// Requests are pipelined: each line is applied to its conversation as soon as it is taken, while the durable
/// commits of earlier lines are still pending; its reply waits in `pending` until it and every reply before it may
/// be sent. A reply to an accepted turn is sent only once the turn is durable in the store.
///
/// Backpressure and fairness: the handler frames the lines itself, from the bytes it has read, and takes a line
/// only while fewer than `maximumPending` replies wait and the client takes its replies (the channel is writable).
/// Otherwise it stops taking lines, and stops reading, so a client that does not read its replies costs at most the
/// bytes of one read and `maximumPending` replies, and no work. Each read is small (`SocketServer.readSize`) and a
/// connection reads once per event-loop turn, so every connection gets a turn after a bounded amount of work. When
/// the connection closes, the lines not yet taken are dropped.
final class ConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Mode { case undecided, json, plain }

    /// A reply waiting for its turn to be sent.
    private struct Slot {
        var reply: ByteBuffer
        /// The request whose change is not yet durable; nil once the reply may be sent.
        var awaiting: Request?
        /// How many times the line was taken again after a conflict (see `retake`).
        var retakes = 0
    }

    /// How many times a line is taken again when another server keeps taking turns in its conversation first.
    static let maximumRetakes = 8

    /// Beyond this many pending replies, the connection stops taking lines until the client catches up.
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
    /// The bytes read and not yet taken as lines.
    private var input = ByteBuffer()
    private let framer: LineFrameDecoder
    /// Whether `input` may hold a whole line not yet taken (taking stopped for backpressure or for the turn).
    private var backlog = false
    /// `resumeReading` is taking the backlog (which may call it again).
    private var inResume = false
    /// The client closed its side: the lines read are taken, then the connection finishes.
    private var inputEnded = false
    private let decoder = JSONDecoder()
    /// This connection's id in the count of live conversations per connection.
    private let owner: Int
    private let encoder = Turn.encoder

    init(server: SocketServer, flusher: StoreFlusher) {
        self.server = server
        self.flusher = flusher
        framer = LineFrameDecoder(limit: server.options.maximumLineBytes)
        owner = server.conversations.newOwner()
        // Relative dates ("since Monday") are read against today, as in a JSON conversation.
        plain = Interview(
            knowledge: server.conversations.knowledge, reader: server.conversations.reader, today: LocalDate.today())
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelActive(context: ChannelHandlerContext) {
        if let refusal = server.peerRefusal(context.channel) {
            server.logger.notice("connection refused", metadata: ["reason": "\(refusal)"])
            append(Slot(reply: line(ProtocolError(.permissionDenied, refusal)), awaiting: nil), context: context)
            finish(context: context)
        } else if server.connections.open(context.channel) {
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
        // The lines not yet taken are dropped: nobody would read their replies.
        input = ByteBuffer()
        backlog = false
        // The lines not yet taken are dropped: nobody would read their replies.
        input = ByteBuffer()
        backlog = false
        if registered {
            registered = false
            server.connections.close(context.channel)
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !finishing, !closing else { return }
        var bytes = unwrapInboundIn(data)
        if input.readableBytes == 0 {
            input = bytes
        } else {
            input.writeBuffer(&bytes)
        }
        takeLines(context: context)
    }

    /// Takes the whole lines in `input` while the client keeps up. `input` holds at most one read (a small one,
    /// see `SocketServer.readSize`), so a connection does a bounded amount of work per event-loop turn.
    private func takeLines(context: ChannelHandlerContext) {
        backlog = false
        while !finishing, !closing {
            if server.isStopping { return finish(context: context) }
            guard !mustPause(context) else {
                backlog = true
                break
            }
            guard let frame = framer.next(&input) else { break }
            take(frame, context: context)
        }
        if input.readableBytes == 0 {
            input.clear()
        } else if input.readerIndex > 65_536 {
            input.discardReadBytes()
        }
        if !backlog, inputEnded {
            // A last line without its newline is not taken (see PROTOCOL.md).
            finish(context: context)
        }
    }

    private func take(_ frame: Frame, context: ChannelHandlerContext) {
        switch frame {
        case .tooLong:
            switch mode {
            case .undecided, .json:
                let message = "The line is longer than \(server.options.maximumLineBytes) bytes; it was skipped."
                append(Slot(reply: line(ProtocolError(.lineTooLong, message)), awaiting: nil), context: context)
            case .plain:
                let text =
                    server.conversations.knowledge.messages[.tooLong]
                    .replacingOccurrences(of: "{limit}", with: String(Interview.maximumAnswerLength)) + "\n"
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
        if event is ChannelShouldQuiesceEvent {
            // The server is stopping: take no more lines, answer those taken, then close.
            finish(context: context)
        } else if let event = event as? ChannelEvent, case .inputClosed = event {
            // A half-closed client still gets the replies to the lines it sent.
            inputEnded = true
            if !backlog { finish(context: context) }
        } else if event is IdleStateHandler.IdleStateEvent {
            // Nothing read for the idle timeout: close, once the replies in flight are written.
            if pending.isEmpty, !backlog { finish(context: context) }
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
        if mustPause(context) || backlog {
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
        if backlog, !mustPause(context), !inResume {
            // The rest of the last read, now that the client keeps up again.
            inResume = true
            takeLines(context: context)
            flushIfNeeded(context: context)
            inResume = false
        }
        guard readRequested, !mustPause(context), !backlog else { return }
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
            let reply = server.conversations.report(
                request, format: format, now: Date().timeIntervalSince1970, owner: owner)
            switch reply {
            case .failure(let error): return append(Slot(reply: line(error), awaiting: nil), context: context)
            case .success(let report): return append(Slot(reply: line(report), awaiting: nil), context: context)
            }
        }
        let (result, durability) = server.conversations.handle(
            request, now: Date().timeIntervalSince1970, deferWrite: true, owner: owner)
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
            whenDurable(durability, sequence: sequence, context: context)
        }
    }

    private func whenDurable(_ durability: Durability, sequence: Int, context: ChannelHandlerContext) {
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        durability.whenDurable { error in
            if handler.eventLoop.inEventLoop {
                handler.value.durable(sequence, error: error)
            } else {
                handler.eventLoop.execute { handler.value.durable(sequence, error: error) }
            }
        }
    }

    /// The line's change conflicted with what the store holds: another server (sharing a PostgreSQL store) took a
    /// turn in the conversation first. The conversation was dropped from memory, so taking the line again reads it
    /// from the store and answers from its true state. False when the line was taken too often already.
    private func retake(at index: CircularBuffer<Slot>.Index, sequence: Int, request: Request) -> Bool {
        guard let context, pending[index].retakes < Self.maximumRetakes else { return false }
        server.logger.debug(
            "another server was first: taking the line again", metadata: ["conversation": "\(request.conversation)"])
        let (result, durability) = server.conversations.handle(
            request, now: Date().timeIntervalSince1970, deferWrite: true, owner: owner)
        pending[index].retakes += 1
        switch result {
        case .failure(let error):
            pending[index].reply = line(error)
            pending[index].awaiting = nil
            return false
        case .success(let turn):
            pending[index].reply = replyLine(Reply(id: request.id, conversation: request.conversation, turn: turn))
            if durability.isDone {
                pending[index].awaiting = nil
                return false
            }
            flusher.request()
            whenDurable(durability, sequence: sequence, context: context)
            return true
        }
    }

    /// The `sequence`-th reply may be sent (or, if its change failed, an error instead).
    private func durable(_ sequence: Int, error: (any Error)?) {
        let offset = sequence - headSequence
        guard offset >= 0, offset < pending.count else { return }
        let index = pending.index(pending.startIndex, offsetBy: offset)
        guard let request = pending[index].awaiting else { return }
        if case StoreError.conflict? = error, retake(at: index, sequence: sequence, request: request) { return }
        var slot = Slot(reply: pending[index].reply, awaiting: nil)
        if pending[index].awaiting == nil {
            // Taken again, and answered at once.
        } else if let error {
            server.logger.error("store write failed", metadata: ["error": "\(error)"])
            let failure = ProtocolError(
                .storeFailed,
                "The line could not be saved, so it was not taken: the conversation is as it was before it. "
                    + "Send it again.",
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
