import Assessment
import Testing

@testable import Dialogue

/// One phrasing and what it should be understood as.
struct Case: Sendable, CustomTestStringConvertible {
    var text: String
    var kind: AnswerKind
    var expected: Reading
    var phrases: [String: Value] = [:]

    var testDescription: String {
        let shown = text.count > 60 ? String(text.prefix(60)) + "…(\(text.utf8.count) bytes)" : text
        return "\(kind.rawValue): \(shown.debugDescription)"
    }
}

private func yes(_ text: String) -> Case { Case(text: text, kind: .yesNo, expected: .value(.yesNo(true))) }
private func no(_ text: String) -> Case { Case(text: text, kind: .yesNo, expected: .value(.yesNo(false))) }
private func unknown(_ text: String, _ kind: AnswerKind) -> Case { Case(text: text, kind: kind, expected: .unknown) }
private func unclear(_ text: String, _ kind: AnswerKind) -> Case { Case(text: text, kind: kind, expected: .unclear) }
private func days(_ text: String, _ value: Double) -> Case {
    Case(text: text, kind: .daysAgo, expected: .value(.daysAgo(value)))
}
private func seconds(_ text: String, _ value: Double) -> Case {
    Case(text: text, kind: .episode, expected: .value(.episode(.seconds(value))))
}
private func continuous(_ text: String) -> Case {
    Case(text: text, kind: .episode, expected: .value(.episode(.continuous)))
}
private func often(_ text: String, _ value: Frequency) -> Case {
    Case(text: text, kind: .frequency, expected: .value(.frequency(value)))
}
private func sites(_ text: String, _ value: [Site]) -> Case {
    Case(text: text, kind: .sites, expected: .value(.sites(value)))
}
private func symptoms(_ text: String, _ value: Set<Symptom>) -> Case {
    Case(text: text, kind: .symptoms, expected: .value(.symptoms(value)))
}
private func drinks(_ text: String, _ value: Double) -> Case {
    Case(text: text, kind: .drinksPerDay, expected: .value(.drinksPerDay(value)))
}
private func hours(_ text: String, _ value: Double) -> Case {
    Case(text: text, kind: .hours, expected: .value(.hours(value)))
}
private func text(_ text: String, _ value: String) -> Case {
    Case(text: text, kind: .text, expected: .value(.text(value)))
}

let textCases: [Case] = [
    text("  My eyelid keeps twitching  ", "My eyelid keeps twitching"),
    text("hello", "hello"),
    text("I don't know", "I don't know"),
    text("twitch\u{0}ing", "twitch ing"),
    text("😀 emoji ok", "😀 emoji ok"),
    unclear("", .text),
    unclear("   \n\t ", .text),
]

let yesNoCases: [Case] = [
    yes("yes"), yes("Yes."), yes("y"), yes("Y"), yes("yeah"), yes("yep"), yes("yup"), yes("sure"),
    yes("definitely"), yes("of course"), yes("I do"), yes("I am"), yes("I have"), yes("correct"), yes("a lot"),
    yes("a little"), yes("a bit"), yes("somewhat"), yes("kind of"), yes("yes, started sertraline last week"),
    yes("YES!!!"), yes("yess"), yes("yesss"), yes("yeahh"), yes("I think so"), yes("yes definitely"),
    no("no"), no("n"), no("nope"), no("nah"), no("not really"), no("never"), no("not at all"), no("none"),
    no("I don't"), no("I haven't"), no("no way"), no("noo"), no("Nooo!"), no("I do not"), no("I have not"),
    no("definitely not"), no("just once, no"), no("no, not that I know of"), no("I don’t"), no("nopee"),
    unknown("I don't know", .yesNo), unknown("not sure", .yesNo), unknown("no idea", .yesNo),
    unknown("dunno", .yesNo), unknown("idk", .yesNo), unknown("can't remember", .yesNo),
    unknown("maybe", .yesNo), unknown("possibly", .yesNo), unknown("I'm not sure", .yesNo),
    unknown("?", .yesNo), unknown("unsure", .yesNo), unknown("I dont knwo", .yesNo),
    unclear("banana", .yesNo), unclear("purple elephant", .yesNo),
    Case(text: "both", kind: .yesNo, expected: .value(.yesNo(true)), phrases: bothPhrases),
    Case(text: "only when resting", kind: .yesNo, expected: .value(.yesNo(false)), phrases: bothPhrases),
    Case(text: "Only at rest I think", kind: .yesNo, expected: .value(.yesNo(false)), phrases: bothPhrases),
    Case(text: "yes both", kind: .yesNo, expected: .value(.yesNo(true)), phrases: bothPhrases),
    Case(text: "not sure", kind: .yesNo, expected: .unknown, phrases: bothPhrases),
    Case(text: "bothh", kind: .yesNo, expected: .value(.yesNo(true)), phrases: bothPhrases),
    Case(text: "only when restng", kind: .yesNo, expected: .value(.yesNo(false)), phrases: bothPhrases),
]

let bothPhrases: [String: Value] = [
    "both": .yesNo(true), "only when resting": .yesNo(false), "only at rest": .yesNo(false),
    "only when moving": .yesNo(false),
]

let daysAgoCases: [Case] = [
    days("3 days", 3), days("three weeks", 21), days("a couple of months", 60), days("2 weeks ago", 14),
    days("for about a month", 30), days("since last week", 7), days("yesterday", 1), days("today", 0),
    days("this morning", 0.25), days("tonight", 0), days("earlier today", 0.25), days("a few hours ago", 0.125),
    days("last week", 7), days("last month", 30), days("a year", 365), days("years", 730),
    days("2 or 3 days", 2.5), days("2-3 weeks", 17.5), days("2 to 3 days", 2.5), days("half a day", 0.5),
    days("a month and a half", 45), days("1.5 years", 547.5), days("5d", 5), days("2 wks", 14), days("3 mo", 90),
    days("1 yr", 365), days("an hour ago", 1.0 / 24), days("about 10 days ago", 10), days("twenty days", 20),
    days("a week or two", 10.5), days("several weeks", 21), days("a few days", 3), days("2 weks", 14),
    days("3 dayss", 3), days("four monthss ago", 120), days("the day before yesterday", 2),
    days("one and a half weeks", 10.5), days("48 hrs", 2), days("2 weeks and 3 days", 17),
    days("Started like 6 months ago.", 180), days("since forever, maybe 2 years", 730),
    // Offered as another quantity of the same unit: the longer is taken (more than two weeks needs a doctor).
    days("maybe 2 weeks, maybe 3", 21), days("2 weeks, or even 3", 21), days("3 weeks, maybe 2", 21),
    unknown("I don't know", .daysAgo), unknown("can't remember", .daysAgo), unknown("no idea", .daysAgo),
    unknown("dunno, a while", .daysAgo), unknown("?", .daysAgo),
    unclear("3", .daysAgo), unclear("a while ago", .daysAgo), unclear("blue", .daysAgo),
]

let episodeCases: [Case] = [
    seconds("a few seconds", 3), seconds("a split second", 1), seconds("a moment", 1), seconds("an instant", 1),
    seconds("brief", 1), seconds("half a minute", 30), seconds("2 seconds", 2), seconds("about 10 sec", 10),
    seconds("a minute", 60), seconds("1-2 minutes", 90), seconds("5s", 5), seconds("a second or two", 1.5),
    seconds("couple of seconds", 2), seconds("very quick", 1), seconds("less than a second", 1),
    seconds("half a second", 0.5), seconds("a few secnds", 3), seconds("an hour", 3_600), seconds("seconds", 2),
    continuous("continuous"), continuous("constant"), continuous("constantly"), continuous("all the time"),
    continuous("nonstop"), continuous("non-stop"), continuous("it doesn't stop"), continuous("never stops"),
    continuous("on and on"), continuous("Constantly!"), continuous("contiuous"),
    // Continuous anywhere wins, unless said as how often after a length; a denied phrase is not read.
    continuous("a few seconds, but sometimes it doesn't stop"), continuous("a second or two, sometimes nonstop"),
    seconds("a few seconds, constantly", 3), seconds("it's not constant, just a few seconds", 3),
    seconds("not all the time, a second", 1),
    unknown("not sure", .episode), unclear("sometimes", .episode), unclear("5", .episode),
]

let frequencyCases: [Case] = [
    often("constantly", .constant), often("all the time", .constant), often("nonstop", .constant),
    often("continuously", .constant), often("every few minutes", .hourly), often("every minute", .hourly),
    often("several times an hour", .hourly), often("every hour", .hourly), often("many times a day", .hourly),
    often("a few times a day", .daily), often("once a day", .daily), often("twice a day", .daily),
    often("daily", .daily), often("every day", .daily), often("3 times a day", .daily),
    often("a few times a week", .weekly), often("once a week", .weekly), often("weekly", .weekly),
    often("every other day", .weekly), often("rarely", .occasional), often("once a month", .occasional),
    often("now and then", .occasional), often("occasionally", .occasional), often("sometimes", .occasional),
    often("once or twice so far", .occasional), often("every 2 hours", .daily), often("every 10 minutes", .hourly),
    often("30 times a day", .hourly), often("3x a day", .daily), often("3x/day", .daily),
    often("twice daily", .daily), often("every 3 days", .weekly), often("twice a month", .occasional),
    often("dailly", .daily), often("ocasionally", .occasional), often("5 times per week", .weekly),
    often("every now and then", .occasional), often("every couple of days", .weekly),
    often("most days", .daily), often("2-3 times a week", .weekly), often("every 2 weeks", .occasional),
    often("a few times an hour", .hourly), often("24/7", .constant), often("once", .occasional),
    unknown("no idea", .frequency), unclear("purple", .frequency),
]

let sitesCases: [Case] = [
    sites("left eyelid", [Site(.eyelid, side: .left)]),
    sites("my right eye", [Site(.eyelid, side: .right)]),
    sites("both calves", [Site(.calf, side: .both)]),
    sites("calves", [Site(.calf, side: .both)]),
    sites("arms, legs and back", [Site(.arm, side: .both), Site(.leg, side: .both), Site(.back)]),
    sites("left and right thumb", [Site(.thumb, side: .both)]),
    sites("biceps", [Site(.upperArm)]),
    sites("right bicep", [Site(.upperArm, side: .right)]),
    sites("triceps", [Site(.upperArm)]),
    sites("quads and hamstrings", [Site(.thigh, side: .both)]), sites("both quads", [Site(.thigh, side: .both)]),
    sites("cheek", [Site(.face)]), sites("face", [Site(.face)]), sites("lips", [Site(.lip, side: .both)]),
    sites("jaw", [Site(.jaw)]), sites("tongue", [Site(.tongue)]), sites("neck", [Site(.neck)]),
    sites("shoulders", [Site(.shoulder, side: .both)]), sites("left forearm", [Site(.forearm, side: .left)]),
    sites("hand", [Site(.hand)]), sites("fingers", [Site(.finger)]), sites("thumb", [Site(.thumb)]),
    sites("chest", [Site(.chest)]), sites("lower back", [Site(.back)]), sites("upper back", [Site(.back)]),
    sites("stomach", [Site(.abdomen)]), sites("belly", [Site(.abdomen)]), sites("tummy", [Site(.abdomen)]),
    sites("hip", [Site(.hip)]), sites("butt", [Site(.buttock)]), sites("glutes", [Site(.buttock, side: .both)]),
    sites("thigh", [Site(.thigh)]), sites("knees", [Site(.knee, side: .both)]), sites("leg", [Site(.leg)]),
    sites("calf", [Site(.calf)]), sites("shins", [Site(.shin, side: .both)]), sites("feet", [Site(.foot, side: .both)]),
    sites("foot", [Site(.foot)]), sites("toes", [Site(.toe)]),
    sites("all over", [Site(.allOver)]), sites("everywhere", [Site(.allOver)]),
    sites("whole body", [Site(.allOver)]), sites("all over my body", [Site(.allOver)]),
    sites("left eyelid and right calf", [Site(.eyelid, side: .left), Site(.calf, side: .right)]),
    sites("l calf", [Site(.calf, side: .left)]), sites("R thigh", [Site(.thigh, side: .right)]),
    sites("left calf, right calf", [Site(.calf, side: .both)]),
    sites("calf and left calf", [Site(.calf, side: .left)]),
    sites("my calf on the left", [Site(.calf, side: .left)]),
    sites("left side of my face", [Site(.face, side: .left)]),
    sites("calfs", [Site(.calf, side: .both)]), sites("eyelif", [Site(.eyelid)]),
    sites("left eylid", [Site(.eyelid, side: .left)]), sites("rigth calf", [Site(.calf, side: .right)]),
    sites("thumb, eyelid, thumb", [Site(.thumb), Site(.eyelid)]),
    sites("Both Eyes!", [Site(.eyelid, side: .both)]), sites("my calf, mostly at night", [Site(.calf)]),
    sites("calf after I lift", [Site(.calf)]),
    unknown("not sure", .sites), unclear("in the kitchen", .sites), unclear("left", .sites),
]

let symptomCases: [Case] = [
    symptoms("no weakness, just tingling", [.tingling]), symptoms("none", []), symptoms("no", []),
    symptoms("nothing", []), symptoms("nothing else", []), symptoms("no other symptoms", []),
    symptoms("nope", []), symptoms("weak", [.weakness]), symptoms("weakness", [.weakness]),
    symptoms("my grip is weaker", [.weakness]), symptoms("muscle loss", [.muscleLoss]),
    symptoms("losing muscle", [.muscleLoss]), symptoms("wasting", [.muscleLoss]), symptoms("atrophy", [.muscleLoss]),
    symptoms("my muscle is getting smaller", [.muscleLoss]), symptoms("numb", [.numbness]),
    symptoms("numbness", [.numbness]), symptoms("tingling", [.tingling]), symptoms("tingly", [.tingling]),
    symptoms("pins and needles", [.tingling]), symptoms("change in feeling", [.sensationChange]),
    symptoms("loss of feeling", [.numbness]), symptoms("I can't feel my toes", [.sensationChange]),
    symptoms("fever", [.fever]), symptoms("temperature", [.fever]), symptoms("feverish", [.fever]),
    symptoms("headaches", [.headache]), symptoms("migraine", [.headache]), symptoms("my head hurts", [.headache]),
    symptoms("nausea", [.nausea]), symptoms("nauseous", [.nausea]), symptoms("queasy", [.nausea]),
    symptoms("I feel sick", [.nausea]), symptoms("vomiting", [.vomiting]), symptoms("throwing up", [.vomiting]),
    symptoms("threw up twice", [.vomiting]), symptoms("puking", [.vomiting]), symptoms("sore", [.soreness]),
    symptoms("aching", [.soreness]), symptoms("stiff", [.soreness]), symptoms("achy and stiff", [.soreness]),
    symptoms("no weakness or numbness", []), symptoms("weakness but no numbness", [.weakness]),
    symptoms("without fever", []), symptoms("I don't have a headache", []),
    symptoms("neither numbness nor tingling", []), symptoms("no fever; slight headache", [.headache]),
    symptoms("tingling and numbness", [.numbness, .tingling]),
    symptoms("headache, nausea, and some vomiting", [.headache, .nausea, .vomiting]),
    symptoms("no numbness though a bit of tingling", [.tingling]),
    symptoms("tingeling", [.tingling]), symptoms("weaknes", [.weakness]), symptoms("numbnes", [.numbness]),
    symptoms("headace", [.headache]), symptoms("no weaknes", []), symptoms("Soreness!!", [.soreness]),
    symptoms("tingling for a week", [.tingling]), symptoms("pains", [.soreness]),
    symptoms("just twitching", []), symptoms("yes, some weakness", [.weakness]), symptoms("not really", []),
    symptoms("no headache but sometimes nausea", [.nausea]), symptoms("I don't feel any weakness", []),
    symptoms("no fever, weakness", [.weakness]), symptoms("fever and no headache", [.fever]),
    unknown("not sure", .symptoms), unknown("I don't know", .symptoms), unclear("purple", .symptoms),
    unclear("stuff", .symptoms),
]

let drinksCases: [Case] = [
    drinks("4 cups of coffee", 4), drinks("2 red bulls and 3 coffees", 5), drinks("none", 0), drinks("no", 0),
    drinks("zero", 0), drinks("I don't drink coffee", 0), drinks("a cup", 1), drinks("one or two", 1.5),
    drinks("5-6", 5.5), drinks("a couple", 2), drinks("about 3 a day", 3), drinks("2", 2), drinks("two", 2),
    drinks("one coffee, 200 mg caffeine pill", 1), drinks("a 16 oz can", 1), drinks("an energy drink", 1),
    drinks("3 cups a day", 3), drinks("14 a week", 2), drinks("half a cup", 0.5), drinks("a few", 3),
    drinks("nope", 0), drinks("quit 2 years ago", 0), drinks("twelve", 12), drinks("2 shots of espresso", 2),
    drinks("1 coffee and 2 teas", 3), drinks("3 or 4 coffees a day", 3.5), drinks("5-6 cans of diet coke", 5.5),
    unclear("about 400mg of caffeine", .drinksPerDay),
    unclear("100", .drinksPerDay), unclear("lots", .drinksPerDay), unknown("not sure", .drinksPerDay),
]

let hoursCases: [Case] = [
    hours("6", 6), hours("six hrs", 6), hours("about 7 hours", 7), hours("7 and a half", 7.5), hours("7.5", 7.5),
    hours("5-6", 5.5), hours("less than 5", 5), hours("barely 4", 4), hours("8h", 8), hours("an hour", 1),
    hours("7 hours 30 minutes", 7.5), hours("seven and a half hours", 7.5), hours("between 6 and 8", 7),
    hours("6 or 7 hours a night", 6.5), hours("a few hours", 3), hours("none", 0), hours("7 houurs", 7),
    hours("eigth", 8), hours("10pm to 6am", 8), hours("11:30 pm - 7 am", 7.5), hours("6 to 7", 6.5),
    hours("around six", 6), hours("not much, maybe 4", 4), hours("8-9 hours", 8.5),
    unclear("30", .hours), unclear("25 hours", .hours), unclear("lots", .hours), unknown("no idea", .hours),
]

/// Inputs that must never trap, for every kind.
let hostileTexts: [String] = [
    "", " ", "\u{0}", "\u{0}yes\u{0}", "\u{1B}[31m\u{1B}[0m", "\u{1B}]0;title\u{7}", "😀", "🤷‍♀️",
    String(repeating: "a", count: 1_000_000), String(repeating: "yes ", count: 250_000),
    String(repeating: "9", count: 5_000), "\u{FFFD}\u{FFFD}", "\u{202E}\u{200B}", "-", "- - -", "....", ",,,",
    "1e400", "99999999999999999999999 days", "nan", "inf", "-3 days", "½", "7½", "'''", "’",
]

let hostileCases: [Case] = [
    unclear("", .yesNo), unclear("   ", .daysAgo), unclear("\u{0}\u{0}", .symptoms), unclear("😀😀", .sites),
    unclear("\u{1B}[2J\u{1B}[H", .frequency), yes("\u{1B}[1myes\u{1B}[0m"), yes("yes 👍"), yes("👍 yes"),
    unclear(String(repeating: "a", count: 1_000_000), .yesNo),
    unclear(String(repeating: "x", count: 1_000_000), .sites),
    yes("yes" + String(repeating: " blah", count: 200_000)),
    unclear("99999999999999999999999 days", .daysAgo), unclear("1e400", .daysAgo), unclear("\u{0}", .drinksPerDay),
    hours("7½", 7.5), unclear("…", .episode),
]

@Suite struct UnderstandingTests {
    @Test(arguments: textCases + yesNoCases + daysAgoCases + episodeCases + frequencyCases)
    func readsSimpleKinds(_ example: Case) {
        #expect(Understanding.read(example.text, as: example.kind, phrases: example.phrases) == example.expected)
    }

    @Test(arguments: sitesCases + symptomCases + drinksCases + hoursCases + hostileCases)
    func readsListsAndCounts(_ example: Case) {
        #expect(Understanding.read(example.text, as: example.kind, phrases: example.phrases) == example.expected)
    }

    @Test(arguments: AnswerKind.allCases)
    func neverTraps(_ kind: AnswerKind) {
        for text in hostileTexts {
            _ = Understanding.read(text, as: kind)
            _ = Understanding.read(text, as: kind, phrases: ["both": .yesNo(true)])
        }
    }

    @Test func hasEnoughPhrasings() {
        let all =
            textCases + yesNoCases + daysAgoCases + episodeCases + frequencyCases + sitesCases + symptomCases
            + drinksCases + hoursCases + hostileCases
        #expect(all.count >= 200)
    }
}
