import Assessment

extension Turn {
    /// The turn as plain lines, without prompts or colour: what piped mode prints.
    public var lines: [String] {
        var lines = say.map(Display.safe(paragraph:))
        if let ask { lines.append(ask.text) }
        if let advice { lines += advice.lines }
        return lines
    }
}

/// One titled part of the advice ("Why", "What you can do at home"): what every text front end lays out.
public struct AdviceSection: Hashable, Sendable {
    public var title: String
    public var items: [String]
}

extension Advice {
    /// The advice's sections in the order every front end shows them; empty sections are left out.
    public var sections: [AdviceSection] {
        [
            AdviceSection(title: "Right now", items: emergency),
            AdviceSection(title: "Why", items: redFlags.map(\.explained)),
            AdviceSection(title: "Causes that may fit your answers", items: causes.map(\.explained)),
            AdviceSection(title: "What you can do at home", items: homeCare.map(\.explained)),
            AdviceSection(title: "What the doctor may do", items: doctorMayDo.map(\.text)),
            AdviceSection(title: "What to tell the doctor", items: tellDoctor),
        ].filter { !$0.items.isEmpty }
    }

    /// Which signs could not be checked because the answers were not known, if any.
    public var notKnownSentence: String? {
        guard !notKnown.isEmpty else { return nil }
        return "Some signs could not be checked because these were not known: "
            + notKnown.map(\.label).joined(separator: "; ") + "."
    }

    /// The advice laid out in plain sections.
    public var lines: [String] {
        var lines: [String] = ["", "== \(headline)"]
        if let notKnownSentence { lines.append(notKnownSentence) }
        for section in sections {
            lines.append("")
            lines.append("\(section.title):")
            lines += section.items.map { "- \($0)" }
        }
        lines.append("")
        if let watchFor { lines.append(watchFor) }
        lines.append(disclaimer)
        return lines
    }
}

extension Finding {
    /// The text, with its name and the answers that triggered it.
    public var explained: String {
        let title = name.map { "\($0): " } ?? ""
        guard !because.isEmpty else { return title + text }
        return title + text + " (" + because.map { "\($0.label): \"\($0.said)\"" }.joined(separator: "; ") + ")"
    }
}

extension Display {
    /// A sentence of the assistant's own, made safe all the same (it may quote the person); never cut.
    public static func safe(paragraph: String) -> String {
        safe(paragraph, limit: nil)
    }
}
