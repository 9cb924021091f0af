import Assessment
import Dialogue
import Foundation
import Report
import Testing

@testable import Server

/// The `report` request: decoding, its errors, the shortcut decoder, and the reply's shape.
@Suite struct ReportRequestTests {
    func decode(_ text: String) -> Result<Request, ProtocolError> {
        Request.decode(line: Array(text.utf8))
    }

    @Test func reportDecodesWithItsFormatAndMarkdownByDefault() throws {
        #expect(try decode(#"{"type":"report","conversation":"c"}"#).get().kind == .report(.markdown))
        #expect(
            try decode(#"{"type":"report","conversation":"c","format":"fhir","id":2}"#).get().kind == .report(.fhir))
        #expect(
            try decode(#"{"type":"report","conversation":"c","format":"markdown"}"#).get().kind == .report(.markdown))
    }

    @Test(arguments: [
        #"{"type":"report","conversation":"c","format":"pdf"}"#,
        #"{"type":"report","conversation":"c","format":3}"#,
    ])
    func aBadFormatIsAnInvalidField(line: String) {
        guard case .failure(let error) = decode(line) else {
            Issue.record("decoded \(line)")
            return
        }
        #expect(error.code == .invalidField)
        #expect(error.conversation == "c")
    }

    @Test(arguments: [
        #"{"type":"report","conversation":"c","format":"fhir","id":1}"#, #"{"type":"report","conversation":"c"}"#,
        #"{"format":"fhir","type":"report","conversation":"c"}"#, #"{"type":"report","conversation":"c","format":"x"}"#,
        #"{"type":"report","conversation":"c","format":"a\"b"}"#, #"{"conversation":"c","text":"x","format":"fhir"}"#,
        #"{"type":"report","conversation":"c","format":"fhir","format":"markdown"}"#,
    ])
    func shortcutDecodesLikeTheDecoder(_ line: String) {
        let bytes = Data(line.utf8)
        #expect(
            Request.decode(bytes, using: JSONDecoder()) == Request.decode(bytes, using: JSONDecoder(), shortcut: false))
    }

    @Test func theReplyCarriesTheReportAndItsRouting() throws {
        let knowledge = try Knowledge.embedded()
        var interview = Interview(knowledge: knowledge, today: CalendarDate(year: 2026, month: 11, day: 27))
        _ = interview.start()
        _ = interview.received(text: "my calf twitches")
        for format in ReportFormat.allCases {
            let reply = ReportReply(id: .integer(4), conversation: "c1", format: format, interview: interview)
            let object = try JSONSerialization.jsonObject(with: Data(Wire.line(reply))) as? [String: Any]
            #expect(object?["id"] as? Int == 4)
            #expect(object?["conversation"] as? String == "c1")
            #expect(object?["format"] as? String == format.rawValue)
            switch format {
            case .markdown: #expect((object?["report"] as? String)?.hasPrefix("# Muscle twitching") == true)
            case .fhir:
                let report = object?["report"] as? [String: Any]
                #expect(report?["resourceType"] as? String == "QuestionnaireResponse")
                #expect(report?["status"] as? String == "in-progress")
            }
        }
    }

    @Test func aReportOfAnUnknownConversationIsAnError() throws {
        let conversations = Conversations(
            knowledge: try Knowledge.embedded(), store: MemoryStore(), limits: .init())
        let request = Request(id: .string("r"), conversation: "nobody", kind: .report(.fhir))
        guard case .failure(let error) = conversations.report(request, format: .fhir, now: 0) else {
            Issue.record("a report of nobody")
            return
        }
        #expect(error.code == .unknownConversation)
        #expect(error.id == .string("r"))
    }
}
