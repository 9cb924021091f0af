import Testing

@testable import Terminal

@Suite struct CompletionTests {
    let commands = ["help", "back", "why", "summary", "restart", "quit"]
    let yesNo = ["yes", "no", "not sure"]
    let sites = ["eyelid", "face", "neck", "arm", "hand", "finger", "thumb", "back", "calf", "all over"]

    /// Completes `line` as readline would with the cursor at the end: the word starts after the last break.
    func complete(_ line: String, _ choices: [String]) -> [String] {
        let bytes = Array(line.utf8)
        let start = (bytes.lastIndex { Completion.wordBreaks.utf8.contains($0) } ?? -1) + 1
        return Completion.matches(line: bytes, start: start, end: bytes.count, choices: choices, commands: commands)
    }

    @Test func completesCommands() {
        #expect(complete("/su", yesNo) == ["/summary"])
        #expect(complete("/r", yesNo) == ["/restart"])
        #expect(complete("  /Q", yesNo) == ["/quit"])
        #expect(complete("/", yesNo).count == commands.count)
        #expect(complete("/x", yesNo).isEmpty)
        #expect(complete("/summary s", yesNo).isEmpty)
    }

    @Test func choicesOfTheQuestion() {
        #expect(complete("y", yesNo) == ["yes"])
        #expect(complete("no", yesNo) == ["no", "not sure"])
        #expect(complete("NOT", yesNo) == ["not sure"])
        #expect(complete("", yesNo) == yesNo)
        #expect(complete("maybe", yesNo).isEmpty)
    }

    @Test func severalWordsCompleteAsOne() {
        // "not s": the word is "s"; the rest of "not sure" from the word on.
        #expect(complete("not s", yesNo) == ["sure"])
        #expect(complete("all o", sites) == ["over"])
    }

    @Test func laterWordsCompleteFromTheChoices() {
        #expect(complete("left ey", sites) == ["eyelid"])
        #expect(complete("eyelid, th", sites) == ["thumb"])
        #expect(complete("left zz", sites).isEmpty)
    }

    @Test func noChoicesNoFileNames() {
        #expect(complete("my eye", []).isEmpty)
    }

    @Test func badOffsetsGiveNothing() {
        let bytes = Array("abc".utf8)
        #expect(Completion.matches(line: bytes, start: 2, end: 1, choices: yesNo, commands: commands).isEmpty)
        #expect(Completion.matches(line: bytes, start: -1, end: 2, choices: yesNo, commands: commands).isEmpty)
        #expect(Completion.matches(line: bytes, start: 0, end: 9, choices: yesNo, commands: commands).isEmpty)
    }
}
