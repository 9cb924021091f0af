import Assessment
import Dialogue
import Foundation
import GRDB
import Testing

@testable import Server

/// `--store` values, the password file, the views that fail together, and (with a test cluster: scripts/test starts
/// one and sets TT_PG_DIR) two PostgreSQL stores on one database (issue 12).
@Suite struct SharedStoreTests {
    let environment = ["HOME": "/nonexistent"]

    // MARK: --store values

    @Test func memoryAndPathsAreAsBefore() throws {
        #expect(try StoreLocation(argument: "memory", environment: environment) == .memory)
        #expect(try StoreLocation(argument: "/tmp/c.sqlite", environment: environment) == .file("/tmp/c.sqlite"))
        #expect(try StoreLocation(argument: "data/c.sqlite", environment: environment) == .file("data/c.sqlite"))
        // A colon in a file name is not a scheme.
        #expect(
            try StoreLocation(argument: "backup:2024.sqlite", environment: environment) == .file("backup:2024.sqlite"))
    }

    @Test(arguments: ["mysql://u@h/db", "sqlite:///tmp/c.sqlite", "sqlite:c.sqlite", "file:///tmp/c", "HTTP://x"])
    func anUnsupportedSchemeIsRefused(argument: String) {
        #expect(throws: StoreLocation.Refusal.self) { try StoreLocation(argument: argument, environment: environment) }
    }

    @Test func aURLIsReadLikeLibpq() throws {
        guard
            case .postgres(let location) = try StoreLocation(
                argument: "postgresql://tt@db.example:6543/talk?sslmode=verify-full&connect_timeout=3",
                environment: environment)
        else {
            Issue.record("not a PostgreSQL location")
            return
        }
        #expect(location.host == "db.example")
        #expect(location.port == 6543)
        #expect(location.user == "tt")
        #expect(location.database == "talk")
        #expect(location.sslMode == .verifyFull)
        #expect(location.connectTimeout == 3)
        #expect(location.password == nil)
    }

    @Test func theEnvironmentFillsInWhatTheURLLeavesOut() throws {
        let environment = [
            "HOME": "/nonexistent", "PGHOST": "/run/pg", "PGPORT": "7000", "PGUSER": "bot", "PGDATABASE": "chats",
            "PGPASSWORD": "from-env",
        ]
        let location = try PostgresLocation(url: "postgres:///", environment: environment)
        #expect(location.socketPath == "/run/pg/.s.PGSQL.7000")
        #expect(location.user == "bot")
        #expect(location.database == "chats")
        #expect(location.password == "from-env")
        #expect(location.sslMode == .disable)
        // The URL wins over the environment; a %-encoded path is a socket directory.
        let other = try PostgresLocation(url: "postgresql://%2Fvar%2Frun%2Fpg:5433/x", environment: environment)
        #expect(other.socketPath == "/var/run/pg/.s.PGSQL.5433")
        #expect(other.database == "x")
    }

    @Test func sslIsPlainOnLoopbackAndRequiredElsewhereUnlessTheURLSays() throws {
        let loopback = try PostgresLocation(url: "postgresql://u@127.0.0.1/d", environment: environment)
        #expect(loopback.sslMode == .disable)
        let remote = try PostgresLocation(url: "postgresql://u@db.example/d", environment: environment)
        #expect(remote.sslMode == .require)
        let asked = try PostgresLocation(url: "postgresql://u@127.0.0.1/d?sslmode=require", environment: environment)
        #expect(asked.sslMode == .require)
    }

    @Test(arguments: [
        "postgresql://u:secret@h/d", "postgresql://u@h/d?password=secret", "postgresql://u@h/d?sslmode=often",
        "postgresql://u@h:99999/d", "postgresql://u@h/d?options=-c",
    ])
    func aBadURLIsRefusedWithoutShowingAPassword(url: String) {
        do {
            _ = try PostgresLocation(url: url, environment: environment)
            Issue.record("taken: \(url)")
        } catch {
            #expect(!"\(error)".contains("secret"))
        }
    }

    @Test func theDescriptionNeverShowsThePassword() throws {
        let location = try PostgresLocation(
            url: "postgresql://u@127.0.0.1/d", environment: ["HOME": "/nonexistent", "PGPASSWORD": "hidden"])
        #expect(location.password == "hidden")
        #expect(!"\(location)".contains("hidden"))
        #expect(!"\(StoreLocation.postgres(location))".contains("hidden"))
    }

    @Test func thePasswordFileIsReadLikeLibpq() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("pgpass").path
        let text = """
            # comment
            other:5432:*:u:wrong
            db.example:5432:talk:u:p\\:w\\\\d
            *:*:*:u:fallback
            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        #expect(
            PasswordFile.lookup(path: path, host: "db.example", port: 5432, database: "talk", user: "u") == #"p:w\d"#)
        #expect(
            PasswordFile.lookup(path: path, host: "db.example", port: 5433, database: "talk", user: "u") == "fallback")
        #expect(PasswordFile.lookup(path: path, host: "x", port: 1, database: "y", user: "nobody") == nil)
        // A file others may read is ignored, as libpq does.
        chmod(path, 0o644)
        #expect(PasswordFile.lookup(path: path, host: "db.example", port: 5432, database: "talk", user: "u") == nil)
    }

    // MARK: Views that fail together

    @Test func aFailedViewRefusesItsAppendsUntilANewerViewAppends() {
        let views = FailedViews()
        let stale = StoreChange.append(name: "c", line: "b", seq: 6, at: 1, epoch: 4)
        let fresh = StoreChange.append(name: "c", line: "b", seq: 6, at: 1, epoch: 5)
        views.mark([.append(name: "c", line: "a", seq: 5, at: 1, epoch: 4)], conflict: true)
        #expect(views.refusal(stale) == .conflict("c"))
        #expect(views.refusal(.append(name: "d", line: "b", seq: 6, at: 1, epoch: 4)) == nil)
        // However late the failure reaches the event loop, the failed view's appends are refused...
        for _ in 0..<10 { #expect(views.refusal(stale) == .conflict("c")) }
        // ...until the writer meets an append of a newer view, which was read after the failed one was dropped.
        #expect(views.refusal(fresh) == nil)
        #expect(views.count == 0)
        #expect(views.refusal(stale) == nil)
        views.mark([.append(name: "c", line: "x", seq: 1, at: 1, epoch: 3)], conflict: false)
        #expect(views.refusal(.append(name: "c", line: "y", seq: 2, at: 1, epoch: 3)) == .afterFailedLine("c"))
        // An ended conversation leaves no mark behind.
        #expect(views.refusal(.delete(name: "c")) == nil)
        #expect(views.count == 0)
    }

    /// A line pipelined behind a line whose write failed is not stored, and fails as `afterFailedLine` (a reply of
    /// `store_failed`), not as a conflict (which the server answers by taking the line again): it answers a
    /// question the conversation is not at.
    @Test func aLinePipelinedBehindAFailedLineFailsWithIt() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pipe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("c.sqlite").path
        let store = try SQLiteStore(path: path)
        try await store.submit(.create(name: "c", at: 100)).value()
        for (seq, text) in ["my left eyelid keeps twitching", "no"].enumerated() {
            try await store.submit(.append(name: "c", line: text, seq: seq + 1, at: 100)).value()
        }
        let saboteur = try await failInsertsOfLineThree(in: path)
        // The failed line's view (epoch) is the one the conversation was read against in memory.
        let failing = store.submit(.append(name: "c", line: "a week ago", seq: 3, at: 100, epoch: 1))
        await #expect(throws: (any Error).self) { try await failing.value() }
        try await saboteur.write { db in try db.execute(sql: "DROP TRIGGER sabotage") }
        do {
            try await store.submit(.append(name: "c", line: "no", seq: 4, at: 100, epoch: 1)).value()
            Issue.record("the line behind the failed one was stored")
        } catch {
            #expect(error as? StoreError == .afterFailedLine("c"))
        }
        try saboteur.close()
        #expect(try store.load("c")?.lines == ["my left eyelid keeps twitching", "no"])
        try await store.close()
    }

    // MARK: Two PostgreSQL stores on one database

    static var cluster: Bool { ProcessInfo.processInfo.environment["TT_PG_DIR"] != nil }

    /// A new database on the test cluster, as a store location.
    static func newDatabase() throws -> PostgresLocation {
        let name = "tt_swift_\(UUID().uuidString.prefix(8).lowercased())"
        let process = Process()
        let bin = ProcessInfo.processInfo.environment["TT_PG_BIN"] ?? "/usr/bin"
        process.executableURL = URL(fileURLWithPath: bin + "/psql")
        process.arguments = ["-X", "-q", "-d", "postgres", "-c", "CREATE DATABASE \(name)"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try PostgresLocation(url: "postgresql:///\(name)", environment: ProcessInfo.processInfo.environment)
    }

    @Test(.enabled(if: cluster)) func twoStoresNeverOverwriteOrReorderLines() async throws {
        let location = try Self.newDatabase()
        let first = try PostgresStore(location: location)
        let second = try PostgresStore(location: location)
        try await first.submit(.create(name: "c", at: 1)).value()
        await #expect(throws: StoreError.conflict("c")) { try await second.submit(.create(name: "c", at: 1)).value() }
        try await first.submit(.append(name: "c", line: "one", seq: 1, at: 2, epoch: 1)).value()
        // The second store's view was stale: its line at position 1 conflicts, and so does the line it read after
        // it, although position 2 is free.
        let stale = second.enqueue(.append(name: "c", line: "uno", seq: 1, at: 3, epoch: 7))
        let after = second.enqueue(.append(name: "c", line: "dos", seq: 2, at: 3, epoch: 7))
        second.flush()
        await #expect(throws: StoreError.conflict("c")) { try await stale.value() }
        await #expect(throws: StoreError.conflict("c")) { try await after.value() }
        // Reloaded (a new view), it writes after the first store's line.
        #expect(try second.load("c")?.lines == ["one"])
        try await second.submit(.append(name: "c", line: "dos", seq: 2, at: 4, epoch: 8)).value()
        #expect(try first.load("c")?.lines == ["one", "dos"])
        #expect(try first.load("c")?.lastActive == 4)
        // A NUL is refused, as in SQLite; expiry removes the lines with their conversation.
        await #expect(throws: StoreError.nul) {
            try await first.submit(.append(name: "c", line: "a\u{0}b", seq: 3, at: 5)).value()
        }
        try await second.submit(.expire(before: 10)).value()
        #expect(try first.load("c") == nil)
        try await first.close()
        try await second.close()
    }
}
