import Assessment
import Dialogue
import Foundation
import Report

/// The socket protocol: one JSON object per line each way (see PROTOCOL.md).
public enum WireProtocol {
    /// The longest conversation name, in UTF-8 bytes.
    public static let maximumConversationLength = 256
    /// The longest request id string, in UTF-8 bytes.
    public static let maximumIDLength = 256
}

/// The id a client may put on a request; its reply repeats it unchanged.
public enum RequestID: Hashable, Sendable, Codable {
    case string(String)
    case integer(Int64)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            self = .integer(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .integer(let number): try container.encode(number)
        }
    }
}

/// What a client asks for.
public enum RequestKind: Hashable, Sendable {
    /// Start a conversation (or re-ask its pending question if it exists).
    case start
    /// Say a line of user text; starts the conversation if it is new.
    case say(String)
    /// The case so far and the pending question; changes nothing.
    case state
    /// Forget the conversation.
    case end
    /// The visit summary or the FHIR QuestionnaireResponse of the conversation so far; changes nothing.
    case report(ReportFormat)
}

/// What a `report` request asks for.
public enum ReportFormat: String, CaseIterable, Hashable, Sendable {
    /// The visit summary, a Markdown string.
    case markdown
    /// The FHIR R4 QuestionnaireResponse, a JSON object.
    case fhir
}

/// A valid request.
public struct Request: Hashable, Sendable {
    public var id: RequestID?
    public var conversation: String
    public var kind: RequestKind

    public init(id: RequestID? = nil, conversation: String, kind: RequestKind) {
        self.id = id
        self.conversation = conversation
        self.kind = kind
    }
}

/// The stable error codes of the protocol.
public enum ErrorCode: String, CaseIterable, Hashable, Sendable, Codable {
    case malformedJSON = "malformed_json"
    case unknownRequest = "unknown_request"
    case missingField = "missing_field"
    case invalidField = "invalid_field"
    case lineTooLong = "line_too_long"
    case invalidUTF8 = "invalid_utf8"
    case limitReached = "limit_reached"
    case unknownConversation = "unknown_conversation"
    case storeFailed = "store_failed"
    case shuttingDown = "shutting_down"
    case permissionDenied = "permission_denied"
}

/// An error reply: a stable `code`, a human `message`, and the request's `id` and `conversation` when known.
public struct ProtocolError: Error, Hashable, Sendable {
    public var code: ErrorCode
    public var message: String
    public var id: RequestID?
    public var conversation: String?

    public init(_ code: ErrorCode, _ message: String, id: RequestID? = nil, conversation: String? = nil) {
        self.code = code
        self.message = message
        self.id = id
        self.conversation = conversation
    }
}

// MARK: Decoding

extension Request {
    /// The fields a request may have; any may be missing or of the wrong type, which is judged after decoding.
    private struct Fields: Decodable {
        var type: Field<String>?
        var conversation: Field<String>?
        var text: Field<String>?
        var id: Field<RequestID>?
        var format: Field<String>?
    }

    /// A field that decodes whatever it holds, remembering whether it had the right type.
    private enum Field<Value: Decodable>: Decodable {
        case value(Value)
        case wrongType

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            do {
                self = .value(try container.decode(Value.self))
            } catch DecodingError.typeMismatch, DecodingError.valueNotFound {
                self = .wrongType
            }
            // Anything else (a raw control character or a lone surrogate in a string) is not valid JSON: the
            // error goes up, and the line is `malformed_json`.
        }
    }

    /// Reads one request line (without its newline). Never traps: every problem is a `ProtocolError`.
    public static func decode(line: some Collection<UInt8>) -> Result<Request, ProtocolError> {
        decode(Data(line), using: JSONDecoder())
    }

    /// Reads one request line with a decoder that the caller keeps (a connection decodes many lines). A line of
    /// the usual shape (an object of known keys with plain strings and integers) is read directly; anything else
    /// goes through `decoder`, with the same result (`RequestDecodingTests` compares the two).
    public static func decode(
        _ bytes: Data, using decoder: JSONDecoder, shortcut: Bool = true
    ) -> Result<Request, ProtocolError> {
        guard isUTF8(bytes) else {
            return .failure(ProtocolError(.invalidUTF8, "The line is not valid UTF-8."))
        }
        if shortcut, let fields = bytes.withUnsafeBytes(quickFields) { return validate(fields) }
        let fields: Fields
        do {
            fields = try decoder.decode(Fields.self, from: bytes)
        } catch DecodingError.typeMismatch {
            return .failure(ProtocolError(.malformedJSON, "A request must be a JSON object on one line."))
        } catch {
            return .failure(ProtocolError(.malformedJSON, "The line is not valid JSON; send one JSON object per line."))
        }
        return validate(fields)
    }

    /// The fields of a line that is one JSON object whose keys are all known and appear once, with strings
    /// without escapes and integers; nil for anything else (left to the JSON decoder).
    private static func quickFields(_ raw: UnsafeRawBufferPointer) -> Fields? {
        var index = 0
        func skipSpace() {
            while index < raw.count,
                raw[index] == 0x20 || raw[index] == 0x09 || raw[index] == 0x0A || raw[index] == 0x0D
            {
                index += 1
            }
        }
        func take(_ byte: UInt8) -> Bool {
            guard index < raw.count, raw[index] == byte else { return false }
            index += 1
            return true
        }
        func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < raw.count, raw[index] != UInt8(ascii: "\"") {
                guard raw[index] != UInt8(ascii: "\\"), raw[index] >= 0x20 else { return nil }
                index += 1
            }
            guard index < raw.count else { return nil }
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: raw[start..<index]), as: UTF8.self)
            index += 1
            return text
        }
        func integer() -> Int64? {
            let negative = take(UInt8(ascii: "-"))
            let start = index
            var value: Int64 = 0
            while index < raw.count, raw[index] >= UInt8(ascii: "0"), raw[index] <= UInt8(ascii: "9") {
                // Past 18 digits the value is not used (the line goes to the decoder), so it may wrap.
                value = value &* 10 &+ Int64(raw[index] - UInt8(ascii: "0"))
                index += 1
            }
            let digits = index - start
            // At most 18 digits (no overflow), no leading zero, no -0, and not the start of a fraction or exponent.
            guard digits >= 1, digits <= 18, raw[start] != UInt8(ascii: "0") || (digits == 1 && !negative) else {
                return nil
            }
            if index < raw.count, raw[index] == UInt8(ascii: ".") || raw[index] | 0x20 == UInt8(ascii: "e") {
                return nil
            }
            return negative ? -value : value
        }
        var fields = Fields()
        skipSpace()
        guard take(UInt8(ascii: "{")) else { return nil }
        skipSpace()
        if !take(UInt8(ascii: "}")) {
            while true {
                guard let key = string() else { return nil }
                skipSpace()
                guard take(UInt8(ascii: ":")) else { return nil }
                skipSpace()
                switch key {
                case "conversation":
                    guard fields.conversation == nil, let value = string() else { return nil }
                    fields.conversation = .value(value)
                case "text":
                    guard fields.text == nil, let value = string() else { return nil }
                    fields.text = .value(value)
                case "type":
                    guard fields.type == nil, let value = string() else { return nil }
                    fields.type = .value(value)
                case "format":
                    guard fields.format == nil, let value = string() else { return nil }
                    fields.format = .value(value)
                case "id":
                    guard fields.id == nil, index < raw.count else { return nil }
                    if raw[index] == UInt8(ascii: "\"") {
                        guard let value = string() else { return nil }
                        fields.id = .value(.string(value))
                    } else {
                        guard let value = integer() else { return nil }
                        fields.id = .value(.integer(value))
                    }
                default:
                    return nil
                }
                skipSpace()
                if take(UInt8(ascii: ",")) {
                    skipSpace()
                    continue
                }
                guard take(UInt8(ascii: "}")) else { return nil }
                break
            }
        }
        skipSpace()
        return index == raw.count ? fields : nil
    }

    /// Whether `bytes` are valid UTF-8; plain ASCII (the usual case) is checked without building a string.
    private static func isUTF8(_ bytes: Data) -> Bool {
        bytes.withUnsafeBytes { raw in
            raw.allSatisfy { $0 < 0x80 } || String(validating: raw, as: UTF8.self) != nil
        }
    }

    private static func validate(_ fields: Fields) -> Result<Request, ProtocolError> {
        // The conversation, when it can be read, goes into every error reply.
        var named: String?
        if case .value(let value) = fields.conversation, !value.isEmpty,
            value.utf8.count <= WireProtocol.maximumConversationLength, !value.utf8.contains(0)
        {
            named = value
        }
        var id: RequestID?
        switch fields.id {
        case .none: id = nil
        case .value(let value):
            id = value
            if case .string(let text) = value, text.utf8.count > WireProtocol.maximumIDLength {
                return .failure(
                    ProtocolError(
                        .invalidField, "\"id\" is longer than \(WireProtocol.maximumIDLength) bytes.",
                        conversation: named))
            }
        case .wrongType:
            return .failure(
                ProtocolError(.invalidField, "\"id\" must be a string or an integer.", conversation: named))
        }
        func failure(_ code: ErrorCode, _ message: String, conversation: String? = nil) -> Result<
            Request, ProtocolError
        > {
            .failure(ProtocolError(code, message, id: id, conversation: conversation ?? named))
        }

        let type: String
        switch fields.type {
        case .none: type = "say"
        case .value(let value): type = value
        case .wrongType: return failure(.invalidField, "\"type\" must be a string: start, say, state, end or report.")
        }

        let conversation: String
        switch fields.conversation {
        case .none: return failure(.missingField, "\"conversation\" is missing: name the conversation, e.g. \"tg:1\".")
        case .wrongType: return failure(.invalidField, "\"conversation\" must be a string.")
        case .value(let value): conversation = value
        }
        guard !conversation.isEmpty, conversation.utf8.count <= WireProtocol.maximumConversationLength else {
            return failure(
                .invalidField,
                "\"conversation\" must be 1 to \(WireProtocol.maximumConversationLength) bytes long.")
        }
        guard !conversation.utf8.contains(0) else {
            return failure(.invalidField, "\"conversation\" must not contain a NUL character (\\u0000).")
        }

        let kind: RequestKind
        switch type {
        case "start": kind = .start
        case "state": kind = .state
        case "end": kind = .end
        case "report":
            switch fields.format {
            case .none: kind = .report(.markdown)
            case .value(let name):
                guard let format = ReportFormat(rawValue: name) else {
                    return failure(
                        .invalidField, "\"format\" must be \"markdown\" or \"fhir\".", conversation: conversation)
                }
                kind = .report(format)
            case .wrongType:
                return failure(
                    .invalidField, "\"format\" must be a string: markdown or fhir.", conversation: conversation)
            }
        case "say":
            switch fields.text {
            case .none:
                return failure(
                    .missingField, "\"text\" is missing: a say request carries the user's line.",
                    conversation: conversation)
            case .wrongType: return failure(.invalidField, "\"text\" must be a string.", conversation: conversation)
            case .value(let text):
                guard !text.utf8.contains(0) else {
                    return failure(
                        .invalidField, "\"text\" must not contain a NUL character (\\u0000).",
                        conversation: conversation)
                }
                kind = .say(text)
            }
        default:
            return failure(
                .unknownRequest, "Unknown request type; use start, say, state, end or report.",
                conversation: conversation)
        }
        return .success(Request(id: id, conversation: conversation, kind: kind))
    }
}

// MARK: Encoding

/// A successful reply: the turn object of `twitchtalk --json` plus `conversation` and `id`.
public struct Reply: Sendable, Encodable {
    public var id: RequestID?
    public var conversation: String
    public var turn: Turn

    public init(id: RequestID?, conversation: String, turn: Turn) {
        self.id = id
        self.conversation = conversation
        self.turn = turn
    }

    private enum Keys: String, CodingKey { case id, conversation }

    public func encode(to encoder: any Encoder) throws {
        try turn.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(conversation, forKey: .conversation)
        try container.encodeIfPresent(id, forKey: .id)
    }
}

/// The reply to a `report` request: the visit summary (a string) or the FHIR QuestionnaireResponse (an object).
public struct ReportReply: Sendable, Encodable {
    public var id: RequestID?
    public var conversation: String
    public var format: ReportFormat
    public var report: JSONValue

    public init(id: RequestID?, conversation: String, format: ReportFormat, report: JSONValue) {
        self.id = id
        self.conversation = conversation
        self.format = format
        self.report = report
    }

    /// The report of `interview` in `format`.
    public init(id: RequestID?, conversation: String, format: ReportFormat, interview: Interview) {
        let visit = Visit(interview)
        let report: JSONValue =
            switch format {
            case .markdown: .string(visit.markdown)
            case .fhir: visit.questionnaireResponse
            }
        self.init(id: id, conversation: conversation, format: format, report: report)
    }

    private enum Keys: String, CodingKey { case id, conversation, format, report }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encode(conversation, forKey: .conversation)
        try container.encode(format.rawValue, forKey: .format)
        try container.encode(report, forKey: .report)
    }
}

extension ProtocolError: Encodable {
    private enum Keys: String, CodingKey { case id, conversation, error }
    private enum ErrorKeys: String, CodingKey { case code, message }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encodeIfPresent(conversation, forKey: .conversation)
        var error = container.nestedContainer(keyedBy: ErrorKeys.self, forKey: .error)
        try error.encode(code, forKey: .code)
        try error.encode(message, forKey: .message)
    }
}

/// Turns replies into lines of bytes.
public enum Wire {
    /// `value` as one JSON line ending in a newline. Encoding our own types cannot fail; if it did, the
    /// client still gets a well-formed error line.
    public static func line(_ value: some Encodable) -> [UInt8] {
        var bytes: [UInt8]
        if let data = try? Turn.encoder.encode(value) {
            bytes = Array(data)
        } else {
            bytes = Array(#"{"error":{"code":"internal","message":"The reply could not be encoded."}}"#.utf8)
        }
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}

extension Turn {
    /// The state of a conversation as a turn: the case so far, the pending question or the advice; says nothing.
    public init(state interview: Interview) {
        self.init([])
        ask = interview.pendingQuestion
        advice = interview.advice
        self.case = interview.currentCase
        done = interview.isDone
        ended = interview.isDone && interview.advice == nil
    }
}
