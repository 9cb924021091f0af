import Foundation

/// A PostgreSQL database to keep conversations in, read the way libpq reads it: a `postgresql://` (or `postgres://`)
/// URL, completed by the usual environment variables (`PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGSSLMODE`,
/// `PGSSLROOTCERT`, `PGPASSFILE`, `PGPASSWORD`, `PGCONNECT_TIMEOUT`), with the password from the password file
/// (`PGPASSFILE`, else `~/.pgpass`) or `PGPASSWORD`, never from the URL: a command line is visible to every user of
/// the machine (`ps`), so a URL holding a password is refused.
public struct PostgresLocation: Hashable, Sendable, CustomStringConvertible {
    /// How the connection uses TLS (libpq's `sslmode`).
    public enum SSLMode: String, Hashable, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// A host name or address, or (starting with `/`) the directory of the server's Unix socket.
    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var sslMode: SSLMode
    /// The certificate authorities to trust for `verify-ca` and `verify-full` (else the system's).
    public var sslRootCert: String?
    /// Seconds to wait for a connection.
    public var connectTimeout: Double
    /// From the password file or `PGPASSWORD`; never printed.
    var password: String?

    /// Whether the server is reached through a Unix socket.
    public var isUnixSocket: Bool { host.hasPrefix("/") }

    /// The socket file for a Unix-socket host (`DIR/.s.PGSQL.PORT`, as libpq makes it).
    public var socketPath: String? { isUnixSocket ? "\(host)/.s.PGSQL.\(port)" : nil }

    /// Whether the host is this machine (a Unix socket, `localhost`, or a loopback address).
    public var isLoopback: Bool {
        isUnixSocket || host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }

    /// The location without the password (it is never shown).
    public var description: String {
        let shownHost = isUnixSocket ? "" : (host.contains(":") ? "[\(host)]" : host)
        let socket = isUnixSocket ? "&host=\(host)" : ""
        return "postgresql://\(user)@\(shownHost):\(port)/\(database)?sslmode=\(sslMode.rawValue)\(socket)"
    }

    /// Why a URL was refused.
    public struct Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// Reads `url` (`postgresql://[USER@][HOST][:PORT][/DB][?PARAM=VALUE&…]`), completing what it leaves out from
    /// `environment`, then from libpq's defaults (the Unix socket in /var/run/postgresql if it exists, else
    /// localhost; port 5432; the user running the program; a database named after the user).
    ///
    /// `sslmode`: without it, a loopback host (or a Unix socket) is reached without TLS (`disable`) and any other
    /// host with TLS required (`require`; libpq's default `prefer` would fall back to plain text).
    public init(url: String, environment: [String: String]) throws {
        guard let separator = url.range(of: "://") else {
            throw Refusal("\(url.debugDescription) is not a postgresql:// URL")
        }
        let rest = String(url[separator.upperBound...])
        let (beforeQuery, query): (Substring, Substring?) =
            if let mark = rest.firstIndex(of: "?") {
                (rest[..<mark], rest[rest.index(after: mark)...])
            } else {
                (rest[...], nil)
            }
        let (authority, path): (Substring, Substring) =
            if let slash = beforeQuery.firstIndex(of: "/") {
                (beforeQuery[..<slash], beforeQuery[beforeQuery.index(after: slash)...])
            } else {
                (beforeQuery, "")
            }
        var user: String?
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if userInfo.contains(":") {
                throw Refusal(
                    "the --store URL holds a password; a command line is visible to every user of the machine. "
                        + "Put the password in ~/.pgpass (mode 0600) or the file named by PGPASSFILE, or in PGPASSWORD")
            }
            user = try Self.decode(userInfo)
        }
        var host: String?
        var port: String?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else {
                throw Refusal("\(url.debugDescription): no ] in the host")
            }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") { port = String(after.dropFirst()) }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = try Self.decode(hostPort[..<colon])
            port = String(hostPort[hostPort.index(after: colon)...])
        } else if !hostPort.isEmpty {
            host = try Self.decode(hostPort)
        }
        if host?.isEmpty == true { host = nil }
        if port?.isEmpty == true { port = nil }
        var database: String? = path.isEmpty ? nil : try Self.decode(path)
        var sslMode: String?
        var sslRootCert: String?
        var passFile: String?
        var connectTimeout: String?
        for parameter in (query ?? "").split(separator: "&") where !parameter.isEmpty {
            guard let equals = parameter.firstIndex(of: "=") else {
                throw Refusal("the --store URL parameter \(String(parameter).debugDescription) has no value")
            }
            let key = String(parameter[..<equals])
            let value = try Self.decode(parameter[parameter.index(after: equals)...])
            switch key {
            case "host": host = value
            case "port": port = value
            case "user": user = value
            case "dbname": database = value
            case "sslmode": sslMode = value
            case "sslrootcert": sslRootCert = value
            case "passfile": passFile = value
            case "connect_timeout": connectTimeout = value
            case "password":
                throw Refusal(
                    "the --store URL holds a password; put it in ~/.pgpass (mode 0600), the file named by PGPASSFILE, "
                        + "or PGPASSWORD")
            default:
                throw Refusal(
                    "the --store URL parameter '\(key)' is not supported (supported: host, port, user, dbname, "
                        + "sslmode, sslrootcert, passfile, connect_timeout)")
            }
        }
        let resolvedHost =
            host ?? environment["PGHOST"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (FileManager.default.fileExists(atPath: "/var/run/postgresql") ? "/var/run/postgresql" : "localhost")
        let portText = port ?? environment["PGPORT"] ?? "5432"
        guard let resolvedPort = Int(portText), (1...65535).contains(resolvedPort) else {
            throw Refusal("the PostgreSQL port \(portText.debugDescription) is not a port number")
        }
        let resolvedUser = user ?? environment["PGUSER"] ?? Self.currentUser()
        guard !resolvedUser.isEmpty else { throw Refusal("no PostgreSQL user: put one in the URL or in PGUSER") }
        let modeText = sslMode ?? environment["PGSSLMODE"]
        let resolvedMode: SSLMode
        if let modeText {
            guard let mode = SSLMode(rawValue: modeText) else {
                throw Refusal(
                    "sslmode \(modeText.debugDescription) is not one of "
                        + SSLMode.allCases.map(\.rawValue).joined(separator: ", "))
            }
            resolvedMode = mode
        } else {
            resolvedMode = .disable
        }
        let timeoutText = connectTimeout ?? environment["PGCONNECT_TIMEOUT"]
        var timeout = 10.0
        if let timeoutText {
            guard let seconds = Double(timeoutText), seconds >= 0, seconds.isFinite else {
                throw Refusal("connect_timeout \(timeoutText.debugDescription) is not a number of seconds")
            }
            // As libpq: 0 means no limit (here, a long one); below 2 seconds, 2.
            timeout = seconds == 0 ? 3600 : max(2, seconds)
        }
        self.host = resolvedHost
        self.port = resolvedPort
        self.user = resolvedUser
        self.database = database ?? environment["PGDATABASE"] ?? resolvedUser
        self.sslRootCert = sslRootCert ?? environment["PGSSLROOTCERT"]
        self.connectTimeout = timeout
        self.sslMode = resolvedMode
        if modeText == nil, !isLoopback { self.sslMode = .require }
        let passwordFile =
            passFile ?? environment["PGPASSFILE"]
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass")
        password =
            PasswordFile.lookup(
                path: passwordFile, host: self.host, port: self.port, database: self.database, user: self.user)
            ?? environment["PGPASSWORD"]
    }

    private static func decode(_ text: Substring) throws -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw Refusal("\(String(text).debugDescription) in the --store URL has a bad %-escape")
        }
        return decoded
    }

    private static func currentUser() -> String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "" }
        return String(cString: name)
    }
}

/// libpq's password file: lines `hostname:port:database:username:password`, `*` matching anything, `\:` and `\\`
/// escaping; the first matching line wins. A Unix-socket connection matches the host name `localhost` (as in libpq)
/// and the socket's directory. A file that others may read or write is ignored, as libpq does.
enum PasswordFile {
    static func lookup(path: String, host: String, port: Int, database: String, user: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        guard info.st_mode & 0o077 == 0 else {
            FileHandle.standardError.write(
                Data(
                    "twitchtalk: the password file \(path) may be read by others (it should be mode 0600); it is ignored\n"
                        .utf8))
            return nil
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let hosts = host.hasPrefix("/") ? ["localhost", host] : [host]
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("#") { continue }
            let fields = split(line)
            guard fields.count == 5 else { continue }
            func matches(_ field: String, _ candidates: [String]) -> Bool {
                field == "*" || candidates.contains(field)
            }
            if matches(fields[0], hosts), matches(fields[1], [String(port)]), matches(fields[2], [database]),
                matches(fields[3], [user])
            {
                return fields[4]
            }
        }
        return nil
    }

    /// The fields of one line, with `\:` and `\\` unescaped.
    static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":", fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
