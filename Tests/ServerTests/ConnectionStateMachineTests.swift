import NIOCore
import Testing

@testable import Server

/// The connection state machine on its own: events in, actions out, no channel.
@Suite struct ConnectionStateMachineTests {
    typealias Machine = ConnectionStateMachine

    /// A machine for a served connection, taking lines of up to 64 bytes, with at most `maximumPending` replies
    /// waiting.
    func open(maximumPending: Int = 4) -> Machine {
        var machine = Machine(maximumLineBytes: 64, maximumPending: maximumPending)
        #expect(machine.activated(refusal: nil) == .none)
        return machine
    }

    func bytes(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    func line(_ text: String) -> Frame { .line(ByteBuffer(string: text)) }

    /// Takes every line `nextLine` gives, answering each with its own text and a newline (ready at once unless
    /// `durable` is false); returns the lines taken and the action that stopped the loop.
    func takeAll(
        _ machine: inout Machine, durable: Bool = true, isStopping: Bool = false
    ) -> (taken: [String], writes: [ByteBuffer], stop: Machine.LineAction) {
        var taken: [String] = []
        var writes: [ByteBuffer] = []
        while true {
            switch machine.nextLine(isStopping: isStopping) {
            case .take(.line(let frame), _):
                let text = String(buffer: frame)
                taken.append(text)
                if case .write(let reply) = machine.answered(bytes(text + "\n"), awaitsDurability: !durable) {
                    writes.append(reply)
                }
            case .take(.tooLong, _):
                taken.append("<too long>")
                _ = machine.answered(bytes("too long\n"), awaitsDurability: false)
            case let stop:
                return (taken, writes, stop)
            }
        }
    }

    @Test func linesAreTakenInOrderAndAnsweredAtOnceWhenReady() {
        var machine = open()
        #expect(machine.channelRead(bytes("a\nb\r\nc")) == .takeLines)
        let (taken, writes, stop) = takeAll(&machine)
        #expect(taken == ["a", "b"])
        #expect(writes == [bytes("a\n"), bytes("b\n")])
        #expect(stop == .stop)
        // The rest of the line arrives.
        #expect(machine.channelRead(bytes("\n")) == .takeLines)
        #expect(takeAll(&machine).taken == ["c"])
    }

    @Test func theFirstLineDecidesTheMode() {
        var json = open()
        _ = json.channelRead(bytes(#"{"a":1}"# + "\nhello\n"))
        #expect(json.nextLine(isStopping: false) == .take(line(#"{"a":1}"#), .json))
        _ = json.answered(bytes("x\n"), awaitsDurability: false)
        #expect(json.nextLine(isStopping: false) == .take(line("hello"), .json))

        var plain = open()
        _ = plain.channelRead(bytes("hello\n{\n"))
        #expect(plain.nextLine(isStopping: false) == .take(line("hello"), .plain))
        _ = plain.answered(bytes("x\n"), awaitsDurability: false)
        #expect(plain.nextLine(isStopping: false) == .take(line("{"), .plain))

        // A first line that is too long is answered as JSON; the next line decides.
        var undecided = open()
        _ = undecided.channelRead(bytes(String(repeating: "x", count: 100) + "\nhello\n"))
        #expect(undecided.nextLine(isStopping: false) == .take(.tooLong, .json))
        _ = undecided.answered(bytes("x\n"), awaitsDurability: false)
        #expect(undecided.nextLine(isStopping: false) == .take(line("hello"), .plain))
    }

    /// Replies go out in request order: one that is ready waits behind one whose line is not yet durable.
    @Test func repliesWaitForEarlierLinesToBeDurable() {
        var machine = open()
        _ = machine.channelRead(bytes("a\n"))
        #expect(machine.nextLine(isStopping: false) == .take(line("a"), .plain))
        #expect(machine.answered(bytes("A\n"), awaitsDurability: true) == .awaitDurability(sequence: 0))
        _ = machine.channelRead(bytes("b\nc\n"))
        #expect(machine.nextLine(isStopping: false) == .take(line("b"), .plain))
        #expect(machine.answered(bytes("B\n"), awaitsDurability: false) == .queued)
        #expect(machine.nextLine(isStopping: false) == .take(line("c"), .plain))
        #expect(machine.answered(bytes("C\n"), awaitsDurability: true) == .awaitDurability(sequence: 2))
        // The third is durable first: nothing may go yet.
        #expect(machine.durable(2, failure: nil) == .none)
        #expect(machine.durable(0, failure: nil) == .write([bytes("A\n"), bytes("B\n"), bytes("C\n")], then: .none))
        // A late or repeated report changes nothing.
        #expect(machine.durable(0, failure: nil) == .none)
        #expect(machine.durable(7, failure: nil) == .none)
    }

    @Test func aLineThatCouldNotBeStoredIsAnsweredWithTheFailure() {
        var machine = open()
        _ = machine.channelRead(bytes("a\n"))
        _ = machine.nextLine(isStopping: false)
        #expect(machine.answered(bytes("A\n"), awaitsDurability: true) == .awaitDurability(sequence: 0))
        #expect(machine.durable(0, failure: bytes("failed\n")) == .write([bytes("failed\n")], then: .none))
    }

    /// A line whose change conflicted (another server sharing the store was first) is taken again, in order, and
    /// its new reply replaces the old; the replies behind it wait for it.
    @Test func aConflictedLineIsTakenAgainAndAnsweredWithItsNewReply() {
        var machine = open()
        _ = machine.channelRead(bytes("a\nb\n"))
        #expect(takeAll(&machine, durable: false).taken == ["a", "b"])
        // Both conflict (the second was queued behind the first): each is taken again.
        #expect(machine.conflicted(0, failure: bytes("failed a\n")) == .retake)
        #expect(machine.retaken(0, reply: bytes("A2\n"), awaitsDurability: true) == .awaitDurability(sequence: 0))
        #expect(machine.conflicted(1, failure: bytes("failed b\n")) == .retake)
        // The second is answered at once this time (say, an error); it still waits behind the first.
        #expect(machine.retaken(1, reply: bytes("B2\n"), awaitsDurability: false) == .perform(.none))
        #expect(machine.durable(0, failure: nil) == .write([bytes("A2\n"), bytes("B2\n")], then: .none))
        // Nothing is left to take again.
        #expect(machine.conflicted(0, failure: bytes("failed\n")) == .perform(.none))
        #expect(machine.retaken(1, reply: bytes("late\n"), awaitsDurability: false) == .perform(.none))
    }

    /// A line that keeps conflicting is taken again at most `maximumRetakes` times, then answered with the failure.
    @Test func aLineThatKeepsConflictingIsAnsweredWithTheFailure() {
        var machine = Machine(maximumLineBytes: 64, maximumPending: 4, maximumRetakes: 2)
        _ = machine.activated(refusal: nil)
        _ = machine.channelRead(bytes("a\n"))
        _ = takeAll(&machine, durable: false)
        for _ in 0..<2 {
            #expect(machine.conflicted(0, failure: bytes("failed\n")) == .retake)
            #expect(machine.retaken(0, reply: bytes("A\n"), awaitsDurability: true) == .awaitDurability(sequence: 0))
        }
        #expect(machine.conflicted(0, failure: bytes("failed\n")) == .perform(.write([bytes("failed\n")], then: .none)))
    }

    /// A closed connection takes nothing again.
    @Test func aClosedConnectionTakesNothingAgain() {
        var machine = open()
        _ = machine.channelRead(bytes("a\n"))
        _ = takeAll(&machine, durable: false)
        _ = machine.inactive()
        #expect(machine.conflicted(0, failure: bytes("failed\n")) == .perform(.none))
    }

    /// With `maximumPending` replies waiting, no more lines are taken and reads are held back; once the replies go,
    /// the rest is taken, then the held read is passed on.
    @Test func tooManyPendingRepliesStopTakingAndReading() {
        var machine = open(maximumPending: 2)
        _ = machine.channelRead(bytes("a\nb\nc\n"))
        let first = takeAll(&machine, durable: false)
        #expect(first.taken == ["a", "b"])
        #expect(first.stop == .stop)
        #expect(machine.read() == .holdBack)
        #expect(machine.durable(1, failure: nil) == .none)
        #expect(machine.durable(0, failure: nil) == .write([bytes("a\n"), bytes("b\n")], then: .takeLines))
        let rest = takeAll(&machine, durable: true)
        #expect(rest.taken == ["c"])
        #expect(rest.stop == .read)
        #expect(machine.read() == .read)
    }

    /// A client that does not take its replies gets no line taken, and nothing more read, until it does.
    @Test func anUnwritableChannelStopsTakingAndReading() {
        var machine = open()
        #expect(machine.writabilityChanged(isWritable: false) == .none)
        _ = machine.channelRead(bytes("a\nb\n"))
        #expect(takeAll(&machine).taken == [])
        #expect(machine.read() == .holdBack)
        #expect(machine.writabilityChanged(isWritable: true) == .takeLines)
        let rest = takeAll(&machine)
        #expect(rest.taken == ["a", "b"])
        #expect(rest.stop == .read)
    }

    @Test func aHeldReadIsPassedOnWhenTheClientCatchesUpWithNoBacklog() {
        var machine = open()
        #expect(machine.writabilityChanged(isWritable: false) == .none)
        #expect(machine.read() == .holdBack)
        #expect(machine.writabilityChanged(isWritable: true) == .read)
        #expect(machine.read() == .read)
    }

    /// After the client closes its side, the whole lines read are answered; a last line without its newline is not.
    @Test func halfClosedTheWholeLinesAreTakenNotTheLastPartialOne() {
        var machine = open()
        _ = machine.channelRead(bytes("a\nb"))
        #expect(takeAll(&machine).taken == ["a"])
        #expect(machine.inputClosed() == .closeAfterWrites)
        #expect(machine.nextLine(isStopping: false) == .stop)
    }

    @Test func halfClosedWithABacklogClosesOnceItIsTaken() {
        var machine = open()
        _ = machine.writabilityChanged(isWritable: false)
        _ = machine.channelRead(bytes("a\nb\n"))
        _ = takeAll(&machine)
        #expect(machine.inputClosed() == .none)
        #expect(machine.writabilityChanged(isWritable: true) == .takeLines)
        let rest = takeAll(&machine)
        #expect(rest.taken == ["a", "b"])
        #expect(rest.stop == .closeAfterWrites)
    }

    /// Finishing (the server stops): no more lines; the connection closes once the replies in flight are written.
    @Test func finishingWaitsForTheRepliesInFlight() {
        var machine = open()
        _ = machine.channelRead(bytes("a\nb\n"))
        _ = machine.nextLine(isStopping: false)
        #expect(machine.answered(bytes("A\n"), awaitsDurability: true) == .awaitDurability(sequence: 0))
        #expect(machine.finish() == .none)
        #expect(machine.nextLine(isStopping: false) == .stop)
        #expect(machine.channelRead(bytes("c\n")) == .none)
        #expect(machine.durable(0, failure: nil) == .write([bytes("A\n")], then: .closeAfterWrites))
        #expect(machine.finish() == .none)
    }

    @Test func aStoppingServerFinishesTheConnectionBeforeTheNextLine() {
        var machine = open()
        _ = machine.channelRead(bytes("a\n"))
        #expect(machine.nextLine(isStopping: true) == .closeAfterWrites)
        #expect(machine.nextLine(isStopping: false) == .stop)
    }

    @Test func anIdleConnectionClosesUnlessRepliesAreInFlight() {
        var busy = open()
        _ = busy.channelRead(bytes("a\n"))
        _ = busy.nextLine(isStopping: false)
        _ = busy.answered(bytes("A\n"), awaitsDurability: true)
        #expect(busy.idle() == .none)

        var quiet = open()
        #expect(quiet.idle() == .closeAfterWrites)
    }

    @Test func aRefusedConnectionGetsItsReplyThenCloses() {
        var machine = Machine(maximumLineBytes: 64, maximumPending: 4)
        #expect(machine.activated(refusal: bytes("no\n")) == .write([bytes("no\n")], then: .closeAfterWrites))
        #expect(machine.channelRead(bytes("a\n")) == .none)
        #expect(machine.inactive() == false)
    }

    /// Closing lingers: once the replies are out and the output is shut, reads go on and what arrives is dropped,
    /// until the client closes its side (or the linger time passes). Closing with bytes unread would reset the
    /// connection, and a client such as `nc` would lose replies it had not read.
    @Test func aClosingConnectionDrainsUntilTheClientCloses() {
        var machine = open()
        _ = machine.writabilityChanged(isWritable: false)
        _ = machine.channelRead(bytes("a\nb\n"))
        _ = takeAll(&machine)
        #expect(machine.finish() == .closeAfterWrites)
        // Held back while the replies are not out (the client does not read them).
        #expect(machine.read() == .holdBack)
        #expect(machine.outputClosed() == .read)
        // Not writable any more does not hold back reads: they are dropped.
        #expect(machine.read() == .read)
        #expect(machine.channelRead(bytes("c\n")) == .none)
        #expect(machine.nextLine(isStopping: false) == .stop)
        #expect(machine.outputClosed() == .none)
        #expect(machine.inputClosed() == .close)
        #expect(machine.lingerExpired() == .none)
        #expect(machine.inactive() == true)
    }

    @Test func aDrainingConnectionClosesWhenTheLingerTimePasses() {
        var machine = open()
        #expect(machine.idle() == .closeAfterWrites)
        #expect(machine.outputClosed() == .read)
        #expect(machine.lingerExpired() == .close)
        #expect(machine.inputClosed() == .none)
    }

    @Test func aClientThatClosedItsSideIsNotWaitedFor() {
        var machine = open()
        _ = machine.channelRead(bytes("a\n"))
        _ = takeAll(&machine)
        #expect(machine.inputClosed() == .closeAfterWrites)
        #expect(machine.outputClosed() == .close)
        #expect(machine.lingerExpired() == .none)
    }

    /// A closed connection drops the lines it has not taken and the replies it has not written.
    @Test func aClosedConnectionDropsItsWork() {
        var machine = open()
        _ = machine.writabilityChanged(isWritable: false)
        _ = machine.channelRead(bytes("a\nb\n"))
        _ = takeAll(&machine)
        #expect(machine.inactive() == true)
        #expect(machine.inactive() == false)
        #expect(machine.writabilityChanged(isWritable: true) == .none)
        #expect(machine.nextLine(isStopping: false) == .stop)
        #expect(machine.durable(0, failure: nil) == .none)
    }

    @Test func anErrorClosesAtOnce() {
        var machine = open()
        _ = machine.channelRead(bytes("a\n"))
        #expect(machine.errorCaught() == .close)
        #expect(machine.nextLine(isStopping: false) == .stop)
    }
}
