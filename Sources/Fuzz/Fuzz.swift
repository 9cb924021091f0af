import Assessment
import Dialogue
import Glibc

/// One fuzz input: the bytes are split into lines and fed to a fresh interview, and the first line is also
/// read as a knowledge file. Nothing may trap.
func fuzzOne(_ bytes: UnsafeBufferPointer<UInt8>) {
    let text = String(decoding: bytes, as: UTF8.self)
    var interview = Interview(knowledge: Fuzz.knowledge)
    _ = interview.start()
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64) {
        let turn = Turn(interview.received(text: String(line)))
        _ = turn.lines
        _ = turn.jsonLine
    }
    _ = try? Knowledge(yaml: text, file: "fuzz.yaml")
}

enum Fuzz {
    static let knowledge = try! Knowledge.embedded()
}

#if FUZZING
    /// The libFuzzer entry point (`swift build -Xswiftc -DFUZZING --sanitize fuzzer --product Fuzz`).
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        fuzzOne(UnsafeBufferPointer(start: data, count: size))
        return 0
    }
#else
    /// Without the fuzzer: run each file named on the command line (or standard input) once, to replay a crash.
    @main
    struct Replay {
        static func main() {
            var inputs: [[UInt8]] = []
            if CommandLine.arguments.count > 1 {
                for path in CommandLine.arguments.dropFirst() { inputs.append(readFile(path)) }
            } else {
                var bytes: [UInt8] = []
                while let line = readLine(strippingNewline: false) { bytes += Array(line.utf8) }
                inputs.append(bytes)
            }
            for input in inputs { input.withUnsafeBufferPointer(fuzzOne) }
            print("ran \(inputs.count) input(s) without a trap")
        }

        static func readFile(_ path: String) -> [UInt8] {
            guard let file = fopen(path, "rb") else { return [] }
            defer { fclose(file) }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = fread(&buffer, 1, buffer.count, file)
                if count <= 0 { break }
                bytes += buffer[0..<count]
            }
            return bytes
        }
    }
#endif
