import Assessment
import Dialogue

/// Lays out a turn for a terminal: wrapped to the width, the question set apart from what is said, the advice
/// in sections, colour only when asked for. Pure: the same turn, width and flag always give the same text.
///
/// It shows what `Turn.lines` shows (the plain rendering), in the same order and with the same section titles.
/// Every piece of text goes through `Display.safe(paragraph:)`, so no control character reaches the terminal.
public struct TerminalRenderer: Sendable {
    /// The narrowest layout; a smaller terminal still gets this width.
    public static let minimumWidth = 20

    /// The widest layout: on a wider terminal lines stay this long, to be easy to read.
    public static let maximumWidth = 100

    public var width: Int
    public var colour: Bool
    /// Only ASCII of our own (prompt, bullets, separators), for a terminal whose locale is not UTF-8.
    public var ascii: Bool

    public init(width: Int, colour: Bool, ascii: Bool = false) {
        self.width = max(Self.minimumWidth, width)
        self.colour = colour
        self.ascii = ascii
    }

    /// The width to lay text out in on a terminal `columns` wide: all of it, up to `maximumWidth`.
    public static func readableWidth(columns: Int) -> Int {
        min(maximumWidth, max(minimumWidth, columns))
    }

    /// The bullet before each item of a list.
    var bullet: String { ascii ? "  - " : "  • " }

    /// Text styles, as SGR parameters.
    public enum Style: String, Sendable {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case cyan = "36"
    }

    /// `text` in `styles`, or unchanged without colour.
    public func paint(_ text: String, _ styles: Style...) -> String {
        guard colour, !styles.isEmpty, !text.isEmpty else { return text }
        return "\u{1B}[" + styles.map(\.rawValue).joined(separator: ";") + "m" + text + "\u{1B}[0m"
    }

    /// The readline prompt: `› `, in colour with readline's invisible-text markers around the escapes.
    public var prompt: String {
        let mark = ascii ? ">" : "›"
        guard colour else { return mark + " " }
        return "\u{01}\u{1B}[1;36m\u{02}" + mark + "\u{01}\u{1B}[0m\u{02} "
    }

    /// The prompt as printed (without readline's invisible-text markers), to show a line that was not typed, such
    /// as the second line of a paste.
    public var printedPrompt: String {
        prompt.filter { $0 != "\u{01}" && $0 != "\u{02}" }
    }

    /// The whole turn, ending with a newline (empty for an empty turn).
    public func render(_ turn: Turn) -> String {
        var lines: [String] = []
        for sentence in turn.say { lines += wrap(Display.safe(paragraph: sentence)) }
        if let ask = turn.ask { lines += question(ask) }
        if let advice = turn.advice {
            lines += self.advice(advice)
            if !turn.ended {
                lines.append("")
                lines += wrap("You can still type /advice, /back, /restart, /summary or /quit.").map { paint($0, .dim) }
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The question: its progress, its text, its choices.
    public func question(_ prompt: Prompt) -> [String] {
        var lines = [""]
        let progress = prompt.total > 0 ? "question \(prompt.number) of about \(prompt.total)" : ""
        if !progress.isEmpty { lines += wrap(progress).map { paint($0, .dim) } }
        lines += wrap(Display.safe(paragraph: prompt.text)).map { paint($0, .bold, .cyan) }
        if !prompt.choices.isEmpty {
            let choices = prompt.choices.map(Display.safe(paragraph:)).joined(separator: ascii ? " / " : " · ")
            lines += wrap("(" + choices + "; Tab completes)").map { paint($0, .dim) }
        }
        return lines
    }

    /// The advice: the headline and the verdict first (one screen), then the details, then the last words.
    public func advice(_ advice: Advice) -> [String] {
        var lines = [""]
        let headlineStyle: Style =
            switch advice.triage {
            case .emergency: .red
            case .seeDoctor: .yellow
            case .selfCare: advice.unchecked.isEmpty ? .green : .yellow
            }
        lines += wrap(Display.safe(paragraph: advice.headline)).map { paint($0, .bold, headlineStyle) }
        for section in advice.verdict {
            lines += wrap(Display.safe(paragraph: section.title) + ":").map { paint($0, .bold) }
            for item in section.items { lines += wrap(Display.safe(paragraph: item), prefix: bullet) }
        }
        let details = advice.sections
        if !details.isEmpty {
            lines.append("")
            lines += wrap(Display.safe(paragraph: advice.detailsHeading)).map { paint($0, .dim) }
            for section in details {
                lines.append("")
                lines += wrap(Display.safe(paragraph: section.title) + ":").map { paint($0, .bold) }
                for item in section.items { lines += wrap(Display.safe(paragraph: item), prefix: bullet) }
            }
        }
        lines.append("")
        let last = wrap(Display.safe(paragraph: advice.disclaimer))
        lines += advice.triage == .emergency ? last.map { paint($0, .bold, .red) } : last.map { paint($0, .dim) }
        return lines
    }

    /// What was gathered, shown when the person leaves with Ctrl-D.
    public func summary(_ items: [String]) -> String {
        guard !items.isEmpty else { return "" }
        var lines = ["", paint("What you told me:", .bold)]
        for item in items { lines += wrap(Display.safe(paragraph: item), prefix: bullet) }
        return lines.map { $0 + "\n" }.joined()
    }

    /// `text` broken at spaces into lines of at most `width` characters; the first line starts with `prefix`,
    /// the others are indented as far. A word longer than a line is cut.
    public func wrap(_ text: String, prefix: String = "") -> [String] {
        let indent = String(repeating: " ", count: prefix.count)
        let room = max(1, width - prefix.count)
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = word
            if !current.isEmpty {
                if current.count + 1 + word.count <= room {
                    current += " " + word
                    continue
                }
                lines.append(current)
                current = ""
            }
            while word.count > room {
                lines.append(String(word.prefix(room)))
                word = word.dropFirst(room)
            }
            current = String(word)
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines.enumerated().map { ($0.offset == 0 ? prefix : indent) + $0.element }
    }
}
