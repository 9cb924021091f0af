import Foundation
import Logging
import NIOCore

/// Where conversations are kept.
public enum StoreLocation: Hashable, Sendable {
    /// Nothing on disk: conversations end with the server.
    case memory
    /// A SQLite file.
    case file(String)

    /// `memory`, or a path.
    public init(argument: String) {
        self = argument == "memory" ? .memory : .file(argument)
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
