import Foundation
import Glibc
import Testing

@testable import Terminal

/// Report files hold health data: mode 0600, private directories, never a shared default, never overwritten by
/// a new report.
@Suite struct PrivateFileTests {
    static func temporaryDirectory() -> String {
        var template = Array((NSTemporaryDirectory() + "/privatefile-XXXXXX").utf8CString)
        return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        stat(path, &info)
        return info.st_mode & 0o777
    }

    @Test func theDefaultDirectoryIsTheUsersOwn() {
        #expect(
            PrivateFile.reportsDirectory(environment: ["HOME": "/home/ann"])
                == "/home/ann/.local/share/twitchtalk/reports")
        #expect(
            PrivateFile.reportsDirectory(environment: ["HOME": "/home/ann", "XDG_DATA_HOME": "/data/"])
                == "/data/twitchtalk/reports")
        // A relative XDG_DATA_HOME is ignored, as the XDG specification says.
        #expect(
            PrivateFile.reportsDirectory(environment: ["HOME": "/home/ann", "XDG_DATA_HOME": "data"])
                == "/home/ann/.local/share/twitchtalk/reports")
        #expect(
            PrivateFile.reportsDirectory(environment: [:], home: "/home/bob")
                == "/home/bob/.local/share/twitchtalk/reports")
        #expect(PrivateFile.reportsDirectory(environment: [:]) == nil)
    }

    @Test func aNewReportNeverOverwritesAnOlderOne() throws {
        let root = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let directory = root + "/a/b"
        let first = try PrivateFile.writeNew("one", in: directory, stem: "visit", ext: "md")
        let second = try PrivateFile.writeNew("two", in: directory, stem: "visit", ext: "md")
        #expect(first == directory + "/visit.md")
        #expect(second == directory + "/visit-2.md")
        #expect(try String(contentsOfFile: first, encoding: .utf8) == "one")
        #expect(Self.mode(first) == 0o600 && Self.mode(second) == 0o600)
        #expect(Self.mode(root + "/a") == 0o700 && Self.mode(directory) == 0o700)
    }

    @Test func writingMakesAnExistingFilePrivate() throws {
        let root = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/report.md"
        try "old old old".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o644)
        try PrivateFile.write("new", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(Self.mode(path) == 0o600)
    }

    @Test func aRewriteNeverFollowsALink() throws {
        let root = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let target = root + "/elsewhere"
        try "keep".write(toFile: target, atomically: false, encoding: .utf8)
        symlink(target, root + "/link.md")
        #expect(throws: PrivateFile.Failure.self) { try PrivateFile.rewrite("x", at: root + "/link.md") }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
    }

    @Test func aMissingDirectoryIsAProblemToSayBeforeStarting() {
        #expect(PrivateFile.problem(writing: "/nonexistent-dir-for-test/report.md") != nil)
        #expect(PrivateFile.problem(writing: NSTemporaryDirectory() + "/report.md") == nil)
        #expect(PrivateFile.problem(writing: "report.md") == nil)
    }
}
