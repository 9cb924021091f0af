import Assessment
import Dialogue
import Synchronization

/// The live conversations, by name: the registry that applies requests to interviews, enforces the limits and
/// expires idle conversations. Lock-protected shards, so that conversations on different shards proceed in
/// parallel; each change is submitted to the store while its shard is locked, so the store sees a conversation's
/// turns in order.
public final class Conversations: Sendable {
    /// The limits on conversations.
    public struct Limits: Hashable, Sendable {
        /// How many conversations may be live at once.
        public var maximumConversations: Int
        /// Seconds without a turn after which a conversation expires.
        public var idleTimeout: Double
        /// How many user lines one conversation may hold.
        public var maximumLines: Int

        public init(maximumConversations: Int = 100_000, idleTimeout: Double = 86_400, maximumLines: Int = 1000) {
            self.maximumConversations = maximumConversations
            self.idleTimeout = idleTimeout
            self.maximumLines = maximumLines
        }
    }

    struct Entry: Sendable {
        var interview: Interview
        var lastActive: Double
        var lineCount: Int
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

    public init(knowledge: Knowledge, store: any ConversationStore, limits: Limits) {
        self.knowledge = knowledge
        reader = Understanding.Reader(knowledge: knowledge)
        self.store = store
        self.limits = limits
        shards = (0..<16).map { _ in Shard() }
    }

    /// How many conversations are live.
    public var count: Int { liveCount.load(ordering: .relaxed) }

    private func shard(for name: String) -> Shard {
        var hasher = Hasher()
        hasher.combine(name)
        return shards[Int(UInt(bitPattern: hasher.finalize()) % UInt(shards.count))]
    }

    /// Rebuilds the stored conversations by replaying their lines; deletes those that have expired.
    /// Returns how many were restored.
    @discardableResult
    public func restore(_ stored: [StoredConversation], now: Double) -> Int {
        var restored = 0
        for conversation in stored {
            if now - conversation.lastActive > limits.idleTimeout {
                _ = store.submit(.delete(name: conversation.name))
                continue
            }
            var interview = Interview(
                knowledge: knowledge, reader: reader, today: LocalDate.at(secondsSince1970: conversation.created))
            _ = interview.start()
            for line in conversation.lines { _ = interview.received(text: line) }
            let entry = Entry(
                interview: interview, lastActive: conversation.lastActive, lineCount: conversation.lines.count)
            shard(for: conversation.name).entries.withLock { $0[conversation.name] = entry }
            liveCount.add(1, ordering: .relaxed)
            restored += 1
        }
        return restored
    }

    /// Applies `request`: the turn to reply with (or the error), and when the change is durable. With `deferWrite`,
    /// the change waits for `flushStore()` (see `ConversationStore.enqueue`).
    public func handle(
        _ request: Request, now: Double, deferWrite: Bool = false
    ) -> (Result<Turn, ProtocolError>, Durability) {
        let submit = deferWrite ? store.enqueue : store.submit
        let name = request.conversation
        func error(_ code: ErrorCode, _ message: String) -> (Result<Turn, ProtocolError>, Durability) {
            (.failure(ProtocolError(code, message, id: request.id, conversation: name)), .done)
        }
        return shard(for: name).entries.withLock { entries in
            switch request.kind {
            case .start, .say:
                var created = false
                if entries[name] == nil {
                    guard reserveSlot() else {
                        return error(
                            .limitReached,
                            "The server holds its maximum of \(limits.maximumConversations) conversations; "
                                + "end one or try again later.")
                    }
                    entries[name] = Entry(
                        interview: Interview(
                            knowledge: knowledge, reader: reader, today: LocalDate.at(secondsSince1970: now)),
                        lastActive: now, lineCount: 0)
                    created = true
                }
                // The entry is changed in place (through its index), so that its interview is not copied.
                guard let index = entries.index(forKey: name) else {
                    return error(.unknownConversation, "No such conversation.")
                }
                let durability: Durability
                let turn: Turn
                switch request.kind {
                case .say(let text):
                    guard entries.values[index].lineCount < limits.maximumLines else {
                        return error(
                            .limitReached,
                            "This conversation has reached its maximum of \(limits.maximumLines) lines; end it and start "
                                + "a new one.")
                    }
                    turn = Turn(entries.values[index].interview.received(text: text))
                    if created { _ = submit(.create(name: name, at: now)) }
                    entries.values[index].lineCount += 1
                    let seq = entries.values[index].lineCount
                    durability = submit(.append(name: name, line: text, seq: seq, at: now))
                case .start, .state, .end, .report:
                    turn = Turn(entries.values[index].interview.start())
                    durability = created ? submit(.create(name: name, at: now)) : .done
                }
                entries.values[index].lastActive = now
                return (.success(turn), durability)
            case .state, .report:
                // A report is answered by `report(_:)`; here it is only the state, and changes nothing.
                guard let entry = entries[name] else { return unknown(request) }
                return (.success(Turn(state: entry.interview)), .done)
            case .end:
                guard entries.removeValue(forKey: name) != nil else { return unknown(request) }
                liveCount.subtract(1, ordering: .relaxed)
                return (.success(Turn([.end])), submit(.delete(name: name)))
            }
        }
    }

    /// The report a `report` request asks for: the conversation's visit summary or FHIR QuestionnaireResponse as it
    /// stands. Changes nothing.
    public func report(_ request: Request, format: ReportFormat) -> Result<ReportReply, ProtocolError> {
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

    /// Forgets a conversation whose change could not be stored, so that memory never runs ahead of the store;
    /// its next request starts it afresh.
    public func evict(_ name: String) {
        let removed = shard(for: name).entries.withLock { $0.removeValue(forKey: name) != nil }
        if removed {
            liveCount.subtract(1, ordering: .relaxed)
            _ = store.submit(.delete(name: name))
        }
    }

    /// Removes the conversations idle for longer than the timeout. Returns how many expired.
    @discardableResult
    public func expire(now: Double) -> Int {
        var expired = 0
        for shard in shards {
            shard.entries.withLock { entries in
                let names = entries.filter { now - $0.value.lastActive > limits.idleTimeout }.map(\.key)
                for name in names {
                    entries[name] = nil
                    _ = store.submit(.delete(name: name))
                }
                expired += names.count
            }
        }
        liveCount.subtract(expired, ordering: .relaxed)
        return expired
    }
}
