import Foundation
import GRDB
import NIOCore
import NIOPosix
import Synchronization

/// A conversation as stored: its name, the user lines in order, and when it was last used.
public struct StoredConversation: Hashable, Sendable {
    public var name: String
    public var lines: [String]
    /// Seconds since 1970 of the last stored line (or of the start, before any line).
    public var lastActive: Double
    /// Seconds since 1970 when the conversation started: its relative dates ("since Monday") are read against
    /// that day, so that replaying it after a restart gives the same case.
    public var created: Double

    public init(name: String, lines: [String], lastActive: Double, created: Double? = nil) {
        self.name = name
        self.lines = lines
        self.lastActive = lastActive
        self.created = created ?? lastActive
    }
}

/// One change to the store.
public enum StoreChange: Hashable, Sendable {
    /// A new conversation, with no lines yet. Fails (as a conflict) if the store holds one of that name.
    case create(name: String, at: Double)
    /// A user line accepted in a conversation: its `seq`-th line (counting from 1). Fails (as a conflict) unless
    /// the conversation exists and holds exactly `seq - 1` lines: a stored line is never replaced, and no line is
    /// stored after one that failed.
    ///
    /// `epoch` names the in-memory view the line was read against (0: none): once an append of a view fails, every
    /// later append of the same view queued behind it fails too (as a conflict), even where another server's lines
    /// would make its position fit, since it was read against a state that the store does not hold.
    case append(name: String, line: String, seq: Int, at: Double, epoch: UInt64 = 0)
    /// The conversation ended.
    case delete(name: String)
    /// Deletes every conversation whose last line (or start) is older than `before`.
    case expire(before: Double)
}

/// Why a change was not stored.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The store does not hold what the change expects (a line at that position already, a missing predecessor,
    /// a conversation created elsewhere): the change was not applied; reload the conversation.
    case conflict(String)
    /// A name or line holds a NUL character, which the store does not keep (see PROTOCOL.md).
    case nul
    /// Another server holds the store.
    case inUse(String)
    /// The store path is not safe to open.
    case unsafePath(String)
    /// The store was written by a newer version of TwitchTalk.
    case newerSchema(Int)
    /// The database server could not be reached, or refused the change (PostgreSQL).
    case unavailable(String)
    /// A line read after a line of the same conversation that was not stored (pipelined behind it): it was not
    /// stored either, since it answers a question the conversation is not at.
    case afterFailedLine(String)

    public var description: String {
        switch self {
        case .conflict(let name): "the store does not hold what the change to \(name) expects"
        case .nul: "a NUL character cannot be stored"
        case .inUse(let path):
            "the store \(path) is in use by another twitchtalk server; stop it first, or choose another --store"
        case .unsafePath(let reason): reason
        case .newerSchema(let version):
            "the store has schema version \(version), newer than this program knows; use a newer twitchtalk"
        case .unavailable(let reason): reason
        case .afterFailedLine(let name): "a line before this one in \(name) was not stored"
        }
    }
}

/// Where conversations live between restarts.
///
/// Only user lines are stored: the state is rebuilt by replaying them through the `Interview` (see PROTOCOL.md).
/// Each line is keyed by its conversation and its position in it, and a line is never replaced: a change that does
/// not fit what is stored fails as a `StoreError.conflict` and changes nothing. Changes are applied in the order
/// `submit` is called; `submit` returns at once and the returned `Durability` completes once the change is on disk
/// (or failed), so a caller can keep the order of a conversation's turns without waiting on the disk while it
/// holds a lock.
public protocol ConversationStore: Sendable {
    /// The stored conversation named `name`, if any (what is committed now).
    func load(_ name: String) throws -> StoredConversation?
    /// Every stored conversation (for tests and tools; the server loads conversations one at a time).
    func loadAll() async throws -> [StoredConversation]
    /// Queues `change`; it is durable when the result completes without throwing. The result's future (an
    /// event-loop promise's) completes on `loop`.
    func submit(_ change: StoreChange, on loop: any EventLoop) -> Durability
    /// Queues `change` like `submit`, but leaves the write to the next `flush()` (or to a write already under way),
    /// so that a caller handling many requests at once can commit them together on its own thread.
    func enqueue(_ change: StoreChange, on loop: any EventLoop) -> Durability
    /// Writes what is queued now, on the calling thread, unless a write is under way (which then takes it).
    func flush()
    /// Waits for every queued change to be written, then closes the store.
    func close() async throws
    /// Whether other servers may change the store (PostgreSQL): what is in memory may then be stale, and a request
    /// that only reads (`start` of an existing conversation, `state`, `report`) checks it against the store first.
    var isShared: Bool { get }
}

extension ConversationStore {
    public var isShared: Bool { false }

    /// `submit(_:on:)` on one of NIO's shared event loops (for callers with no loop of their own: tools, tests).
    public func submit(_ change: StoreChange) -> Durability {
        submit(change, on: MultiThreadedEventLoopGroup.singleton.any())
    }

    /// `enqueue(_:on:)` on one of NIO's shared event loops.
    public func enqueue(_ change: StoreChange) -> Durability {
        enqueue(change, on: MultiThreadedEventLoopGroup.singleton.any())
    }
}

/// Completes when a submitted change is durable (or failed): the future of an event-loop promise that the store's
/// writer completes, so that its callbacks run on the loop of the connection that waits.
public struct Durability: Sendable {
    /// Nil for a change that is durable already.
    public let future: EventLoopFuture<Void>?

    init(_ future: EventLoopFuture<Void>?) {
        self.future = future
    }

    /// An already-durable change.
    public static let done = Durability(nil)

    /// A change that failed already.
    static func failed(_ error: any Error, on loop: any EventLoop) -> Durability {
        Durability(loop.makeFailedFuture(error))
    }

    /// Whether the change is known to be durable already (so its reply need not wait).
    public var isDone: Bool { future == nil }

    /// Waits until the change is durable; throws if it could not be written.
    public func value() async throws {
        try await future?.get()
    }

    /// Calls `body` once the change is durable (with nil) or failed (with the error), on the future's event loop;
    /// at once if it is durable already. Callbacks run in the order they were added.
    public func whenDurable(_ body: @escaping @Sendable ((any Error)?) -> Void) {
        guard let future else { return body(nil) }
        future.whenComplete { result in
            switch result {
            case .success: body(nil)
            case .failure(let error): body(error)
            }
        }
    }
}

/// The promises of the changes of one batch, in the order submitted.
struct Promises: Sendable {
    private(set) var all: [EventLoopPromise<Void>] = []

    /// A promise for the next change, on `loop`.
    mutating func next(on loop: any EventLoop) -> Durability {
        let promise = loop.makePromise(of: Void.self)
        all.append(promise)
        return Durability(promise.futureResult)
    }

    /// Completes every promise with the batch's outcome.
    func finish(_ outcome: BatchOutcome) {
        for (index, promise) in all.enumerated() {
            if let error = outcome.error(at: index) { promise.fail(error) } else { promise.succeed() }
        }
    }
}

/// How a batch of changes ended.
enum BatchOutcome: Sendable {
    /// Written, except the changes at these indices, which conflicted and changed nothing.
    case written(conflicts: [Int: StoreError])
    /// Nothing was written.
    case failed(any Error)

    func error(at index: Int) -> (any Error)? {
        switch self {
        case .written(let conflicts): conflicts[index]
        case .failed(let error): error
        }
    }
}

/// The in-memory views (`StoreChange.append`'s `epoch`) one of whose appends did not fit or failed: their later
/// appends, already queued, were read against a state the store does not hold, and fail too. A view's mark holds
/// until the writer meets an append of a newer view of the same conversation: the failed view was dropped from
/// memory (see `Conversations`) before that newer view was read, so every append of the failed one was queued, and
/// refused, before it. (No clock or batch count decides it: the failure reaches the event loop when it will.)
final class FailedViews: Sendable {
    /// Conversation name → the latest failed view and whether its failure was a conflict.
    private let marks = Mutex<[String: (epoch: UInt64, conflict: Bool)]>([:])

    /// Marks the views of `changes`' appends: they conflicted (another writer was first) or failed.
    func mark(_ changes: some Sequence<StoreChange>, conflict: Bool) {
        marks.withLock { marks in
            for case .append(let name, _, _, _, let epoch) in changes where epoch != 0 {
                if let mark = marks[name], mark.epoch > epoch { continue }
                marks[name] = (epoch, conflict)
            }
        }
    }

    /// Why `change` must fail unwritten, if its view was marked. An append of a newer view clears the mark.
    func refusal(_ change: StoreChange) -> StoreError? {
        switch change {
        case .append(let name, _, _, _, let epoch) where epoch != 0:
            return marks.withLock { marks -> StoreError? in
                guard let mark = marks[name] else { return nil }
                if epoch <= mark.epoch { return mark.conflict ? .conflict(name) : .afterFailedLine(name) }
                marks[name] = nil
                return nil
            }
        case .delete(let name):
            marks.withLock { _ = $0.removeValue(forKey: name) }
            return nil
        case .create, .append, .expire:
            return nil
        }
    }

    /// How many views are marked (for tests).
    var count: Int { marks.withLock { $0.count } }
}

/// Keeps nothing: `--store memory`. Follows the same rules as the SQLite store (positions, conflicts).
public final class MemoryStore: ConversationStore {
    private let conversations = Mutex<[String: StoredConversation]>([:])

    public init() {}

    public func load(_ name: String) throws -> StoredConversation? {
        conversations.withLock { $0[name] }
    }

    public func loadAll() async throws -> [StoredConversation] {
        conversations.withLock { Array($0.values) }
    }

    public func submit(_ change: StoreChange, on loop: any EventLoop) -> Durability {
        let error = conversations.withLock { change.apply(to: &$0) }
        return error.map { Durability.failed($0, on: loop) } ?? .done
    }

    public func enqueue(_ change: StoreChange, on loop: any EventLoop) -> Durability { submit(change, on: loop) }

    public func flush() {}

    public func close() async throws {}
}

extension StoreChange {
    /// Applies the change to conversations held in memory; the error if it does not fit (nothing changed then).
    func apply(to conversations: inout [String: StoredConversation]) -> StoreError? {
        switch self {
        case .create(let name, let at):
            guard conversations[name] == nil else { return .conflict(name) }
            conversations[name] = StoredConversation(name: name, lines: [], lastActive: at)
        case .append(let name, let line, let seq, let at, _):
            guard var conversation = conversations[name], conversation.lines.count == seq - 1 else {
                return .conflict(name)
            }
            conversation.lines.append(line)
            conversation.lastActive = at
            conversations[name] = conversation
        case .delete(let name):
            conversations[name] = nil
        case .expire(let before):
            conversations = conversations.filter { $0.value.lastActive >= before }
        }
        return nil
    }
}

/// SQLite in WAL mode through GRDB. Changes are written in batches (group commit): while one transaction is being
/// written, new changes queue up and go into the next one, so many connections share each commit.
///
/// Durability: WAL with `synchronous = NORMAL`. A commit is an append to the WAL file, written (not fsynced) before
/// the commit returns, so it survives the death of the process (kill -9, a crash): that is the contract, since the
/// replies a client got are what must not be lost when the server dies. A power loss or kernel crash can lose the
/// last commits (but never corrupts the database). The WAL is synced, and copied into the database, by checkpoints,
/// which run on a connection of their own so that commits never wait for a sync.
public final class SQLiteStore: ConversationStore {
    private struct Queue {
        var changes: [StoreChange] = []
        var promises = Promises()
        var writing = false
        /// Changes written since the last checkpoint was started.
        var sinceCheckpoint = 0
        var checkpointing = false
        /// The checkpoint connection has copied the WAL: the writer is to copy the rest (little) itself, so that
        /// its next commit starts the WAL afresh.
        var restartWanted = false
        /// Batches written since `restartWanted` was set.
        var batchesSinceRestartWanted = 0
    }

    private let database: DatabaseQueue
    private let failedViews = FailedViews()
    /// A second connection, for checkpoints.
    private let checkpointer: DatabaseQueue
    private let queue = Mutex(Queue())
    /// Runs the batches, one at a time, with GRDB's synchronous API (no task hops between the batches).
    private let writer = DispatchQueue(label: "twitchtalk.store.writer")
    /// Wakes the checkpoint thread (a thread of its own, at the lowest CPU priority, so that the copying and syncing
    /// give way to the serving); `stopCheckpoints` ends it.
    private let checkpointRequests = DispatchSemaphore(value: 0)
    private let stopCheckpoints = Atomic<Bool>(false)
    /// How many changes between checkpoints: a change adds one or two pages to the WAL, so it stays under about
    /// 50 MB; each checkpoint ends with the WAL restart, which holds the writer for a few milliseconds.
    private let checkpointEvery = 8192

    /// The lock file held while the store is open, so that a second server on the same store is refused.
    private let lock: LockFile
    /// A connection of its own for loading conversations, beside the writes (WAL readers never wait for writers).
    private let reader: DatabaseQueue
    /// The schema version this program writes (`PRAGMA user_version`).
    static let schemaVersion = 1

    /// Opens (creating if needed) the store at `path`, with mode 0600 and its directory with mode 0700.
    ///
    /// Refuses a store that another server holds (a lock on `PATH.lock`), and a path (or its `-wal`, `-shm`,
    /// `.lock` companions) that is a symbolic link owned by another user. A write that finds the database locked
    /// by another process waits up to `busyTimeout` seconds before it fails.
    public init(path: String, busyTimeout: Double = 5) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        for file in [path, path + "-wal", path + "-shm", path + ".lock"] { try Self.checkNotForeignSymlink(file) }
        let previousMask = umask(0o077)
        defer { umask(previousMask) }
        lock = try LockFile(path: path + ".lock", store: path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // WAL: a commit is one append to the log; NORMAL keeps it safe from a process crash (kill -9).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Checkpoints (which sync) run on their own connection, not inside a commit.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
        }
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        checkpointer = try DatabaseQueue(path: path, configuration: configuration)
        reader = try DatabaseQueue(path: path, configuration: configuration)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            chmod(path + suffix, 0o600)
        }
        try database.write(Self.migrate)
        Thread { self.runCheckpoints() }.start()
    }

    /// Refuses a symbolic link at `path` unless it belongs to this user.
    private static func checkNotForeignSymlink(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return }
        guard info.st_uid == getuid() else {
            throw StoreError.unsafePath(
                "\(path) is a symbolic link owned by another user; it was not followed. Remove it or choose another --store"
            )
        }
    }

    /// Creates the tables, or brings those of an older version up to date.
    ///
    /// Version 1: `conversation(name, created, active)` and `line(conversation, seq, text, at)`, each line keyed by
    /// its conversation and its position in it (`seq`, from 1), never replaced. Version 0 (no `user_version`) had
    /// no `active` column.
    private static func migrate(_ db: Database) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        guard version <= schemaVersion else { throw StoreError.newerSchema(version) }
        if version == schemaVersion { return }
        if try db.tableExists("conversation") {
            if try !db.columns(in: "conversation").contains(where: { $0.name == "active" }) {
                try db.execute(
                    sql: """
                        ALTER TABLE conversation ADD COLUMN active REAL NOT NULL DEFAULT 0;
                        UPDATE conversation SET active = max(created,
                            coalesce((SELECT max(at) FROM line WHERE line.conversation = conversation.name), 0));
                        """)
            }
        } else {
            try db.execute(
                sql: """
                    CREATE TABLE conversation (
                        name TEXT PRIMARY KEY NOT NULL,
                        created REAL NOT NULL,
                        active REAL NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS line (
                    conversation TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    at REAL NOT NULL,
                    PRIMARY KEY (conversation, seq)
                ) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS conversation_active ON conversation (active);
                PRAGMA user_version = \(schemaVersion);
                """)
    }

    public func load(_ name: String) throws -> StoredConversation? {
        try reader.read { db in try Self.load(name, db) }
    }

    private static func load(_ name: String, _ db: Database) throws -> StoredConversation? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT created, active FROM conversation WHERE name = ?", arguments: [name])
        else { return nil }
        let lines = try String.fetchAll(
            db, sql: "SELECT text FROM line WHERE conversation = ? ORDER BY seq", arguments: [name])
        return StoredConversation(name: name, lines: lines, lastActive: row["active"], created: row["created"])
    }

    public func loadAll() async throws -> [StoredConversation] {
        try await reader.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM conversation").compactMap { try Self.load($0, db) }
        }
    }

    public func submit(_ change: StoreChange, on loop: any EventLoop) -> Durability {
        let (durability, startWriter) = queue.withLock { queue -> (Durability, Bool) in
            queue.changes.append(change)
            let start = !queue.writing
            queue.writing = true
            return (queue.promises.next(on: loop), start)
        }
        if startWriter {
            writer.async { self.drain(inline: false) }
        }
        return durability
    }

    public func enqueue(_ change: StoreChange, on loop: any EventLoop) -> Durability {
        queue.withLock { queue -> Durability in
            queue.changes.append(change)
            return queue.promises.next(on: loop)
        }
    }

    public func flush() {
        let start = queue.withLock { queue -> Bool in
            guard !queue.writing, !queue.changes.isEmpty else { return false }
            queue.writing = true
            return true
        }
        if start { drain(inline: true) }
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

    private enum Step {
        case stop
        case handOff
        case write([StoreChange], Promises, checkpoint: Bool, restart: Bool)
    }

    /// Writes queued changes until none are left: each batch is what queued up while the previous one was written.
    /// Inline (on a caller's thread, from `flush`), it writes at most a few batches and leaves the WAL restart (which
    /// syncs) to the writer queue.
    private func drain(inline: Bool) {
        var batches = 0
        while true {
            let step = queue.withLock { queue -> Step in
                // The WAL restart: when idle, or after a while even when busy.
                let restart = queue.restartWanted && (queue.changes.isEmpty || queue.batchesSinceRestartWanted > 64)
                if restart, inline { return .handOff }
                if restart {
                    queue.restartWanted = false
                } else if queue.changes.isEmpty {
                    queue.writing = false
                    return .stop
                }
                if inline, batches >= 2 { return .handOff }
                if queue.restartWanted { queue.batchesSinceRestartWanted += 1 }
                let changes = queue.changes
                let promises = queue.promises
                queue.changes = []
                queue.promises = Promises()
                queue.sinceCheckpoint += changes.count
                let checkpoint = !queue.checkpointing && queue.sinceCheckpoint >= checkpointEvery
                if checkpoint {
                    queue.checkpointing = true
                    queue.sinceCheckpoint = 0
                }
                return .write(changes, promises, checkpoint: checkpoint, restart: restart)
            }
            switch step {
            case .stop:
                return
            case .handOff:
                writer.async { self.drain(inline: false) }
                return
            case .write(let changes, let promises, let checkpoint, let restart):
                batches += 1
                if restart {
                    // Copies what was committed since the checkpoint connection's pass: a few pages.
                    _ = try? database.writeWithoutTransaction { db in try db.checkpoint(.passive) }
                }
                if !changes.isEmpty {
                    // A change that does not fit what is stored changes nothing and fails alone; any other error
                    // rolls the whole batch back, and every change in it fails.
                    do {
                        let conflicts = try database.write { db in
                            var conflicts: [Int: StoreError] = [:]
                            for (index, change) in changes.enumerated() {
                                if let refusal = failedViews.refusal(change) {
                                    conflicts[index] = refusal
                                } else if let conflict = try Self.apply(change, db) {
                                    conflicts[index] = conflict
                                    failedViews.mark([change], conflict: false)
                                }
                            }
                            return conflicts
                        }
                        promises.finish(.written(conflicts: conflicts))
                    } catch {
                        failedViews.mark(changes, conflict: false)
                        promises.finish(.failed(error))
                    }
                }
                if checkpoint { checkpointRequests.signal() }
            }
        }
    }

    /// Copies the WAL into the database file and syncs it, beside the commits (passive: never blocks them); then
    /// asks the writer to copy the little committed meanwhile, after which the WAL starts afresh (bounded size).
    private func runCheckpoints() {
        // On Linux the nice value is per thread: this one only.
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        while true {
            checkpointRequests.wait()
            if stopCheckpoints.load(ordering: .relaxed) { return }
            checkpoint()
        }
    }

    private func checkpoint() {
        _ = try? checkpointer.writeWithoutTransaction { db in try db.checkpoint(.passive) }
        // The writer does the restart: one at work soon, an idle one now (started in the same step, so that `close`
        // never sees neither a checkpoint nor a write under way while the restart is still to come).
        let start = queue.withLock { queue -> Bool in
            queue.checkpointing = false
            queue.restartWanted = true
            queue.batchesSinceRestartWanted = 0
            guard !queue.writing else { return false }
            queue.writing = true
            return true
        }
        if start { writer.async { self.drain(inline: false) } }
    }

    /// Applies one change inside the batch's transaction; the conflict if it does not fit (nothing changed then).
    private static func apply(_ change: StoreChange, _ db: Database) throws -> StoreError? {
        switch change {
        case .create(let name, let at):
            guard !name.utf8.contains(0) else { return .nul }
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO conversation (name, created, active) VALUES (?, ?, ?)")
                .execute(arguments: [name, at, at])
            if db.changesCount == 0 { return .conflict(name) }
        case .append(let name, let line, let seq, let at, _):
            guard !name.utf8.contains(0), !line.utf8.contains(0) else { return .nul }
            // The `seq`-th line, only after the (seq - 1)-th and when there is none at or after it.
            try db.cachedStatement(
                sql: """
                    INSERT INTO line (conversation, seq, text, at) SELECT ?1, ?2, ?3, ?4
                    WHERE EXISTS (SELECT 1 FROM conversation WHERE name = ?1)
                    AND NOT EXISTS (SELECT 1 FROM line WHERE conversation = ?1 AND seq >= ?2)
                    AND (?2 = 1 OR EXISTS (SELECT 1 FROM line WHERE conversation = ?1 AND seq = ?2 - 1))
                    """
            ).execute(arguments: [name, seq, line, at])
            if db.changesCount == 0 { return .conflict(name) }
            try db.cachedStatement(sql: "UPDATE conversation SET active = ? WHERE name = ?")
                .execute(arguments: [at, name])
        case .delete(let name):
            try db.cachedStatement(sql: "DELETE FROM line WHERE conversation = ?").execute(arguments: [name])
            try db.cachedStatement(sql: "DELETE FROM conversation WHERE name = ?").execute(arguments: [name])
        case .expire(let before):
            try db.execute(
                sql: "DELETE FROM line WHERE conversation IN (SELECT name FROM conversation WHERE active < ?)",
                arguments: [before])
            try db.execute(sql: "DELETE FROM conversation WHERE active < ?", arguments: [before])
        }
        return nil
    }

    public func close() async throws {
        flush()
        // Wait (at most about 10 s) for the writer to write everything queued so far.
        for _ in 0..<2000 {
            guard queue.withLock({ $0.writing || $0.checkpointing }) else { break }
            try? await Task.sleep(for: .milliseconds(5))
        }
        failQueued()
        stopCheckpoints.store(true, ordering: .relaxed)
        checkpointRequests.signal()
        try checkpointer.close()
        try reader.close()
        try database.close()
        lock.release()
    }
}

/// An exclusive `flock` on a file, held until `release()` or until it is freed (or the process dies).
final class LockFile: Sendable {
    private let descriptor: Int32

    /// Locks `path` (creating it, mode 0600, never following a symbolic link) for the store at `store`.
    init(path: String, store: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw StoreError.unsafePath("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            Glibc.close(descriptor)
            if reason == EWOULDBLOCK { throw StoreError.inUse(store) }
            throw StoreError.unsafePath("cannot lock \(path): \(String(cString: strerror(reason)))")
        }
    }

    func release() { flock(descriptor, LOCK_UN) }

    deinit { Glibc.close(descriptor) }
}
