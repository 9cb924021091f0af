import Assessment
import Screening
import Testing

@testable import Dialogue

/// The seventh round: the classes blind set j missed or misread on its first score (2026-11-28, at c6a34bb), and the
/// everyday movements that a person no longer manages (found on sets f and i, built before set j was scored). Each
/// test failed on f14c46e or c6a34bb in at least one of its cases; the other cases are neighbours of the same class.
extension SafetyReadingTests {
    @Test(arguments: [
        ("opening", "for two months my thumb jumps and now I cannot open the bottle caps properly", "weakness"),
        ("caffeine", "2 coffees, I can barely lift the kettle now", "weakness"),
        ("exercise", "no, I'm struggling to climb the stairs at home", "weakness"),
        ("sleep", "6hrs, my legs feel dead heavy in the morning", "weakness"),
        ("new_medication", "not sure if it counts but I started an asthma inhaler around then", "new_medication"),
        ("new_medication", "It began the day after my first chemo tablets, around 4 days ago", "new_medication"),
        ("moving_and_resting", "it happens when I move AND when I sit, doesn't matter", "moving_and_resting"),
    ])
    func everydayMovementsMedicinesAndSittingAreHeard(question: String, text: String, sign: String) {
        Self.expectHeard(sign, in: text, at: question)
    }

    @Test func aMovementNotManagedAsksRatherThanAssumes() {
        // Not managing a movement only suggests weakness: it is confirmed, and a "no" keeps the advice calm.
        let text = "2 coffees, I can barely lift the kettle now"
        let denied = Self.play(["caffeine": text])
        #expect(denied.asked.contains(Interview.confirmPrefix + "weakness"))
        #expect(!Self.symptoms(denied.case).contains(.weakness))
        #expect(denied.advice?.triage == .selfCare)
    }

    @Test(arguments: [
        ("stress", "i'm tingling with excitement lol just got into uni, so no not stressed"),
        ("new_medication", "no, unless being sick of this twitch counts"),
        ("frequency", "a few times a day, weak little flickers"),
        ("diet", "yes, although the food in our canteen is nauseating lol"),
    ])
    func figuresOfSpeechAreNotSigns(question: String, text: String) {
        let result = Self.play([question: text])
        #expect(Self.symptoms(result.case).isEmpty, "\(text)")
        #expect(result.advice?.triage == .selfCare, "\(text)")
    }

    @Test func feelingLikeThrowingUpIsNauseaNotVomiting() {
        let result = Self.play([
            "opening": "ok so my tummy muscle twitches and i feel like throwing up but havent actually"
        ])
        #expect(Self.symptoms(result.case).contains(.nausea))
        #expect(!Self.symptoms(result.case).contains(.vomiting))
    }

    @Test(arguments: [
        ("new_medication", "yes, amitriptyline for my back, started it about a week before this began"),
        ("exercise", "no, I can't even do my usual walk, I feel wobbly and my legs won't hold me"),
    ])
    func aPartNamedWithoutTwitchingAtAHabitQuestionIsNoPlace(question: String, text: String) {
        var answers = ["opening": "my left calf twitches"]
        answers[question] = text
        let result = Self.play(answers, truth: ["weakness"])
        #expect(result.case["locations"]?.value == .sites([Site(.calf, side: .left)]), "\(text)")
        // It may still be a place it twitches: that is asked, not assumed either way.
        #expect(result.asked.contains(Interview.confirmPrefix + "multiple_areas"), "\(text)")
    }

    @Test func aPlaceSaidWithoutTwitchingAtAHabitQuestionIsAskedAbout() {
        let answers = ["opening": "my left calf twitches", "exercise": "no, but it's in my right arm now"]
        #expect(Self.redFlags(Self.play(answers, truth: ["multiple_areas"])).contains("multiple_areas"))
        #expect(!Self.redFlags(Self.play(answers)).contains("multiple_areas"))
    }

    @Test func aCorrectionAtAHabitQuestionStillMovesThePlace() {
        let result = Self.play(["opening": "my left calf twitches", "diet": "actually it's both calves"])
        #expect(result.case["locations"]?.value == .sites([Site(.calf, side: .both)]))
    }

    @Test(arguments: [
        ("Left bicep, and it looks a bit smaller than the right one, maybe?", [Site(.upperArm, side: .left)]),
        ("my bum cheek", [Site(.buttock)]),
    ])
    func comparisonsAndBumCheeksNameOnePlace(text: String, sites: [Site]) {
        #expect(BodySites.read(Screening.tokens(text)) == .value(.sites(sites)), "\(text)")
    }

    @Test func theBumCheekInAStoryIsOnePlace() {
        let result = Self.play(["opening": "bit embarrassing but my bum cheek keeps twitching, three days now"])
        #expect(result.case["locations"]?.value == .sites([Site(.buttock, side: .left)]))
    }

    @Test func whatTheTwitchingFollowedIsNotWhenItHappens() {
        let result = Self.play([
            "opening":
                "Twitching in my right calf at night for the last few nights, started after I went back to football training."
        ])
        #expect(result.case["moving_and_resting"]?.value != .yesNo(true))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test func aUnitAloneIsOneOfIt() {
        let result = Self.play(["opening": "my calf twitches", "episode_length": "second or two"])
        #expect(result.case["episode_length"]?.value == .episode(.seconds(1)))
    }

    @Test func aStoryOpeningWithWhenTellsRatherThanAsks() {
        let result = Self.play([
            "opening": "my calf twitches",
            "onset": "When I came back from the hospital after they told me I had MS, so about three weeks",
        ])
        #expect(result.case["onset"]?.value == .daysAgo(21))
        #expect(result.case["new_condition"]?.value == .yesNo(true))
    }

    @Test func yeIsYes() {
        let result = Self.play(["same_place": "ye"])
        #expect(result.case["same_place"]?.value == .yesNo(true))
    }
}
