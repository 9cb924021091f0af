import Foundation
import Glibc
import Testing

@testable import Terminal

@Suite struct HistoryPathTests {
    @Test func explicitVariableWins() {
        let path = HistoryStore.resolvePath(
            environment: ["TWITCHTALK_HISTORY": "/tmp/h", "XDG_STATE_HOME": "/state", "HOME": "/home/a"])
        #expect(path == "/tmp/h")
    }

    @Test func explicitVariableExpandsTilde() {
        let path = HistoryStore.resolvePath(environment: ["TWITCHTALK_HISTORY": "~/talk", "HOME": "/home/a"])
        #expect(path == "/home/a/talk")
    }

    @Test func emptyVariablesAreIgnored() {
        let path = HistoryStore.resolvePath(
            environment: ["TWITCHTALK_HISTORY": "", "XDG_STATE_HOME": "", "HOME": "/home/a"])
        #expect(path == "/home/a/.local/state/twitchtalk/history")
    }

    @Test func xdgStateHome() {
        let path = HistoryStore.resolvePath(environment: ["XDG_STATE_HOME": "/state/", "HOME": "/home/a"])
        #expect(path == "/state/twitchtalk/history")
    }

    @Test func relativeXDGStateHomeIsIgnored() {
        let path = HistoryStore.resolvePath(environment: ["XDG_STATE_HOME": "state", "HOME": "/home/a"])
        #expect(path == "/home/a/.local/state/twitchtalk/history")
    }

    @Test func accountHomeWhenHOMEIsUnset() {
        let path = HistoryStore.resolvePath(environment: [:], home: "/home/b")
        #expect(path == "/home/b/.local/state/twitchtalk/history")
        #expect(HistoryStore.resolvePath(environment: [:], home: nil) == nil)
    }
}

@Suite struct HistoryRuleTests {
    @Test func emptyAndBlankLinesAreNeverKept() {
        #expect(!HistoryStore.keeps("", after: nil))
        #expect(!HistoryStore.keeps("   \t", after: "x"))
    }

    @Test func noConsecutiveDuplicates() {
        #expect(!HistoryStore.keeps("/help", after: "/help"))
        #expect(HistoryStore.keeps("/help", after: "/why"))
        var store = HistoryStore(path: nil)
        for line in ["/help", "/help", "", "no", "/help", "no", "no"] { store.add(line) }
        #expect(store.entries == ["/help", "no", "/help", "no"])
        #expect(store.added == store.entries)
    }

    @Test func linesThatCannotBeOneLineOfTheFileAreNotKept() {
        #expect(!HistoryStore.keeps("two\nlines", after: nil))
        #expect(!HistoryStore.keeps("carriage\rreturn", after: nil))
        #expect(!HistoryStore.keeps(String(repeating: "a", count: HistoryStore.maximumEntryLength + 1), after: nil))
        #expect(HistoryStore.keeps("escape \u{1B}[31m kept as typed", after: nil))
    }

    @Test func trimmedToTheNewest() {
        let entries = (1...600).map { "answer \($0)" }
        let trimmed = HistoryStore.trimmed(entries, to: 500)
        #expect(trimmed.count == 500)
        #expect(trimmed.first == "answer 101")
        #expect(trimmed.last == "answer 600")
        var store = HistoryStore(path: nil, entries: ["a", "b", "c"], limit: 3)
        store.add("d")
        #expect(store.entries == ["b", "c", "d"])
    }

    @Test func mergeAppliesTheRuleAcrossTheJoin() {
        #expect(HistoryStore.merged(["a", "b"], ["b", "c", "c", ""], limit: 10) == ["a", "b", "c"])
        #expect(HistoryStore.merged(["a", "b"], ["c", "d"], limit: 3) == ["b", "c", "d"])
    }

    @Test func parseAndSerializeRoundTrip() {
        let entries = ["my eyelid twitches", "no", "/summary"]
        #expect(HistoryStore.parse(HistoryStore.serialize(entries)) == entries)
        #expect(HistoryStore.parse("a\n\na\nb\r\n") == ["a"])
    }
}

@Suite struct HistoryFileTests {
    private func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "/twitchtalk-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func mode(_ path: String) -> mode_t {
        var info = stat()
        #expect(stat(path, &info) == 0)
        return info.st_mode & 0o777
    }

    @Test func saveCreatesPrivateFileAndDirectories() throws {
        let root = try temporaryDirectory()
        let path = root + "/state/twitchtalk/history"
        var store = HistoryStore.load(path: path)
        #expect(store.entries.isEmpty)
        store.add("my left eyelid")
        store.add("no")
        try store.save()
        #expect(mode(path) == 0o600)
        #expect(mode(root + "/state/twitchtalk") == 0o700)
        #expect(HistoryStore.load(path: path).entries == ["my left eyelid", "no"])
    }

    @Test func saveMakesAnExistingFilePrivateAndKeepsOtherRunsLines() throws {
        let root = try temporaryDirectory()
        let path = root + "/history"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("first\n".utf8)))
        chmod(path, 0o644)
        var store = HistoryStore.load(path: path)
        #expect(store.entries == ["first"])
        // Another run saves meanwhile.
        var other = HistoryStore.load(path: path)
        other.add("other run")
        try other.save()
        store.add("this run")
        try store.save()
        #expect(mode(path) == 0o600)
        #expect(HistoryStore.load(path: path).entries == ["first", "other run", "this run"])
    }

    @Test func saveIsTrimmed() throws {
        let path = try temporaryDirectory() + "/history"
        var store = HistoryStore.load(path: path, limit: 5)
        for index in 1...8 { store.add("line \(index)") }
        try store.save()
        #expect(HistoryStore.load(path: path).entries == (4...8).map { "line \($0)" })
    }

    @Test func noPathSavesNothing() throws {
        var store = HistoryStore.load(path: nil)
        store.add("no")
        try store.save()
        #expect(store.path == nil)
    }

    @Test func unwritableLocationIsAnErrorNotATrap() {
        var store = HistoryStore(path: "/proc/twitchtalk-test/history")
        store.add("x")
        #expect(throws: HistoryStore.SaveError.self) { try store.save() }
    }
}
