import Assessment
import Foundation

extension Turn: Encodable {
    private enum Keys: String, CodingKey { case say, ask, advice, `case`, done, ended }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(say, forKey: .say)
        try container.encodeIfPresent(ask, forKey: .ask)
        try container.encodeIfPresent(advice, forKey: .advice)
        try container.encodeIfPresent(self.case, forKey: .case)
        try container.encode(done, forKey: .done)
        if ended { try container.encode(true, forKey: .ended) }
    }

    /// The turn as one line of JSON (no newline inside), keys sorted so that output is deterministic.
    public var jsonLine: String {
        String(decoding: (try? Turn.encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// The JSON encoder every front end uses.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

extension Prompt: Encodable {
    private enum Keys: String, CodingKey { case id, text, choices, number, total }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(id, forKey: .id)
        try container.encode(text, forKey: .text)
        try container.encode(choices, forKey: .choices)
        try container.encode(number, forKey: .number)
        try container.encode(total, forKey: .total)
    }
}
