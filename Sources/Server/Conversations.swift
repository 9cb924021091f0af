import Assessment
import Dialogue
import NIOCore
import NIOPosix
import Synchronization

/// The live conversations, by name: the registry that applies requests to interviews, enforces the limits and
/// expires idle conversations. Lock-protected shards, so that conversations on different shards proceed in
/// parallel; each change is submitted to the store while its shard is locked, so the store sees a conversation's
/// turns in order.
///
/// Memory holds what the store holds, plus the changes still being written: a conversation is loaded from the store
/// (its lines replayed) when a request first touches it, so a restart costs nothing until then; and when one of its
/// changes fails, it is dropped from memory (never from the store), so that the next request rebuilds it from what
/// is stored, as it was before the failed line.
public final class Conversations: Sendable {
    /// The limits on conversations.
    public struct Limits: Hashable, Sendable {
        /// How many conversations may be live (in memory) at once.
        public var maximumConversations: Int
        /// Seconds without a stored line after which a conversation expires.
        public var idleTimeout: Double
        /// How many user lines one conversation may hold.
        public var maximumLines: Int
        /// How many bytes of user text one conversation may hold.
        public var maximumStoredBytes: Int
        /// How many live conversations one connection may have brought into memory (started, or continued after a
        /// restart), so that one client cannot take every slot.
        public var maximumPerConnection: Int

        public init(
            maximumConversations: Int = 100_000, idleTimeout: Double = 86_400, maximumLines: Int = 1000,
            maximumStoredBytes: Int = 262_144, maximumPerConnection: Int = 10_000
        ) {
            self.maximumPerConnection = maximumPerConnection
            self.maximumConversations = maximumConversations
            self.idleTimeout = idleTimeout
            self.maximumLines = maximumLines
            self.maximumStoredBytes = maximumStoredBytes
        }
    }

    struct Entry: Sendable {
        var interview: Interview
        /// When its last line was stored (or it started).
        var lastActive: Double
        var lineCount: Int
        var storedBytes: Int
        /// Tells this entry from a later one of the same name, so that a late failure drops only its own.
        var epoch: UInt64
        /// The connection that brought it into memory (counted against its limit), if any.
        var owner: Int?
    }

    final class Shard: Sendable {
        let entries = Mutex<[String: Entry]>([:])
    }

    public let knowledge: Knowledge
    /// One free-text reader shared by every conversation (its vocabulary is built once).
    public let reader: Understanding.Reader
    public let limits: Limits
    private let store: any ConversationStore
    private let shards: [Shard]
    private let liveCount = Atomic<Int>(0)
    private let epochs = Atomic<UInt64>(0)
    /// How many live conversations each connection brought into memory (see `Limits.maximumPerConnection`).
    private let owned = Mutex<[Int: Int]>([:])
    private let owners = Atomic<Int>(0)

    public init(knowledge: Knowledge, store: any ConversationStore, limits: Limits) {
        self.knowledge = knowledge
        reader = Understanding.Reader(knowledge: knowledge)
        self.store = store
        self.limits = limits
        shards = (0..<16).map { _ in Shard() }
    }

    /// A new owner id for a connection.
    public func newOwner() -> Int { owners.add(1, ordering: .relaxed).newValue }

    /// Counts a conversation against `owner`'s limit; false when the limit is reached.
    private func claim(for owner: Int?) -> Bool {
        guard let owner else { return true }
        return owned.withLock { owned in
            guard owned[owner, default: 0] < limits.maximumPerConnection else { return false }
            owned[owner, default: 0] += 1
            return true
        }
    }

    /// Gives back the slot of a conversation leaving memory.
    private func release(_ entry: Entry) {
        liveCount.subtract(1, ordering: .relaxed)
        guard let owner = entry.owner else { return }
        owned.withLock { owned in
            let left = owned[owner, default: 1] - 1
            owned[owner] = left > 0 ? left : nil
        }
    }

    /// Takes a live slot for `owner`; the error to reply with if there is none.
    private func reserve(for owner: Int?) -> String? {
        guard reserveSlot() else {
            return "The server holds its maximum of \(limits.maximumConversations) conversations; end one or try again "
                + "later."
        }
        guard claim(for: owner) else {
            liveCount.subtract(1, ordering: .relaxed)
            return "This connection holds its maximum of \(limits.maximumPerConnection) live conversations; end one "
                + "or let them expire."
        }
        return nil
    }

    /// How many conversations are live (in memory).
    public var count: Int { liveCount.load(ordering: .relaxed) }

    private func shard(for name: String) -> Shard {
        var hasher = Hasher()
        hasher.combine(name)
        return shards[Int(UInt(bitPattern: hasher.finalize()) % UInt(shards.count))]
    }

    /// Whether the interview takes `text` (and so whether it is stored): everything but an over-long line that is
    /// not a command, which the interview refuses without a change.
    static func isTaken(_ text: String) -> Bool {
        text.unicodeScalars.count <= Interview.maximumAnswerLength || Interview.Command(parsing: text.prefix(64)) != nil
    }

    private func newEpoch() -> UInt64 { epochs.add(1, ordering: .relaxed).newValue }

    /// Rebuilds a stored conversation by replaying its lines.
    private func rebuild(_ stored: StoredConversation, owner: Int?) -> Entry {
        var interview = Interview(
            knowledge: knowledge, reader: reader, today: LocalDate.at(secondsSince1970: stored.created))
        _ = interview.start()
        for line in stored.lines { _ = interview.received(text: line) }
        return Entry(
            interview: interview, lastActive: stored.lastActive, lineCount: stored.lines.count,
            storedBytes: stored.lines.reduce(0) { $0 + $1.utf8.count }, epoch: newEpoch(), owner: owner)
    }

    /// Applies `request`: the turn to reply with (or the error), and when the change is durable. With `deferWrite`,
    /// the change waits for `flushStore()` (see `ConversationStore.enqueue`).
    /// The durability's callbacks run on `loop` (a connection passes its own).
    public func handle(
        _ request: Request, now: Double, deferWrite: Bool = false, owner: Int? = nil,
        on loop: any EventLoop = MultiThreadedEventLoopGroup.singleton.any()
    ) -> (Result<Turn, ProtocolError>, Durability) {
        // Failures are watched once the shard is unlocked (a store may report one at once, and the watcher locks).
        var watched: [Durability] = []
        var watchedEpoch: UInt64 = 0
        let outcome = apply(
            request, now: now, deferWrite: deferWrite, owner: owner, loop: loop, watched: &watched,
            epoch: &watchedEpoch)
        for durability in watched { dropOnFailure(durability, name: request.conversation, epoch: watchedEpoch) }
        return outcome
    }

    private func apply(
        _ request: Request, now: Double, deferWrite: Bool, owner: Int?, loop: any EventLoop,
        watched: inout [Durability], epoch watchedEpoch: inout UInt64
    ) -> (Result<Turn, ProtocolError>, Durability) {
        let store = self.store
        let submit = { (change: StoreChange) -> Durability in
            deferWrite ? store.enqueue(change, on: loop) : store.submit(change, on: loop)
        }
        let name = request.conversation
        func failure(_ code: ErrorCode, _ message: String) -> (Result<Turn, ProtocolError>, Durability) {
            (.failure(ProtocolError(code, message, id: request.id, conversation: name)), .done)
        }
        return shard(for: name).entries.withLock { entries in
            if store.isShared, entries[name] != nil, request.kind.onlyReads {
                // Another server may have taken turns since: a request that writes nothing checks what is stored.
                // (A `say` learns it from its append, which then conflicts, and is taken again: see
                // `ConnectionStateMachine.conflicted`.)
                let stored: StoredConversation?
                do {
                    stored = try store.load(name)
                } catch {
                    return failure(.storeFailed, "The conversation could not be read from the store; try again.")
                }
                if let entry = entries[name], stored?.lines.count != entry.lineCount {
                    entries[name] = nil
                    release(entry)
                }
            }
            if entries[name] == nil {
                // Not in memory: rebuild it from the store, if it is there.
                let stored: StoredConversation?
                do {
                    stored = try store.load(name)
                } catch {
                    return failure(.storeFailed, "The conversation could not be read from the store; try again.")
                }
                if let stored {
                    if now - stored.lastActive > limits.idleTimeout {
                        _ = submit(.delete(name: name))
                    } else {
                        if let refusal = reserve(for: owner) { return failure(.limitReached, refusal) }
                        entries[name] = rebuild(stored, owner: owner)
                    }
                }
            }
            switch request.kind {
            case .start, .say:
                var created: Durability?
                if entries[name] == nil {
                    if let refusal = reserve(for: owner) { return failure(.limitReached, refusal) }
                    entries[name] = newEntry(now: now, owner: owner)
                    created = submit(.create(name: name, at: now))
                }
                // The entry is changed in place (through its index), so that its interview is not copied.
                guard let index = entries.index(forKey: name) else {
                    return failure(.unknownConversation, "No such conversation.")
                }
                let epoch = entries.values[index].epoch
                var durability = created ?? .done
                let turn: Turn
                switch take(request.kind, into: &entries.values[index], now: now) {
                case .failure(let error): return failure(error.code, error.message)
                case .success((let taken, let line)):
                    turn = taken
                    if let line {
                        let seq = entries.values[index].lineCount
                        durability = submit(.append(name: name, line: line, seq: seq, at: now, epoch: epoch))
                        watched.append(durability)
                    }
                }
                watchedEpoch = epoch
                if let created { watched.append(created) }
                return (.success(turn), durability)
            case .state, .report:
                // A report is answered by `report(_:)`; here it is only the state, and changes nothing.
                guard let entry = entries[name] else { return unknown(request) }
                return (.success(Turn(state: entry.interview)), .done)
            case .end:
                guard let entry = entries.removeValue(forKey: name) else { return unknown(request) }
                release(entry)
                return (.success(Turn([.end])), submit(.delete(name: name)))
            }
        }
    }

    /// Applies a start or a say to a conversation's entry: the turn, and the line to store (nil when the interview
    /// did not take one); or the error when one of the conversation's limits is reached. The one path of every
    /// conversation, named (`handle`) or private to a connection (`PrivateConversation`).
    private func take(
        _ kind: RequestKind, into entry: inout Entry, now: Double
    ) -> Result<(Turn, line: String?), ProtocolError> {
        switch kind {
        case .say(let text):
            let taken = Self.isTaken(text)
            if taken {
                guard entry.lineCount < limits.maximumLines else {
                    return .failure(
                        ProtocolError(
                            .limitReached,
                            "This conversation has reached its maximum of \(limits.maximumLines) lines; end it and "
                                + "start a new one."))
                }
                guard entry.storedBytes + text.utf8.count <= limits.maximumStoredBytes else {
                    return .failure(
                        ProtocolError(
                            .limitReached,
                            "This conversation has reached its maximum of \(limits.maximumStoredBytes) bytes of "
                                + "text; end it and start a new one."))
                }
            }
            var said = Turn(entry.interview.received(text: text))
            // After the advice, a reply that only says something still belongs to a finished interview.
            if entry.interview.isDone { said.done = true }
            guard taken else { return .success((said, nil)) }
            entry.lineCount += 1
            entry.storedBytes += text.utf8.count
            entry.lastActive = now
            return .success((said, text))
        case .start, .state, .end, .report:
            return .success((Turn(entry.interview.start()), nil))
        }
    }

    /// A new conversation's entry, started at `now` (relative dates are read against that day).
    private func newEntry(now: Double, owner: Int?) -> Entry {
        Entry(
            interview: Interview(knowledge: knowledge, reader: reader, today: LocalDate.at(secondsSince1970: now)),
            lastActive: now, lineCount: 0, storedBytes: 0, epoch: newEpoch(), owner: owner)
    }

    /// A conversation that one connection holds alone and that is never stored: the plain-text mode. It is started
    /// and read exactly as a named one (`handle`): the same interview, dated the day it started, the same limits.
    public struct PrivateConversation: Sendable {
        fileprivate var entry: Entry
        /// Whether its interview has given its advice.
        public var isDone: Bool { entry.interview.isDone }
        /// Whether it has neither asked nor finished anything yet.
        public var isNew: Bool { entry.interview.pendingQuestion == nil && !entry.interview.isDone }
    }

    /// A new private conversation, started at `now`.
    public func privateConversation(now: Double) -> PrivateConversation {
        PrivateConversation(entry: newEntry(now: now, owner: nil))
    }

    /// Applies a start or a say to a private conversation, as `handle` does to a named one (nothing is stored).
    public func handle(
        _ kind: RequestKind, in conversation: inout PrivateConversation, now: Double
    ) -> Result<Turn, ProtocolError> {
        take(kind, into: &conversation.entry, now: now).map(\.0)
    }

    /// When `durability` fails, forgets the conversation's entry `epoch` (memory only), so that the next request
    /// rebuilds it from the store: the failed line, and any taken after it, are gone, as the store never got them.
    /// Runs before the waiting connection hears of the failure (a future runs its callbacks in the order they were
    /// added, on its loop: the connection's).
    private func dropOnFailure(_ durability: Durability, name: String, epoch: UInt64) {
        durability.whenDurable { [self] error in
            guard error != nil else { return }
            shard(for: name).entries.withLock { entries in
                guard let entry = entries[name], entry.epoch == epoch else { return }
                entries[name] = nil
                release(entry)
            }
        }
    }

    /// The report a `report` request asks for: the conversation's visit summary or FHIR QuestionnaireResponse as it
    /// stands (rebuilt from the store if it is not in memory). Changes nothing.
    public func report(
        _ request: Request, format: ReportFormat, now: Double, owner: Int? = nil,
        on loop: any EventLoop = MultiThreadedEventLoopGroup.singleton.any()
    ) -> Result<ReportReply, ProtocolError> {
        // As `state`: loads the conversation from the store if needed, and fails as `state` would.
        if case .failure(let error) = handle(request, now: now, owner: owner, on: loop).0 { return .failure(error) }
        let interview = shard(for: request.conversation).entries.withLock { $0[request.conversation]?.interview }
        guard let interview else { return .failure(unknownConversation(request)) }
        return .success(
            ReportReply(id: request.id, conversation: request.conversation, format: format, interview: interview))
    }

    private func unknown(_ request: Request) -> (Result<Turn, ProtocolError>, Durability) {
        (.failure(unknownConversation(request)), .done)
    }

    private func unknownConversation(_ request: Request) -> ProtocolError {
        let message = "No conversation named \(request.conversation) (it may have ended or expired); send start or say."
        return ProtocolError(.unknownConversation, message, id: request.id, conversation: request.conversation)
    }

    /// Writes the changes queued by `handle(_:now:deferWrite:)`, on this thread (see `ConversationStore.flush`).
    public func flushStore() { store.flush() }

    /// Takes one of the conversation slots, if any is left.
    private func reserveSlot() -> Bool {
        while true {
            let current = liveCount.load(ordering: .relaxed)
            guard current < limits.maximumConversations else { return false }
            if liveCount.compareExchange(expected: current, desired: current + 1, ordering: .relaxed).exchanged {
                return true
            }
        }
    }

    /// Removes the conversations idle for longer than the timeout, from memory and from the store (also those the
    /// store holds that are not in memory). Returns how many expired in memory.
    @discardableResult
    public func expire(now: Double, on loop: any EventLoop = MultiThreadedEventLoopGroup.singleton.any()) -> Int {
        var expired = 0
        for shard in shards {
            shard.entries.withLock { entries in
                let names = entries.filter { now - $0.value.lastActive > limits.idleTimeout }.map(\.key)
                for name in names {
                    if let entry = entries.removeValue(forKey: name) { release(entry) }
                }
                expired += names.count
            }
        }
        _ = store.submit(.expire(before: now - limits.idleTimeout), on: loop)
        return expired
    }
}

extension RequestKind {
    /// Whether the request only reads its conversation (or starts one that may exist already).
    var onlyReads: Bool {
        switch self {
        case .start, .state, .report: true
        case .say, .end: false
        }
    }
}
