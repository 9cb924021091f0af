import Foundation
import GRDB
import Synchronization

/// A conversation as stored: its name, the user lines in order, and when it was last used.
public struct StoredConversation: Hashable, Sendable {
    public var name: String
    public var lines: [String]
    /// Seconds since 1970 of the last accepted turn.
    public var lastActive: Double

    public init(name: String, lines: [String], lastActive: Double) {
        self.name = name
        self.lines = lines
        self.lastActive = lastActive
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
public final class SQLiteStore: ConversationStore {
    private struct Queue {
        var changes: [StoreChange] = []
        var completion = Completion()
        var writing = false
    }

    private let database: DatabaseQueue
    private let queue = Mutex(Queue())
    /// The largest batch written in one transaction.
    private let batchLimit = 2048

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
        }
        let previousMask = umask(0o077)
        defer { umask(previousMask) }
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
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
    }

    public func loadAll() async throws -> [StoredConversation] {
        try await database.read { db in
            var conversations: [String: StoredConversation] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, created FROM conversation") {
                let name: String = row["name"]
                conversations[name] = StoredConversation(name: name, lines: [], lastActive: row["created"])
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
            Task.detached { await self.drain() }
        }
        return Durability(completion: completion)
    }

    /// Writes queued changes until none are left.
    private func drain() async {
        while true {
            let batch = queue.withLock { queue -> ([StoreChange], Completion)? in
                guard !queue.changes.isEmpty else {
                    queue.writing = false
                    return nil
                }
                let changes = queue.changes
                let completion = queue.completion
                queue.changes = []
                queue.completion = Completion()
                return (changes, completion)
            }
            guard let (changes, completion) = batch else { return }
            do {
                try await database.write { db in
                    for change in changes { try Self.apply(change, db) }
                }
                completion.finish(nil)
            } catch {
                completion.finish(error)
            }
        }
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
        // Wait (at most about 10 s) for the writer to write everything queued so far.
        for _ in 0..<2000 {
            guard queue.withLock({ $0.writing }) else { break }
            try? await Task.sleep(for: .milliseconds(5))
        }
        try database.close()
    }
}
