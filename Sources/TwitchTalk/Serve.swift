import ArgumentParser
import Assessment
import Dialogue
import Dispatch
import Foundation
import Logging
import Server
import ServiceLifecycle

/// The socket server as a service: a graceful shutdown stops it (no new connections, turns in flight finish).
struct ServerService: Service {
    let server: SocketServer

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await server.run()
        } onGracefulShutdown: {
            server.stop()
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve conversations on a Unix socket (JSON lines or plain text; see PROTOCOL.md).",
        discussion: """
            Clients send one JSON object per line, e.g. {"conversation": "tg:1", "text": "my eyelid twitches"}, \
            and get one JSON object per line back; a connection whose first byte is not '{' is a plain-text chat \
            (try: socat - UNIX-CONNECT:PATH). SIGTERM or SIGINT stops the server cleanly.
            """)

    @OptionGroup var knowledgeOptions: KnowledgeOptions

    @Option(
        help: ArgumentHelp(
            "The socket path (default: $XDG_RUNTIME_DIR/twitchtalk.sock, else a private directory under /tmp).",
            valueName: "path"))
    var socket: String?

    @Option(
        help: ArgumentHelp(
            "Where conversations are kept: a SQLite file, 'memory' for nothing on disk, or a PostgreSQL database "
                + "shared by several servers, postgresql://USER@HOST:PORT/DB (password from ~/.pgpass, PGPASSFILE "
                + "or PGPASSWORD; PG* variables fill in what the URL leaves out; see README) "
                + "(default: $XDG_STATE_HOME/twitchtalk/conversations.sqlite).",
            valueName: "path|memory|url"))
    var store: String?

    @Option(help: ArgumentHelp("The socket file's permissions, in octal.", valueName: "mode"))
    var socketMode: String = "0600"

    @Option(help: ArgumentHelp("The longest request line, in bytes; longer lines get an error.", valueName: "bytes"))
    var maxLineBytes: Int = 65_536

    @Option(help: ArgumentHelp("How many client connections may be open at once.", valueName: "count"))
    var maxConnections: Int = 4096

    @Option(help: ArgumentHelp("How many conversations may be live at once.", valueName: "count"))
    var maxConversations: Int = 100_000

    @Option(
        help: ArgumentHelp(
            "Seconds without a turn after which a conversation expires and is forgotten.",
            valueName: "seconds"))
    var idleTimeout: Double = 86_400

    @Option(
        help: ArgumentHelp(
            "How many live conversations one connection may start or continue at once.", valueName: "count"))
    var maxConversationsPerConnection: Int = 10_000

    @Option(
        help: ArgumentHelp(
            "Seconds a connection may send nothing before it is closed (once its replies are written).",
            valueName: "seconds"))
    var connectionIdleTimeout: Double = 600

    @Option(
        name: .customLong("allow-uid"),
        help: ArgumentHelp(
            "Also serve this user id (repeatable). By default only the server's own user and root are served: "
                + "the server checks who connected (SO_PEERCRED), whatever --socket-mode allows.",
            valueName: "uid"))
    var allowedUsers: [UInt32] = []

    @Option(help: ArgumentHelp("Log level on standard error: trace, debug, info, warning, error.", valueName: "level"))
    var logLevel: String = "info"

    func validate() throws {
        guard let mode = UInt32(socketMode, radix: 8), mode <= 0o777 else {
            throw ValidationError("--socket-mode must be octal permissions such as 0600.")
        }
        guard mode & 0o177 == 0 || mode & 0o600 == 0o600 else {
            throw ValidationError("--socket-mode must let the owner read and write (e.g. 0600 or 0660).")
        }
        guard maxLineBytes >= 64 else { throw ValidationError("--max-line-bytes must be at least 64.") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1.") }
        guard maxConversations >= 1 else { throw ValidationError("--max-conversations must be at least 1.") }
        guard maxConversationsPerConnection >= 1 else {
            throw ValidationError("--max-conversations-per-connection must be at least 1.")
        }
        guard connectionIdleTimeout > 0, connectionIdleTimeout < 1e9 else {
            throw ValidationError("--connection-idle-timeout must be a positive number of seconds.")
        }
        guard idleTimeout > 0, idleTimeout.isFinite else {
            throw ValidationError("--idle-timeout must be a positive number of seconds.")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical.")
        }
    }

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        // The reader's lexicons take about 0.2 s to build: on another thread, not on the first client's message.
        Thread.detachNewThread { Understanding.prepare() }
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "twitchtalk.serve")
        let knowledge = try knowledgeOptions.load()
        let options: ServerOptions
        let server: SocketServer
        do {
            options = ServerOptions(
                socketPath: try socket ?? SocketFile.defaultPath(),
                store: try store.map { try StoreLocation(argument: $0) } ?? StoreLocation.defaultFile(),
                socketMode: mode_t(UInt32(socketMode, radix: 8) ?? 0o600),
                maximumLineBytes: maxLineBytes,
                maximumConnections: maxConnections,
                limits: .init(
                    maximumConversations: maxConversations, idleTimeout: idleTimeout,
                    maximumPerConnection: maxConversationsPerConnection),
                allowedUsers: Set(allowedUsers),
                connectionIdleTimeout: .milliseconds(Int64(connectionIdleTimeout * 1000)))
            server = try await SocketServer(options: options, knowledge: knowledge, logger: logger)
        } catch let problem as SocketFile.Problem {
            printError("twitchtalk serve: \(problem)")
            throw ExitCode(1)
        } catch let refusal as StoreLocation.Refusal {
            printError("twitchtalk serve: \(refusal)")
            throw ExitCode(1)
        } catch let refusal as PostgresLocation.Refusal {
            printError("twitchtalk serve: --store: \(refusal)")
            throw ExitCode(1)
        } catch let error as StoreError {
            printError("twitchtalk serve: cannot open the store: \(error)")
            throw ExitCode(1)
        } catch {
            printError("twitchtalk serve: cannot open the store: \(error)")
            throw ExitCode(1)
        }
        // swift-service-lifecycle: SIGTERM or SIGINT starts a graceful shutdown of the server.
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: ServerService(server: server), successTerminationBehavior: .gracefullyShutdownGroup)
                ],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch let problem as SocketFile.Problem {
            printError("twitchtalk serve: \(problem)")
            throw ExitCode(1)
        } catch {
            printError("twitchtalk serve: \(error)")
            throw ExitCode(1)
        }
    }
}

/// The benchmark's load client (used by scripts/bench-socket; not a test).
struct LoadTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load-test",
        abstract: "Drive a line server on a Unix socket with many connections and print figures.",
        discussion: """
            Without --rate, each connection keeps --depth requests in flight (saturation: the most round trips per \
            second). With --rate, the connections together send that many requests per second on a fixed schedule \
            (open loop), and each round trip is timed from its scheduled send time.
            """,
        shouldDisplay: false)

    @Option(
        help: ArgumentHelp(
            "The socket to load (repeatable: the connections go to each in turn).", valueName: "path"))
    var socket: [String]
    @Flag(help: "With several sockets, use each conversation from a connection to each socket at once.")
    var shareConversations = false
    @Option(help: "How many connections.") var connections = 100
    @Option(help: "Conversations per connection.") var conversations = 10
    @Option(help: "Requests per connection.") var requests = 100
    @Option(help: "Requests in flight per connection (without --rate).") var depth = 1
    @Option(help: "Requests per second over all connections, sent on a schedule (open loop).") var rate: Double?
    @Option(help: "Client event loop threads.") var threads = 2
    @Option(help: "A label for the printed figures.") var label = "server"
    @Option(help: "A prefix for conversation names.") var prefix = "bench"

    func validate() throws {
        guard !socket.isEmpty else { throw ValidationError("Give at least one --socket.") }
        guard connections > 0, conversations > 0, requests > 0, depth > 0, threads > 0 else {
            throw ValidationError("All counts must be positive.")
        }
        if let rate, !(rate > 0 && rate.isFinite) { throw ValidationError("--rate must be a positive number.") }
    }

    func run() async throws {
        var plan = LoadClient.Plan(
            socketPath: socket[0], connections: connections, conversationsPerConnection: conversations,
            requestsPerConnection: requests, depth: depth, rate: rate, prefix: prefix)
        plan.otherSockets = Array(socket.dropFirst())
        plan.sharedConversations = shareConversations
        let figures = try await LoadClient.run(plan, threads: threads)
        let load = rate.map { "rate=\(Int($0))" } ?? "depth=\(depth)"
        print(
            "\(label): connections=\(connections) \(load) round_trips=\(figures.roundTrips) "
                + "errors=\(figures.errors) seconds=\(String(format: "%.2f", figures.seconds)) "
                + "rps=\(Int(figures.roundTripsPerSecond)) p50_us=\(Int(figures.p50)) p99_us=\(Int(figures.p99)) "
                + "p999_us=\(Int(figures.p999)) max_us=\(Int(figures.maximum))")
    }
}
