import Assessment
import Foundation
import Testing

@testable import Dialogue

/// The blind sets (`Corpus/blind-*`), written by helpers who had not seen the reader, now part of the corpus: the
/// figures recorded in the README may not get worse. The first score of each set, unchanged, is the blind figure;
/// these are regression bounds.
@Suite struct BlindSetTests {
    static let folder = CorpusTests.folder
    static let knowledge = try! Knowledge.embedded()
    static let today = CalendarDate(year: 2026, month: 11, day: 27)!

    static func score(_ name: String) throws -> BlindSet.Score {
        let base = folder.appendingPathComponent(name)
        let utterances = BlindSet.parseUtterances(
            try String(contentsOf: base.appendingPathComponent("utterances.txt"), encoding: .utf8))
        let conversations = BlindSet.parseConversations(
            try String(contentsOf: base.appendingPathComponent("conversations.txt"), encoding: .utf8))
        #expect(utterances.errors.isEmpty, "\(utterances.errors)")
        #expect(conversations.errors.isEmpty, "\(conversations.errors)")
        #expect(utterances.items.count >= 300)
        #expect(conversations.items.count >= 60)
        return BlindSet.evaluate(
            utterances: utterances.items, conversations: conversations.items, knowledge: knowledge, today: today)
    }

    /// Conversations whose emergency is written only as the answer to a question the interview rightly skips (set h
    /// c58: the opening says "for a couple of months", so "when did it start?" is not asked, and its scripted answer
    /// "hang on, I'm actually struggling to swallow right now" is never said). A person would say it at the next
    /// turn; the scripted player cannot.
    static let saidOnlyAtASkippedQuestion: [String: Set<String>] = ["blind-2026-11-28-h": ["c58"]]

    /// (set, most false reassurances, most over-triaged, least signs recalled)
    @Test(arguments: [
        ("blind-2026-11-27-a", 0, 0, 175), ("blind-2026-11-27-b", 0, 0, 183), ("blind-2026-11-27-c", 0, 0, 172),
        ("blind-2026-11-27-d", 2, 2, 208), ("blind-2026-11-27-e", 0, 0, 200), ("blind-2026-11-27-f", 0, 0, 179),
        ("blind-2026-11-27-g", 0, 0, 220), ("blind-2026-11-28-h", 0, 0, 249), ("blind-2026-11-28-i", 0, 0, 292),
        // j: its false reassurance (c37), a sign said only at "where?" after "my bicep", is heard since "which
        // bicep?" is asked.
        ("blind-2026-11-28-j", 0, 2, 169), ("blind-2026-11-28-k", 0, 0, 192), ("blind-2026-11-28-l", 0, 0, 190),
        // m: its one (c12) says "that part also looks hollow" only at "where?", which the opening ("my right hand",
        // with its side) answered.
        ("blind-2026-11-28-m", 1, 0, 258), ("blind-2026-11-28-n", 0, 0, 279), ("blind-2026-11-29-o", 0, 0, 268),
        ("blind-2026-11-29-p", 0, 0, 250), ("blind-2026-11-29-q", 0, 0, 291), ("blind-2026-11-29-r", 0, 0, 269),
        // s: its one (c52) tells pins and needles only at the exercise question, which the opening ("a twitch in my
        // right calf after a run") rightly answered.
        ("blind-2026-11-29-s", 1, 0, 272), ("blind-2026-11-29-t", 0, 0, 281),
        ("blind-2026-11-29-u", 0, 0, 265), ("blind-2026-11-29-v", 0, 0, 280),
        ("blind-2026-11-29-w", 0, 0, 278), ("blind-2026-11-29-x", 0, 0, 293),
        ("blind-2026-11-29-y", 0, 0, 282), ("blind-2026-11-29-z", 0, 0, 257), ("blind-2026-11-29-aa", 0, 0, 251),
        // ac: its one over-triaged (c16) has "my quads keep twitching" after CrossFit: a plural part is both sides,
        // two places.
        ("blind-2026-11-29-ab", 0, 0, 279), ("blind-2026-11-29-ac", 0, 1, 265),
        ("blind-2026-11-29-ad", 0, 0, 258), ("blind-2026-11-29-ae", 0, 0, 256),
        // af: its one (c41) tells a fever only at "when did it start?", which the opening ("for about 8 days") answered.
        ("blind-2026-11-29-af", 1, 0, 282), ("blind-2026-11-29-ag", 0, 0, 240),
        ("blind-2026-11-29-ah", 0, 0, 288), ("blind-2026-11-29-ai", 0, 0, 269),
        ("blind-2026-11-29-aj", 0, 0, 265), ("blind-2026-11-29-ak", 0, 0, 258),
        // al and am: fixed after their first scores (SafetyReadingTests+TwentySeventhRound).
        ("blind-2026-11-29-al", 0, 1, 254), ("blind-2026-11-29-am", 0, 2, 259),
        // an and ao: fixed after their first scores (SafetyReadingTests+TwentyEighthRound).
        ("blind-2026-11-29-an", 0, 0, 258), ("blind-2026-11-29-ao", 0, 0, 269),
        // ap and aq: fixed after their first scores (SafetyReadingTests+TwentyNinthRound). ap's one (c44) tells the
        // loss of muscle only at "where?", which the opening answered.
        ("blind-2026-11-29-ap", 1, 0, 249), ("blind-2026-11-29-aq", 0, 0, 301),
        // ar and as: fixed after their first scores (SafetyReadingTests+ThirtiethRound).
        ("blind-2026-11-29-ar", 0, 1, 269), ("blind-2026-11-29-as", 0, 1, 254),
        // at and au: fixed after their first scores (SafetyReadingTests+ThirtyFirstRound).
        ("blind-2026-11-29-at", 0, 0, 270), ("blind-2026-11-29-au", 0, 0, 162),
        // av and aw: fixed after their first scores (SafetyReadingTests+ThirtySecondRound). aw's three tell their
        // sign only at a question the opening answered (where, whether it is both moving and resting, exercise).
        ("blind-2026-11-29-av", 0, 0, 244), ("blind-2026-11-29-aw", 3, 1, 257),
        // ax and ay: fixed after their first scores (SafetyReadingTests+ThirtyThirdRound).
        ("blind-2026-11-29-ax", 0, 2, 268), ("blind-2026-11-29-ay", 0, 0, 205),
        // az and ba: fixed after their first scores (SafetyReadingTests+ThirtyFourthRound).
        ("blind-2026-11-29-az", 0, 1, 239), ("blind-2026-11-29-ba", 0, 2, 275),
        // bb and bc: the last sets (first scores at f336d41); only bb's two false reassurances were fixed after
        // (SafetyReadingTests+ThirtyFifthRound).
        ("blind-2026-11-29-bb", 0, 2, 246), ("blind-2026-11-29-bc", 0, 1, 255),
        // bd and be: fixed after their first scores (SafetyReadingTests+ThirtySixthRound).
        ("blind-2026-11-29-bd", 0, 0, 277), ("blind-2026-11-29-be", 0, 0, 261),
        // bf and bg: fixed after their first scores (SafetyReadingTests+ThirtySeventhRound).
        // bg's one (c61, "I don't feel it much") and bm's one (c06, "quads") came back with the review's fixes.
        ("blind-2026-11-29-bf", 0, 0, 248), ("blind-2026-11-29-bg", 0, 1, 271),
        // bh and bi, bj and bk: fixed after their first scores (SafetyReadingTests+ThirtyEighthRound).
        ("blind-2026-11-29-bh", 0, 0, 230), ("blind-2026-11-29-bi", 0, 0, 280),
        ("blind-2026-11-29-bj", 0, 0, 259), ("blind-2026-11-29-bk", 0, 0, 272),
        // bl and bm: fixed after their first scores (SafetyReadingTests+ThirtyNinthRound). bl's one (c61) tells the
        // weakness only at the exercise question, which the opening ("gym most days") answered.
        ("blind-2026-11-29-bl", 1, 0, 250), ("blind-2026-11-29-bm", 0, 1, 244),
        // bn and bo: the last sets (first scores at d35c585); three of their five over-triaged were fixed after
        // (SafetyReadingTests+ThirtyNinthRound).
        ("blind-2026-11-29-bn", 0, 1, 236), ("blind-2026-11-29-bo", 0, 1, 251),
        // bp and bq: the sixth session's first pair (first scores at 903deb0), fixed after
        // (SafetyReadingTests+FortiethRound); bq's one left (c24) reads the flu's fever "were gone" too far back.
        ("blind-2026-11-29-bp", 0, 0, 246), ("blind-2026-11-29-bq", 0, 1, 245),
        // br and bs: first scores at 8894773 (over-triage 3 and 6); five of the nine fixed in the seventh session
        // (SafetyReadingTests+FortyFirstRound).
        ("blind-2026-11-29-br", 0, 2, 247), ("blind-2026-11-29-bs", 0, 2, 244),
        // bt and bu: the last sets (first scores at 346fcf1), not fixed after.
        ("blind-2026-11-29-bt", 0, 0, 237), ("blind-2026-11-29-bu", 0, 2, 267),
        // bv and bw: first scores at 5f4d346 (bw: false reassurance 2, c50 and c54), fixed in the eighth session
        // (SafetyReadingTests+FortySecondRound).
        ("blind-2026-11-30-bv", 0, 0, 291), ("blind-2026-11-30-bw", 0, 0, 266),
        // bx and by: the last sets (first scores at ca00049); by c53 fixed after by asking an unknown onset again.
        ("blind-2026-11-30-bx", 0, 1, 227), ("blind-2026-11-30-by", 0, 0, 242),
    ])
    func doesNotGetWorse(set: String, falseReassurance: Int, overTriage: Int, recalled: Int) throws {
        let score = try Self.score(set)
        #expect(score.falseReassurance.count <= falseReassurance, "\(score.falseReassurance)")
        #expect(score.overTriage.count <= overTriage, "\(score.overTriage)")
        #expect(score.recalled >= recalled, "\(score.missedSigns)")
        let missed = score.missedEmergency.filter { line in
            !(Self.saidOnlyAtASkippedQuestion[set] ?? []).contains { line.contains(" \($0) [") }
        }
        #expect(missed.isEmpty, "\(missed)")
        #expect(score.loops.isEmpty, "\(score.loops)")
    }

    @Test func theScorerCountsFalseReassurance() {
        // A conversation that needs a doctor for weakness the reader cannot see must count as false reassurance.
        let text = """
            === made-up
            expect: doctor
            truth: weakness
            opening: my eyelid twitches
            urgent: no
            onset: 3 days ago
            episode_length: a second
            same_place: yes
            frequency: a few times a day
            moving_and_resting: only when resting
            other_symptoms: none
            locations: left eyelid
            new_medication: no
            new_condition: no
            stress: no
            caffeine: 1
            sleep: 8
            hydration: yes
            diet: yes
            exercise: no
            """
        let conversations = BlindSet.parseConversations(text)
        let score = BlindSet.evaluate(
            utterances: [], conversations: conversations.items, knowledge: Self.knowledge, today: Self.today)
        #expect(score.needed == 1)
        #expect(score.falseReassurance.count == 1)
    }
}
