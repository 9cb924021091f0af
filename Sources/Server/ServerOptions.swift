import Foundation
import Logging
import NIOCore

/// Where conversations are kept.
public enum StoreLocation: Hashable, Sendable {
    /// Nothing on disk: conversations end with the server.
    case memory
    /// A SQLite file.
    case file(String)
    /// A PostgreSQL database, shared by any number of servers: `postgresql://USER@HOST:PORT/DB?sslmode=…`.
    case postgres(PostgresLocation)

    /// Why a `--store` value was refused.
    public struct Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// `memory`, a `postgresql://` (or `postgres://`) URL, or a path. A value that looks like a URL with any other
    /// scheme (`mysql://…`, `sqlite:…`, `file://…`) is refused rather than taken as a path.
    public init(argument: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if argument == "memory" {
            self = .memory
            return
        }
        if let scheme = Self.scheme(of: argument) {
            guard scheme == "postgresql" || scheme == "postgres" else {
                throw Refusal(
                    description: "--store \(argument.debugDescription): the scheme '\(scheme):' is not supported; "
                        + "give a SQLite file path, 'memory', or a postgresql:// URL")
            }
            self = .postgres(try PostgresLocation(url: argument, environment: environment))
            return
        }
        self = .file(argument)
    }

    /// The scheme of a value that looks like a URL (`letters:` followed by `//`, or a known scheme with only `:`).
    static func scheme(of argument: String) -> String? {
        guard let colon = argument.firstIndex(of: ":") else { return nil }
        let scheme = argument[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        let rest = argument[argument.index(after: colon)...]
        let known = [
            "sqlite", "sqlite3", "file", "mysql", "mariadb", "redis", "mongodb", "http", "https", "postgres",
            "postgresql",
        ]
        return rest.hasPrefix("//") || known.contains(scheme.lowercased()) ? scheme.lowercased() : nil
    }

    /// `$XDG_STATE_HOME/twitchtalk/conversations.sqlite`, or `~/.local/state/twitchtalk/conversations.sqlite`.
    public static func defaultFile() -> StoreLocation {
        let environment = ProcessInfo.processInfo.environment
        let state: String
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            state = xdg
        } else {
            state = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        }
        return .file(state + "/twitchtalk/conversations.sqlite")
    }
}

/// Everything `twitchtalk serve` is told.
public struct ServerOptions: Sendable {
    public var socketPath: String
    public var store: StoreLocation
    /// The permission bits of the socket file.
    public var socketMode: mode_t
    /// The longest request line, in bytes, without its newline.
    public var maximumLineBytes: Int
    /// How many client connections may be open at once.
    public var maximumConnections: Int
    public var limits: Conversations.Limits
    /// How long shutdown waits for turns in flight before closing connections.
    public var shutdownGrace: Duration
    /// How long a connection may send nothing before it is closed (once its replies are written).
    public var connectionIdleTimeout: TimeAmount
    /// Whether to check who connected (`SO_PEERCRED`); off only for in-process test channels, which have no peer.
    public var checksPeer: Bool
    /// User ids, besides the server's own and root's, whose connections are served (checked with `SO_PEERCRED`).
    public var allowedUsers: Set<UInt32>

    public init(
        socketPath: String, store: StoreLocation, socketMode: mode_t = 0o600, maximumLineBytes: Int = 65_536,
        maximumConnections: Int = 4096, limits: Conversations.Limits = .init(), shutdownGrace: Duration = .seconds(5),
        allowedUsers: Set<UInt32> = [], connectionIdleTimeout: TimeAmount = .seconds(600), checksPeer: Bool = true
    ) {
        self.connectionIdleTimeout = connectionIdleTimeout
        self.checksPeer = checksPeer
        self.allowedUsers = allowedUsers
        self.socketPath = socketPath
        self.store = store
        self.socketMode = socketMode
        self.maximumLineBytes = maximumLineBytes
        self.maximumConnections = maximumConnections
        self.limits = limits
        self.shutdownGrace = shutdownGrace
    }
}
