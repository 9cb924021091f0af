import ArgumentParser
import Assessment
import Dialogue
import Foundation
import Glibc
import Server
import Terminal

struct Chat: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Talk about muscle twitching (the default command).",
        discussion: """
            With a terminal on standard input this is a chat. With piped input it reads one answer per line, \
            prints the assistant's replies without prompts, and exits 0 at the end of the interview or of input.
            """)

    @OptionGroup var knowledgeOptions: KnowledgeOptions

    @Flag(help: "Write one JSON object per assistant turn (reads one plain-text line per turn).")
    var json = false

    @Flag(help: "Also print each line read, marked '> ', so that the output is a whole transcript (as in Dialogues/).")
    var transcript = false

    @Flag(help: "In the terminal, keep no history of what you type (no history file is read or written).")
    var noHistory = false

    @Flag(help: "Never colour the output (as when NO_COLOR is set).")
    var noColor = false

    @Option(
        help: ArgumentHelp(
            "Read relative dates (\"since Monday\") against this date instead of today's; for repeatable transcripts.",
            valueName: "YYYY-MM-DD"))
    var today: String?

    func validate() throws {
        if json && transcript {
            throw ValidationError("--json and --transcript cannot be used together; choose one output format.")
        }
        if let today, CalendarDate(parsing: today) == nil {
            throw ValidationError("--today must be a date written YYYY-MM-DD, for example 2026-11-27.")
        }
    }

    /// The date given with `--today`, or today's local date.
    var date: CalendarDate? {
        if let today { return CalendarDate(parsing: today) }
        return LocalDate.today()
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let knowledge = try knowledgeOptions.load()
        if isatty(STDIN_FILENO) != 0 && !json && !transcript {
            let environment = ProcessInfo.processInfo.environment
            let historyPath = HistoryStore.resolvePath(environment: environment, home: Self.accountHome())
            let options = TerminalSession.Options(
                historyPath: noHistory ? nil : historyPath,
                colour: TerminalSession.wantsColour(
                    environment: environment, stdoutIsTerminal: isatty(STDOUT_FILENO) != 0, noColorFlag: noColor))
            var session = TerminalSession(interview: Interview(knowledge: knowledge, today: date), options: options)
            let status = session.run()
            if status != 0 { throw ExitCode(status) }
            return
        }
        var session = PipeSession(
            interview: Interview(knowledge: knowledge, today: date),
            format: json ? .json : transcript ? .transcript : .plain)
        session.run()
    }
}

extension Chat {
    /// The home directory of the account, from the password database (for when `HOME` is not set).
    static func accountHome() -> String? {
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return nil }
        return String(cString: directory)
    }
}

/// The piped front end: lines in, turns out, one flush per turn.
struct PipeSession {
    enum Format { case plain, transcript, json }

    var interview: Interview
    let format: Format

    mutating func run() {
        var reader = LineReader()
        write(Turn(interview.start()))
        while !interview.isDone, let line = reader.next() {
            if format == .transcript { emit(["> " + Display.safe(line)]) }
            write(Turn(interview.received(text: line)))
        }
    }

    private func write(_ turn: Turn) {
        switch format {
        case .json: emit([turn.jsonLine])
        case .plain, .transcript: emit(turn.lines)
        }
    }

    private func emit(_ lines: [String]) {
        guard Output.write(lines.map { $0 + "\n" }.joined()) else { exit(0) }
    }
}
