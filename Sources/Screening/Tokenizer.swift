/// Splits an answer into lower-case word, number and punctuation tokens.
///
/// Hand-written over `Unicode.Scalar` for speed and safety: only the first ``maxScalars`` scalars are looked at,
/// at most ``maxTokens`` tokens are produced, and no token is longer than ``maxTokenLength`` bytes. Letters are
/// ASCII only; every other scalar (emoji, accents, control characters, NUL) separates tokens. Terminal escape
/// sequences (`ESC [ … final`) are skipped whole.
package enum Tokenizer {
    /// How much of an answer is looked at.
    package static let maxScalars = 2_000
    /// How many tokens are kept.
    package static let maxTokens = 300
    /// How long one token may grow; the rest of an overlong run is dropped.
    package static let maxTokenLength = 40

    /// Tokens that end a clause ("no weakness, just tingling").
    package static let clauseBreaks: Set<String> = [",", ".", ";", "!", "?", ":"]

    /// Whether `token` is a word (starts with a letter).
    package static func isWord(_ token: String) -> Bool {
        guard let first = token.utf8.first else { return false }
        return first >= 0x61 && first <= 0x7A
    }

    /// Whether `token` is a number written with digits.
    package static func isDigits(_ token: String) -> Bool {
        guard let first = token.utf8.first else { return false }
        return first >= 0x30 && first <= 0x39
    }

    /// The tokens of `text`: of its first `scalarLimit` scalars, at most `tokenLimit` tokens.
    package static func tokens(
        _ text: String, scalarLimit: Int = maxScalars, tokenLimit: Int = maxTokens
    ) -> [String] {
        let maxTokens = tokenLimit
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(64)
        for scalar in text.unicodeScalars {
            if scalars.count >= scalarLimit { break }
            scalars.append(scalar)
        }
        var state = State()
        var index = 0
        while index < scalars.count, state.tokens.count < maxTokens {
            let value = scalars[index].value
            let next: UInt32 = index + 1 < scalars.count ? scalars[index + 1].value : 0
            switch value {
            case 0x41...0x5A, 0x61...0x7A:
                let lower = UInt8(value | 0x20)
                if state.isNumber { state.flush() }
                state.append(lower, number: false)
            case 0x30...0x39:
                if !state.current.isEmpty && !state.isNumber { state.flush() }
                state.append(UInt8(value), number: true)
            case 0x2E:  // "."
                if state.isNumber, isDigit(next), !state.current.contains(0x2E) {
                    state.append(0x2E, number: true)
                } else {
                    state.emit(".")
                }
            case 0x27, 0x2018, 0x2019:  // apostrophes join "don't" into "dont"
                if !state.current.isEmpty && !state.isNumber && isLetter(next) { break }
                state.flush()
            case 0x2D, 0x2013, 0x2014:  // "-": a range between numbers, else a separator
                state.flush()
                if let last = state.tokens.last, isDigits(last) { state.emit("-") }
            case 0x2C: state.emit(",")
            case 0x3B: state.emit(";")
            case 0x21: state.emit("!")
            case 0x3F: state.emit("?")
            case 0x3A: state.emit(":")
            case 0x2F: state.emit("/")
            case 0x25: state.emit("%")
            case 0x26: state.emit("and")
            case 0xBD:  // "½"
                if state.isNumber, !state.current.contains(0x2E) {
                    state.append(0x2E, number: true)
                    state.append(0x35, number: true)
                } else {
                    state.emit("half")
                }
            case 0x1B:  // ESC: skip a CSI or OSC sequence
                state.flush()
                index = skipEscape(scalars, from: index)
                continue
            default:
                state.flush()
            }
            index += 1
        }
        state.flush()
        if state.tokens.count > maxTokens { state.tokens.removeLast(state.tokens.count - maxTokens) }
        return state.tokens
    }

    /// The index after the escape sequence that starts at `start` (an ESC).
    private static func skipEscape(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start + 1
        guard index < scalars.count else { return index }
        switch scalars[index].value {
        case 0x5B:  // CSI: parameters, then one final byte in 0x40...0x7E
            index += 1
            while index < scalars.count {
                let value = scalars[index].value
                index += 1
                if value >= 0x40 && value <= 0x7E { break }
            }
            return index
        case 0x5D:  // OSC: until BEL or ESC
            index += 1
            while index < scalars.count {
                let value = scalars[index].value
                if value == 0x07 { return index + 1 }
                if value == 0x1B { return index }
                index += 1
            }
            return index
        default:
            return index
        }
    }

    private static func isDigit(_ value: UInt32) -> Bool { value >= 0x30 && value <= 0x39 }

    private static func isLetter(_ value: UInt32) -> Bool {
        (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
    }

    /// The token being built and the tokens so far.
    private struct State {
        var tokens: [String] = []
        var current: [UInt8] = []
        var isNumber = false

        mutating func append(_ byte: UInt8, number: Bool) {
            if current.isEmpty { isNumber = number }
            if current.count < Tokenizer.maxTokenLength { current.append(byte) }
        }

        mutating func flush() {
            guard !current.isEmpty else { return }
            tokens.append(String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
            isNumber = false
        }

        mutating func emit(_ token: String) {
            flush()
            tokens.append(token)
        }
    }
}
