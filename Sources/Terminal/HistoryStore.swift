import Foundation
import Glibc

/// The lines a person typed in the terminal, kept across runs in a private file.
///
/// The rules (where the file lives, which lines are kept, how many) are pure and tested; only `load` and
/// `save` touch the file system. The file holds health answers: it is created with mode 0600 in a directory
/// created with mode 0700.
public struct HistoryStore: Sendable {
    /// The most entries kept; older ones are dropped when saving.
    public static let defaultLimit = 500
    /// A longer line is not kept (it is still answered).
    public static let maximumEntryLength = 4096

    /// The file, or `nil` when no history is kept.
    public let path: String?
    public let limit: Int
    /// Every entry, loaded and added, oldest first: what the arrow keys recall.
    public private(set) var entries: [String]
    /// The entries added in this run: what `save` appends to the file.
    public private(set) var added: [String] = []

    public init(path: String?, entries: [String] = [], limit: Int = HistoryStore.defaultLimit) {
        self.path = path
        self.limit = max(1, limit)
        self.entries = Self.trimmed(entries, to: max(1, limit))
    }

    // MARK: Rules

    /// Where the history lives: `TWITCHTALK_HISTORY` if set and not empty, otherwise
    /// `$XDG_STATE_HOME/twitchtalk/history` (an absolute `XDG_STATE_HOME` only, as the XDG specification says),
    /// otherwise `~/.local/state/twitchtalk/history` under `HOME` (or `home`, the account's home directory).
    /// `nil` when there is no home to put it in.
    public static func resolvePath(environment: [String: String], home: String? = nil) -> String? {
        if let explicit = environment["TWITCHTALK_HISTORY"], !explicit.isEmpty {
            if explicit.hasPrefix("~/"), let base = homeDirectory(environment, home) {
                return base + explicit.dropFirst(1)
            }
            return explicit
        }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return joined(state, "twitchtalk/history")
        }
        guard let base = homeDirectory(environment, home) else { return nil }
        return joined(base, ".local/state/twitchtalk/history")
    }

    private static func homeDirectory(_ environment: [String: String], _ home: String?) -> String? {
        if let value = environment["HOME"], !value.isEmpty { return value }
        if let home, !home.isEmpty { return home }
        return nil
    }

    private static func joined(_ directory: String, _ rest: String) -> String {
        directory.hasSuffix("/") ? directory + rest : directory + "/" + rest
    }

    /// Whether `line` is kept after `last`: never an empty (or blank) line, never the same line twice in a
    /// row, never a line that would not fit on one line of the file or is too long.
    public static func keeps(_ line: String, after last: String?) -> Bool {
        guard line.contains(where: { !$0.isWhitespace }) else { return false }
        guard !line.contains(where: \.isNewline) else { return false }
        guard line.unicodeScalars.count <= maximumEntryLength else { return false }
        return line != last
    }

    /// The newest `limit` entries.
    public static func trimmed(_ entries: [String], to limit: Int) -> [String] {
        entries.count > limit ? Array(entries.suffix(limit)) : entries
    }

    /// The entries of a history file's text: one a line, applying the same rule as typing them.
    public static func parse(_ text: String) -> [String] {
        var result: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let entry = String(line)
            if keeps(entry, after: result.last) { result.append(entry) }
        }
        return result
    }

    /// `entries` as a history file's text.
    public static func serialize(_ entries: [String]) -> String {
        entries.map { $0 + "\n" }.joined()
    }

    /// `base` followed by `new`, applying the rule to every added line, trimmed to `limit`.
    public static func merged(_ base: [String], _ new: [String], limit: Int) -> [String] {
        var result = base
        for line in new where keeps(line, after: result.last) { result.append(line) }
        return trimmed(result, to: limit)
    }

    /// Adds a typed line if the rule keeps it. Returns whether it was added (and so should be recallable).
    @discardableResult
    public mutating func add(_ line: String) -> Bool {
        guard Self.keeps(line, after: entries.last) else { return false }
        entries.append(line)
        added.append(line)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        return true
    }

    // MARK: File

    /// The history at `path` (empty when there is none or it cannot be read).
    public static func load(path: String?, limit: Int = defaultLimit) -> HistoryStore {
        guard let path else { return HistoryStore(path: nil, limit: limit) }
        return HistoryStore(path: path, entries: readEntries(path), limit: limit)
    }

    private static func readEntries(_ path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return parse(String(decoding: data, as: UTF8.self))
    }

    public struct SaveError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "could not save the history to \(path): \(reason)" }
    }

    /// Appends this run's lines to the file as it is now (another run may have saved meanwhile), trims it and
    /// writes it atomically with mode 0600, creating missing directories with mode 0700.
    public func save() throws(SaveError) {
        guard let path else { return }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try Self.makeDirectories(directory, for: path) }
        let entries = Self.merged(Self.readEntries(path), added, limit: limit)
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw SaveError(path: path, reason: Self.errnoText()) }
        fchmod(fd, 0o600)
        let bytes = Array(Self.serialize(entries).utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = Self.errnoText()
                close(fd)
                unlink(temporary)
                throw SaveError(path: path, reason: reason)
            }
            written += count
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let reason = Self.errnoText()
            unlink(temporary)
            throw SaveError(path: path, reason: reason)
        }
    }

    private static func makeDirectories(_ directory: String, for path: String) throws(SaveError) {
        var current = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw SaveError(path: path, reason: "cannot create \(current): \(errnoText())")
            }
        }
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
