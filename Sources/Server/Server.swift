import Assessment
import Dialogue
import Foundation
import Logging
import NIOCore
import NIOExtras
import NIOPosix
import Synchronization

/// The open client connections: counted against the limit, and told to finish at shutdown.
final class Connections: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var closing = false
    }
    private let state = Mutex(State())
    let maximum: Int

    init(maximum: Int) { self.maximum = maximum }

    /// Registers a connection; false when the limit is reached or the server is stopping.
    func open(_ channel: any Channel) -> Bool {
        state.withLock { state in
            guard !state.closing, state.channels.count < maximum else { return false }
            state.channels[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    func close(_ channel: any Channel) {
        _ = state.withLock { $0.channels.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Takes no more connections (the open ones are told to finish by the `ServerQuiescingHelper`).
    func stop() {
        state.withLock { $0.closing = true }
    }

    /// Closes every connection, busy or not.
    func closeAll() {
        let all = state.withLock { Array($0.channels.values) }
        for channel in all { channel.close(promise: nil) }
    }

    var count: Int { state.withLock { $0.channels.count } }
}

/// The Unix-socket server: JSON lines (or plain text) in, turns out, many conversations at once.
///
/// Each connection is served on its event loop by a `ConnectionHandler`, without a task per request: requests are
/// pipelined, and a reply waits only for its own turn's durable commit (see `ConnectionHandler`).
public final class SocketServer: Sendable {
    public let options: ServerOptions
    public let conversations: Conversations
    private let store: any ConversationStore
    let logger: Logger
    let connections: Connections
    private let listener = Mutex<(any Channel)?>(nil)
    /// Tells every connection to finish (`ChannelShouldQuiesceEvent`) and knows when they all have closed.
    private let quiescer = Mutex<ServerQuiescingHelper?>(nil)
    private let stopping = Atomic<Bool>(false)

    /// Opens the store; does not touch the socket yet. Conversations are loaded from the store when first touched.
    public init(options: ServerOptions, knowledge: Knowledge, logger: Logger) async throws {
        self.options = options
        self.logger = logger
        switch options.store {
        case .memory: store = MemoryStore()
        case .file(let path): store = try SQLiteStore(path: path)
        case .postgres(let location): store = try PostgresStore(location: location, logger: logger)
        }
        conversations = Conversations(knowledge: knowledge, store: store, limits: options.limits)
        // Each connection takes a file descriptor: raise the soft limit to the hard one, and keep the connection
        // limit below it (with room for the store and the listener), so that a connection beyond it is answered
        // `limit_reached` instead of failing to be accepted.
        let descriptors = FileLimits.raise()
        let maximum = max(1, min(options.maximumConnections, descriptors - FileLimits.reserve))
        if maximum < options.maximumConnections {
            logger.warning(
                "fewer connections than asked for: the file descriptor limit is \(descriptors)",
                metadata: ["max-connections": "\(maximum)"])
        }
        connections = Connections(maximum: maximum)
        logger.info("store opened", metadata: ["store": "\(options.store)"])
    }

    var isStopping: Bool { stopping.load(ordering: .relaxed) }

    /// The most bytes one read takes from a connection (about 8 requests of 60 bytes): the work one connection gets
    /// done per event-loop turn, and so how long a turn lasts when many connections are busy.
    static let readSize = 512

    /// The socket send buffer asked for on each connection (the kernel doubles it, to its minimum of about 4.5 KiB)
    /// and the channel's write buffer water marks: small, so that a client that does not read its replies stops
    /// getting work done for it after about 11 requests (measured with 512-byte reads; 23 with 1 KiB reads, 44 also
    /// with twice these sizes, over 160 with the defaults, whose ~270 KiB of buffers let 600 such clients queue
    /// seconds of work ahead of everyone else). A long reply (a report) still goes out, in pieces, as the client
    /// reads.
    static let sendBufferBytes = 2048
    static let writeBufferWaterMark = ChannelOptions.Types.WriteBufferWaterMark(low: 1024, high: 2048)

    /// The peer's credentials, as `SO_PEERCRED` gives them (`struct ucred`).
    struct PeerCredentials: Sendable {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    /// Why a connection is not served (nil when it is): only the server's own user, root, and the users allowed by
    /// `ServerOptions.allowedUsers` are; the socket's permissions are a second guard, not the only one.
    func peerRefusal(_ channel: any Channel) -> String? {
        guard options.checksPeer else { return nil }
        guard let provider = channel as? any SocketOptionProvider else {
            return "The server cannot tell who connected, so it refuses the connection."
        }
        // On the channel's event loop the option is read at once (the future is already complete).
        var read: Result<PeerCredentials, any Error>?
        provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
            .assumeIsolated().whenComplete { read = $0 }
        let credentials: PeerCredentials
        switch read {
        case .success(let value)?: credentials = value
        case .failure(let error)?:
            return "The server cannot tell who connected (\(error)), so it refuses the connection."
        case nil: return "The server cannot tell who connected, so it refuses the connection."
        }
        let uid = credentials.uid
        if uid == geteuid() || uid == 0 || options.allowedUsers.contains(uid) { return nil }
        return "User \(uid) may not use this server (it serves user \(geteuid()); see --allow-uid)."
    }

    /// Asks the server to stop: no new connections, turns in flight finish, then `run` returns.
    public func stop() {
        guard !stopping.exchange(true, ordering: .relaxed) else { return }
        logger.info("stopping")
        connections.stop()
        // Closes the listener and tells each connection to finish: answer the lines it has taken, then close.
        if let quiesce = quiescer.withLock({ $0 }) {
            quiesce.initiateShutdown(promise: nil)
        } else {
            listener.withLock { $0 }?.close(promise: nil)
        }
    }

    /// Binds the socket and serves until `stop()`; then flushes the store and removes the socket file.
    public func run() async throws {
        let path = options.socketPath
        try SocketFile.prepare(path)
        // The socket file is created with the umask's permissions: make it private from the start.
        let previousMask = umask(0o177)
        let group = MultiThreadedEventLoopGroup.singleton
        // One store flusher per event loop, used only on its loop.
        var flushers: [ObjectIdentifier: NIOLoopBound<StoreFlusher>] = [:]
        for loop in group.makeIterator() {
            flushers[ObjectIdentifier(loop)] = try await loop.submit { [conversations] in
                NIOLoopBound(StoreFlusher(conversations: conversations, eventLoop: loop), eventLoop: loop)
            }.get()
        }
        let quiesce = ServerQuiescingHelper(group: group)
        quiescer.withLock { $0 = quiesce }
        let server: any Channel
        do {
            server = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 1024)
                .serverChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            quiesce.makeServerChannelHandler(channel: channel))
                    }
                }
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                // One small read per connection per event-loop turn: what a connection has read is taken before it
                // reads again, so one connection's burst never holds up the others for long.
                .childChannelOption(.maxMessagesPerRead, value: 1)
                .childChannelOption(
                    .recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: SocketServer.readSize)
                )
                .childChannelOption(.socketOption(.so_sndbuf), value: SocketServer.sendBufferBytes)
                .childChannelOption(.writeBufferWaterMark, value: SocketServer.writeBufferWaterMark)
                .childChannelInitializer { [self, flushers] channel in
                    channel.eventLoop.makeCompletedFuture {
                        let flusher =
                            flushers[ObjectIdentifier(channel.eventLoop)]?.value
                            ?? StoreFlusher(conversations: conversations, eventLoop: channel.eventLoop)
                        try channel.pipeline.syncOperations.addHandlers(
                            IdleStateHandler(readTimeout: options.connectionIdleTimeout),
                            ConnectionHandler(server: self, flusher: flusher))
                    }
                }
                .bind(unixDomainSocketPath: path).get()
        } catch {
            umask(previousMask)
            throw error
        }
        umask(previousMask)
        chmod(path, options.socketMode)
        let identity = SocketFile.identity(path)
        listener.withLock { $0 = server }
        logger.info("listening", metadata: ["socket": "\(path)"])
        if stopping.load(ordering: .relaxed) { server.close(promise: nil) }

        let expiryLoop = server.eventLoop
        let expiry = Task { [conversations, options, logger] in
            let period = max(0.05, min(30, options.limits.idleTimeout / 4))
            while !Task.isCancelled {
                let expired = conversations.expire(now: Date().timeIntervalSince1970, on: expiryLoop)
                if expired > 0 { logger.info("expired conversations", metadata: ["count": "\(expired)"]) }
                try? await Task.sleep(for: .seconds(period))
            }
        }

        try? await server.closeFuture.get()
        logger.debug("listener closed")
        // No new connections; give turns in flight a grace period, then close what is left.
        stop()
        let drained = group.next().makePromise(of: Void.self)
        quiesce.initiateShutdown(promise: drained)
        let grace = options.shutdownGrace.components
        let forced = group.next().scheduleTask(
            in: .seconds(grace.seconds) + .nanoseconds(grace.attoseconds / 1_000_000_000)
        ) { [connections] in
            connections.closeAll()
        }
        try? await drained.futureResult.get()
        forced.cancel()
        expiry.cancel()
        try await store.close()
        SocketFile.remove(path, identity: identity)
        logger.info("stopped")
    }
}

/// The process's limit on open files.
enum FileLimits {
    /// Descriptors kept for other uses than connections: the store, the listener, logging, the runtime.
    static let reserve = 64

    /// Raises the soft limit on open files to the hard limit; returns the soft limit now in force.
    static func raise() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return Int(Int32.max) }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return Int(clamping: min(limit.rlim_cur, rlim_t(Int32.max)))
    }
}
