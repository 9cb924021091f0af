import Assessment
import Dialogue
import Glibc
import Report

/// The terminal front end: readline in, rendered turns out.
///
/// It turns each line into the same event as the piped front end (`Interview.received(text:)`) and shows the
/// same actions, laid out for a person. Ctrl-C drops the line being typed, Ctrl-D on an empty line ends the
/// conversation, SIGTERM and SIGHUP save the history and give the terminal back before the program stops.
public struct TerminalSession {
    public struct Options: Sendable {
        /// The history file, or `nil` to keep no history.
        public var historyPath: String?
        public var colour: Bool
        /// Where the conversation is shown and edited: standard output, or, when standard output is redirected,
        /// standard error or the terminal itself.
        public var display: Int32
        /// Where a plain transcript of the conversation goes (standard output when it is redirected), if anywhere:
        /// the assistant's lines and each line typed marked "> ", without prompts, colour or control sequences.
        public var transcript: Int32?
        /// Where `/report` writes the visit summary, or `nil` when there is no home to put it in.
        public var reportDirectory: String?
        /// Called with the interview as it stands whenever the session ends (`/quit`, Ctrl-D, SIGTERM, SIGHUP).
        public var onExit: (@Sendable (Interview) -> Void)?

        public init(
            historyPath: String?, colour: Bool, display: Int32 = STDOUT_FILENO, transcript: Int32? = nil,
            reportDirectory: String? = nil, onExit: (@Sendable (Interview) -> Void)? = nil
        ) {
            self.historyPath = historyPath
            self.colour = colour
            self.display = display
            self.transcript = transcript
            self.reportDirectory = reportDirectory
            self.onExit = onExit
        }
    }

    public private(set) var interview: Interview
    public let options: Options
    private var history: HistoryStore
    private var renderer: TerminalRenderer
    /// The file `/report` wrote in this session, rewritten by the next `/report`.
    private var reportPath: String?
    /// The advice last shown, and the case it is for: commands after the advice do not show it again.
    private var shownAdvice: (Advice, Case?)?
    /// Whether the last line was `/restart` and the next answers "start again?".
    private var confirmingRestart = false

    public init(interview: Interview, options: Options) {
        self.interview = interview
        self.options = options
        history = HistoryStore(path: nil)
        renderer = TerminalRenderer(
            width: TerminalRenderer.readableWidth(columns: Self.terminalWidth(fd: options.display)),
            colour: options.colour)
    }

    /// Whether to colour the output: only on a terminal, never with `NO_COLOR` set and not empty (see
    /// no-color.org), `TERM` unset or `dumb`, or `--no-color`.
    public static func wantsColour(environment: [String: String], stdoutIsTerminal: Bool, noColorFlag: Bool) -> Bool {
        guard stdoutIsTerminal, !noColorFlag else { return false }
        if let value = environment["NO_COLOR"], !value.isEmpty { return false }
        guard let term = environment["TERM"], !term.isEmpty else { return false }
        return term != "dumb"
    }

    /// Where to show the conversation when standard input is a terminal: standard output if it is one; otherwise
    /// standard error if it is one (as the Python REPL does), or else the terminal itself (`/dev/tty`).
    public static func displayDescriptor() -> Int32 {
        if isatty(STDOUT_FILENO) != 0 { return STDOUT_FILENO }
        if isatty(STDERR_FILENO) != 0 { return STDERR_FILENO }
        let tty = open("/dev/tty", O_WRONLY | O_CLOEXEC)
        return tty >= 0 ? tty : STDERR_FILENO
    }

    /// The width of the terminal on `fd`, or 80 when it cannot be told.
    public static func terminalWidth(fd: Int32 = STDOUT_FILENO) -> Int {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// A word typed alone that a REPL user means as a command: `quit`, `exit`, `help` (psql and Python do the
    /// same); `nil` for anything else.
    static func bareCommand(_ line: String) -> Interview.Command? {
        switch Self.trimmed(line).lowercased() {
        case "quit", "exit": .quit
        case "help": .help
        default: nil
        }
    }

    /// Runs the conversation until `/quit` or Ctrl-D. Returns the exit status.
    public mutating func run() -> Int32 {
        renderer.ascii = !Readline.useLocale()
        history = HistoryStore.load(path: options.historyPath)
        Readline.configure(
            name: "twitchtalk", commands: Interview.Command.allCases.map(\.rawValue) + [Self.reportCommand])
        if options.display != STDOUT_FILENO { Readline.setOutput(fd: options.display) }
        Readline.clearHistory()
        for entry in history.entries { Readline.addHistory(entry) }
        guard let signals = SignalPipe() else {
            write("twitchtalk: cannot watch for signals; use the piped mode (twitchtalk < answers.txt).\n")
            return 1
        }
        show(Turn(interview.start()))
        // The reader's lexicons take about 0.2 s to build: on another thread, while the person reads the question.
        let prepare: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { _ in
            Understanding.prepare()
            return nil
        }
        var thread = pthread_t()
        if pthread_create(&thread, nil, prepare, nil) == 0 { pthread_detach(thread) }
        while true {
            let event: LineEvent
            if let pasted = Readline.takeEvent() {
                // The next line of a paste: shown as if typed, then answered like it.
                if case .line(let text) = pasted {
                    write(renderer.printedPrompt + Display.safe(paragraph: text) + "\n")
                }
                event = pasted
            } else {
                Readline.start(prompt: renderer.prompt)
                event = wait(signals)
            }
            switch event {
            case .end:
                write("\n")
                let gathered = interview.knowledge.summary(of: interview.currentCase)
                write(renderer.summary(gathered))
                show(Turn(interview.command(.quit)))
                saveHistory()
                options.onExit?(interview)
                return 0
            case .line(let line):
                if history.add(line) { Readline.addHistory(line) }
                record("> " + Display.safe(paragraph: line))
                if Self.isReport(line) {
                    confirmingRestart = false
                    report()
                    continue
                }
                let turn = Turn(answer(line))
                show(turn)
                if turn.ended {
                    saveHistory()
                    options.onExit?(interview)
                    return 0
                }
            }
        }
    }

    /// The interview's reply to a line, with the terminal's own habits: a bare `quit`, `exit` or `help` is that
    /// command, and `/restart` with answers given asks first.
    private mutating func answer(_ line: String) -> [Interview.Action] {
        if confirmingRestart {
            confirmingRestart = false
            let reply = Self.trimmed(line).lowercased()
            if reply == "y" || reply == "yes" { return interview.command(.restart) }
            return [.say(Self.restartKept)] + interview.start()
        }
        let command = Self.bareCommand(line) ?? Interview.Command(parsing: line.prefix(64))
        if command == .restart, !interview.knowledge.summary(of: interview.currentCase).isEmpty {
            confirmingRestart = true
            return [.say(Self.restartQuestion)]
        }
        if let command { return interview.command(command) }
        return interview.received(text: line)
    }

    private static func trimmed(_ text: String) -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(text.drop(while: blank).reversed().drop(while: blank).reversed())
    }

    static let restartQuestion = "Start again and forget your answers so far? (yes/no)"
    static let restartKept = "Not restarted; your answers are kept."

    /// Waits for a line while handling signals. Readline is reading when it is called and has stopped when it
    /// returns.
    private mutating func wait(_ signals: borrowing SignalPipe) -> LineEvent {
        var fds = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signals.readEnd, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            fds[0].revents = 0
            fds[1].revents = 0
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                Readline.stop()
                return .end
            }
            if fds[1].revents != 0 {
                for number in signals.drain() { handle(signal: number) }
            }
            if fds[0].revents & Int16(POLLIN) != 0 {
                Readline.readAvailable()
                if let event = Readline.takeEvent() { return event }
            } else if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                Readline.stop()
                return .end
            }
        }
    }

    private mutating func handle(signal number: Int32) {
        switch number {
        case SIGINT:
            Readline.cancelLine()
        case SIGWINCH:
            Readline.resize()
            renderer.width = TerminalRenderer.readableWidth(columns: Self.terminalWidth(fd: options.display))
        case SIGTSTP:
            let saved = Readline.currentLine()
            Readline.stop()
            SignalPipe.raiseWithDefaultAction(SIGTSTP)
            // Stopped here until SIGCONT.
            SignalPipe.catching(SIGTSTP)
            // The terminal may have changed size while we were stopped.
            renderer.width = TerminalRenderer.readableWidth(columns: Self.terminalWidth(fd: options.display))
            Readline.start(prompt: renderer.prompt)
            Readline.restoreLine(saved.text, point: saved.point)
        case SIGTERM, SIGHUP:
            Readline.stop()
            write("\n")
            saveHistory()
            options.onExit?(interview)
            SignalPipe.raiseWithDefaultAction(number)
            exit(128 + number)
        default:
            break
        }
    }

    /// The terminal's own command: write the visit summary to a private file, say where, and show it.
    static let reportCommand = "report"

    static func isReport(_ line: String) -> Bool {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() } == ["/" + reportCommand]
    }

    /// `/report`: the visit summary is written (mode 0600; the same file again on a later `/report` in this
    /// session) and shown, and the pending question is asked again.
    private mutating func report() {
        let markdown = Visit(interview).markdown
        var said: String
        do throws(PrivateFile.Failure) {
            let path: String
            if let reportPath {
                try PrivateFile.rewrite(markdown, at: reportPath)
                path = reportPath
            } else {
                guard let directory = options.reportDirectory else {
                    throw PrivateFile.Failure(path: "a report", reason: "there is no home directory to put it in")
                }
                let day = interview.today?.description ?? "undated"
                path = try PrivateFile.writeNew(markdown, in: directory, stem: "visit-summary-\(day)", ext: "md")
                reportPath = path
            }
            said = "I saved this summary for your doctor in \(path) (only you can read it)."
        } catch {
            said = "I could not save the summary (\(error.description)); it is shown above."
        }
        write("\n" + markdown + "\n")
        // Not wrapped by the renderer, which would break a long path in two: the terminal folds the line, and the
        // path copies whole.
        let line = Display.safe(paragraph: said)
        write(line + "\n")
        record(line)
        var actions: [Interview.Action] = []
        if let prompt = interview.pendingQuestion { actions.append(.ask(prompt)) }
        show(Turn(actions))
    }

    private mutating func show(_ turn: Turn) {
        Readline.setChoices(turn.ask?.choices ?? interview.pendingQuestion?.choices ?? [])
        var shown = turn
        if let advice = turn.advice {
            // After the advice, a command such as /help or /why gets its answer alone, not the advice again.
            if let (before, forCase) = shownAdvice, before == advice, forCase == turn.case { shown.advice = nil }
            shownAdvice = (advice, turn.case)
        } else if interview.advice == nil {
            shownAdvice = nil
        }
        for line in shown.lines { record(line) }
        write(renderer.render(shown))
    }

    private func saveHistory() {
        do {
            try history.save()
        } catch {
            Self.write("twitchtalk: \(error.description)\n", to: STDERR_FILENO)
        }
    }

    /// Shows `text` on the terminal.
    private func write(_ text: String) {
        Self.write(text, to: options.display)
    }

    /// Adds a line to the plain transcript, when standard output is redirected.
    private func record(_ line: String) {
        guard let fd = options.transcript else { return }
        Self.write(line + "\n", to: fd)
    }

    /// Writes all of `text`; gives up quietly when the terminal has gone.
    static func write(_ text: String, to fd: Int32 = STDOUT_FILENO) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(count)
        }
    }
}
