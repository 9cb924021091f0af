import Assessment
import Dialogue
import Foundation
import NIOPosix
import Synchronization
import Testing

@testable import Server

func temporaryPath(_ name: String) -> (directory: URL, path: String) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tt-\(UUID().uuidString)")
    return (directory, directory.appendingPathComponent(name).path)
}

@Suite struct StoreTests {
    func fill(_ store: any ConversationStore) async throws {
        try await store.submit(.create(name: "a", at: 1)).value()
        try await store.submit(.append(name: "a", line: "one", seq: 1, at: 2)).value()
        try await store.submit(.append(name: "a", line: "two 🙂 \"q\"", seq: 2, at: 3)).value()
        try await store.submit(.create(name: "b", at: 4)).value()
        try await store.submit(.append(name: "b", line: "only", seq: 1, at: 4)).value()
        try await store.submit(.create(name: "c", at: 5)).value()
        try await store.submit(.delete(name: "c")).value()
    }

    let expected = [
        StoredConversation(name: "a", lines: ["one", "two 🙂 \"q\""], lastActive: 3, created: 1),
        StoredConversation(name: "b", lines: ["only"], lastActive: 4, created: 4),
    ]

    @Test func memoryRoundTrip() async throws {
        let store = MemoryStore()
        try await fill(store)
        #expect(try await store.loadAll().sorted { $0.name < $1.name } == expected)
    }

    @Test func sqliteRoundTripAcrossReopen() async throws {
        let (directory, path) = temporaryPath("state/conversations.sqlite")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try SQLiteStore(path: path)
        try await fill(first)
        try await first.close()
        let again = try SQLiteStore(path: path)
        #expect(try await again.loadAll().sorted { $0.name < $1.name } == expected)
        try await again.close()
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func enqueuedChangesWaitForFlushThenAreDurable() async throws {
        let (directory, path) = temporaryPath("e.sqlite")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: path)
        _ = store.enqueue(.create(name: "e", at: 1))
        let waits = (1...300).map { store.enqueue(.append(name: "e", line: "\($0)", seq: $0, at: Double($0))) }
        let durable = Atomic<Int>(0)
        for wait in waits { wait.whenDurable { error in if error == nil { durable.add(1, ordering: .relaxed) } } }
        #expect(durable.load(ordering: .relaxed) == 0)
        store.flush()
        for wait in waits { try await wait.value() }
        #expect(durable.load(ordering: .relaxed) == 300)
        try await store.close()
        let again = try SQLiteStore(path: path)
        let loaded = try await again.loadAll()
        #expect(loaded.map(\.lines) == [(1...300).map { "\($0)" }])
        try await again.close()
    }

    @Test func durabilityIsAPromiseOfTheCallersEventLoop() async throws {
        let (directory, path) = temporaryPath("p.sqlite")
        defer { try? FileManager.default.removeItem(at: directory) }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let store = try SQLiteStore(path: path)
        let loops = [group.next(), group.next()]
        let onItsLoop = Atomic<Int>(0)
        var waits: [Durability] = []
        for (index, loop) in loops.enumerated() {
            let durability = store.submit(.create(name: "p\(index)", at: 1), on: loop)
            #expect(durability.future?.eventLoop === loop)
            durability.whenDurable { error in
                if error == nil, loop.inEventLoop { onItsLoop.add(1, ordering: .relaxed) }
            }
            waits.append(durability)
        }
        for wait in waits { try await wait.value() }
        #expect(onItsLoop.load(ordering: .relaxed) == 2)
        // A change that does not fit fails its own promise only.
        let conflict = store.submit(.create(name: "p0", at: 2), on: loops[0])
        await #expect(throws: StoreError.conflict("p0")) { try await conflict.value() }
        try await store.close()
        try await group.shutdownGracefully()
    }

    @Test func closingCompletesWhatIsQueued() async throws {
        let (directory, path) = temporaryPath("q.sqlite")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: path)
        try await store.submit(.create(name: "q", at: 1)).value()
        // Queued with no flush: closing writes it and completes its promise (NIO traps a promise left unfulfilled).
        let queued = store.enqueue(.append(name: "q", line: "one", seq: 1, at: 2))
        try await store.close()
        try await queued.value()
        let again = try SQLiteStore(path: path)
        #expect(try again.load("q")?.lines == ["one"])
        try await again.close()
    }

    @Test func walStaysBoundedUnderSustainedWrites() async throws {
        let (directory, path) = temporaryPath("w.sqlite")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: path)
        for name in 0..<1000 { _ = store.submit(.create(name: "n\(name)", at: 0)) }
        for round in 0..<40 {
            let waits = (0..<1000).map {
                store.submit(.append(name: "n\($0)", line: "line", seq: round + 1, at: Double(round)))
            }
            for wait in waits { try await wait.value() }
        }
        try await Task.sleep(for: .milliseconds(200))
        let wal = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0
        #expect(wal < 150_000_000)
        try await store.close()
    }

    @Test func concurrentSubmissionsAreAllWrittenInOrder() async throws {
        let (directory, path) = temporaryPath("c.sqlite")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: path)
        for name in 0..<5 { _ = store.submit(.create(name: "n\(name)", at: 0)) }
        let waits = (0..<500).map {
            store.submit(.append(name: "n\($0 % 5)", line: "\($0)", seq: $0 / 5 + 1, at: Double($0)))
        }
        for wait in waits { try await wait.value() }
        let loaded = try await store.loadAll()
        #expect(loaded.count == 5)
        for conversation in loaded {
            let numbers = conversation.lines.compactMap { Int($0) }
            #expect(numbers.count == 100)
            #expect(numbers == numbers.sorted())
        }
        try await store.close()
    }
}

@Suite struct ConversationsTests {
    let knowledge: Knowledge

    init() throws { knowledge = try Knowledge.embedded() }

    func turn(_ result: (Result<Turn, ProtocolError>, Durability)) throws -> Turn { try result.0.get() }

    func errorCode(_ result: (Result<Turn, ProtocolError>, Durability)) -> ErrorCode? {
        switch result.0 {
        case .success: nil
        case .failure(let error): error.code
        }
    }

    func request(_ name: String, _ kind: RequestKind) -> Request { Request(conversation: name, kind: kind) }

    @Test func sayMatchesTheInterviewFedTheSameLines() throws {
        let conversations = Conversations(knowledge: knowledge, store: MemoryStore(), limits: .init())
        var interview = Interview(knowledge: knowledge, today: LocalDate.at(secondsSince1970: 0))
        for line in ["my eyelid twitches", "no", "/back", "yes", "not sure"] {
            var expected = Turn(interview.received(text: line))
            // After the advice the server's reply says done (PROTOCOL.md), where the interview's actions do not.
            if interview.isDone { expected.done = true }
            #expect(try turn(conversations.handle(request("c", .say(line)), now: 0)) == expected)
        }
        let state = try turn(conversations.handle(request("c", .state), now: 0))
        #expect(state.ask == interview.pendingQuestion)
        #expect(state.case == interview.currentCase)
    }

    @Test func restoreReplaysStoredLines() async throws {
        let store = MemoryStore()
        let first = Conversations(knowledge: knowledge, store: store, limits: .init())
        for line in ["twitching", "no", "no"] {
            _ = first.handle(request("c", .say(line)), now: 10)
        }
        let before = try turn(first.handle(request("c", .state), now: 10))
        // A new registry on the same store (a restart) rebuilds the conversation when it is first touched.
        let second = Conversations(knowledge: knowledge, store: store, limits: .init())
        #expect(second.count == 0)
        #expect(try turn(second.handle(request("c", .state), now: 11)) == before)
        #expect(second.count == 1)
    }

    /// Relative dates are read against the day the conversation started, before and after a restart.
    @Test func relativeDatesUseTheDayTheConversationStarted() async throws {
        let store = MemoryStore()
        let first = Conversations(knowledge: knowledge, store: store, limits: .init())
        let started = 1_764_000_000.0  // 2025-11-24, a Monday
        for line in ["it twitches", "no", "since last Monday"] {
            _ = first.handle(request("c", .say(line)), now: started)
        }
        let before = try turn(first.handle(request("c", .state), now: started))
        #expect(before.case?["onset"]?.value != nil, "the date is understood, not left unclear")
        let second = Conversations(knowledge: knowledge, store: store, limits: .init(idleTimeout: 7 * 86_400))
        #expect(try turn(second.handle(request("c", .state), now: started + 3 * 86_400)) == before)
    }

    @Test func conversationLimitAndEnd() throws {
        let conversations = Conversations(
            knowledge: knowledge, store: MemoryStore(), limits: .init(maximumConversations: 2))
        _ = try turn(conversations.handle(request("a", .start), now: 0))
        _ = try turn(conversations.handle(request("b", .say("hi")), now: 0))
        #expect(errorCode(conversations.handle(request("c", .start), now: 0)) == .limitReached)
        #expect(try turn(conversations.handle(request("a", .end), now: 0)).ended)
        #expect(errorCode(conversations.handle(request("a", .end), now: 0)) == .unknownConversation)
        _ = try turn(conversations.handle(request("c", .start), now: 0))
        #expect(conversations.count == 2)
    }

    @Test func lineLimitPerConversation() throws {
        let conversations = Conversations(
            knowledge: knowledge, store: MemoryStore(), limits: .init(maximumLines: 3))
        for _ in 0..<3 { _ = try turn(conversations.handle(request("a", .say("x")), now: 0)) }
        #expect(errorCode(conversations.handle(request("a", .say("x")), now: 0)) == .limitReached)
    }

    @Test func idleConversationsExpire() async throws {
        let store = MemoryStore()
        let conversations = Conversations(knowledge: knowledge, store: store, limits: .init(idleTimeout: 60))
        _ = try turn(conversations.handle(request("old", .say("hi")), now: 0))
        _ = try turn(conversations.handle(request("new", .say("hi")), now: 50))
        #expect(conversations.expire(now: 100) == 1)
        #expect(conversations.count == 1)
        #expect(errorCode(conversations.handle(request("old", .state), now: 100)) == .unknownConversation)
        #expect(try await store.loadAll().map(\.name) == ["new"])
    }

    /// A stored conversation idle for longer than the timeout is not rebuilt: it is deleted when touched.
    @Test func anExpiredStoredConversationIsNotRebuilt() async throws {
        let store = MemoryStore()
        let first = Conversations(knowledge: knowledge, store: store, limits: .init(idleTimeout: 60))
        _ = try turn(first.handle(request("old", .say("hi")), now: 0))
        let second = Conversations(knowledge: knowledge, store: store, limits: .init(idleTimeout: 60))
        #expect(errorCode(second.handle(request("old", .state), now: 100)) == .unknownConversation)
        #expect(try await store.loadAll().isEmpty)
    }

    @Test func storedBytesPerConversationAreBounded() throws {
        let conversations = Conversations(
            knowledge: knowledge, store: MemoryStore(), limits: .init(maximumStoredBytes: 3000))
        let line = String(repeating: "y", count: 1000)
        for _ in 0..<3 { _ = try turn(conversations.handle(request("a", .say(line)), now: 0)) }
        #expect(errorCode(conversations.handle(request("a", .say("x")), now: 0)) == .limitReached)
    }
}
