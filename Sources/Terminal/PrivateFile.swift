import Foundation
import Glibc

/// Writing health data to files that only the user can read: mode 0600, in directories created with mode 0700.
public enum PrivateFile {
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes `text` to `path`: a new file is created with mode 0600, an existing one is emptied and made 0600.
    public static func write(_ text: String, to path: String) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(path: path, reason: errnoText()) }
        try finish(fd, text, path)
    }

    /// Writes `text` to a new file in `directory` (created with mode 0700 where missing) named `stem.ext`, or
    /// `stem-2.ext`, `stem-3.ext`… if that exists: an earlier report is never overwritten. Returns the path.
    public static func writeNew(_ text: String, in directory: String, stem: String, ext: String) throws(Failure)
        -> String
    {
        try makeDirectories(directory)
        for number in 1...1000 {
            let name = number == 1 ? "\(stem).\(ext)" : "\(stem)-\(number).\(ext)"
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
            if fd < 0 {
                if errno == EEXIST { continue }
                throw Failure(path: path, reason: errnoText())
            }
            try finish(fd, text, path)
            return path
        }
        throw Failure(path: directory, reason: "too many reports of the same day there")
    }

    /// Replaces the file at `path` (one this program wrote) with `text`, keeping mode 0600, never following a link.
    public static func rewrite(_ text: String, at path: String) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw Failure(path: path, reason: errnoText()) }
        try finish(fd, text, path)
    }

    /// Where `/report` writes: `$XDG_DATA_HOME/twitchtalk/reports` (an absolute `XDG_DATA_HOME` only), otherwise
    /// `~/.local/share/twitchtalk/reports`: the user's own files, never a shared directory such as /tmp.
    public static func reportsDirectory(environment: [String: String], home: String? = nil) -> String? {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return (data.hasSuffix("/") ? data : data + "/") + "twitchtalk/reports"
        }
        let base = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home.flatMap { $0.isEmpty ? nil : $0 }
        guard let base else { return nil }
        return (base.hasSuffix("/") ? base : base + "/") + ".local/share/twitchtalk/reports"
    }

    /// Whether a file can be written at `path` (its directory exists and is writable); the reason if not.
    public static func problem(writing path: String) -> String? {
        var directory = (path as NSString).deletingLastPathComponent
        if directory.isEmpty { directory = "." }
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            return "the directory \(directory) does not exist"
        }
        guard access(directory, W_OK) == 0 else { return "the directory \(directory) is not writable" }
        return nil
    }

    private static func finish(_ fd: Int32, _ text: String, _ path: String) throws(Failure) {
        defer { close(fd) }
        fchmod(fd, 0o600)
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, reason: errnoText())
            }
            written += count
        }
    }

    private static func makeDirectories(_ directory: String) throws(Failure) {
        var current = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw Failure(path: directory, reason: "cannot create \(current): \(errnoText())")
            }
        }
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
