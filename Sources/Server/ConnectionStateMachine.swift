import NIOCore

/// What one client connection does, without doing it: the lines it has read and not yet taken, the replies waiting
/// for their turn to be sent, and whether it takes lines, waits for the client, finishes or is closed. Each event is
/// a `mutating func` that returns the action for `ConnectionHandler` to perform; the machine does no I/O, so it is
/// tested directly (`ConnectionStateMachineTests`).
///
/// Requests are pipelined: each line is taken (applied to its conversation by the handler) as soon as it is read,
/// while earlier lines still wait to be durable; its reply waits in `pending` until it and every reply before it may
/// be sent.
///
/// Backpressure and fairness: lines are taken only while fewer than `maximumPending` replies wait and the client takes
/// its replies (the channel is writable). Otherwise the machine stops taking lines and holds back reads, so a client
/// that does not read its replies costs at most the bytes of one read and `maximumPending` replies, and no work. When
/// the connection closes, the lines not yet taken and the replies not yet written are dropped.
///
/// Closing (after the advice in plain text, a refusal, the idle timeout, or when the server stops) is a lingering
/// close: once every reply is out the output is shut, so the client reads an end of file after the last reply, and
/// what it still sends is read and dropped until it closes its side or `ConnectionHandler.lingerTime` passes.
/// Closing at once with bytes unread makes the kernel reset the connection, and a client such as `nc` then loses
/// replies it had not read yet.
struct ConnectionStateMachine {
    /// How a connection's lines are read, decided by its first line.
    enum Mode: Hashable, Sendable {
        /// JSON requests (PROTOCOL.md); the first line began with `{`.
        case json
        /// Plain text, one answer a line, for a person at `nc -U`.
        case plain
    }

    /// What the handler does after an event.
    enum Action: Equatable {
        /// Nothing.
        case none
        /// Ask the channel for more bytes (a read that was held back).
        case read
        /// Take the lines read and not yet taken (`nextLine` until it says to stop), then flush.
        case takeLines
        /// Write these replies, in order, then do `then`.
        case write([ByteBuffer], then: AfterWrite)
        /// Close the connection once everything written is out.
        case closeAfterWrites
        /// Close the connection now.
        case close
    }

    /// What follows a write.
    enum AfterWrite: Equatable {
        case none
        case read
        case takeLines
        case closeAfterWrites
    }

    /// What the handler does with the next line.
    enum LineAction: Equatable {
        /// Answer this line, then call `answered`.
        case take(Frame, Mode)
        /// Stop taking lines: none is whole yet, or the client must catch up first.
        case stop
        /// Stop taking lines and ask the channel for more bytes (a read that was held back).
        case read
        /// Stop taking lines and close once everything written is out.
        case closeAfterWrites
    }

    /// What the handler does with the reply to a line it took.
    enum AnsweredAction: Equatable {
        /// Write it now: every reply before it is written.
        case write(ByteBuffer)
        /// It waits behind earlier replies.
        case queued
        /// It waits for its line to be durable: call `durable(_:failure:)` with this sequence number then.
        case awaitDurability(sequence: Int)
    }

    /// What the handler does with a line whose change conflicted with the store (`conflicted`) or that it took again
    /// (`retaken`).
    enum RetakeAction: Equatable {
        /// Take the line again (its conversation was dropped from memory, so it is read from the store as it now
        /// stands), then call `retaken` with the same sequence number.
        case retake
        /// Wait for the line taken again to be durable: call `durable` or `conflicted` with this sequence number then.
        case awaitDurability(sequence: Int)
        /// Nothing more for this line; perform this.
        case perform(Action)
    }

    /// What the handler does with a read the pipeline asks for.
    enum ReadAction: Equatable {
        /// Pass it on.
        case read
        /// Hold it back until the client catches up or the lines read are taken.
        case holdBack
    }

    /// A reply waiting for its turn to be sent.
    private struct Slot {
        var reply: ByteBuffer
        /// Whether its line is still to be durable (the reply may not be sent before).
        var awaitsDurability: Bool
        /// How many times its line was taken again after a conflict (see `conflicted`).
        var retakes = 0
    }

    /// While lines are taken.
    private struct Open {
        /// Decided by the first line.
        var mode: Mode?
        /// Whether `input` may hold a whole line not yet taken (taking stopped for backpressure).
        var backlog = false
        /// The client closed its side: the lines read are taken, then the connection finishes.
        var inputEnded = false
    }

    private enum State {
        /// Not active yet.
        case idle
        /// Taking lines.
        case open(Open)
        /// Takes no more lines; closes once the pending replies are written.
        case finishing
        /// Every reply is out and the output is shut: what the client still sends is read and dropped until it
        /// closes its side (or the linger time passes).
        case draining
        /// Closing or closed: nothing more is taken or written.
        case closed
    }

    private var state = State.idle
    /// Replies in request order; `pending.first` has sequence number `headSequence`.
    private var pending = CircularBuffer<Slot>(initialCapacity: 16)
    private var headSequence = 0
    /// The bytes read and not yet taken as lines.
    private var input = ByteBuffer()
    private let framer: LineFrameDecoder
    private let maximumPending: Int
    private let maximumRetakes: Int
    private var writable = true
    /// A read the pipeline asked for and that was held back.
    private var readHeldBack = false
    /// Counted among the server's connections (and so to be released when it closes).
    private var registered = false
    /// The client closed its side.
    private var inputEnded = false

    /// `maximumLineBytes`: the longest line taken (longer ones are skipped); `maximumPending`: beyond this many
    /// replies waiting, no more lines are taken until the client catches up; `maximumRetakes`: how many times a line
    /// is taken again when other servers sharing the store keep taking turns in its conversation first.
    init(maximumLineBytes: Int, maximumPending: Int, maximumRetakes: Int = 8) {
        framer = LineFrameDecoder(limit: maximumLineBytes)
        self.maximumPending = max(1, maximumPending)
        self.maximumRetakes = max(0, maximumRetakes)
    }

    /// The client must catch up before another line is taken.
    private var mustPause: Bool { pending.count >= maximumPending || !writable }

    // MARK: Events

    /// The connection became active. `refusal`: the reply that refuses it (it is not served), nil when it is served
    /// (and counted among the server's connections); `isWritable`: the channel's writability now.
    mutating func activated(refusal: ByteBuffer?, isWritable: Bool = true) -> Action {
        writable = isWritable
        switch state {
        case .idle:
            guard let refusal else {
                registered = true
                state = .open(Open())
                return .none
            }
            state = .finishing
            pending.append(Slot(reply: refusal, awaitsDurability: false))
            return writeReady()
        case .open, .finishing, .draining, .closed:
            return .none
        }
    }

    /// Bytes arrived. They are kept to be taken as lines, unless no more lines are taken.
    mutating func channelRead(_ bytes: ByteBuffer) -> Action {
        switch state {
        case .open:
            if input.readableBytes == 0 {
                input = bytes
            } else {
                var bytes = bytes
                input.writeBuffer(&bytes)
            }
            return .takeLines
        case .idle, .finishing, .draining, .closed:
            // Dropped: no more lines are taken.
            return .none
        }
    }

    /// The next line to take, if the client keeps up. `isStopping`: the server is stopping, so the connection
    /// finishes instead. `input` holds at most one read (a small one), so a connection does a bounded amount of work
    /// before it reads again.
    mutating func nextLine(isStopping: Bool) -> LineAction {
        switch state {
        case .open(var open):
            if isStopping { return finishing() ? .closeAfterWrites : .stop }
            if mustPause {
                open.backlog = true
                state = .open(open)
                return .stop
            }
            guard let frame = framer.next(&input) else {
                open.backlog = false
                state = .open(open)
                if input.readableBytes == 0 {
                    input.clear()
                } else if input.readerIndex > 65_536 {
                    input.discardReadBytes()
                }
                // A last line without its newline is not taken (see PROTOCOL.md).
                if open.inputEnded { return finishing() ? .closeAfterWrites : .stop }
                // A read held back for the backlog may go now (the client keeps up: `mustPause` is false).
                guard readHeldBack else { return .stop }
                readHeldBack = false
                return .read
            }
            let mode: Mode
            switch open.mode {
            case .some(let decided):
                mode = decided
            case .none:
                switch frame {
                case .line(let bytes):
                    mode = bytes.readableBytesView.first == UInt8(ascii: "{") ? .json : .plain
                    open.mode = mode
                    state = .open(open)
                case .tooLong:
                    // Not decided yet: answered as JSON; the next line decides.
                    mode = .json
                }
            }
            return .take(frame, mode)
        case .idle, .finishing, .draining, .closed:
            return .stop
        }
    }

    /// The handler answered the line `nextLine` gave it with `reply`; `awaitsDurability`: the reply may be sent
    /// only once the line is durable.
    mutating func answered(_ reply: ByteBuffer, awaitsDurability: Bool) -> AnsweredAction {
        switch state {
        case .open, .finishing:
            let sequence = headSequence + pending.count
            pending.append(Slot(reply: reply, awaitsDurability: awaitsDurability))
            if awaitsDurability { return .awaitDurability(sequence: sequence) }
            guard pending.count == 1 else { return .queued }
            pending.removeFirst()
            headSequence += 1
            return .write(reply)
        case .idle, .draining, .closed:
            return .queued
        }
    }

    /// The line with reply `sequence` is durable, or could not be stored (`failure`: the reply to send instead).
    mutating func durable(_ sequence: Int, failure: ByteBuffer?) -> Action {
        guard let (index, offset) = awaiting(sequence) else { return .none }
        pending[index].awaitsDurability = false
        if let failure { pending[index].reply = failure }
        return offset == 0 ? writeReady() : .none
    }

    /// The change of the line with reply `sequence` conflicted with what the store holds: another server sharing
    /// the store took a turn in its conversation first (or the line was queued behind one that did). The line is
    /// taken again, against the conversation as stored, up to `maximumRetakes` times; then `failure` is sent instead.
    mutating func conflicted(_ sequence: Int, failure: ByteBuffer) -> RetakeAction {
        guard let (index, _) = awaiting(sequence) else { return .perform(.none) }
        guard pending[index].retakes < maximumRetakes else { return .perform(durable(sequence, failure: failure)) }
        pending[index].retakes += 1
        return .retake
    }

    /// The handler took the line with reply `sequence` again (after `conflicted` said so): `reply` replaces its
    /// reply; `awaitsDurability`: the reply may be sent only once the line is durable (as in `answered`).
    mutating func retaken(_ sequence: Int, reply: ByteBuffer, awaitsDurability: Bool) -> RetakeAction {
        guard let (index, offset) = awaiting(sequence) else { return .perform(.none) }
        pending[index].reply = reply
        if awaitsDurability { return .awaitDurability(sequence: sequence) }
        pending[index].awaitsDurability = false
        return .perform(offset == 0 ? writeReady() : .none)
    }

    /// The channel's writability changed (the client took its replies, or did not).
    mutating func writabilityChanged(isWritable: Bool) -> Action {
        writable = isWritable
        switch state {
        case .open, .finishing:
            return Self.action(resume())
        case .idle, .draining, .closed:
            return .none
        }
    }

    /// The pipeline asks for a read.
    mutating func read() -> ReadAction {
        let backlog: Bool
        switch state {
        case .open(let open): backlog = open.backlog
        case .draining: return .read
        case .idle, .finishing, .closed: backlog = false
        }
        guard mustPause || backlog else { return .read }
        readHeldBack = true
        return .holdBack
    }

    /// The client closed its side: the lines read are still taken and answered, then the connection closes.
    mutating func inputClosed() -> Action {
        inputEnded = true
        switch state {
        case .open(var open):
            open.inputEnded = true
            state = .open(open)
            return open.backlog ? .none : finish()
        case .draining:
            state = .closed
            return .close
        case .idle, .finishing, .closed:
            return .none
        }
    }

    /// Everything written is out and the output is shut (after `closeAfterWrites`): what the client still sends is
    /// read and dropped until it closes its side. Closes now if it already has.
    mutating func outputClosed() -> Action {
        switch state {
        case .closed where !inputEnded:
            state = .draining
            readHeldBack = false
            return .read
        case .closed:
            return .close
        case .idle, .open, .finishing, .draining:
            return .none
        }
    }

    /// The linger time after `outputClosed` passed: the connection closes even if the client keeps it open.
    mutating func lingerExpired() -> Action {
        switch state {
        case .draining:
            state = .closed
            return .close
        case .idle, .open, .finishing, .closed:
            return .none
        }
    }

    /// Nothing was read for the idle timeout: the connection closes, unless replies are still in flight.
    mutating func idle() -> Action {
        switch state {
        case .open(let open):
            return pending.isEmpty && !open.backlog ? finish() : .none
        case .draining:
            state = .closed
            return .close
        case .idle, .finishing, .closed:
            return .none
        }
    }

    /// Takes no more lines (the server is stopping, or a plain-text interview is over); closes once the pending
    /// replies are written.
    mutating func finish() -> Action {
        finishing() ? .closeAfterWrites : .none
    }

    /// Takes no more lines; true when the connection is to close now (no reply is pending).
    private mutating func finishing() -> Bool {
        switch state {
        case .open:
            input = ByteBuffer()
            if pending.isEmpty {
                state = .closed
                return true
            }
            state = .finishing
            return false
        case .idle, .finishing, .draining, .closed:
            return false
        }
    }

    /// An error on the channel: it closes now.
    mutating func errorCaught() -> Action {
        dropEverything()
        return .close
    }

    /// The channel closed. Returns whether it is to be released from the server's connections.
    mutating func inactive() -> Bool {
        dropEverything()
        defer { registered = false }
        return registered
    }

    // MARK: Steps

    /// The index and offset in `pending` of reply `sequence`, if it is there and waits for its line to be durable
    /// (and the connection is open or finishing).
    private func awaiting(_ sequence: Int) -> (CircularBuffer<Slot>.Index, offset: Int)? {
        switch state {
        case .open, .finishing:
            let offset = sequence - headSequence
            guard offset >= 0, offset < pending.count else { return nil }
            let index = pending.index(pending.startIndex, offsetBy: offset)
            guard pending[index].awaitsDurability else { return nil }
            return (index, offset)
        case .idle, .draining, .closed:
            return nil
        }
    }

    private mutating func dropEverything() {
        state = .closed
        // The lines not yet taken are dropped, and the replies not yet written: nobody would read them.
        input = ByteBuffer()
        pending.removeAll()
    }

    /// Takes the replies at the head of the queue that may be sent, and says what follows.
    private mutating func writeReady() -> Action {
        var replies: [ByteBuffer] = []
        while let first = pending.first, !first.awaitsDurability {
            replies.append(pending.removeFirst().reply)
            headSequence += 1
        }
        let next: AfterWrite
        switch state {
        case .finishing where pending.isEmpty:
            state = .closed
            next = .closeAfterWrites
        case .open, .finishing, .idle, .draining, .closed:
            next = resume()
        }
        return replies.isEmpty ? Self.action(next) : .write(replies, then: next)
    }

    /// What to do now that the client may have caught up: take the lines left from the last read, or pass on a read
    /// that was held back.
    private mutating func resume() -> AfterWrite {
        guard !mustPause else { return .none }
        switch state {
        case .open(let open) where open.backlog:
            return .takeLines
        case .open, .finishing:
            guard readHeldBack else { return .none }
            readHeldBack = false
            return .read
        case .idle, .draining, .closed:
            return .none
        }
    }

    private static func action(_ next: AfterWrite) -> Action {
        switch next {
        case .none: .none
        case .read: .read
        case .takeLines: .takeLines
        case .closeAfterWrites: .closeAfterWrites
        }
    }
}
