import ArgumentParser
import Assessment
import Dialogue
import Foundation

struct BenchUnderstanding: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-understanding",
        abstract: "Measure how well free text is understood on a labelled corpus (accuracy per field).",
        discussion: """
            Reads the corpus (see Tests/DialogueTests/Corpus/utterances.txt for the format), prints accuracy per \
            field and overall, and the red flags missed. With --compare it also runs Microsoft \
            Recognizers-Text (a Python package, in .venv-recognizers; see scripts/compare-recognizers) on the \
            answers that are durations and numbers, and prints both accuracies side by side.
            """)

    @Option(help: ArgumentHelp("The labelled corpus.", valueName: "file"))
    var corpus = "Tests/DialogueTests/Corpus/utterances.txt"

    @Flag(help: "List every field that came out wrong.")
    var misses = false

    @Option(
        help: ArgumentHelp(
            "A blind set: a folder with utterances.txt and conversations.txt (see BlindSet.swift); repeat for more. "
                + "Without it, every folder named blind-* next to the corpus is scored.",
            valueName: "folder"))
    var blind: [String] = []

    @Flag(help: "Print every blind conversation as it was played.")
    var trace = false

    @Flag(help: "Also run Recognizers-Text on the durations and numbers, and compare.")
    var compare = false

    @Option(help: ArgumentHelp("The Python with recognizers-text-suite installed.", valueName: "path"))
    var python = ".venv-recognizers/bin/python"

    func run() throws {
        let knowledge = try Knowledge.embedded()
        guard let text = try? String(contentsOfFile: corpus, encoding: .utf8) else {
            throw UserError("Cannot read the corpus \(corpus). Run from the package folder or pass --corpus FILE.")
        }
        let (items, errors) = UnderstandingCorpus.parse(text)
        for error in errors { print("\(corpus):\(error)") }
        let score = UnderstandingCorpus.evaluate(items, knowledge: knowledge)
        print("\(items.count) utterances, \(score.total) fields scored (\(corpus))")
        print(pad("field", 20) + pad("right", 8) + pad("total", 8) + "accuracy")
        for (field, counts) in score.fields.sorted(by: { $0.key < $1.key }) {
            print(
                pad(field, 20) + pad("\(counts.right)", 8) + pad("\(counts.total)", 8)
                    + percent(counts.right, counts.total))
        }
        print(
            pad("overall", 20) + pad("\(score.right)", 8) + pad("\(score.total)", 8) + percent(score.right, score.total)
        )
        print(
            "red flags missed: \(score.redFlagsMissed.count)"
                + (score.redFlagsMissed.isEmpty ? "" : " (\(score.redFlagsMissed.joined(separator: ", ")))"))
        if misses {
            for miss in score.misses {
                let item = items.first { $0.line == miss.line }
                print("\(miss.line) \(miss.field): expected \(miss.expected), got \(miss.got)  | \(item?.text ?? "")")
            }
        }
        if compare { try compareWithRecognizers(items, knowledge: knowledge) }
        var folders = blind
        if folders.isEmpty {
            let corpusFolder = (corpus as NSString).deletingLastPathComponent
            let names = (try? FileManager.default.contentsOfDirectory(atPath: corpusFolder)) ?? []
            folders = names.filter { $0.hasPrefix("blind-") }.sorted().map { corpusFolder + "/" + $0 }
        }
        for folder in folders { try scoreBlind(folder, knowledge: knowledge) }
    }

    /// Scores one blind set and prints sign recall, false reassurance and over-triage.
    func scoreBlind(_ folder: String, knowledge: Knowledge) throws {
        let read = { (name: String) -> String in
            (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? ""
        }
        let utterances = BlindSet.parseUtterances(read("utterances.txt"))
        let conversations = BlindSet.parseConversations(read("conversations.txt"))
        for error in utterances.errors { print("\(folder)/utterances.txt:\(error)") }
        for error in conversations.errors { print("\(folder)/conversations.txt:\(error)") }
        guard !utterances.items.isEmpty || !conversations.items.isEmpty else {
            throw UserError("No blind set in \(folder): expected utterances.txt and conversations.txt there.")
        }
        let today = CalendarDate(year: 2026, month: 11, day: 27)!
        let score = BlindSet.evaluate(
            utterances: utterances.items, conversations: conversations.items, knowledge: knowledge, today: today,
            trace: trace ? { print($0) } : nil)
        print("")
        print("blind set \(folder): \(score.utterances) utterances, \(score.conversations) conversations")
        print("sign recall:        \(score.recalled) of \(score.signs) (\(percent(score.recalled, score.signs)))")
        print(
            "false reassurance:  \(score.falseReassurance.count) of \(score.needed) conversations that needed a doctor")
        print("missed emergencies: \(score.missedEmergency.count) of \(score.emergencies)")
        print("over-triage:        \(score.overTriage.count) of \(score.benign) benign conversations")
        print("false signs:        \(score.falseSigns.count) in \(score.utterances) utterances")
        print("loops:              \(score.loops.count)")
        if misses {
            let texts = Dictionary(utterances.items.map { ($0.line, $0.text) }, uniquingKeysWith: { a, _ in a })
            let show = { (entry: String) -> String in
                let line = Int(entry.prefix { $0 != ":" }) ?? 0
                return entry + "  | " + (texts[line] ?? "")
            }
            for entry in score.missedSigns { print("  missed sign \(show(entry))") }
            for entry in score.falseSigns { print("  false sign \(show(entry))") }
            for entry in score.falseReassurance { print("  false reassurance \(entry)") }
            for entry in score.missedEmergency { print("  missed emergency \(entry)") }
            for entry in score.overTriage { print("  over-triage \(entry)") }
            for entry in score.loops { print("  loop \(entry)") }
        }
    }

    /// The fields whose answers are plain durations and numbers.
    static let numericFields: Set<String> = ["onset", "episode_length", "sleep", "caffeine"]

    func compareWithRecognizers(_ items: [UnderstandingCorpus.Item], knowledge: Knowledge) throws {
        let subset = items.filter { item in
            Self.numericFields.contains(item.pending) && item.expected[item.pending].flatMap(Double.init) != nil
        }
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw UserError(
                "No Python at \(python). Install Recognizers-Text first: python3 -m venv .venv-recognizers && "
                    + ".venv-recognizers/bin/pip install recognizers-text-suite 'emoji<1.0'")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["scripts/recognizers.py", corpus]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw UserError("scripts/recognizers.py failed.") }
        var theirs: [Int: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 3, let number = Int(parts[0]) { theirs[number] = parts[2] }
        }
        let reader = Understanding.Reader(knowledge: knowledge)
        var counts: [String: (total: Int, ours: Int, theirs: Int)] = [:]
        for item in subset {
            let want = item.expected[item.pending] ?? ""
            let ours = UnderstandingCorpus.understand(item, knowledge: knowledge, reader: reader)[item.pending]
            let ourRight =
                ours.map { UnderstandingCorpus.matches($0, want, field: item.pending, knowledge: knowledge) } ?? false
            let theirValue = theirs[item.line] ?? ""
            let theirRight =
                !theirValue.isEmpty
                && UnderstandingCorpus.matches(theirValue, want, field: item.pending, knowledge: knowledge)
            var entry = counts[item.pending] ?? (0, 0, 0)
            entry.total += 1
            if ourRight { entry.ours += 1 }
            if theirRight { entry.theirs += 1 }
            counts[item.pending] = entry
            if misses, ourRight != theirRight {
                print(
                    "  \(item.line) \(item.pending) want \(want): ours \(ours ?? "-"), recognizers \(theirValue.isEmpty ? "-" : theirValue)  | \(item.text)"
                )
            }
        }
        print("")
        print("durations and numbers (answers to onset, episode_length, sleep, caffeine): \(subset.count) utterances")
        print(pad("field", 20) + pad("items", 8) + pad("TwitchTalk", 14) + "Recognizers-Text")
        var total = (0, 0, 0)
        for (field, entry) in counts.sorted(by: { $0.key < $1.key }) {
            print(
                pad(field, 20) + pad("\(entry.total)", 8) + pad(percent(entry.ours, entry.total), 14)
                    + percent(entry.theirs, entry.total))
            total.0 += entry.total
            total.1 += entry.ours
            total.2 += entry.theirs
        }
        print(
            pad("overall", 20) + pad("\(total.0)", 8) + pad(percent(total.1, total.0), 14) + percent(total.2, total.0))
    }

    func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    func percent(_ right: Int, _ total: Int) -> String {
        total == 0 ? "-" : String(format: "%.1f%%", 100 * Double(right) / Double(total))
    }
}
