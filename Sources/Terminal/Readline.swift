@preconcurrency import CReadline
import Glibc
import Synchronization

/// What readline hands back: a line the person entered, or the end (Ctrl-D on an empty line).
enum LineEvent: Hashable, Sendable {
    case line(String)
    case end

    /// The lines of `text` as entered: a paste of several lines arrives as one text with newlines (`\n`, `\r\n` or
    /// `\r`) in it, and each of its lines is one answer, in order; blank lines between them are dropped.
    static func lines(_ text: String) -> [LineEvent] {
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard lines.count > 1 else { return [.line(text)] }
        return lines.filter { !$0.allSatisfy(\.isWhitespace) }.map { .line(String($0)) }
    }
}

/// The state readline's C callbacks read and write. They cannot capture anything, so it lives here, guarded.
private struct Shared: Sendable {
    /// The lines the handler received and the session has not taken yet, oldest first (a paste of several lines
    /// arrives as one line with newlines in it and is split here, so that each line is one answer).
    var events: [LineEvent] = []
    /// The current question's choices and the commands, for Tab.
    var choices: [String] = []
    var commands: [String] = []
    /// The matches of the completion under way, handed out one by one to `rl_completion_matches`.
    var matches: [String] = []
}

private let shared = Mutex(Shared())

/// GNU readline, through its callback interface, so that the session's own loop waits for input and for
/// signals at once. This is the only code that touches readline's process-global state; everything here runs
/// on the session's thread.
enum Readline {
    /// Sets readline up for TwitchTalk: its name for `~/.inputrc` (`$if twitchtalk`), completion of choices and
    /// commands only (never file names), and no signal handling of its own (the session handles signals).
    static func configure(name: String, commands: [String]) {
        rl_readline_name = UnsafePointer(strdup(name))
        rl_catch_signals = 0
        rl_catch_sigwinch = 0
        rl_change_environment = 0
        rl_completer_word_break_characters = UnsafePointer(strdup(Completion.wordBreaks))
        rl_attempted_completion_function = attemptCompletion
        shared.withLock { $0.commands = commands }
        using_history()
    }

    /// Shows `prompt` and starts reading a line.
    static func start(prompt: String) {
        rl_callback_handler_install(prompt, lineHandler)
    }

    /// Stops reading and gives the terminal back its normal settings.
    static func stop() {
        rl_callback_handler_remove()
    }

    /// Reads the available input (call when standard input is readable).
    static func readAvailable() {
        rl_callback_read_char()
    }

    /// The oldest line or end the handler received and nobody has taken yet, if any.
    static func takeEvent() -> LineEvent? {
        shared.withLock { state in
            state.events.isEmpty ? nil : state.events.removeFirst()
        }
    }

    /// Whether lines are waiting to be taken (the rest of a paste of several lines).
    static var hasEvents: Bool {
        shared.withLock { !$0.events.isEmpty }
    }

    /// Makes readline count characters, not bytes, in the user's locale (`LANG=C.UTF-8`): without it the cursor
    /// moves by bytes and the screen shows another line than the one being edited. Returns whether the locale's
    /// characters are UTF-8.
    @discardableResult
    static func useLocale() -> Bool {
        _ = setlocale(LC_CTYPE, "")
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }

    /// Draws the prompt and the line on `fd` instead of standard output (when standard output is redirected).
    static func setOutput(fd: Int32) {
        if let stream = fdopen(dup(fd), "w") { rl_outstream = stream }
    }

    /// Ctrl-C: drops the line being typed and shows a fresh, empty prompt.
    static func cancelLine() {
        rl_callback_sigcleanup()
        rl_free_line_state()
        rl_replace_line("", 1)
        rl_point = 0
        rl_mark = 0
        using_history()
        rl_echo_signal_char(SIGINT)
        rl_crlf()
        rl_on_new_line()
        rl_redisplay()
    }

    /// The text typed so far and the cursor, to put back after a suspension.
    static func currentLine() -> (text: String, point: Int32) {
        guard let buffer = rl_line_buffer else { return ("", 0) }
        return (String(cString: buffer), rl_point)
    }

    /// Puts back a line saved by `currentLine` and redraws it.
    static func restoreLine(_ text: String, point: Int32) {
        rl_replace_line(text, 0)
        rl_point = min(point, rl_end)
        rl_redisplay()
    }

    /// The terminal changed size.
    static func resize() {
        rl_resize_terminal()
    }

    /// The choices Tab offers from now on.
    static func setChoices(_ choices: [String]) {
        shared.withLock { $0.choices = choices }
    }

    static func addHistory(_ line: String) {
        add_history(line)
    }

    static func clearHistory() {
        clear_history()
    }

    /// The lines the arrow keys recall, oldest first.
    static var historyLines: [String] {
        var lines: [String] = []
        let count = Int(history_length)
        for offset in 0..<count {
            guard let entry = history_get(history_base + Int32(offset)), let text = entry.pointee.line else {
                continue
            }
            lines.append(String(cString: text))
        }
        return lines
    }
}

/// Readline's line handler: keeps the line and stops reading, so that no prompt is shown before the reply.
private func lineHandler(_ line: UnsafeMutablePointer<CChar>?) {
    var events: [LineEvent] = []
    if let line {
        events = LineEvent.lines(String(cString: line))
        free(line)
    } else {
        events = [.end]
    }
    shared.withLock { $0.events += events }
    rl_callback_handler_remove()
}

/// Readline's completion hook: the matches from `Completion`, and never file names.
private func attemptCompletion(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
{
    rl_attempted_completion_over = 1
    guard let text, let buffer = rl_line_buffer else { return nil }
    let length = Int(rl_end)
    let line = [UInt8](
        UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: length))
    let found = shared.withLock { state in
        state.matches = Completion.matches(
            line: line, start: Int(start), end: Int(end), choices: state.choices, commands: state.commands)
        return !state.matches.isEmpty
    }
    guard found else { return nil }
    return rl_completion_matches(text, nextMatch)
}

/// Readline's match generator: the `state`-th match, `strdup`ed, then `nil`.
private func nextMatch(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    shared.withLock { shared in
        let index = Int(state)
        guard index >= 0, index < shared.matches.count else { return nil }
        return strdup(shared.matches[index])
    }
}
