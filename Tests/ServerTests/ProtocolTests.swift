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
