import Assessment
import Dialogue
import Foundation
import NIOCore
import Testing

@testable import Server

@Suite struct ProtocolTests {
    func decode(_ text: String) -> Result<Request, ProtocolError> {
        Request.decode(line: Array(text.utf8))
    }

    func code(_ text: String) -> ErrorCode? {
        switch decode(text) {
        case .success: nil
        case .failure(let error): error.code
        }
    }

    @Test func simplestRequestSaysALine() throws {
        let request = try decode(#"{"conversation": "tg:1", "text": "hello"}"#).get()
        #expect(request == Request(conversation: "tg:1", kind: .say("hello")))
    }

    @Test func everyTypeDecodesWithItsID() throws {
        #expect(
            try decode(#"{"type":"start","conversation":"c","id":3}"#).get()
                == Request(
                    id: .integer(3), conversation: "c", kind: .start))
        #expect(try decode(#"{"type":"state","conversation":"c","id":"x"}"#).get().kind == .state)
        #expect(try decode(#"{"type":"end","conversation":"c"}"#).get().kind == .end)
        #expect(try decode(#"{"type":"say","conversation":"c","text":"/back"}"#).get().kind == .say("/back"))
    }

    @Test(arguments: [
        ("{nope", ErrorCode.malformedJSON),
        ("[1]", .malformedJSON),
        ("\"text\"", .malformedJSON),
        ("", .malformedJSON),
        (#"{"type":"dance","conversation":"c"}"#, .unknownRequest),
        (#"{"text":"hi"}"#, .missingField),
        (#"{"type":"say","conversation":"c"}"#, .missingField),
        (#"{"conversation":1,"text":"hi"}"#, .invalidField),
        (#"{"conversation":"","text":"hi"}"#, .invalidField),
        (#"{"conversation":"c","text":5}"#, .invalidField),
        (#"{"conversation":"c","text":"hi","id":[1]}"#, .invalidField),
        (#"{"type":7,"conversation":"c"}"#, .invalidField),
    ])
    func badRequestsGetTheirCode(line: String, expected: ErrorCode) {
        #expect(code(line) == expected)
    }

    @Test func invalidUTF8IsItsOwnError() {
        let bytes: [UInt8] = Array(#"{"conversation":"c","text":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
        guard case .failure(let error) = Request.decode(line: bytes) else {
            Issue.record("decoded invalid UTF-8")
            return
        }
        #expect(error.code == .invalidUTF8)
    }

    @Test func errorsKeepTheIDWhenTheyCan() {
        guard case .failure(let error) = decode(#"{"type":"dance","conversation":"c","id":"r1"}"#) else {
            Issue.record("accepted an unknown type")
            return
        }
        #expect(error.id == .string("r1"))
        #expect(error.conversation == "c")
    }

    @Test func replyIsTheTurnPlusRouting() throws {
        var interview = Interview(knowledge: try Knowledge.embedded())
        let turn = Turn(interview.start())
        let line = Wire.line(Reply(id: .integer(9), conversation: "c", turn: turn))
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(!line.dropLast().contains(UInt8(ascii: "\n")))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(turn.jsonLine.utf8)) as? [String: Any])
        #expect(object["conversation"] as? String == "c")
        #expect(object["id"] as? Int == 9)
        #expect(Set(object.keys) == Set(plain.keys).union(["conversation", "id"]))
        #expect((object["ask"] as? [String: Any])?["id"] as? String == "opening")
    }

    @Test func errorReplyShape() throws {
        let line = Wire.line(ProtocolError(.lineTooLong, "too long", id: .string("a")))
        let text = String(decoding: line, as: UTF8.self)
        #expect(text == #"{"error":{"code":"line_too_long","message":"too long"},"id":"a"}"# + "\n")
    }
}

@Suite struct LineFrameDecoderTests {
    func frames(_ chunks: [String], limit: Int) -> [Frame] {
        let decoder = LineFrameDecoder(limit: limit)
        var buffer = ByteBuffer()
        var frames: [Frame] = []
        for chunk in chunks {
            buffer.writeString(chunk)
            while let frame = decoder.next(&buffer) { frames.append(frame) }
        }
        return frames
    }

    @Test func splitsLinesAcrossChunks() {
        #expect(
            frames(["ab", "c\r\nde", "f\n\n"], limit: 10) == [
                .line(ByteBuffer(string: "abc")), .line(ByteBuffer(string: "def")), .line(ByteBuffer()),
            ])
    }

    @Test func longLineIsSkippedAndTheStreamResyncs() {
        #expect(
            frames(["0123456789AB", "CDEF", "GH\nok\n"], limit: 8) == [.tooLong, .line(ByteBuffer(string: "ok"))])
        #expect(frames(["0123456789\nok\n"], limit: 8) == [.tooLong, .line(ByteBuffer(string: "ok"))])
        #expect(frames(["01234567\n"], limit: 8) == [.line(ByteBuffer(string: "01234567"))])
    }
}

@Suite struct ReplyWriterTests {
    /// Every turn of some conversations (questions, re-asks, advice, the end), under awkward names and ids.
    func replies() throws -> [Reply] {
        let knowledge = try Knowledge.embedded()
        var turns: [Turn] = []
        for lines in [
            ["my left eyelid keeps twitching"] + Array(repeating: "no", count: 30),
            ["my legs twitch all over", "yes"], ["hm", "/back", "what?", "/quit"],
        ] {
            var interview = Interview(knowledge: knowledge)
            turns.append(Turn(interview.start()))
            for line in lines { turns.append(Turn(interview.received(text: line))) }
            turns.append(Turn(state: interview))
        }
        var odd = Turn(["say \"quoted\" \\ back/slash ünï 🙂 \u{7F} \u{2028}", "line\nbreak"].map { .say($0) })
        odd.ended = true
        turns.append(odd)
        let names = ["tg:1", "a/b \"c\" \\d é 🙂", "tab\there", "\u{2029}"]
        let ids: [RequestID?] = [nil, .integer(0), .integer(-42), .integer(.max), .string("x/\"y\""), .string("\u{1}")]
        var replies: [Reply] = []
        for (index, turn) in turns.enumerated() {
            for name in names { replies.append(Reply(id: ids[index % ids.count], conversation: name, turn: turn)) }
        }
        return replies
    }

    @Test func writesWhatTheEncoderWrites() throws {
        var fast = 0
        for reply in try replies() {
            var buffer = ByteBuffer()
            if ReplyWriter.write(reply, to: &buffer) {
                fast += 1
                #expect(Array(buffer.readableBytesView) == Wire.line(reply), "\(reply)")
            } else {
                #expect(buffer.readableBytes == 0)
            }
        }
        #expect(fast > 50)
    }
}

@Suite struct RequestDecodingTests {
    static let lines: [String] = [
        #"{"conversation":"c","text":"hi"}"#, #"{"conversation":"c","text":"hi","id":7}"#,
        #" { "type" : "start" , "conversation" : "tg:1" , "id" : "a/b" } "#,
        #"{"type":"end","conversation":"x","id":-3}"#,
        #"{"type":"state","conversation":"é 🙂","id":123456789012345678}"#,
        #"{"conversation":"c","id":1234567890123456789}"#,
        #"{"conversation":"c","id":9223372036854775808}"#, #"{"conversation":"c","id":0}"#,
        #"{"conversation":"c","id":-0}"#,
        #"{"conversation":"c","id":01}"#, #"{"conversation":"c","id":1.5}"#, #"{"conversation":"c","id":1e3}"#,
        #"{"conversation":"c","id":1E3}"#, #"{"conversation":"c","id":-}"#, #"{"conversation":"c","id":true}"#,
        #"{"conversation":"c","id":null}"#, #"{"conversation":"c","id":[1]}"#,
        #"{"conversation":"c","text":"a\"b\\c\nd"}"#,
        #"{"conversation":"c","text":"\u0041"}"#, #"{"conversation":"c","conversation":"d","text":"x"}"#,
        #"{"conversation":"c","extra":{"nested":[1,2]},"text":"x"}"#, #"{"conversation":5,"text":"x"}"#,
        #"{"conversation":"c","text":null}"#, #"{"type":7,"conversation":"c"}"#,
        #"{"type":"dance","conversation":"c"}"#,
        #"{"conversation":"","text":"x"}"#, #"{"text":"x"}"#, #"{"conversation":"c"}"#, #"{}"#, #"{ }"#, #"[]"#, #"{"#,
        #"{"conversation":"c",}"#, #"{"conversation":"c"} x"#, #"{"conversation":"c"}}"#, #"{"conversation" "c"}"#,
        #"{"conversation":"c""text":"x"}"#, #"{'conversation':'c'}"#, #"{"conversation":"c","text":"x"#, "", "  ",
        "\t{\"conversation\":\"c\",\t\"text\":\"tab\"}\r", #"{"conversation":"c","text":"x","id":"\u0000"}"#,
        #"{"conversation":"c","id":-12,"id":3}"#, #"{"conversation":"c","text":"/quit"}"#,
        "{\"conversation\":\"c\u{1}\"}",
        #"{"id":"x","conversation":"c","text":"a"}"#, "\u{FEFF}{\"conversation\":\"c\"}",
    ]

    @Test(arguments: lines)
    func shortcutDecodesLikeTheDecoder(_ line: String) {
        let bytes = Data(line.utf8)
        let quick = Request.decode(bytes, using: JSONDecoder())
        let reference = Request.decode(bytes, using: JSONDecoder(), shortcut: false)
        #expect(quick == reference, "\(line)")
    }
}

/// Protocol details of issue 10.
@Suite struct ProtocolDetailTests {
    func code(_ line: String) -> ErrorCode? {
        switch Request.decode(line: Array(line.utf8)) {
        case .success: nil
        case .failure(let error): error.code
        }
    }

    @Test(arguments: ["{\"conversation\":\"c\",\"text\":\"a\u{1}b\"}", #"{"conversation":"c","text":"\ud800"}"#])
    func aControlCharacterOrLoneSurrogateInAStringIsMalformedJSON(line: String) {
        #expect(code(line) == .malformedJSON)
    }

    @Test func anErrorKeepsTheConversationWhenItCouldBeRead() {
        for line in [
            #"{"conversation":"c","id":true}"#, #"{"conversation":"c","type":7}"#,
            #"{"conversation":"c","id":"\#(String(repeating: "x", count: 300))"}"#,
        ] {
            guard case .failure(let error) = Request.decode(line: Array(line.utf8)) else {
                Issue.record("taken: \(line)")
                continue
            }
            #expect(error.conversation == "c", "\(line)")
        }
    }

    /// A say after the advice is still the reply of a finished interview: done, without a question.
    @Test func aSayToAFinishedConversationIsDone() throws {
        let conversations = Conversations(
            knowledge: try Knowledge.embedded(), store: MemoryStore(), limits: .init())
        var turn = try conversations.handle(Request(conversation: "c", kind: .say("my legs twitch all over")), now: 0)
            .0.get()
        var count = 0
        while !turn.done, count < 60 {
            turn = try conversations.handle(Request(conversation: "c", kind: .say("yes")), now: 0).0.get()
            count += 1
        }
        #expect(turn.done)
        let after = try conversations.handle(Request(conversation: "c", kind: .say("what now?")), now: 0).0.get()
        #expect(after.ask == nil)
        #expect(after.done)
    }
}
