import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// PostgreSQL through PostgresNIO: one database shared by any number of servers (`--store postgresql://…`).
///
/// The same contract as `SQLiteStore`: a change is durable when its `Durability` completes (the transaction that
/// holds it committed, with PostgreSQL's default `synchronous_commit = on`: in the server's write-ahead log, on
/// disk); a change that does not fit what is stored (a line at that position already, written by another server)
/// changes nothing and fails alone as `StoreError.conflict`; any other failure rolls the whole batch back and every
/// change in it fails. Changes are written in batches (group commit) by one writer thread, in the order submitted.
///
/// Sharing: each line's primary key is its conversation and its position, and a line is inserted only after its
/// predecessor and when nothing is at or after its position, so two servers never overwrite or reorder lines. A
/// server whose view of a conversation is stale learns it from the conflict, and `Conversations` reloads it.
/// Appends from a stale view that were already queued behind the conflicting one (pipelined requests) fail too:
/// a failed append marks its conversation's entry (`epoch`) and the appends of that entry queued after it.
///
/// Connections: one for writes (the writer thread's) and one for loads, on an event loop thread of the store's own,
/// so that waiting on them from a server thread never waits on itself. A lost connection is opened again when next
/// used; until PostgreSQL answers, loads and writes fail (and the client gets `store_failed`).
public final class PostgresStore: ConversationStore {
    /// The schema version this program writes (the row of `twitchtalk_schema`).
    static let schemaVersion = 1

    private struct Queue {
        var changes: [StoreChange] = []
        var promises = Promises()
        var writing = false
    }

    public let location: PostgresLocation
    private let group: MultiThreadedEventLoopGroup
    private let logger: Logger
    private let configuration: PostgresConnection.Configuration
    private let queue = Mutex(Queue())
    private let writer = DispatchQueue(label: "twitchtalk.store.postgres-writer")
    /// The writer's connection: used only on `writer`.
    private let writeConnection = Mutex<PostgresConnection?>(nil)
    private let readConnection = Mutex<PostgresConnection?>(nil)
    private let connectionIDs = Atomic<Int>(0)
    /// The views whose appends failed: their later appends fail too.
    private let failedViews = FailedViews()

    public var isShared: Bool { true }

    /// Connects to `location`, creates the schema or brings it up to date, and opens the read connection.
    public init(location: PostgresLocation, logger: Logger = Logger(label: "twitchtalk.store")) throws {
        self.location = location
        self.logger = logger
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        configuration = try Self.configuration(for: location)
        do {
            let connection = try connect()
            writeConnection.withLock { $0 = connection }
            try Self.migrate(connection, logger: logger)
            _ = try readingConnection()
        } catch {
            // A connection must be closed before it is released.
            for connection in [writeConnection.withLock { $0 }, readConnection.withLock { $0 }].compactMap({ $0 }) {
                _ = try? Self.wait(connection.close())
            }
            try? group.syncShutdownGracefully()
            throw error
        }
    }

    private static func configuration(for location: PostgresLocation) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socket = location.socketPath {
            configuration = .init(
                unixSocketPath: socket, username: location.user, password: location.password,
                database: location.database)
        } else {
            configuration = .init(
                host: location.host, port: location.port, username: location.user, password: location.password,
                database: location.database, tls: try tls(for: location))
        }
        configuration.options.connectTimeout = .milliseconds(Int64(location.connectTimeout * 1000))
        configuration.options.additionalStartupParameters = [("application_name", "twitchtalk")]
        return configuration
    }

    private static func tls(for location: PostgresLocation) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let roots = location.sslRootCert { tls.trustRoots = .file(roots) }
        switch location.sslMode {
        case .disable:
            return .disable
        case .allow, .prefer:
            tls.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: tls))
        case .require:
            tls.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: tls))
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
            return .require(try NIOSSLContext(configuration: tls))
        case .verifyFull:
            tls.certificateVerification = .fullVerification
            return .require(try NIOSSLContext(configuration: tls))
        }
    }

    private func connect() throws -> PostgresConnection {
        let id = connectionIDs.add(1, ordering: .relaxed).newValue
        do {
            return try Self.wait(
                PostgresConnection.connect(
                    on: group.next(), configuration: configuration, id: id, logger: logger))
        } catch {
            throw StoreError.unavailable("cannot connect to \(location): \(Self.describe(error))")
        }
    }

    /// What went wrong, for a log or an error message (PostgresNIO's plain description hides the details).
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            return "\(message) (\(error.serverInfo?[.sqlState] ?? error.code.description))"
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return error.code.description
    }

    /// Waits for `future` on this thread (never one of the store's event loop threads).
    private static func wait<Value: Sendable>(_ future: EventLoopFuture<Value>) throws -> Value {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Result<Value, any Error>?>(nil)
        future.whenComplete { outcome in
            result.withLock { $0 = outcome }
            done.signal()
        }
        done.wait()
        return try result.withLock { $0! }.get()
    }

    private func run(_ query: PostgresQuery, on connection: PostgresConnection) throws -> PostgresQueryResult {
        try Self.wait(connection.query(query, logger: logger))
    }

    /// The read connection, opened again if it was lost.
    private func readingConnection() throws -> PostgresConnection {
        try readConnection.withLock { connection in
            if let open = connection, !open.isClosed { return open }
            connection = nil
            let opened = try connect()
            connection = opened
            return opened
        }
    }

    /// Creates the tables, or brings those of an older version up to date, in one transaction under an advisory
    /// lock, so that servers starting together do it once.
    ///
    /// Version 1: `twitchtalk_schema(version)`, `conversation(name, created, active)` and
    /// `line(conversation, seq, text, at)`, each line keyed by its conversation and its position in it (`seq`, from
    /// 1), never replaced, deleted with its conversation.
    private static func migrate(_ connection: PostgresConnection, logger: Logger) throws {
        func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
            try wait(connection.query(query, logger: logger))
        }
        _ = try run("BEGIN")
        do {
            // An arbitrary constant: the advisory lock of twitchtalk's migrations.
            _ = try run("SELECT pg_advisory_xact_lock(7165297461829)")
            _ = try run("CREATE TABLE IF NOT EXISTS twitchtalk_schema (version integer NOT NULL)")
            let rows = try run("SELECT version FROM twitchtalk_schema")
            let version = try rows.first.map { try $0.decode(Int.self) } ?? 0
            guard version <= schemaVersion else { throw StoreError.newerSchema(version) }
            if version < 1 {
                _ = try run(
                    """
                    CREATE TABLE conversation (
                        name text PRIMARY KEY,
                        created double precision NOT NULL,
                        active double precision NOT NULL
                    )
                    """)
                _ = try run("CREATE INDEX conversation_active ON conversation (active)")
                _ = try run(
                    """
                    CREATE TABLE line (
                        conversation text NOT NULL REFERENCES conversation (name) ON DELETE CASCADE,
                        seq bigint NOT NULL,
                        text text NOT NULL,
                        at double precision NOT NULL,
                        PRIMARY KEY (conversation, seq)
                    )
                    """)
                _ = try run("DELETE FROM twitchtalk_schema")
                _ = try run("INSERT INTO twitchtalk_schema (version) VALUES (\(schemaVersion))")
            }
            _ = try run("COMMIT")
        } catch {
            _ = try? run("ROLLBACK")
            if let error = error as? StoreError { throw error }
            throw StoreError.unavailable("cannot create the tables: \(describe(error))")
        }
    }

    public func load(_ name: String) throws -> StoredConversation? {
        guard !name.utf8.contains(0) else { return nil }
        let connection = try readingConnection()
        let rows: PostgresQueryResult
        do {
            rows = try run(
                """
                SELECT c.created, c.active, l.text FROM conversation c LEFT JOIN line l ON l.conversation = c.name
                WHERE c.name = \(name) ORDER BY l.seq
                """, on: connection)
        } catch {
            logger.error("load failed", metadata: ["error": "\(Self.describe(error))"])
            throw error
        }
        var stored: StoredConversation?
        for row in rows {
            let (created, active, text) = try row.decode((Double, Double, String?).self)
            if stored == nil {
                stored = StoredConversation(name: name, lines: [], lastActive: active, created: created)
            }
            if let text { stored?.lines.append(text) }
        }
        return stored
    }

    public func loadAll() async throws -> [StoredConversation] {
        let connection = try readingConnection()
        let names = try run("SELECT name FROM conversation ORDER BY name", on: connection)
            .map { try $0.decode(String.self) }
        return try names.compactMap { try load($0) }
    }

    public func submit(_ change: StoreChange, on loop: any EventLoop) -> Durability {
        let durability = enqueue(change, on: loop)
        flush()
        return durability
    }

    public func enqueue(_ change: StoreChange, on loop: any EventLoop) -> Durability {
        queue.withLock { queue -> Durability in
            queue.changes.append(change)
            return queue.promises.next(on: loop)
        }
    }

    /// Fails what is still queued (a store closed, or dropped, before the writer took it): a promise is never
    /// left unfulfilled.
    private func failQueued() {
        let left = queue.withLock { queue -> Promises in
            defer {
                queue.changes = []
                queue.promises = Promises()
            }
            return queue.promises
        }
        left.finish(.failed(StoreError.unavailable("the store was closed before the change was written")))
    }

    deinit { failQueued() }

    /// Starts the writer (on its own thread: a server thread never waits on the network for a write).
    public func flush() {
        let start = queue.withLock { queue -> Bool in
            guard !queue.writing, !queue.changes.isEmpty else { return false }
            queue.writing = true
            return true
        }
        if start { writer.async { self.drain() } }
    }

    /// Writes queued changes until none are left: each batch is what queued up while the previous one was written.
    private func drain() {
        while true {
            let batch = queue.withLock { queue -> ([StoreChange], Promises)? in
                guard !queue.changes.isEmpty else {
                    queue.writing = false
                    return nil
                }
                defer {
                    queue.changes = []
                    queue.promises = Promises()
                }
                return (queue.changes, queue.promises)
            }
            guard let (changes, promises) = batch else { return }
            promises.finish(write(changes))
        }
    }

    /// Writes one batch in one transaction.
    private func write(_ changes: [StoreChange]) -> BatchOutcome {
        let connection: PostgresConnection
        do {
            connection = try writeConnection.withLock { connection in
                if let open = connection, !open.isClosed { return open }
                connection = nil
                let opened = try connect()
                connection = opened
                return opened
            }
        } catch {
            logger.error("store write failed", metadata: ["error": "\(error)"])
            failedViews.mark(changes, conflict: false)
            return .failed(error)
        }
        do {
            _ = try run("BEGIN", on: connection)
            var conflicts: [Int: StoreError] = [:]
            // In the order of the conversations' names (each conversation's own changes in the order submitted), so
            // that two servers writing to the same conversations lock their rows in the same order: no deadlock.
            let order = changes.indices.sorted { (changes[$0].sortKey, $0) < (changes[$1].sortKey, $1) }
            for index in order {
                let change = changes[index]
                if let refusal = failedViews.refusal(change) {
                    conflicts[index] = refusal
                } else if let conflict = try apply(change, on: connection) {
                    conflicts[index] = conflict
                    // Another server was first: the view's later appends are taken again after it (Connection).
                    failedViews.mark([change], conflict: true)
                }
            }
            _ = try run("COMMIT", on: connection)
            return .written(conflicts: conflicts)
        } catch {
            logger.error("store write failed", metadata: ["error": "\(Self.describe(error))"])
            _ = try? run("ROLLBACK", on: connection)
            failedViews.mark(changes, conflict: false)
            return .failed(StoreError.unavailable("the write failed: \(Self.describe(error))"))
        }
    }

    /// Applies one change inside the batch's transaction; the conflict if it does not fit (nothing changed then).
    private func apply(_ change: StoreChange, on connection: PostgresConnection) throws -> StoreError? {
        switch change {
        case .create(let name, let at):
            guard !name.utf8.contains(0) else { return .nul }
            let result = try run(
                """
                INSERT INTO conversation (name, created, active) VALUES (\(name), \(at), \(at))
                ON CONFLICT DO NOTHING
                """, on: connection)
            if result.metadata.rows != 1 { return .conflict(name) }
        case .append(let name, let line, let seq, let at, _):
            guard !name.utf8.contains(0), !line.utf8.contains(0) else { return .nul }
            // The `seq`-th line, only after the (seq - 1)-th and when there is none at or after it; then the
            // conversation's last activity, in the same statement.
            let result = try run(
                """
                WITH added AS (
                    INSERT INTO line (conversation, seq, text, at) SELECT \(name), \(seq), \(line), \(at)
                    WHERE EXISTS (SELECT 1 FROM conversation WHERE name = \(name))
                    AND NOT EXISTS (SELECT 1 FROM line WHERE conversation = \(name) AND seq >= \(seq))
                    AND (\(seq) = 1 OR EXISTS (SELECT 1 FROM line WHERE conversation = \(name) AND seq = \(seq - 1)))
                    ON CONFLICT DO NOTHING
                    RETURNING 1)
                UPDATE conversation SET active = \(at) WHERE name = \(name) AND EXISTS (SELECT 1 FROM added)
                """, on: connection)
            if result.metadata.rows != 1 { return .conflict(name) }
        case .delete(let name):
            _ = try run("DELETE FROM conversation WHERE name = \(name)", on: connection)
        case .expire(let before):
            _ = try run("DELETE FROM conversation WHERE active < \(before)", on: connection)
        }
        return nil
    }

    public func close() async throws {
        flush()
        // Wait (at most about 10 s) for the writer to write everything queued so far.
        for _ in 0..<2000 {
            guard queue.withLock({ $0.writing }) else { break }
            try? await Task.sleep(for: .milliseconds(5))
        }
        failQueued()
        let connections = [writeConnection.withLock { $0 }, readConnection.withLock { $0 }].compactMap { $0 }
        for connection in connections { try? await connection.close() }
        try await group.shutdownGracefully()
    }
}

extension StoreChange {
    /// Orders a batch by conversation (expiry last).
    fileprivate var sortKey: String {
        switch self {
        case .create(let name, _), .append(let name, _, _, _, _), .delete(let name): "0" + name
        case .expire: "1"
        }
    }
}
