import Assessment
import Dialogue
import Testing

@testable import Terminal

@Suite struct TerminalRendererTests {
    let knowledge: Knowledge

    init() throws {
        knowledge = try Knowledge.embedded()
    }

    /// `text` without the renderer's own colour codes.
    func plain(_ text: String) -> String {
        text.replacing(#/\x1B\[[0-9;]*m/#, with: "")
    }

    /// The words of `text`, to compare content regardless of wrapping.
    func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" })
    }

    var emergency: Advice {
        knowledge.advice(for: Case(answers: ["urgent": Answer(said: "yes", value: .yesNo(true))]))
    }

    var opening: Turn {
        var interview = Interview(knowledge: knowledge)
        return Turn(interview.start())
    }

    /// A turn asking the `urgent` question, which has choices, after an opening that fills nothing else.
    var urgent: Turn {
        var interview = Interview(knowledge: knowledge)
        _ = interview.start()
        return Turn(interview.received(text: "it keeps twitching"))
    }

    @Test(arguments: [20, 33, 40, 80, 200])
    func everyLineFitsTheWidth(width: Int) {
        let renderer = TerminalRenderer(width: width, colour: true)
        let turns = [opening, urgent, Turn([.say("A sentence."), .advise(emergency, Case())])]
        for turn in turns {
            for line in plain(renderer.render(turn)).split(separator: "\n") {
                #expect(line.count <= width, "\(line)")
            }
        }
    }

    @Test func wrappingKeepsEveryWordInOrder() {
        let renderer = TerminalRenderer(width: 24, colour: false)
        let text = "Twitching in several parts of the body at once is worth a doctor's look."
        let lines = renderer.wrap(text)
        #expect(lines.count > 1)
        #expect(lines.joined(separator: " ") == text)
        #expect(renderer.wrap("", prefix: "- ") == ["- "])
    }

    @Test func hangingIndentAndLongWords() {
        let renderer = TerminalRenderer(width: 20, colour: false)
        let lines = renderer.wrap("short \(String(repeating: "x", count: 40)) end", prefix: "  • ")
        #expect(lines.first?.hasPrefix("  • short") == true)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("    ") })
        #expect(lines.allSatisfy { $0.count <= 20 })
        #expect(lines.joined().filter { $0 == "x" }.count == 40)
    }

    @Test func tooNarrowATerminalStillGetsTheMinimum() {
        #expect(TerminalRenderer(width: 0, colour: false).width == TerminalRenderer.minimumWidth)
    }

    @Test func noColourMeansNoEscape() {
        let renderer = TerminalRenderer(width: 80, colour: false)
        let text = renderer.render(urgent) + renderer.render(Turn([.advise(emergency, Case())])) + renderer.prompt
        #expect(!text.contains("\u{1B}"))
        #expect(renderer.prompt == "› ")
    }

    @Test func colourSetsTheQuestionApart() {
        let renderer = TerminalRenderer(width: 80, colour: true)
        let text = renderer.render(opening)
        let question = knowledge.questions[0].text
        #expect(text.contains("\u{1B}[1;36m" + question + "\u{1B}[0m"))
        #expect(text.contains("\u{1B}[2mquestion 1 of about "))
        // The greeting is not styled as a question.
        #expect(!text.contains("\u{1B}[1;36mHello"))
        // Readline must be told which bytes of the prompt take no room.
        #expect(renderer.prompt.contains("\u{01}\u{1B}[1;36m\u{02}›"))
    }

    @Test func progressAndChoices() {
        let text = TerminalRenderer(width: 100, colour: false).render(urgent)
        #expect(urgent.ask?.id == "urgent")
        #expect(text.contains("question 2 of about 17"))
        #expect(text.contains("(yes · no · not sure; Tab completes)"))
    }

    @Test(arguments: [false, true])
    func controlCharactersAreShownEscaped(colour: Bool) {
        let renderer = TerminalRenderer(width: 80, colour: colour)
        let turn = Turn([.say("You said \u{1B}[31mred\u{07} and \u{9B}2J.")])
        let text = plain(renderer.render(turn))
        #expect(text.contains("\\u{1B}[31mred\\u{7}"))
        #expect(text.contains("\\u{9B}2J"))
        #expect(!text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
    }

    @Test func adviceHasTheSameSectionsAndItemsAsThePlainRendering() {
        let advice = knowledge.advice(
            for: Case(answers: [
                "onset": Answer(said: "a month ago", value: .daysAgo(30)),
                "other_symptoms": Answer(said: "weakness", value: .symptoms([.weakness])),
            ]))
        for advice in [advice, emergency, knowledge.advice(for: Case())] {
            let text = TerminalRenderer(width: 60, colour: false).render(Turn([.advise(advice, Case())]))
            let plainText = advice.lines.joined(separator: "\n")
            // Same titles, same order.
            let titles = (advice.verdict + advice.sections).map { $0.title + ":" }
            let terminalTitles = text.split(separator: "\n").map(String.init).filter { titles.contains($0) }
            let plainTitles = advice.lines.filter { titles.contains($0) }
            #expect(terminalTitles == plainTitles)
            #expect(!titles.isEmpty)
            // Every word of the plain rendering is there, in order, apart from its markers.
            let plainWords = words(plainText).filter { $0 != "-" && $0 != "==" }
            let terminalWords = words(text).filter { $0 != "•" && $0 != "==" }
            #expect(Array(terminalWords.prefix(plainWords.count)) == plainWords)
        }
    }

    /// The verdict (headline, reasons, what to do and when to come back) fits on one 80×24 screen, in about 12
    /// lines, before the details, whatever the outcome.
    @Test func theVerdictFitsTwelveLinesAtEightyColumns() {
        func answer(_ said: String, _ value: Value?) -> Answer { Answer(said: said, value: value) }
        let many = Case(answers: [
            "urgent": answer("no", .yesNo(false)), "onset": answer("2 months ago", .daysAgo(60)),
            "locations": answer("left calf and right thigh", .sites([Site(.calf, side: .left), Site(.thigh)])),
            "moving_and_resting": answer("both", .yesNo(true)),
            "other_symptoms": answer("weakness and numbness", .symptoms([.weakness, .numbness, .nausea])),
            "new_medication": answer("yes", .yesNo(true)),
        ])
        let calm = Case(answers: [
            "urgent": answer("no", .yesNo(false)), "onset": answer("3 days ago", .daysAgo(3)),
            "other_symptoms": answer("none", .symptoms([])),
        ])
        let renderer = TerminalRenderer(width: 80, colour: false)
        for advice in [knowledge.advice(for: many), knowledge.advice(for: calm), emergency] {
            let lines = renderer.render(Turn([.advise(advice, Case())])).split(
                separator: "\n", omittingEmptySubsequences: false)
            let end = lines.firstIndex { $0.hasPrefix(advice.detailsHeading.prefix(20)) } ?? lines.count
            let verdict = lines[..<end].drop { $0.isEmpty }.filter { !$0.isEmpty }
            #expect(verdict.count <= 12, "\(verdict.joined(separator: "\n"))")
            #expect(verdict.first == Substring(advice.headline.prefix(80)) || advice.headline.count > 80)
        }
    }

    @Test func theSessionStaysOpenAfterTheAdvice() {
        let text = TerminalRenderer(width: 80, colour: false).render(Turn([.advise(emergency, Case())]))
        #expect(text.contains("/back, /restart, /summary or /quit"))
        let ended = TerminalRenderer(width: 80, colour: false).render(Turn([.advise(emergency, Case()), .end]))
        #expect(!ended.contains("/restart"))
    }

    @Test func summaryOnlyWhenSomethingWasGathered() {
        let renderer = TerminalRenderer(width: 80, colour: false)
        #expect(renderer.summary([]).isEmpty)
        #expect(renderer.summary(["In your words: eyelid"]).contains("  • In your words: eyelid"))
    }

    @Test func colourChoice() {
        let term = ["TERM": "xterm-256color"]
        #expect(TerminalSession.wantsColour(environment: term, stdoutIsTerminal: true, noColorFlag: false))
        #expect(!TerminalSession.wantsColour(environment: term, stdoutIsTerminal: false, noColorFlag: false))
        #expect(!TerminalSession.wantsColour(environment: term, stdoutIsTerminal: true, noColorFlag: true))
        #expect(
            !TerminalSession.wantsColour(
                environment: term.merging(["NO_COLOR": "1"]) { $1 }, stdoutIsTerminal: true, noColorFlag: false))
        #expect(
            TerminalSession.wantsColour(
                environment: term.merging(["NO_COLOR": ""]) { $1 }, stdoutIsTerminal: true, noColorFlag: false))
        // No TERM: nothing is known about the terminal, so no colour.
        #expect(!TerminalSession.wantsColour(environment: [:], stdoutIsTerminal: true, noColorFlag: false))
        #expect(!TerminalSession.wantsColour(environment: ["TERM": "dumb"], stdoutIsTerminal: true, noColorFlag: false))
    }
}
