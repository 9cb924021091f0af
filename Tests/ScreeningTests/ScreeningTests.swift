import Assessment
import Testing

@testable import Screening

/// Tests generated from the lexicon: for every sign and every phrase, the phrase alone is affirmed, its negation
/// is negated, "not sure about X but PHRASE" is affirmed, and the phrase reads the same at word 5 and at word 500.
@Suite struct ScreeningTests {
    static let knowledge = try! Knowledge.embedded()
    let screening = Screening(knowledge: ScreeningTests.knowledge)

    /// Every phrase of every sign, written as a person would (a `*` becomes one word).
    static let phrases: [(sign: String, text: String, suggestsOnly: Bool)] = knowledge.signs.flatMap { sign in
        sign.phrases.map { phrase in
            (sign.id, phrase.words.map { $0 == "*" ? "the" : $0 }.joined(separator: " "), phrase.suggestsOnly)
        }
    }

    /// The phrases made from combinations: a phrase written out and stated outright may start at the same word and
    /// affirm ("prescribed the tablets" through the written "prescribed").
    static let combined: Set<String> = Set(
        knowledge.signs.flatMap { sign in
            sign.phrases.filter(\.combined).map { $0.words.map { $0 == "*" ? "the" : $0 }.joined(separator: " ") }
        })

    func mention(of sign: String, in text: String) -> Screening.Mention? {
        screening.screen(text).mentions.first { $0.sign == sign }
    }

    /// "but that went away 10 years ago", "but that's long over": a lapse after "but" says the sign before it is
    /// past (blind set an, 2026-11-29).
    @Test(arguments: [
        "No. I had tingling in my hands during pregnancy but that went away 10 years ago",
        "no, I had a chest infection in 2019 with tingling but that's long over",
    ])
    func aSignThatWentAwayYearsAgoIsPast(text: String) {
        #expect(mention(of: "tingling", in: text)?.assertion == .historical, "\(text)")
    }

    @Test func aSignThatIsStillThereIsPresent() {
        let text = "I had tingling in my hands during pregnancy and it is still there"
        #expect(mention(of: "tingling", in: text)?.assertion == .present)
    }

    @Test func everySignHasPhrasesAndASource() {
        #expect(Self.knowledge.signs.count >= 14)
        for sign in Self.knowledge.signs {
            #expect(!sign.phrases.isEmpty, "\(sign.id)")
            #expect(Self.knowledge.sources[sign.source] != nil, "\(sign.id)")
        }
    }

    @Test func eachPhraseAloneIsFound() {
        for (sign, text, suggestsOnly) in Self.phrases {
            let found = screening.screen("well, \(text).").mentions
            #expect(found.contains { $0.sign == sign || $0.span.count > 1 }, "\(sign): \(text)")
            if let first = found.first(where: { $0.sign == sign }) {
                #expect(first.assertion == .present, "\(sign): \(text)")
                if !Self.combined.contains(text) { #expect(first.affirms == !suggestsOnly, "\(sign): \(text)") }
            }
        }
    }

    @Test func aCombinationAloneOnlySuggests() throws {
        let struggled = try #require(mention(of: "weakness", in: "I struggled to knit a scarf"))
        #expect(struggled.assertion == .present && !struggled.affirms)
        // A phrase written out and stated outright at the same word wins over the combination.
        let prescribed = try #require(mention(of: "new_medication", in: "they prescribed new tablets"))
        #expect(prescribed.affirms)
    }

    @Test func eachPhraseNegatedIsAbsent() {
        for (sign, text, _) in Self.phrases where !text.hasPrefix("no ") && !text.hasPrefix("not ") {
            // "no feeling sick" starts with another sign's phrase ("no feeling"): not a negation of this one.
            if screening.screen("no \(text)").mentions.first?.span.lowerBound == 0 { continue }
            let found = mention(of: sign, in: "no \(text)")
            #expect(found?.assertion == .absent, "\(sign): no \(text) gave \(String(describing: found?.assertion))")
        }
    }

    @Test func aHedgeEndsAtBut() {
        for (sign, text, suggestsOnly) in Self.phrases where !suggestsOnly {
            let found = screening.screen("not sure about the other thing but \(text)").mentions.last
            #expect(found?.sign == sign || (found?.span.count ?? 0) > 1, "\(sign): \(text)")
            #expect(found?.assertion == .present, "\(sign): \(text)")
        }
    }

    @Test func positionDoesNotMatter() {
        let filler = Array(repeating: "twitch", count: 495).joined(separator: " ")
        for (sign, text, _) in Self.phrases {
            let early = mention(of: sign, in: "my eye twitches. \(text)")
            let late = mention(of: sign, in: "my eye twitches \(filler). \(text)")
            #expect(early?.assertion == late?.assertion, "\(sign): \(text)")
            #expect(early?.affirms == late?.affirms, "\(sign): \(text)")
        }
    }

    @Test(arguments: [
        ("no weakness, numbness or tingling", "numbness", Screening.Assertion.absent),
        ("no weakness, but my hand is numb", "numbness", .present),
        ("not sure, my hand might be weaker", "weakness", .possible),
        ("no trouble breathing, but I can't swallow properly", "swallowing", .present),
        ("no trouble breathing, but I can't swallow properly", "breathing", .absent),
        ("my dad had weakness in his arm", "weakness", .otherPerson),
        ("I had numbness years ago", "numbness", .historical),
        ("I'm not weak, just tired", "weakness", .absent),
        ("is my hand weaker?", "weakness", .possible),
        ("no, not really, but my right hand has gone numb since last week", "numbness", .present),
        ("7 hours, but I keep waking up short of breath", "breathing", .present),
        ("my leg gives way on the stairs", "weakness", .present),
        ("legs like jelly", "weakness", .present),
        ("food keeps going down the wrong way", "swallowing", .present),
        ("my speech is a bit slurred", "speech", .present),
        ("nothing new except the doctor put me on salbutamol two weeks ago", "new_medication", .present),
        ("no weakness and my hand is numb", "numbness", .present),
    ])
    func assertions(text: String, sign: String, expected: Screening.Assertion) {
        #expect(mention(of: sign, in: text)?.assertion == expected)
    }

    /// A `*` in a phrase never swallows a phrase of another sign stated outright.
    @Test func aGapDoesNotSwallowAnotherSign() {
        let mentions = screening.screen("my hand feels prickly and odd").mentions
        #expect(mentions.contains { $0.sign == "tingling" && $0.assertion == .present && !$0.suggestsOnly })
        // Without another sign inside, the phrase with a gap still reads.
        #expect(mention(of: "sensation_change", in: "my hand feels a bit odd") != nil)
    }

    @Test func temporality() {
        #expect(mention(of: "swallowing", in: "sometimes food goes down the wrong way")?.now == false)
        #expect(mention(of: "breathing", in: "I can't breathe right now")?.now == true)
        #expect(mention(of: "swallowing", in: "I can't swallow properly")?.now == nil)
        #expect(mention(of: "weakness", in: "my arm is weak right now")?.now == nil)
    }

    @Test func aCorrectedWordNeedsConfirmation() {
        let tokens = Screening.tokens("my hand is numbb")
        var corrected = tokens
        corrected[3] = "numb"
        let found = screening.screen(raw: tokens, corrected: corrected).mentions.first
        #expect(found?.sign == "numbness")
        #expect(found?.typoCorrected == true)
        #expect(found?.needsConfirmation == true)
        #expect(found?.affirms == false)
    }

    @Test func theEvidenceIsTheWordsAsTyped() {
        let found = mention(of: "weakness", in: "Lately my LEG gives way")
        #expect(found?.evidence == "gives way")
        #expect(found?.cue == nil)
        #expect(mention(of: "weakness", in: "no weakness")?.cue == "no")
    }
}
