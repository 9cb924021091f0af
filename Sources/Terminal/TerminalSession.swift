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
        /// Where `/report` writes the visit summary, or `nil` when there is no home to put it in.
        public var reportDirectory: String?
        /// Called with the interview as it stands whenever the session ends (`/quit`, Ctrl-D, SIGTERM, SIGHUP).
        public var onExit: (@Sendable (Interview) -> Void)?

        public init(
            historyPath: String?, colour: Bool, reportDirectory: String? = nil,
            onExit: (@Sendable (Interview) -> Void)? = nil
        ) {
            self.historyPath = historyPath
            self.colour = colour
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

    public init(interview: Interview, options: Options) {
        self.interview = interview
        self.options = options
        history = HistoryStore(path: nil)
        renderer = TerminalRenderer(width: Self.terminalWidth(), colour: options.colour)
    }

    /// Whether to colour the output: only on a terminal, never with `NO_COLOR` set and not empty (see
    /// no-color.org), `TERM=dumb` or `--no-color`.
    public static func wantsColour(environment: [String: String], stdoutIsTerminal: Bool, noColorFlag: Bool) -> Bool {
        guard stdoutIsTerminal, !noColorFlag else { return false }
        if let value = environment["NO_COLOR"], !value.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// The width of the terminal on standard output, or 80 when it cannot be told.
    public static func terminalWidth(fd: Int32 = STDOUT_FILENO) -> Int {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// Runs the conversation until `/quit` or Ctrl-D. Returns the exit status.
    public mutating func run() -> Int32 {
        history = HistoryStore.load(path: options.historyPath)
        Readline.configure(
            name: "twitchtalk", commands: Interview.Command.allCases.map(\.rawValue) + [Self.reportCommand])
        Readline.clearHistory()
        for entry in history.entries { Readline.addHistory(entry) }
        guard let signals = SignalPipe() else {
            Self.write("twitchtalk: cannot watch for signals; use the piped mode (twitchtalk < answers.txt).\n")
            return 1
        }
        show(Turn(interview.start()))
        while true {
            Readline.start(prompt: renderer.prompt)
            let event = wait(signals)
            switch event {
            case .end:
                Self.write("\n")
                let gathered = interview.knowledge.summary(of: interview.currentCase)
                Self.write(renderer.summary(gathered))
                show(Turn(interview.command(.quit)))
                saveHistory()
                options.onExit?(interview)
                return 0
            case .line(let line):
                if history.add(line) { Readline.addHistory(line) }
                if Self.isReport(line) {
                    report()
                    continue
                }
                let turn = Turn(interview.received(text: line))
                show(turn)
                if turn.ended {
                    saveHistory()
                    options.onExit?(interview)
                    return 0
                }
            }
        }
    }

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
            renderer.width = max(TerminalRenderer.minimumWidth, Self.terminalWidth())
        case SIGTSTP:
            let saved = Readline.currentLine()
            Readline.stop()
            SignalPipe.defaulting(SIGTSTP)
            raise(SIGTSTP)
            // Stopped here until SIGCONT.
            SignalPipe.catching(SIGTSTP)
            Readline.start(prompt: renderer.prompt)
            Readline.restoreLine(saved.text, point: saved.point)
        case SIGTERM, SIGHUP:
            Readline.stop()
            Self.write("\n")
            saveHistory()
            options.onExit?(interview)
            SignalPipe.defaulting(number)
            raise(number)
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
        Self.write("\n" + markdown + "\n")
        var actions: [Interview.Action] = [.say(Display.safe(paragraph: said))]
        if let prompt = interview.pendingQuestion { actions.append(.ask(prompt)) }
        show(Turn(actions))
    }

    private mutating func show(_ turn: Turn) {
        Readline.setChoices(turn.ask?.choices ?? interview.pendingQuestion?.choices ?? [])
        Self.write(renderer.render(turn))
    }

    private func saveHistory() {
        do {
            try history.save()
        } catch {
            Self.write("twitchtalk: \(error.description)\n", to: STDERR_FILENO)
        }
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
