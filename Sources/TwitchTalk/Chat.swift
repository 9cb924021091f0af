import ArgumentParser
import Assessment
import Dialogue
import Foundation
import Glibc
import Report
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

    @Option(
        help: ArgumentHelp(
            "When the interview or the input ends, write the visit summary (Markdown) to this file (mode 0600).",
            valueName: "file"))
    var report: String?

    @Option(
        help: ArgumentHelp(
            "When the interview or the input ends, write the conversation as a FHIR R4 QuestionnaireResponse (JSON) "
                + "to this file (mode 0600).",
            valueName: "file"))
    var fhir: String?

    func validate() throws {
        for (option, path) in [("--report", report), ("--fhir", fhir)] {
            guard let path else { continue }
            if path.isEmpty { throw ValidationError("\(option) needs a file name.") }
            if let problem = PrivateFile.problem(writing: path) {
                throw ValidationError("\(option) \(path): \(problem).")
            }
        }
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
            let files = ReportFiles(markdown: report, fhir: fhir)
            let options = TerminalSession.Options(
                historyPath: noHistory ? nil : historyPath,
                colour: TerminalSession.wantsColour(
                    environment: environment, stdoutIsTerminal: isatty(STDOUT_FILENO) != 0, noColorFlag: noColor),
                reportDirectory: PrivateFile.reportsDirectory(environment: environment, home: Self.accountHome()),
                onExit: { _ = files.write($0) })
            var session = TerminalSession(interview: Interview(knowledge: knowledge, today: date), options: options)
            let status = session.run()
            if status != 0 { throw ExitCode(status) }
            return
        }
        var session = PipeSession(
            interview: Interview(knowledge: knowledge, today: date),
            format: json ? .json : transcript ? .transcript : .plain)
        session.run()
        if !ReportFiles(markdown: report, fhir: fhir).write(session.interview) { throw ExitCode(1) }
    }
}

/// The files `--report` and `--fhir` ask for, written from the interview as it stands when it ends.
struct ReportFiles: Sendable {
    var markdown: String?
    var fhir: String?

    /// Writes them (mode 0600); says on standard error what could not be written. Whether all were written.
    func write(_ interview: Interview) -> Bool {
        let visit = Visit(interview)
        var written = true
        for (path, text) in [
            (markdown, { visit.markdown }), (fhir, { visit.questionnaireResponse.text(pretty: true) + "\n" }),
        ] {
            guard let path else { continue }
            do {
                try PrivateFile.write(text(), to: path)
            } catch {
                FileHandle.standardError.write(Data("twitchtalk: \(error.description)\n".utf8))
                written = false
            }
        }
        return written
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
