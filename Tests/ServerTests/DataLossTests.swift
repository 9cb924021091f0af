import Assessment
import Dialogue
import Foundation
import GRDB
import Testing

@testable import Server

/// The ways acknowledged lines were lost (issue 10): each test failed on the code before the fix.
@Suite struct DataLossTests {
    let knowledge: Knowledge

    init() throws { knowledge = try Knowledge.embedded() }

    func request(_ name: String, _ kind: RequestKind) -> Request { Request(conversation: name, kind: kind) }

    /// Says `text` and waits until it is durable.
    func say(_ conversations: Conversations, _ name: String, _ text: String) async throws -> Turn {
        let (result, durability) = conversations.handle(request(name, .say(text)), now: 100)
        let turn = try result.get()
        try await durability.value()
        return turn
    }

    func state(_ conversations: Conversations, _ name: String) throws -> Turn {
        try conversations.handle(request(name, .state), now: 100).0.get()
    }

    // MARK: 1. NUL characters

    @Test(arguments: [
        #"{"conversation":"victim\u0000evil","text":"hi"}"#,
        #"{"conversation":"c","text":"3\u0000 weeks ago"}"#,
    ])
    func nulIsRefusedAsAnInvalidField(line: String) {
        switch Request.decode(line: Array(line.utf8)) {
        case .success(let request): Issue.record("taken: \(request)")
        case .failure(let error):
            #expect(error.code == .invalidField)
            #expect(error.message.contains("NUL"))
        }
    }

    // MARK: 2. A failed write

    /// A write that fails (here a trigger stands for a full disk) leaves the conversation as it was, in memory and
    /// on disk; the same line sent again is taken.
    @Test func aFailedWriteLeavesTheConversationAsItWasAndMayBeRetried() async throws {
        let (directory, path) = temporaryPath("f.sqlite")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: path)
        let conversations = Conversations(knowledge: knowledge, store: store, limits: .init())
        _ = try await say(conversations, "c", "my left eyelid keeps twitching")
        _ = try await say(conversations, "c", "no")
        let before = try state(conversations, "c")

        let saboteur = try await failInsertsOfLineThree(in: path)
        await #expect(throws: (any Error).self) { try await say(conversations, "c", "a week ago") }
        #expect(try state(conversations, "c") == before)
        #expect(try await store.loadAll().map(\.lines) == [["my left eyelid keeps twitching", "no"]])

        try await saboteur.write { db in try db.execute(sql: "DROP TRIGGER sabotage") }
        try saboteur.close()
        _ = try await say(conversations, "c", "a week ago")
        #expect(try state(conversations, "c") != before, "the line, taken now, changes the conversation")
        #expect(try await store.loadAll().map(\.lines) == [["my left eyelid keeps twitching", "no", "a week ago"]])
        try await store.close()
    }

    /// Another process holding the write lock for a moment delays the commit instead of failing it.
    @Test func aBusyStoreWaitsForTheLock() async throws {
        let (directory, path) = temporaryPath("b.sqlite")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: path)
        try await store.submit(.create(name: "c", at: 1)).value()
        let other = try DatabaseQueue(path: path)
        let locked = DispatchSemaphore(value: 0)
        let holder = Thread {
            try? other.inTransaction(.immediate) { _ in
                locked.signal()
                Thread.sleep(forTimeInterval: 0.3)
                return .commit
            }
        }
        holder.start()
        locked.wait()
        try await store.submit(.append(name: "c", line: "one", seq: 1, at: 2)).value()
        #expect(try await store.loadAll().map(\.lines) == [["one"]])
        try await store.close()
    }

    // MARK: 3. Lines keyed by position, never replaced; one server per store

    @Test func aStoredLineIsNeverReplaced() async throws {
        let (directory, path) = temporaryPath("r.sqlite")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: path)
        try await store.submit(.create(name: "c", at: 1)).value()
        try await store.submit(.append(name: "c", line: "first", seq: 1, at: 2)).value()
        await #expect(throws: (any Error).self) {
            try await store.submit(.append(name: "c", line: "second", seq: 1, at: 3)).value()
        }
        // Nor may a line skip a position (its predecessor failed).
        await #expect(throws: (any Error).self) {
            try await store.submit(.append(name: "c", line: "third", seq: 3, at: 3)).value()
        }
        #expect(try await store.loadAll().map(\.lines) == [["first"]])
        try await store.close()
    }

    @Test func aSecondServerOnTheSameStoreIsRefused() async throws {
        let (directory, path) = temporaryPath("two.sqlite")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try SQLiteStore(path: path)
        #expect(throws: (any Error).self) { _ = try SQLiteStore(path: path) }
        try await first.close()
        // Once the first is closed, the store may be opened again.
        let again = try SQLiteStore(path: path)
        try await again.close()
    }

    // MARK: 4. Refused lines

    @Test func aLineTheInterviewRefusesIsNotStored() async throws {
        let store = MemoryStore()
        let conversations = Conversations(knowledge: knowledge, store: store, limits: .init())
        _ = try await say(conversations, "c", "my eyelid twitches")
        let long = String(repeating: "x", count: Interview.maximumAnswerLength + 1)
        let refused = try await say(conversations, "c", long)
        #expect(refused.ask != nil)
        #expect(try await store.loadAll().map(\.lines) == [["my eyelid twitches"]])
    }
}
