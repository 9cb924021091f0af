import Assessment
import Dialogue
import Foundation
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// The open client connections: counted against the limit, and closed (once idle) at shutdown.
final class Connections: Sendable {
    private struct Entry {
        let channel: any Channel
        var busy = false
    }
    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        var closing = false
    }
    private let state = Mutex(State())
    let maximum: Int

    init(maximum: Int) { self.maximum = maximum }

    /// Registers a connection; false when the limit is reached or the server is stopping.
    func open(_ channel: any Channel) -> Bool {
        state.withLock { state in
            guard !state.closing, state.entries.count < maximum else { return false }
            state.entries[ObjectIdentifier(channel)] = Entry(channel: channel)
            return true
        }
    }

    func close(_ channel: any Channel) {
        _ = state.withLock { $0.entries.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Marks the connection busy with a turn; false when the server is stopping (the line is not read).
    func begin(_ channel: any Channel) -> Bool {
        state.withLock { state in
            guard !state.closing else { return false }
            state.entries[ObjectIdentifier(channel)]?.busy = true
            return true
        }
    }

    /// Marks the turn answered; false when the server is stopping and the connection should close.
    func end(_ channel: any Channel) -> Bool {
        state.withLock { state in
            state.entries[ObjectIdentifier(channel)]?.busy = false
            return !state.closing
        }
    }

    /// Stops reading: closes the idle connections now; busy ones close after their turn.
    func stop() {
        let idle = state.withLock { state -> [any Channel] in
            state.closing = true
            return state.entries.values.filter { !$0.busy }.map(\.channel)
        }
        for channel in idle { channel.close(promise: nil) }
    }

    /// Closes every connection, busy or not.
    func closeAll() {
        let all = state.withLock { $0.entries.values.map(\.channel) }
        for channel in all { channel.close(promise: nil) }
    }

    var count: Int { state.withLock { $0.entries.count } }
}

/// The Unix-socket server: JSON lines (or plain text) in, turns out, many conversations at once.
public final class SocketServer: Sendable {
    public let options: ServerOptions
    public let conversations: Conversations
    private let store: any ConversationStore
    private let logger: Logger
    private let connections: Connections
    private let listener = Mutex<(any Channel)?>(nil)
    private let stopping = Atomic<Bool>(false)

    /// Opens the store and restores its conversations; does not touch the socket yet.
    public init(options: ServerOptions, knowledge: Knowledge, logger: Logger) async throws {
        self.options = options
        self.logger = logger
        switch options.store {
        case .memory: store = MemoryStore()
        case .file(let path): store = try SQLiteStore(path: path)
        }
        conversations = Conversations(knowledge: knowledge, store: store, limits: options.limits)
        connections = Connections(maximum: options.maximumConnections)
        let restored = conversations.restore(try await store.loadAll(), now: Date().timeIntervalSince1970)
        logger.info("store opened", metadata: ["store": "\(options.store)", "conversations": "\(restored)"])
    }

    /// Asks the server to stop: no new connections, turns in flight finish, then `run` returns.
    public func stop() {
        guard !stopping.exchange(true, ordering: .relaxed) else { return }
        logger.info("stopping")
        let channel = listener.withLock { $0 }
        channel?.close(promise: nil)
        connections.stop()
    }

    /// Binds the socket and serves until `stop()`; then flushes the store and removes the socket file.
    public func run() async throws {
        let path = options.socketPath
        try SocketFile.prepare(path)
        // The socket file is created with the umask's permissions: make it private from the start.
        let previousMask = umask(0o177)
        let server: NIOAsyncChannel<NIOAsyncChannel<Frame, ByteBuffer>, Never>
        do {
            server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.backlog, value: 1024)
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .bind(unixDomainSocketPath: path) { [options] channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(LineFrameDecoder(limit: options.maximumLineBytes)))
                        return try NIOAsyncChannel<Frame, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            umask(previousMask)
            throw error
        }
        umask(previousMask)
        chmod(path, options.socketMode)
        let identity = SocketFile.identity(path)
        listener.withLock { $0 = server.channel }
        logger.info("listening", metadata: ["socket": "\(path)"])
        if stopping.load(ordering: .relaxed) { server.channel.close(promise: nil) }

        let expiry = Task { [conversations, options, logger] in
            let period = max(0.05, min(30, options.limits.idleTimeout / 4))
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(period))
                let expired = conversations.expire(now: Date().timeIntervalSince1970)
                if expired > 0 { logger.info("expired conversations", metadata: ["count": "\(expired)"]) }
            }
        }

        await withDiscardingTaskGroup { group in
            do {
                try await server.executeThenClose { inbound in
                    for try await connection in inbound {
                        group.addTask { await self.serve(connection) }
                    }
                }
            } catch {
                logger.debug("listener closed", metadata: ["error": "\(error)"])
            }
            // No new connections; give turns in flight a grace period, then close what is left.
            stop()
            group.addTask { [connections, options] in
                let deadline = ContinuousClock.now + options.shutdownGrace
                while connections.count > 0, ContinuousClock.now < deadline {
                    try? await Task.sleep(for: .milliseconds(20))
                }
                connections.closeAll()
            }
        }
        expiry.cancel()
        try await store.close()
        SocketFile.remove(path, identity: identity)
        logger.info("stopped")
    }

    // MARK: Connections

    private enum Mode { case undecided, json, plain }

    private func serve(_ connection: NIOAsyncChannel<Frame, ByteBuffer>) async {
        let channel = connection.channel
        do {
            try await connection.executeThenClose { inbound, outbound in
                guard connections.open(channel) else {
                    let error = ProtocolError(
                        .limitReached,
                        stopping.load(ordering: .relaxed)
                            ? "The server is stopping." : "Too many connections (at most \(connections.maximum)).")
                    try await outbound.write(ByteBuffer(bytes: Wire.line(error)))
                    return
                }
                defer { connections.close(channel) }
                var mode = Mode.undecided
                var plain = Interview(knowledge: conversations.knowledge)
                for try await frame in inbound {
                    guard connections.begin(channel) else { break }
                    let keepOpen: Bool
                    switch frame {
                    case .tooLong:
                        switch mode {
                        case .undecided, .json:
                            let message = "The line is longer than \(options.maximumLineBytes) bytes; it was skipped."
                            try await outbound.write(ByteBuffer(bytes: Wire.line(ProtocolError(.lineTooLong, message))))
                        case .plain:
                            let text = "That line is too long for me. Please answer in a sentence or two.\n"
                            try await outbound.write(ByteBuffer(string: text))
                        }
                        keepOpen = true
                    case .line(let line):
                        if case .undecided = mode {
                            mode = line.readableBytesView.first == UInt8(ascii: "{") ? .json : .plain
                        }
                        switch mode {
                        case .json, .undecided:
                            try await outbound.write(await answer(line))
                            keepOpen = true
                        case .plain:
                            let text = String(decoding: line.readableBytesView, as: UTF8.self)
                            let isFirst = plain.pendingQuestion == nil && !plain.isDone
                            let turn = Turn(isFirst && text.isEmpty ? plain.start() : plain.received(text: text))
                            try await outbound.write(ByteBuffer(string: turn.lines.map { $0 + "\n" }.joined()))
                            keepOpen = !plain.isDone
                        }
                    }
                    guard connections.end(channel), keepOpen else { break }
                }
            }
        } catch {
            logger.debug("connection closed with an error", metadata: ["error": "\(error)"])
        }
    }

    /// The reply to one JSON line: the turn, or an error; the turn only once it is durable.
    private func answer(_ line: ByteBuffer) async -> ByteBuffer {
        let request: Request
        switch Request.decode(line: line.readableBytesView) {
        case .failure(let error): return ByteBuffer(bytes: Wire.line(error))
        case .success(let decoded): request = decoded
        }
        let (result, durability) = conversations.handle(request, now: Date().timeIntervalSince1970)
        switch result {
        case .failure(let error):
            return ByteBuffer(bytes: Wire.line(error))
        case .success(let turn):
            do {
                try await durability.value()
            } catch {
                logger.error("store write failed", metadata: ["error": "\(error)"])
                conversations.evict(request.conversation)
                let failure = ProtocolError(
                    .storeFailed, "The turn could not be saved, so it was not taken; the conversation starts afresh.",
                    id: request.id, conversation: request.conversation)
                return ByteBuffer(bytes: Wire.line(failure))
            }
            return ByteBuffer(bytes: Wire.line(Reply(id: request.id, conversation: request.conversation, turn: turn)))
        }
    }
}
