import Foundation
import GRDB
import Synchronization

/// A conversation as stored: its name, the user lines in order, and when it was last used.
public struct StoredConversation: Hashable, Sendable {
    public var name: String
    public var lines: [String]
    /// Seconds since 1970 of the last accepted turn.
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
    /// A new conversation, with no lines yet.
    case create(name: String, at: Double)
    /// A user line accepted in a conversation: its `seq`-th line (counting from 1).
    case append(name: String, line: String, seq: Int, at: Double)
    /// The conversation ended or expired.
    case delete(name: String)
}

/// Where conversations live between restarts.
///
/// Only user lines are stored: the state is rebuilt by replaying them through the `Interview` (see PROTOCOL.md).
/// Changes are applied in the order `submit` is called; `submit` returns at once and the returned `Durability`
/// completes once the change is on disk, so a caller can keep the order of a conversation's turns without
/// waiting on the disk while it holds a lock.
public protocol ConversationStore: Sendable {
    /// Every stored conversation.
    func loadAll() async throws -> [StoredConversation]
    /// Queues `change`; it is durable when the result completes without throwing.
    func submit(_ change: StoreChange) -> Durability
    /// Queues `change` like `submit`, but leaves the write to the next `flush()` (or to a write already under way),
    /// so that a caller handling many requests at once can commit them together on its own thread.
    func enqueue(_ change: StoreChange) -> Durability
    /// Writes what is queued now, on the calling thread, unless a write is under way (which then takes it).
    func flush()
    /// Waits for every queued change to be written, then closes the store.
    func close() async throws
}

/// Completes when a submitted change is durable (or failed).
public struct Durability: Sendable {
    /// Nil for a change that is durable already.
    let completion: Completion?

    /// An already-durable change.
    public static let done = Durability(completion: nil)

    /// Whether the change is known to be durable already (so its reply need not wait).
    public var isDone: Bool { completion == nil }

    /// Waits until the change is durable; throws if it could not be written.
    public func value() async throws { try await completion?.wait() }

    /// Calls `body` once the change is durable (with nil) or failed (with the error); at once if it is already.
    /// `body` runs on the thread that finished the write, so it should only hand the news on.
    public func whenDurable(_ body: @escaping @Sendable ((any Error)?) -> Void) {
        guard let completion else { return body(nil) }
        completion.whenFinished(body)
    }
}

/// Keeps nothing: `--store memory`.
public final class MemoryStore: ConversationStore {
    private let conversations = Mutex<[String: StoredConversation]>([:])

    public init() {}

    public func loadAll() async throws -> [StoredConversation] {
        conversations.withLock { Array($0.values) }
    }

    public func submit(_ change: StoreChange) -> Durability {
        conversations.withLock { change.apply(to: &$0) }
        return .done
    }

    public func enqueue(_ change: StoreChange) -> Durability { submit(change) }

    public func flush() {}

    public func close() async throws {}
}

extension StoreChange {
    func apply(to conversations: inout [String: StoredConversation]) {
        switch self {
        case .create(let name, let at):
            conversations[name] = StoredConversation(name: name, lines: [], lastActive: at)
        case .append(let name, let line, _, let at):
            conversations[name, default: StoredConversation(name: name, lines: [], lastActive: at)].lines.append(line)
            conversations[name]?.lastActive = at
        case .delete(let name):
            conversations[name] = nil
        }
    }
}

/// A one-shot signal that many tasks (or callbacks) can wait for.
final class Completion: Sendable {
    typealias Callback = @Sendable ((any Error)?) -> Void
    private enum State {
        case pending([Callback])
        case finished((any Error)?)
    }
    private let state = Mutex<State>(.pending([]))

    func finish(_ error: (any Error)?) {
        let waiters = state.withLock { state -> [Callback] in
            switch state {
            case .pending(let waiters):
                state = .finished(error)
                return waiters
            case .finished:
                return []
            }
        }
        for waiter in waiters { waiter(error) }
    }

    /// Calls `callback` when finished (at once if it is already).
    func whenFinished(_ callback: @escaping Callback) {
        let outcome = state.withLock { state -> (any Error)?? in
            switch state {
            case .pending(var waiters):
                state = .pending([])
                waiters.append(callback)
                state = .pending(waiters)
                return nil
            case .finished(let error):
                return .some(error)
            }
        }
        switch outcome {
        case .none: break
        case .some(let error): callback(error)
        }
    }

    func wait() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            whenFinished { error in
                if let error { continuation.resume(throwing: error) } else { continuation.resume() }
            }
        }
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
        var completion = Completion()
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

    /// Opens (creating if needed) the store at `path`, with mode 0600 and its directory with mode 0700.
    public init(path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // WAL: a commit is one append to the log; NORMAL keeps it safe from a process crash (kill -9).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Checkpoints (which sync) run on their own connection, not inside a commit.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
        }
        let previousMask = umask(0o077)
        defer { umask(previousMask) }
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        checkpointer = try DatabaseQueue(path: path, configuration: configuration)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            chmod(path + suffix, 0o600)
        }
        try database.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS conversation (
                        name TEXT PRIMARY KEY NOT NULL,
                        created REAL NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE IF NOT EXISTS line (
                        conversation TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        text TEXT NOT NULL,
                        at REAL NOT NULL,
                        PRIMARY KEY (conversation, seq)
                    ) WITHOUT ROWID;
                    """)
        }
        Thread { self.runCheckpoints() }.start()
    }

    public func loadAll() async throws -> [StoredConversation] {
        try await database.read { db in
            var conversations: [String: StoredConversation] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, created FROM conversation") {
                let name: String = row["name"]
                let created: Double = row["created"]
                conversations[name] = StoredConversation(name: name, lines: [], lastActive: created, created: created)
            }
            let lines = try Row.fetchCursor(
                db, sql: "SELECT conversation, text, at FROM line ORDER BY conversation, seq")
            while let row = try lines.next() {
                let name: String = row["conversation"]
                let at: Double = row["at"]
                guard var conversation = conversations[name] else { continue }
                conversation.lines.append(row["text"])
                conversation.lastActive = max(conversation.lastActive, at)
                conversations[name] = conversation
            }
            return Array(conversations.values)
        }
    }

    public func submit(_ change: StoreChange) -> Durability {
        let (completion, startWriter) = queue.withLock { queue -> (Completion, Bool) in
            queue.changes.append(change)
            let start = !queue.writing
            queue.writing = true
            return (queue.completion, start)
        }
        if startWriter {
            writer.async { self.drain(inline: false) }
        }
        return Durability(completion: completion)
    }

    public func enqueue(_ change: StoreChange) -> Durability {
        let completion = queue.withLock { queue -> Completion in
            queue.changes.append(change)
            return queue.completion
        }
        return Durability(completion: completion)
    }

    public func flush() {
        let start = queue.withLock { queue -> Bool in
            guard !queue.writing, !queue.changes.isEmpty else { return false }
            queue.writing = true
            return true
        }
        if start { drain(inline: true) }
    }

    private enum Step {
        case stop
        case handOff
        case write([StoreChange], Completion, checkpoint: Bool, restart: Bool)
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
                let completion = queue.completion
                queue.changes = []
                queue.completion = Completion()
                queue.sinceCheckpoint += changes.count
                let checkpoint = !queue.checkpointing && queue.sinceCheckpoint >= checkpointEvery
                if checkpoint {
                    queue.checkpointing = true
                    queue.sinceCheckpoint = 0
                }
                return .write(changes, completion, checkpoint: checkpoint, restart: restart)
            }
            switch step {
            case .stop:
                return
            case .handOff:
                writer.async { self.drain(inline: false) }
                return
            case .write(let changes, let completion, let checkpoint, let restart):
                batches += 1
                if restart {
                    // Copies what was committed since the checkpoint connection's pass: a few pages.
                    _ = try? database.writeWithoutTransaction { db in try db.checkpoint(.passive) }
                }
                if !changes.isEmpty {
                    do {
                        try database.write { db in
                            for change in changes { try Self.apply(change, db) }
                        }
                        completion.finish(nil)
                    } catch {
                        completion.finish(error)
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

    private static func apply(_ change: StoreChange, _ db: Database) throws {
        switch change {
        case .create(let name, let at):
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO conversation (name, created) VALUES (?, ?)")
                .execute(arguments: [name, at])
            try db.cachedStatement(sql: "DELETE FROM line WHERE conversation = ?").execute(arguments: [name])
        case .append(let name, let line, let seq, let at):
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO line (conversation, seq, text, at) VALUES (?, ?, ?, ?)")
                .execute(arguments: [name, seq, line, at])
        case .delete(let name):
            try db.cachedStatement(sql: "DELETE FROM line WHERE conversation = ?").execute(arguments: [name])
            try db.cachedStatement(sql: "DELETE FROM conversation WHERE name = ?").execute(arguments: [name])
        }
    }

    public func close() async throws {
        flush()
        // Wait (at most about 10 s) for the writer to write everything queued so far.
        for _ in 0..<2000 {
            guard queue.withLock({ $0.writing || $0.checkpointing }) else { break }
            try? await Task.sleep(for: .milliseconds(5))
        }
        stopCheckpoints.store(true, ordering: .relaxed)
        checkpointRequests.signal()
        try checkpointer.close()
        try database.close()
    }
}
