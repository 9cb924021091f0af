import Screening

/// Reads quantities: digits ("7.5"), number words ("twenty five"), "a"/"an" (1), "couple" (2), "few" and
/// "several" (3), "half" (0.5), "dozen" (12), "N and a half", and ranges ("2 or 3", "2-3", "2 to 3",
/// "between 2 and 3"), which give their mean.
enum Numbers {
    /// A quantity read from tokens.
    struct Quantity: Equatable {
        /// The amount.
        var value: Double
        /// The index after the last token of the quantity.
        var end: Int
        /// Whether it is just "a" or "an", which is often not a count at all ("a lot", "a day").
        var isArticle = false
        /// Whether it was written with digits.
        var isDigits = false
    }

    /// Number words below twenty.
    static let ones: [String: Double] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]

    /// Number words for the tens.
    static let tens: [String: Double] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]

    /// Words that are quantities on their own.
    static let vague: [String: Double] = [
        "couple": 2, "few": 3, "several": 3, "half": 0.5, "dozen": 12, "handful": 5,
    ]

    /// Words the quantity grammar uses, for the typo corrector.
    static let vocabulary: Set<String> = Set(ones.keys).union(tens.keys).union(vague.keys).union([
        "a", "an", "and", "or", "to", "between", "of", "hundred", "some",
    ])

    /// The number words, which are never corrected into one another.
    static let numberWords: Set<[UInt8]> = Set(
        Array(ones.keys).map { Array($0.utf8) } + tens.keys.map { Array($0.utf8) }
            + vague.keys.map { Array($0.utf8) })

    /// Whether `word` is a number word.
    static func isNumberWord(_ word: [UInt8]) -> Bool { numberWords.contains(word) }

    /// The value of a token written with digits.
    static func digits(_ token: String) -> Double? {
        guard Tokenizer.isDigits(token), let value = Double(token), value.isFinite else { return nil }
        return value
    }

    /// One quantity without a range, starting at `index`.
    static func single(_ tokens: [String], at index: Int) -> Quantity? {
        guard index >= 0, index < tokens.count else { return nil }
        let word = tokens[index]
        if let value = digits(word) { return Quantity(value: value, end: index + 1, isDigits: true) }
        let next = index + 1 < tokens.count ? tokens[index + 1] : ""
        switch word {
        case "a", "an":
            if next == "hundred" { return Quantity(value: 100, end: index + 2) }
            if vague[next] != nil { return single(tokens, at: index + 1) }
            return Quantity(value: 1, end: index + 1, isArticle: true)
        case "half":
            return Quantity(value: 0.5, end: skipping(["a", "an"], tokens, at: index + 1))
        case "couple", "few", "several", "dozen", "handful":
            return Quantity(value: vague[word] ?? 0, end: skipping(["of"], tokens, at: index + 1))
        case "some":
            // "since some weeks": as "a few" before weeks, months or years only ("some coffee", "some days" are not).
            return ["weeks", "months", "years"].contains(next) ? Quantity(value: 3, end: index + 1) : nil
        default:
            if let value = ones[word] { return Quantity(value: value, end: index + 1) }
            if let value = tens[word] {
                if let unit = ones[next], unit >= 1, unit <= 9 { return Quantity(value: value + unit, end: index + 2) }
                return Quantity(value: value, end: index + 1)
            }
            return nil
        }
    }

    /// A quantity starting at `index`, with "and a half" and ranges.
    static func parse(_ tokens: [String], at index: Int) -> Quantity? {
        guard index >= 0, index < tokens.count else { return nil }
        var start = index
        let between = tokens[index] == "between"
        if between { start += 1 }
        guard let first = single(tokens, at: start).map({ withHalf($0, tokens) }) else { return nil }
        guard first.end < tokens.count, !first.isArticle else { return first }
        let joiner = tokens[first.end]
        if joiner == "or" || joiner == "to" || joiner == "-" || (between && joiner == "and"),
            let second = single(tokens, at: first.end + 1).map({ withHalf($0, tokens) }), !second.isArticle,
            second.value >= first.value
        {
            return Quantity(
                value: (first.value + second.value) / 2, end: second.end,
                isDigits: first.isDigits && second.isDigits)
        }
        return first
    }

    /// `quantity` with a following "and a half" or "and half" added.
    static func withHalf(_ quantity: Quantity, _ tokens: [String]) -> Quantity {
        guard !quantity.isArticle, quantity.end < tokens.count, tokens[quantity.end] == "and" else { return quantity }
        var end = quantity.end + 1
        if end < tokens.count, tokens[end] == "a" { end += 1 }
        guard end < tokens.count, tokens[end] == "half" else { return quantity }
        var result = quantity
        result.value += 0.5
        result.end = end + 1
        return result
    }

    /// The index after any of `words` at `index`.
    static func skipping(_ words: Set<String>, _ tokens: [String], at index: Int) -> Int {
        index < tokens.count && words.contains(tokens[index]) ? index + 1 : index
    }
}
