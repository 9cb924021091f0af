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

/// One client connection, on its event loop: performs what its `ConnectionStateMachine` says (bytes in, replies out,
/// in request order) and answers the lines the machine gives it, JSON requests through `Conversations.handle`, plain
/// text through a `Conversations.PrivateConversation`.
///
/// Each read is small (`SocketServer.readSize`) and a connection reads once per event-loop turn, so every connection
/// gets a turn after a bounded amount of work. A reply to an accepted turn is sent only once the turn is durable in
/// the store.
final class ConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Beyond this many pending replies, the connection stops taking lines until the client catches up.
    static let maximumPending = 8
    /// How long a closing connection, its replies out and its output shut, waits for the client to close its side
    /// (see `ConnectionStateMachine`).
    static let lingerTime = TimeAmount.seconds(2)

    private let server: SocketServer
    private let flusher: StoreFlusher
    /// Seconds since 1970, now: when a line is applied (and so what "today" is for a new conversation).
    private let clock: @Sendable () -> Double
    private var machine: ConnectionStateMachine
    private var context: ChannelHandlerContext?
    /// The plain-text conversation, once the first line chose plain text.
    private var plain: Conversations.PrivateConversation?
    /// Replies were written since the last flush.
    private var needsFlush = false
    /// `takeLines` is running (a write inside it may report a change of writability, which asks for it again).
    private var taking = false
    private let decoder = JSONDecoder()
    /// This connection's id in the count of live conversations per connection.
    private let owner: Int
    private let encoder = Turn.encoder

    init(
        server: SocketServer, flusher: StoreFlusher,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.server = server
        self.flusher = flusher
        self.clock = clock
        machine = ConnectionStateMachine(
            maximumLineBytes: server.options.maximumLineBytes, maximumPending: Self.maximumPending)
        owner = server.conversations.newOwner()
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelActive(context: ChannelHandlerContext) {
        let refusal: ByteBuffer?
        if let reason = server.peerRefusal(context.channel) {
            server.logger.notice("connection refused", metadata: ["reason": "\(reason)"])
            refusal = line(ProtocolError(.permissionDenied, reason))
        } else if server.connections.open(context.channel) {
            refusal = nil
        } else {
            let message =
                server.isStopping
                ? "The server is stopping." : "Too many connections (at most \(server.connections.maximum))."
            refusal = line(ProtocolError(.limitReached, message))
        }
        perform(machine.activated(refusal: refusal, isWritable: context.channel.isWritable), context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if machine.inactive() { server.connections.close(context.channel) }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch machine.channelRead(unwrapInboundIn(data)) {
        case .takeLines:
            // Flushed at the end of the read (`channelReadComplete`).
            takeLines(context: context)
        case .none, .read, .write, .closeAfterWrites, .close:
            break
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushIfNeeded(context: context)
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            // The server is stopping: take no more lines, answer those taken, then close.
            perform(machine.finish(), context: context)
        } else if let event = event as? ChannelEvent, case .inputClosed = event {
            // A half-closed client still gets the replies to the lines it sent.
            perform(machine.inputClosed(), context: context)
        } else if event is IdleStateHandler.IdleStateEvent {
            // Nothing read for the idle timeout: close, once the replies in flight are written.
            perform(machine.idle(), context: context)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        perform(machine.writabilityChanged(isWritable: context.channel.isWritable), context: context)
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        server.logger.debug("connection closed with an error", metadata: ["error": "\(error)"])
        perform(machine.errorCaught(), context: context)
    }

    func read(context: ChannelHandlerContext) {
        switch machine.read() {
        case .read: context.read()
        case .holdBack: break
        }
    }

    // MARK: Actions

    private func perform(_ action: ConnectionStateMachine.Action, context: ChannelHandlerContext) {
        switch action {
        case .none:
            break
        case .read:
            context.read()
        case .takeLines:
            takeLines(context: context)
            flushIfNeeded(context: context)
        case .write(let replies, let next):
            for reply in replies { context.write(wrapOutboundOut(reply), promise: nil) }
            needsFlush = true
            switch next {
            case .none: flushIfNeeded(context: context)
            case .read:
                flushIfNeeded(context: context)
                context.read()
            case .takeLines:
                takeLines(context: context)
                flushIfNeeded(context: context)
            case .closeAfterWrites: closeAfterWrites(context: context)
            }
        case .closeAfterWrites:
            closeAfterWrites(context: context)
        case .close:
            context.close(promise: nil)
        }
    }

    /// Takes the lines read, one at a time, while the machine gives them.
    private func takeLines(context: ChannelHandlerContext) {
        // A nested call (from a write that changed the writability) has nothing to do: this loop asks again.
        guard !taking else { return }
        taking = true
        defer { taking = false }
        while true {
            switch machine.nextLine(isStopping: server.isStopping) {
            case .take(let frame, let mode):
                take(frame, mode: mode, context: context)
            case .stop:
                return
            case .read:
                context.read()
                return
            case .closeAfterWrites:
                closeAfterWrites(context: context)
                return
            }
        }
    }

    private func take(_ frame: Frame, mode: ConnectionStateMachine.Mode, context: ChannelHandlerContext) {
        switch (frame, mode) {
        case (.tooLong, .json):
            let message = "The line is longer than \(server.options.maximumLineBytes) bytes; it was skipped."
            answered(line(ProtocolError(.lineTooLong, message)), context: context)
        case (.tooLong, .plain):
            let text =
                server.conversations.knowledge.messages[.tooLong]
                .replacingOccurrences(of: "{limit}", with: String(Interview.maximumAnswerLength))
            answered(context.channel.allocator.buffer(string: text + "\n"), context: context)
        case (.line(let bytes), .json):
            answer(bytes, context: context)
        case (.line(let bytes), .plain):
            converse(String(decoding: bytes.readableBytesView, as: UTF8.self), context: context)
        }
    }

    /// A plain-text line: an answer in the connection's private conversation, which takes it as a JSON `say` would
    /// (a first empty line starts it, as `start` would). The reply is the turn's sentences, one a line.
    private func converse(_ text: String, context: ChannelHandlerContext) {
        let now = clock()
        var conversation = plain ?? server.conversations.privateConversation(now: now)
        plain = nil
        let kind = conversation.isNew && text.isEmpty ? RequestKind.start : .say(text)
        let sentences: [String]
        switch server.conversations.handle(kind, in: &conversation, now: now) {
        case .success(let turn): sentences = turn.lines
        case .failure(let error): sentences = [error.message]
        }
        let done = conversation.isDone
        plain = conversation
        var reply = context.channel.allocator.buffer(capacity: 256)
        for sentence in sentences {
            reply.writeString(sentence)
            reply.writeInteger(UInt8(ascii: "\n"))
        }
        answered(reply, context: context)
        if done { perform(machine.finish(), context: context) }
    }

    /// Decodes one JSON line and applies it; its reply is pending until its change is durable.
    private func answer(_ bytes: ByteBuffer, context: ChannelHandlerContext) {
        let request: Request
        switch Request.decode(Data(bytes.readableBytesView), using: decoder) {
        case .failure(let error):
            return answered(line(error), context: context)
        case .success(let decoded): request = decoded
        }
        if case .report(let format) = request.kind {
            switch server.conversations.report(
                request, format: format, now: clock(), owner: owner, on: context.eventLoop)
            {
            case .failure(let error): return answered(line(error), context: context)
            case .success(let report): return answered(line(report), context: context)
            }
        }
        let (reply, durability) = apply(request, on: context.eventLoop)
        guard let durability else { return answered(reply, context: context) }
        switch machine.answered(reply, awaitsDurability: true) {
        case .awaitDurability(let sequence):
            whenDurable(durability, sequence: sequence, request: request, context: context)
        case .write, .queued:
            break
        }
    }

    /// Applies a request to its conversation: the reply, and the durability it waits for (nil when it may be sent
    /// at once).
    private func apply(_ request: Request, on loop: any EventLoop) -> (ByteBuffer, Durability?) {
        let (result, durability) = server.conversations.handle(
            request, now: clock(), deferWrite: true, owner: owner, on: loop)
        switch result {
        case .failure(let error):
            return (line(error), nil)
        case .success(let turn):
            let reply = replyLine(Reply(id: request.id, conversation: request.conversation, turn: turn))
            if durability.isDone { return (reply, nil) }
            flusher.request()
            return (reply, durability)
        }
    }

    /// Calls `durable` on the event loop once `durability` completes.
    private func whenDurable(
        _ durability: Durability, sequence: Int, request: Request, context: ChannelHandlerContext
    ) {
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        durability.whenDurable { error in
            if handler.eventLoop.inEventLoop {
                handler.value.durable(sequence, request: request, error: error)
            } else {
                handler.eventLoop.execute { handler.value.durable(sequence, request: request, error: error) }
            }
        }
    }

    /// Hands a reply that may be sent at once to the machine; writes it if its turn has come.
    private func answered(_ reply: ByteBuffer, context: ChannelHandlerContext) {
        switch machine.answered(reply, awaitsDurability: false) {
        case .write(let reply):
            context.write(wrapOutboundOut(reply), promise: nil)
            needsFlush = true
        case .queued, .awaitDurability:
            break
        }
    }

    /// The `sequence`-th reply may be sent (or, if its change failed, an error instead).
    /// A conflict (another server sharing the store took a turn in the conversation first) is not a failure yet:
    /// the machine may have the line taken again (`retake`).
    private func durable(_ sequence: Int, request: Request, error: (any Error)?) {
        let failure = error.map { _ in
            line(
                ProtocolError(
                    .storeFailed,
                    "The line could not be saved, so it was not taken: the conversation is as it was before it. "
                        + "Send it again.",
                    id: request.id, conversation: request.conversation))
        }
        if case StoreError.conflict? = error, let failure {
            return retake(machine.conflicted(sequence, failure: failure), sequence: sequence, request: request)
        }
        if let error { server.logger.error("store write failed", metadata: ["error": "\(error)"]) }
        let action = machine.durable(sequence, failure: failure)
        guard let context else { return }
        perform(action, context: context)
        flushIfNeeded(context: context)
    }

    /// Performs what the machine says about a line whose change conflicted with the store. Taking it again reads
    /// the conversation from the store (it was dropped from memory when the change failed), so the line is answered
    /// from the conversation's true state.
    private func retake(_ action: ConnectionStateMachine.RetakeAction, sequence: Int, request: Request) {
        guard let context else { return }
        switch action {
        case .retake:
            server.logger.debug(
                "another server was first: taking the line again",
                metadata: ["conversation": "\(request.conversation)"])
            let (reply, durability) = apply(request, on: context.eventLoop)
            switch machine.retaken(sequence, reply: reply, awaitsDurability: durability != nil) {
            case .awaitDurability(let sequence):
                if let durability { whenDurable(durability, sequence: sequence, request: request, context: context) }
            case .perform(let action):
                perform(action, context: context)
                flushIfNeeded(context: context)
            case .retake:
                // `retaken` never asks for it.
                break
            }
        case .awaitDurability:
            // Only `retaken` asks for it.
            break
        case .perform(let action):
            // Taken too often (or the connection is closing): the client is told to send it again.
            server.logger.notice(
                "the line conflicted too often; other servers keep taking turns in its conversation first",
                metadata: ["conversation": "\(request.conversation)"])
            perform(action, context: context)
            flushIfNeeded(context: context)
        }
    }

    private func flushIfNeeded(context: ChannelHandlerContext) {
        guard needsFlush else { return }
        needsFlush = false
        context.flush()
    }

    /// Closes once everything written is out: shuts the output, then lingers, reading and dropping what the client
    /// still sends, until it closes its side (see `ConnectionStateMachine`).
    private func closeAfterWrites(context: ChannelHandlerContext) {
        needsFlush = false
        // An empty write completes once everything written before it is out.
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0))).assumeIsolated()
            .whenComplete { written in
                guard case .success = written else { return context.close(promise: nil) }
                let shut = context.eventLoop.makePromise(of: Void.self)
                context.close(mode: .output, promise: shut)
                shut.futureResult.assumeIsolated().whenComplete { result in
                    guard case .success = result else { return context.close(promise: nil) }
                    self.perform(self.machine.outputClosed(), context: context)
                    context.eventLoop.assumeIsolated().scheduleTask(in: Self.lingerTime) {
                        self.perform(self.machine.lingerExpired(), context: context)
                    }
                }
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
