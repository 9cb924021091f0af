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

extension Advice {
    /// The advice laid out in plain sections.
    public var lines: [String] {
        var lines: [String] = ["", "== \(headline)"]
        if !notKnown.isEmpty {
            lines.append(
                "Some signs could not be checked because these were not known: "
                    + notKnown.map(\.label).joined(separator: "; ") + ".")
        }
        func section(_ title: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            lines.append("")
            lines.append("\(title):")
            lines += items.map { "- \($0)" }
        }
        section("Right now", emergency)
        section("Why", redFlags.map(\.explained))
        section("Causes that may fit your answers", causes.map(\.explained))
        section("What you can do at home", homeCare.map(\.explained))
        section("What the doctor may do", doctorMayDo.map(\.text))
        section("What to tell the doctor", tellDoctor)
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
    /// A sentence of the assistant's own, made safe all the same (it may quote the person).
    public static func safe(paragraph: String) -> String {
        var result = ""
        for scalar in paragraph.unicodeScalars {
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F:
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
