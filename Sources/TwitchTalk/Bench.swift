import ArgumentParser
import Assessment
import Dialogue
import Foundation
import Report

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the core's speed and print figures (a benchmark, not a test).",
        discussion: """
            Prints the median time of one turn in process (understand + transition + rules), scripted \
            dialogues replayed in process per second, and the time from process start to the first question. \
            Build with -c release for figures worth recording.
            """)

    @Option(help: ArgumentHelp("The folder of transcripts whose user lines are replayed.", valueName: "folder"))
    var dialogues = "Dialogues"

    @Option(help: "How many times each dialogue is replayed for the per-turn figures.")
    var rounds = 200

    @Option(help: "How many processes are started to time start-up.")
    var starts = 20

    func validate() throws {
        guard rounds > 0, starts > 0 else { throw ValidationError("--rounds and --starts must be at least 1.") }
    }

    func run() throws {
        let knowledge = try Knowledge.embedded()
        let reader = Understanding.Reader(knowledge: knowledge)
        let scripts = try Self.scripts(in: dialogues)
        print(
            "replaying \(scripts.count) dialogues (\(scripts.map(\.count).reduce(0, +)) user lines) from \(dialogues)")

        // One turn: understand + transition + rules.
        var turnTimes: [Duration] = []
        let clock = ContinuousClock()
        for _ in 0..<rounds {
            for script in scripts {
                var interview = Interview(knowledge: knowledge, reader: reader)
                _ = interview.start()
                for line in script {
                    var actions: [Interview.Action] = []
                    let elapsed = clock.measure { actions = interview.received(text: line) }
                    precondition(!actions.isEmpty)
                    turnTimes.append(elapsed)
                }
            }
        }
        turnTimes.sort()
        let median = turnTimes[turnTimes.count / 2]
        let p99 = turnTimes[turnTimes.count * 99 / 100]
        print(
            "one turn in process: median \(Self.micro(median)) µs, p99 \(Self.micro(p99)) µs (\(turnTimes.count) turns)"
        )

        // The reports of each replayed conversation (visit summary and FHIR response), beside one turn above.
        let finished = scripts.map { script in
            var interview = Interview(knowledge: knowledge, reader: reader)
            _ = interview.start()
            for line in script { _ = interview.received(text: line) }
            return interview
        }
        var reportTimes: [Duration] = []
        var bytes = 0
        for _ in 0..<max(rounds / 4, 1) {
            for interview in finished {
                reportTimes.append(
                    clock.measure {
                        let visit = Visit(interview)
                        bytes += visit.markdown.utf8.count + visit.questionnaireResponse.text(pretty: true).utf8.count
                    })
            }
        }
        precondition(bytes > 0)
        reportTimes.sort()
        let reportMedian = reportTimes[reportTimes.count / 2]
        print(
            "visit summary + FHIR response of a conversation: median \(Self.micro(reportMedian)) µs "
                + "(\(String(format: "%.1f", Self.seconds(reportMedian) / Self.seconds(median)))× one turn)")

        // Whole dialogues per second.
        let replays = max(rounds / 4, 1)
        let start = clock.now
        var count = 0
        for _ in 0..<replays {
            for script in scripts {
                var interview = Interview(knowledge: knowledge, reader: reader)
                _ = interview.start()
                for line in script { _ = interview.received(text: line) }
                count += 1
            }
        }
        let seconds = Self.seconds(clock.now - start)
        print("dialogues replayed in process: \(Int(Double(count) / seconds)) per second (\(count) dialogues)")

        // Process start to the first question.
        var startTimes: [Duration] = []
        for _ in 0..<starts { startTimes.append(try Self.timeToFirstQuestion()) }
        startTimes.sort()
        print(
            "process start to first question: median \(Self.milli(startTimes[startTimes.count / 2])) ms "
                + "(\(starts) starts)")

        try Self.lexicon()
    }

    /// Loading the lexicons beside loading the knowledge file, and the English word look-up (a
    /// binary search on bytes) beside a `Set<String>` of the same words.
    static func lexicon() throws {
        let clock = ContinuousClock()
        var lexicon = Lexicon.embedded
        var loads: [Duration] = []
        var knowledgeLoads: [Duration] = []
        for _ in 0..<5 {
            loads.append(try clock.measure { lexicon = try Lexicon.loadEmbedded() })
            knowledgeLoads.append(try clock.measure { _ = try Knowledge.embedded() })
        }
        let load = loads.sorted()[loads.count / 2]
        let knowledgeLoad = knowledgeLoads.sorted()[knowledgeLoads.count / 2]
        print(
            "lexicon load: median \(Self.milli(load)) ms beside knowledge load \(Self.milli(knowledgeLoad)) ms "
                + "(ratio \(String(format: "%.1f", seconds(load) / seconds(knowledgeLoad))); "
                + "\(lexicon.englishWordCount) words, \(lexicon.medicines.count) medicines, "
                + "\(lexicon.conditions.count) conditions, \(lexicon.triggers.count) triggers)")

        let sentence = "my skin keeps twichting near the bottom lid of my left eye and the calff too since switched"
        let probes = Array(repeating: sentence.split(separator: " ").map(String.init), count: 2_000).flatMap { $0 }
        let set = Set(lexicon.englishWords())
        var found = 0
        let search = clock.measure { for word in probes where lexicon.isEnglishWord(word) { found += 1 } }
        let hashed = clock.measure { for word in probes where set.contains(word) { found -= 1 } }
        precondition(found == 0, "the binary search and the set disagree")
        let perSearch = seconds(search) / Double(probes.count)
        let perHash = seconds(hashed) / Double(probes.count)
        print(
            "isEnglishWord: \(String(format: "%.0f", perSearch * 1e9)) ns a word beside Set<String> "
                + "\(String(format: "%.0f", perHash * 1e9)) ns (ratio \(String(format: "%.1f", perSearch / perHash)); "
                + "\(probes.count) look-ups)")
    }

    /// The user lines of each transcript in `folder`.
    static func scripts(in folder: String) throws -> [[String]] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let scripts = try names.filter { $0.hasSuffix(".txt") }.sorted().map { name in
            try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
                .split(separator: "\n").filter { $0.hasPrefix("> ") }.map { String($0.dropFirst(2)) }
        }
        guard !scripts.isEmpty else {
            throw UserError("No transcripts in \(folder). Run from the package folder or pass --dialogues FOLDER.")
        }
        return scripts
    }

    /// Starts this binary with `--json` and waits for its first line.
    static func timeToFirstQuestion() throws -> Duration {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.isExecutableFile(atPath: process.executableURL!.path) {
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        }
        process.arguments = ["--json"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        var received = Data()
        while !received.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        let elapsed = clock.now - start
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return elapsed
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func micro(_ duration: Duration) -> String {
        String(format: "%.1f", seconds(duration) * 1e6)
    }

    static func milli(_ duration: Duration) -> String {
        String(format: "%.1f", seconds(duration) * 1e3)
    }
}
