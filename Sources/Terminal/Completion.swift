/// What Tab offers, decided without readline so that it can be tested.
public enum Completion {
    /// The characters that end a word for completion.
    public static let wordBreaks = " \t,;"

    /// The replacements for the word `line[start..<end]` (UTF-8 byte offsets, as readline gives them).
    ///
    /// A line starting with `/` completes the commands. Otherwise a choice that starts with everything typed so
    /// far completes the rest of it, so that several words (`not sure`, `a few days ago`) complete as one; if
    /// none does, a choice that starts with the current word (`left ey` → `eyelid`). Matching ignores case.
    public static func matches(line: [UInt8], start: Int, end: Int, choices: [String], commands: [String])
        -> [String]
    {
        guard 0 <= start, start <= end, end <= line.count else { return [] }
        let word = String(decoding: line[start..<end], as: UTF8.self).lowercased()
        let lead = line[..<end].prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
        let typed = String(decoding: line[lead..<end], as: UTF8.self).lowercased()
        if typed.hasPrefix("/") {
            guard start <= lead else { return [] }
            return unique(commands.map { "/" + $0 }.filter { $0.lowercased().hasPrefix(word) })
        }
        let offset = start - lead
        var whole: [String] = []
        if offset >= 0 {
            for choice in choices where choice.lowercased().hasPrefix(typed) && choice.utf8.count >= offset {
                if let rest = String(choice.utf8.dropFirst(offset)) { whole.append(rest) }
            }
        }
        if !whole.isEmpty || word.isEmpty { return unique(whole) }
        return unique(choices.filter { $0.lowercased().hasPrefix(word) })
    }

    private static func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }
}
