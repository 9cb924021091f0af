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
    /// How many red flags the verdict names; the details name them all.
    public static let verdictReasons = 3

    /// The verdict, shown first under the headline so that it fits on one screen: why (at most three signs),
    /// what could not be checked, and what to do now and when to come back. After an emergency: what to do
    /// right now, and why.
    public var verdict: [AdviceSection] {
        if triage == .emergency {
            return [
                AdviceSection(title: "Right now", items: emergency),
                AdviceSection(title: "Why", items: redFlags.map(\.explained)),
            ].filter { !$0.items.isEmpty }
        }
        let shown = redFlags.prefix(Self.verdictReasons).map(\.text)
        let why =
            redFlags.count > shown.count ? "Why (\(shown.count) of \(redFlags.count) signs; all are below)" : "Why"
        return [
            AdviceSection(title: why, items: shown),
            AdviceSection(title: "Could not be checked", items: unchecked.map(\.text)),
            AdviceSection(title: "What to do now", items: [disposition.action] + (watchFor.map { [$0] } ?? [])),
        ].filter { !$0.items.isEmpty }
    }

    /// The details, after the verdict, in the order every front end shows them; empty sections are left out.
    public var sections: [AdviceSection] {
        [
            AdviceSection(
                title: "Why, with your answers", items: triage == .emergency ? [] : redFlags.map(\.explained)),
            AdviceSection(title: "Causes that may fit your answers", items: causes.map(\.explained)),
            AdviceSection(title: "What you can do at home", items: homeCare.map(\.explained)),
            AdviceSection(title: "What the doctor may do", items: doctorMayDo.map(\.text)),
            AdviceSection(title: "What to tell the doctor", items: tellDoctor),
        ].filter { !$0.items.isEmpty }
    }

    /// The advice laid out in plain text: the headline and the verdict, then the details, then the last words.
    public var lines: [String] {
        var lines: [String] = ["", headline]
        for section in verdict {
            lines.append("\(section.title):")
            lines += section.items.map { "- \($0)" }
        }
        let details = sections
        if !details.isEmpty {
            lines += ["", detailsHeading]
            for section in details {
                lines.append("")
                lines.append("\(section.title):")
                lines += section.items.map { "- \($0)" }
            }
        }
        lines.append("")
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
