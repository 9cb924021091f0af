import Testing

@testable import Terminal

/// Readline's state is process-global: these tests run one at a time.
@Suite(.serialized) struct ReadlineTests {
    @Test func historyRecallsWhatWasAdded() {
        Readline.configure(name: "twitchtalk-test", commands: ["help"])
        Readline.clearHistory()
        #expect(Readline.historyLines.isEmpty)
        var store = HistoryStore(path: nil, entries: [])
        for line in ["my eyelid", "my eyelid", "", "no"] where store.add(line) { Readline.addHistory(line) }
        #expect(Readline.historyLines == ["my eyelid", "no"])
        Readline.clearHistory()
        #expect(Readline.historyLines.isEmpty)
    }

    @Test func noLineUntilOneIsEntered() {
        #expect(Readline.takeEvent() == nil)
    }
}
