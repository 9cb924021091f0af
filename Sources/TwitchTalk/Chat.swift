import ArgumentParser
import Assessment
import Dialogue
import Foundation
import Glibc
import Report
import Server
import Terminal

/// What `twitchtalk` and `twitchtalk chat` say about the conversation in `--help` and the man page.
enum ChatHelp {
    static let discussion = """
        With a terminal on standard input this is a chat: answer each question in your own words on the › prompt. \
        With piped input it reads one answer per line and prints the assistant's replies without prompts.

        COMMANDS (typed as an answer, in every mode): /help, /back (undo the last answer), /why (why this \
        question, with its source), /summary (what you told me so far), /restart, /quit (also /q and /exit; in the \
        terminal, quit, exit and help typed alone work too).

        KEYS (GNU readline; ~/.inputrc applies, under `$if twitchtalk`): Tab completes the question's choices and \
        the /commands; Up/Down and Ctrl-R recall earlier lines; Ctrl-A/Ctrl-E go to the start/end of the line; \
        Ctrl-C drops the line being typed; Ctrl-D on an empty line ends the conversation; Ctrl-Z suspends (fg \
        resumes). A paste of several lines answers one line at a time.

        HISTORY: what you type in the terminal is kept in $TWITCHTALK_HISTORY, or \
        $XDG_STATE_HOME/twitchtalk/history, or ~/.local/state/twitchtalk/history (mode 0600, last 500 lines); \
        --no-history keeps none.

        ENVIRONMENT: NO_COLOR (not empty) turns colour off, as do TERM=dumb, an unset TERM and --no-color. \
        LANG/LC_ALL/LC_CTYPE set the character set; without UTF-8 the prompt and bullets are ASCII.

        OUTPUT: when standard input is a terminal and standard output is not (twitchtalk > talk.txt), the chat \
        is shown on standard error and standard output gets a plain transcript.

        EXIT STATUS: 0 when the advice was given or you ended the conversation (/quit, Ctrl-D in the terminal); \
        1 on an error (such as an unreadable knowledge file); 3 when piped input ended before the interview \
        finished (the last JSON line then has "done": false); 64 for a wrong option; 141 (killed by SIGPIPE) \
        when standard output was closed; 128+N after signal N (SIGTERM, SIGHUP).
        """
}

/// Exit statuses of the chat beyond 0 (finished) and 1 (error).
enum ExitStatus {
    /// Piped input ended before the interview finished.
    static let unfinished: Int32 = 3
}

/// The chat's options, shared by `twitchtalk` (the chat is the default) and `twitchtalk chat`.
struct ChatOptions: ParsableArguments {
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

    /// Holds the conversation; throws the exit status when it is not 0.
    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let knowledge = try knowledgeOptions.load()
        if isatty(STDIN_FILENO) != 0 && !json && !transcript {
            let environment = ProcessInfo.processInfo.environment
            let historyPath = HistoryStore.resolvePath(environment: environment, home: Self.accountHome())
            let files = ReportFiles(markdown: report, fhir: fhir)
            let display = TerminalSession.displayDescriptor()
            let options = TerminalSession.Options(
                historyPath: noHistory ? nil : historyPath,
                colour: TerminalSession.wantsColour(
                    environment: environment, stdoutIsTerminal: isatty(display) != 0, noColorFlag: noColor),
                display: display,
                transcript: display == STDOUT_FILENO ? nil : STDOUT_FILENO,
                reportDirectory: PrivateFile.reportsDirectory(environment: environment, home: Self.accountHome()),
                onExit: { _ = files.write($0) })
            var session = TerminalSession(interview: Interview(knowledge: knowledge, today: date), options: options)
            let status = session.run()
            if status != 0 { throw ExitCode(status) }
            return
        }
        let width: Int? =
            isatty(STDOUT_FILENO) != 0 && !json
            ? TerminalRenderer.readableWidth(columns: TerminalSession.terminalWidth()) : nil
        var session = PipeSession(
            interview: Interview(knowledge: knowledge, today: date),
            format: json ? .json : transcript ? .transcript : .plain, width: width)
        let status = session.run()
        let written = ReportFiles(markdown: report, fhir: fhir).write(session.interview)
        if status != 0 { throw ExitCode(status) }
        if !written { throw ExitCode(1) }
    }

    /// The home directory of the account, from the password database (for when `HOME` is not set).
    static func accountHome() -> String? {
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return nil }
        return String(cString: directory)
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

struct Chat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Talk about muscle twitching (the default command: `twitchtalk` alone does the same).",
        discussion: ChatHelp.discussion)

    @OptionGroup var options: ChatOptions

    func run() throws {
        try options.run()
    }
}

/// The piped front end: lines in, turns out, one flush per turn.
struct PipeSession {
    enum Format { case plain, transcript, json }

    var interview: Interview
    let format: Format
    /// The width to wrap plain text to, when standard output is a terminal.
    var width: Int?

    /// Runs until the advice, `/quit` or the end of input; returns the exit status (0 when the interview finished).
    /// When standard output is closed it stops at once, as other filters do (see `Output.closed`).
    mutating func run() -> Int32 {
        var reader = LineReader(watching: STDOUT_FILENO)
        write(Turn(interview.start()))
        // The reader's lexicons take about 0.2 s to build: on another thread, once the first question is out.
        Thread.detachNewThread { Understanding.prepare() }
        while !interview.isDone, let line = reader.next() {
            if format == .transcript { emit(["> " + Display.safe(line)]) }
            write(Turn(interview.received(text: line)))
        }
        if reader.outputClosed { Output.closed() }
        return interview.isDone ? 0 : ExitStatus.unfinished
    }

    private func write(_ turn: Turn) {
        switch format {
        case .json: emit([turn.jsonLine])
        case .plain, .transcript: emit(wrapped(turn.lines))
        }
    }

    /// `lines` wrapped to `width`, list items indented under their first word.
    private func wrapped(_ lines: [String]) -> [String] {
        guard let width else { return lines }
        let renderer = TerminalRenderer(width: width, colour: false)
        return lines.flatMap { line in
            line.hasPrefix("- ") ? renderer.wrap(String(line.dropFirst(2)), prefix: "- ") : renderer.wrap(line)
        }
    }

    private func emit(_ lines: [String]) {
        guard Output.write(lines.map { $0 + "\n" }.joined()) else { Output.closed() }
    }
}
