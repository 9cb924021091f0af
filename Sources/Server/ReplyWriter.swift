import Dialogue
import Foundation
import NIOCore

/// Writes the common replies (a question or sentences, no advice or case yet) straight into a buffer, byte for byte
/// what `Wire.line` makes with the shared JSON encoder (sorted keys, slashes unescaped), without building Foundation
/// containers for every reply. Anything else (advice, a case, a string with control characters) goes through the
/// JSON encoder; `ReplyWriterTests` checks that both agree.
enum ReplyWriter {
    /// Appends `reply` as one JSON line to `buffer`; false (and nothing written) when the encoder must do it.
    static func write(_ reply: Reply, to buffer: inout ByteBuffer) -> Bool {
        let turn = reply.turn
        guard turn.advice == nil, turn.case == nil, isPlain(reply.conversation), turn.say.allSatisfy(isPlain)
        else { return false }
        if case .string(let id) = reply.id, !isPlain(id) { return false }
        if let ask = turn.ask, !isPlain(ask.id) || !isPlain(ask.text) || !ask.choices.allSatisfy(isPlain) {
            return false
        }
        // Keys in sorted order: ask, conversation, done, ended, id, say.
        buffer.writeStaticString("{")
        if let ask = turn.ask {
            buffer.writeStaticString(#""ask":{"choices":["#)
            for (index, choice) in ask.choices.enumerated() {
                if index > 0 { buffer.writeStaticString(",") }
                writeString(choice, to: &buffer)
            }
            buffer.writeStaticString(#"],"id":"#)
            writeString(ask.id, to: &buffer)
            buffer.writeStaticString(#","number":"#)
            buffer.writeString(String(ask.number))
            buffer.writeStaticString(#","text":"#)
            writeString(ask.text, to: &buffer)
            buffer.writeStaticString(#","total":"#)
            buffer.writeString(String(ask.total))
            buffer.writeStaticString("},")
        }
        buffer.writeStaticString(#""conversation":"#)
        writeString(reply.conversation, to: &buffer)
        buffer.writeStaticString(turn.done ? #","done":true"# : #","done":false"#)
        if turn.ended { buffer.writeStaticString(#","ended":true"#) }
        switch reply.id {
        case .none: break
        case .string(let id):
            buffer.writeStaticString(#","id":"#)
            writeString(id, to: &buffer)
        case .integer(let number):
            buffer.writeStaticString(#","id":"#)
            buffer.writeString(String(number))
        }
        buffer.writeStaticString(#","say":["#)
        for (index, sentence) in turn.say.enumerated() {
            if index > 0 { buffer.writeStaticString(",") }
            writeString(sentence, to: &buffer)
        }
        buffer.writeStaticString("]}\n")
        return true
    }

    /// Whether `text` needs no escape other than for `"` and `\` (no control characters).
    private static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 }
    }

    /// `text` (known plain) as a JSON string.
    private static func writeString(_ text: String, to buffer: inout ByteBuffer) {
        buffer.writeStaticString("\"")
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<index]))
                buffer.writeInteger(UInt8(ascii: "\\"))
                buffer.writeInteger(byte)
                start = index + 1
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start...]))
        }
        buffer.writeStaticString("\"")
    }
}
