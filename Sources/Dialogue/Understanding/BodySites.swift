import Assessment
import Screening

/// Reads body sites ("left eyelid", "both calves", "arms, legs and back", "left and right thumb").
///
/// A side word qualifies the next part named ("left eyelid and right calf"); a side with no part after it
/// qualifies the parts just named without a side ("my calf, the left one"). A plural part with no side, or
/// "both", gives `.both`. The same part named on the left and on the right becomes `.both`. Sites come out in the
/// order first named, each part once.
enum BodySites {
    /// A part phrase: the part, and whether the phrase is plural.
    struct Part: Sendable {
        var part: BodyPart
        var plural: Bool
    }

    /// Singular phrases with no regular plural: mass words ("back") and those with an irregular one ("calves").
    static let noRegularPlural: Set<String> = [
        "back", "lower back", "upper back", "spine", "stomach", "belly", "abdomen", "tummy", "chest", "face", "neck",
        "jaw", "tongue", "mouth", "chin", "throat", "groin", "nose", "forehead", "bottom", "bum", "butt", "ab", "pec",
        "rib", "glute", "quad", "bicep", "tricep", "calf", "eyebrow", "cheek", "temple", "lip", "hamstring", "pinky",
        "foot", "buttock", "shoulder blade",
    ]

    /// Body part phrases.
    static let parts: PhraseTable<Part> = {
        let singular: [(String, BodyPart)] = [
            ("eyelid", .eyelid), ("eye lid", .eyelid), ("eye", .eyelid), ("lid", .eyelid), ("eyebrow", .face),
            ("upper eyelid", .eyelid), ("lower eyelid", .eyelid), ("bottom lid", .eyelid), ("bottom eyelid", .eyelid),
            ("top lid", .eyelid), ("lower lid", .eyelid), ("upper lid", .eyelid), ("under my eye", .eyelid),
            ("under the eye", .eyelid),
            ("face", .face), ("cheek", .face), ("temple", .face), ("forehead", .face), ("nose", .face),
            ("lip", .lip), ("mouth", .lip), ("bottom lip", .lip), ("top lip", .lip), ("upper lip", .lip),
            ("lower lip", .lip), ("jaw", .jaw), ("chin", .jaw), ("tongue", .tongue),
            ("neck", .neck), ("throat", .neck), ("shoulder", .shoulder), ("shoulder blade", .back),
            ("bicep", .upperArm), ("tricep", .upperArm), ("upper arm", .upperArm), ("forearm", .forearm),
            ("wrist", .forearm), ("elbow", .arm), ("arm", .arm), ("hand", .hand), ("palm", .hand),
            ("finger", .finger), ("pinky", .finger), ("thumb", .thumb),
            ("chest", .chest), ("pec", .chest), ("rib", .chest), ("back", .back), ("lower back", .back),
            ("upper back", .back), ("spine", .back),
            ("stomach", .abdomen), ("belly", .abdomen), ("abdomen", .abdomen), ("tummy", .abdomen),
            ("ab", .abdomen), ("hip", .hip), ("butt", .buttock), ("buttock", .buttock),
            ("bum", .buttock), ("bum cheek", .buttock), ("butt cheek", .buttock), ("glute", .buttock),
            ("bottom", .buttock),
            ("thigh", .thigh), ("quad", .thigh), ("hamstring", .thigh), ("groin", .thigh), ("knee", .knee),
            ("leg", .leg), ("lower leg", .leg), ("upper leg", .thigh), ("calf", .calf), ("shin", .shin),
            ("foot", .foot), ("ankle", .foot), ("heel", .foot), ("sole", .foot), ("arch", .foot), ("toe", .toe),
            ("big toe", .toe),
        ]
        let irregular: [(String, BodyPart)] = [
            ("calves", .calf), ("calfs", .calf), ("feet", .foot),
            ("eyelashes", .eyelid), ("pinkies", .finger), ("pecs", .chest),
            ("glutes", .buttock), ("buttocks", .buttock), ("quads", .thigh), ("hamstrings", .thigh),
            ("lips", .lip), ("cheeks", .face), ("temples", .face), ("eyebrows", .face),
        ]
        let everywhere: [(String, BodyPart)] = [
            ("all over", .allOver), ("everywhere", .allOver), ("whole body", .allOver), ("entire body", .allOver),
            ("all over my body", .allOver), ("all over the body", .allOver), ("body", .allOver),
            ("random places", .allOver), ("all my muscles", .allOver), ("different places", .allOver),
            ("whole side", .allOver), ("whole left side", .allOver), ("whole right side", .allOver),
            ("left side of my body", .allOver), ("right side of my body", .allOver), ("one side of my body", .allOver),
            ("entire left side", .allOver), ("entire right side", .allOver),
        ]
        var entries: [(String, Part)] = []
        for (phrase, part) in singular {
            entries.append((phrase, Part(part: part, plural: false)))
            // Regular plurals: "eyes", "upper arms"; mass words ("back", "stomach") have none.
            if !noRegularPlural.contains(phrase) {
                // "my fingers twitch": several fingers of a hand, not both hands; the side is asked.
                entries.append((phrase + "s", Part(part: part, plural: ![.finger, .toe].contains(part))))
            }
        }
        entries += irregular.map { ($0.0, Part(part: $0.1, plural: true)) }
        entries.append(("butts", Part(part: .buttock, plural: false)))
        // "my triceps twitch": the word is singular too, so the side is asked; "the ribs" are one chest.
        entries += ["biceps", "triceps"].map { ($0, Part(part: .upperArm, plural: false)) }
        entries.append(("ribs", Part(part: .chest, plural: false)))
        // "the abs" is the one belly, not both sides of it.
        entries.append(("abs", Part(part: .abdomen, plural: false)))
        // "between the shoulder blades" is one place on the back.
        entries.append(("shoulder blades", Part(part: .back, plural: false)))
        entries += everywhere.map { ($0.0, Part(part: $0.1, plural: false)) }
        return PhraseTable(entries)
    }()

    /// Side phrases.
    static let sides = PhraseTable<Side>([
        ("left", .left), ("l", .left), ("lft", .left), ("right", .right), ("r", .right), ("rt", .right),
        ("both", .both), ("both sides", .both), ("either side", .both), ("each side", .both),
        ("left and right", .both), ("right and left", .both), ("bilateral", .both), ("each", .both),
    ])

    /// Verbs that follow only a singular subject: after "eyelid's" (tokenized "eyelids") they show it was one.
    static let singularVerbs: Set<String> = ["been", "is", "was", "has", "gone", "going"]

    /// Reads the sites.
    static func read(_ tokens: [String]) -> Reading {
        var sites: [Site] = []
        var pending: Side?
        var unsided: [Int] = []  // indices in `sites` named since the last side, without one
        var lastPartEnd: Int?
        var index = 0
        while index < tokens.count {
            // "right arm, and the left one too", "sometimes the left too": a side with "one" (or "too", "as well")
            // is the part named last.
            if let side = sides.match(tokens, at: index), side.end < tokens.count,
                ["one", "ones"].contains(tokens[side.end])
                    || ((tokens[side.end] == "too"
                        || (tokens[side.end] == "as" && side.end + 1 < tokens.count && tokens[side.end + 1] == "well"))
                        && sites.last?.side != nil && unsided.isEmpty && pending == nil)
                    // "left calf and the right is twitching too": the other side of the part, doing it too.
                    || (["is", "isnt", "twitches", "twitching", "jumps", "does", "goes", "started", "has", "keeps"]
                        .contains(tokens[side.end]) && tokens[max(0, index - 2)..<index].contains("and")
                        && sites.last?.side != nil && sites.last?.side != side.value && pending == nil),
                let last = sites.last, last.part != .allOver
            {
                // "Just my right calf. The left one's fine": a side said to be fine is not a place.
                let after = tokens[(side.end + 1)...].prefix(2)
                // "it looks smaller than the right one": a comparison, not another place.
                let comparing = tokens[max(0, index - 3)..<index].contains { ["than", "compared"].contains($0) }
                // ("left calf, and the right is not fine either" is not fine.)
                let notFine = tokens[side.end...].prefix(3).contains {
                    ["not", "never", "isnt", "hardly"].contains($0)
                }
                if (after.contains(where: Symptoms.normalWords.contains) && !notFine) || comparing {
                    index = side.end + 1
                    continue
                }
                // "both my quads... no wait, just the right one": after a correction or "just", the side replaces.
                let replaces =
                    Durations.corrects(tokens[..<index])
                    || tokens[max(0, index - 2)..<index].contains { $0 == "just" || $0 == "only" }
                if replaces, let position = sites.lastIndex(where: { $0.part == last.part }) {
                    sites[position].side = side.value
                } else {
                    _ = add(Site(last.part, side: side.value), to: &sites)
                }
                unsided.removeAll()
                index = side.end + 1
                continue
            }
            // "the other one", "the other side", "my other eye": the opposite side of the part.
            // "thinner than the other one", "compared to the other side": a comparison, not another place.
            // "it looks the same as the other hand" (not "as well as the other arm").
            let window = tokens[max(0, index - 3)..<index]
            let comparing =
                window.contains { ["than", "compared", "next", "same", "unlike"].contains($0) }
                // "that arm feels cold all the time, not like the other one".
                || (window.contains("like") && window.contains("not"))
                || (window.contains("as") && !window.contains("well"))
            if tokens[index] == "other", index + 1 < tokens.count, !comparing {
                let partMatch = parts.match(tokens, at: index + 1)
                let named =
                    partMatch?.value.part ?? (["one", "side"].contains(tokens[index + 1]) ? sites.last?.part : nil)
                if let named, named != .allOver {
                    let before = sites.first { $0.part == named }?.side
                    let opposite: Side =
                        switch before {
                        case .left?: .right
                        case .right?: .left
                        case .both?, nil: .both
                        }
                    _ = add(Site(named, side: opposite), to: &sites)
                    unsided.removeAll()
                    pending = nil
                    index = partMatch?.end ?? index + 2
                    continue
                }
            }
            if let side = sides.match(tokens, at: index) {
                // "my right eye, sorry i mean left": a side alone after a correction replaces the last one.
                if Durations.corrects(tokens[max(0, index - 3)..<index]), !sites.isEmpty,
                    parts.match(tokens, at: side.end) == nil
                {
                    sites[sites.count - 1].side = side.value
                    pending = nil
                    index = side.end
                    continue
                }
                // "smaller than the left now": a side compared with is not a place; nor is "the right is fine".
                if comparing || saidFine(tokens, after: side.end), parts.match(tokens, at: side.end) == nil {
                    index = side.end
                    continue
                }
                pending = merge(pending, side.value)
                index = side.end
                continue
            }
            if var part = parts.match(tokens, at: index) {
                // "right eye, bottom bit", "right eye bottom": the bottom of the place named, not a buttock.
                if part.value.part == .buttock, tokens[index] == "bottom",
                    (part.end < tokens.count
                        && ["bit", "part", "half", "corner", "edge", "side", "of", "end", "one", "lid", "lids"]
                            .contains(
                                tokens[part.end]))
                        || tokens[max(0, index - 3)..<index].contains(where: {
                            ["eye", "eyes", "eyelid", "eyelids", "lid", "lip", "lips"].contains($0)
                        })
                {
                    index = part.end
                    continue
                }
                // "calf raises", "leg day": an exercise, not a place.
                if part.end < tokens.count, Self.exerciseNames.contains(tokens[part.end]) {
                    index = part.end
                    continue
                }
                // "steroids for my back", "new tablets for stomach", "sick to my stomach", "boxes everywhere": what a
                // medicine is for, a feeling, a mess, not where it twitches.
                if Self.notWhereItTwitches(tokens, part: index) {
                    index = part.end
                    continue
                }
                // "did arms yesterday", "trained my legs": the muscles a workout was for, not a place.
                if Self.trained(tokens, before: index) {
                    index = part.end
                    continue
                }
                // "chest and back day": both parts name the exercise.
                if part.end + 1 < tokens.count, tokens[part.end] == "and",
                    let second = parts.match(tokens, at: part.end + 1), second.end < tokens.count,
                    Self.exerciseNames.contains(tokens[second.end])
                {
                    index = second.end
                    continue
                }
                // "is my body rebelling": the body as a whole, asked about, is not where it twitches.
                if part.value.part == .allOver, tokens[index..<part.end].elementsEqual(["body"]),
                    (index >= 2
                        && ["is", "does", "why", "whats", "can", "could", "will", "would"].contains(tokens[index - 2]))
                        || (part.end < tokens.count && tokens[part.end].hasSuffix("ing")
                            && !Story.twitchingWords.contains(tokens[part.end]))
                {
                    index = part.end
                    continue
                }
                // "right shoulder, the back part", "my calf, the front bit": where on the place just named.
                // "right shoulder, the back of it", "left calf, the fleshy part at the back", "just below the back of
                // the knee": the back of the place named, not the back.
                let after = part.end < tokens.count ? tokens[part.end] : ""
                let afterNext = part.end + 1 < tokens.count ? tokens[part.end + 1] : ""
                let before = index > 0 ? tokens[index - 1] : ""
                if part.value.part == .back, tokens[index] == "back", lastPartEnd != nil,
                    ["part", "bit", "side", "half", "area"].contains(after)
                        || (after == "of" && ["it", "them"].contains(afterNext))
                        || (before == "the" && index >= 2 && tokens[index - 2] == "at")
                {
                    index = part.end
                    continue
                }
                // "the muscle between my thumb and finger": the place between two parts is one place.
                if let and = tokens[max(0, index - 3)..<index].lastIndex(of: "and"),
                    tokens[max(0, and - 4)..<and].contains("between")
                {
                    index = part.end
                    continue
                }
                // "my cheek keeps twitching under my right eye": a part after "under", "above" or "near" says where
                // the place just named is; it is not another place.
                if let lastPartEnd,
                    locates(tokens, before: locators.contains(tokens[index]) ? index + 1 : index, after: lastPartEnd)
                {
                    pending = nil
                    index = part.end
                    continue
                }
                defer { lastPartEnd = part.end }
                // "my right leg is fine": a part said to be fine is not a place.
                if saidFine(tokens, after: part.end) {
                    pending = nil
                    index = part.end
                    continue
                }
                // "the back of my left hand": the hand.
                if part.value.part == .back, let outer = backOf(tokens, after: part.end) {
                    part = outer.part
                    pending = merge(pending, outer.side)
                }
                // "my eyelid's been twitching" reads as "eyelids been": a plural before a singular verb is one part.
                if part.value.plural, part.end < tokens.count, singularVerbs.contains(tokens[part.end]) {
                    part.value.plural = false
                }
                var side = pending ?? (part.value.plural ? .both : nil)
                if part.value.part == .allOver { side = nil }
                // "my right calf, sorry, left calf": the same part again after a correction replaces its side.
                if let side, Durations.corrects(tokens[max(0, index - 4)..<index]), let last = sites.last,
                    last.part == part.value.part, !part.value.plural
                {
                    sites[sites.count - 1].side = side
                    pending = nil
                    index = part.end
                    continue
                }
                // "a flicker in my upper arm, and the arm looks thinner": "the arm" is the upper arm again.
                let determiner = index > 0 ? tokens[index - 1] : ""
                let refers =
                    ["the", "that", "this", "same"].contains(determiner)
                    || (determiner == "whole" && index > 1 && ["the", "that"].contains(tokens[index - 2]))
                // "right forearm, and that hand feels weaker": "that" points back to the place named; it is not
                // another one.
                // ("yes its loyal to that cheek", later: the place named before.)
                if determiner == "that", pending == nil, !part.value.plural {
                    index = part.end
                    continue
                }
                if refers, side == nil || side == pending, !part.value.plural,
                    let earlier = sites.firstIndex(where: { contains(part.value.part, $0.part) })
                {
                    sites[earlier].side = merge(sites[earlier].side, side)
                    pending = nil
                    index = part.end
                    continue
                }
                // "calf on my left leg", "the thumb of my right hand": one place, the larger part only says where.
                if let within = within(tokens, after: part.end, of: part.value.part) {
                    // "the toes on my right foot": the side of the foot, not both.
                    side = part.value.plural && pending == nil ? within.side ?? side : merge(side, within.side)
                    let position = add(Site(part.value.part, side: side), to: &sites)
                    if side == nil { unsided.append(position) } else { unsided.removeAll() }
                    pending = nil
                    index = within.end
                    continue
                }
                // "Finger, middle one, on the right hand": a larger part named after a smaller one without a side
                // gives it its side.
                if [.hand, .foot, .arm, .leg].contains(part.value.part), !part.value.plural,
                    let inner = sites.lastIndex(where: { $0.side == nil && contains(part.value.part, $0.part) })
                {
                    if let pending { sites[inner].side = pending }
                    pending = nil
                    index = part.end
                    continue
                }
                // "my right hand keeps twitching … like my fingers jump": the fingers of a hand already named are
                // that hand, unless a side says otherwise.
                // So is the hand of a finger already named ("my index finger twitches when I rest my hand").
                if pending == nil,
                    sites.contains(where: {
                        contains($0.part, part.value.part)
                            || (part.value.part == .hand && !part.value.plural && [.finger, .thumb].contains($0.part))
                    })
                {
                    index = part.end
                    continue
                }
                let position = add(Site(part.value.part, side: side), to: &sites)
                if pending == nil, side == nil { unsided.append(position) } else { unsided.removeAll() }
                pending = nil
                index = part.end
                continue
            }
            index += 1
        }
        if let pending {
            for position in unsided where sites[position].side == nil { sites[position].side = pending }
        }
        return sites.isEmpty ? .unclear : .value(.sites(sites))
    }

    /// Words that place a part by another ("under my eye").
    static let locators: Set<String> = ["under", "below", "beneath", "underneath", "above", "near", "by"]

    /// Words between a locator and its part ("under my left eye"), for ``locates(_:before:after:)`` and
    /// ``landmarks(in:)``.
    static let wordsBeforeAPart: Set<String> = ["my", "the", "left", "right", "l", "r"]

    /// Whether the part at `index` only says where the part that ended at `end` is: a locator right before it
    /// ("under my right eye"), at most four words after that part, with no "and" between.
    static func locates(_ tokens: [String], before index: Int, after end: Int) -> Bool {
        guard end <= index, index - end <= 7 else { return false }
        var position = index - 1
        while position >= end, wordsBeforeAPart.contains(tokens[position]) { position -= 1 }
        guard position >= end, locators.contains(tokens[position]), position - end <= 4 else { return false }
        return !tokens[end..<position].contains { ["and", ".", "also", "too", "plus", "or", "then"].contains($0) }
    }

    /// The parts named right after a locator ("above the knee", "under my left eye"), after another part, with the
    /// side said there. None when the message says the places are apart ("not only", "separately", "elsewhere").
    static func landmarks(in tokens: [String]) -> [Site] {
        let apart: Set<String> = [
            "separately", "elsewhere", "moved", "own", "itself", "also", "too", "another", "else",
        ]
        if tokens.contains(where: apart.contains)
            || zip(tokens, tokens.dropFirst()).contains(where: { $0 == "not" && $1 == "only" })
        {
            return []
        }
        var found: [Site] = []
        var partSeen = false
        var index = 0
        while index < tokens.count {
            if let part = parts.match(tokens, at: index) {
                var before = index - 1
                var side: Side?
                while before >= 0, wordsBeforeAPart.contains(tokens[before]) {
                    if ["left", "l"].contains(tokens[before]) { side = .left }
                    if ["right", "r"].contains(tokens[before]) { side = .right }
                    before -= 1
                }
                if partSeen, before >= 0, locators.contains(tokens[before]) {
                    found.append(Site(part.value.part, side: side))
                }
                partSeen = true
                index = part.end
                continue
            }
            index += 1
        }
        return found
    }

    /// Whether the words right after a part say it is fine ("my right leg is fine", "left one's ok").
    static func saidFine(_ tokens: [String], after end: Int) -> Bool {
        let after = Array(tokens[end..<min(tokens.count, end + 3)])
        // "my face looks normal in the mirror".
        guard let first = after.first,
            [
                "is", "s", "are", "was", "were", "feels", "seems", "fine", "ok", "okay", "looks", "look", "seem",
                "feel",
            ].contains(first)
        else { return false }
        return after.contains(where: Symptoms.normalWords.contains) && !after.contains("not")
    }

    /// Whether the words around the part at `index` say it is not where it twitches: what a medicine is for
    /// ("steroids for my back"), "sick to my stomach", "everywhere" after things ("boxes everywhere").
    static func notWhereItTwitches(_ tokens: [String], part index: Int) -> Bool {
        var before = index - 1
        if before >= 0, ["my", "the", "his", "her"].contains(tokens[before]) { before -= 1 }
        if before >= 1, tokens[before] == "for",
            tokens[max(0, before - 3)..<before].contains(where: Story.medicineWords.contains)
        {
            return true
        }
        if before >= 1, tokens[before] == "to", ["sick", "sickness"].contains(tokens[before - 1]),
            tokens[index] == "stomach"
        {
            return true
        }
        // "on my feet all day", "put my feet up": standing, resting.
        if tokens[index] == "feet", index >= 2,
            (tokens[index - 1] == "my" && ["on", "off"].contains(tokens[index - 2]))
                || (index + 1 < tokens.count && tokens[index + 1] == "up")
        {
            return true
        }
        // "my right eyelid twitches, eyes red from chlorine too": how they look, not a place.
        if ["eyes", "eye"].contains(tokens[index]), index + 1 < tokens.count,
            ["red", "itchy", "dry", "watery", "bloodshot", "puffy", "sore", "tired"].contains(tokens[index + 1])
        {
            return true
        }
        // "mustering on foot", "went on foot": walking.
        if tokens[index] == "foot", index > 0, tokens[index - 1] == "on" { return true }
        // "my new tablets upset my stomach": a feeling, not a place.
        if tokens[index] == "stomach", before >= 0,
            ["upset", "upsets", "upsetting", "settle", "settles"].contains(tokens[before])
        {
            return true
        }
        // "I can still stand on my toes", "up on my tiptoes": a test of strength, not a place.
        // (Not "on my toes and my calf".)
        if ["toes", "tiptoes", "tiptoe", "heels"].contains(tokens[index]), index >= 3, tokens[index - 1] == "my",
            ["on", "onto"].contains(tokens[index - 2]),
            tokens[max(0, index - 5)..<(index - 2)].contains(where: {
                ["stand", "standing", "stood", "up", "rise", "raise", "raises", "walk", "walking"].contains($0)
            })
        {
            return true
        }
        // "my body is telling me something": the body as a whole, not where it twitches.
        if tokens[index] == "body",
            tokens[(index + 1)..<min(tokens.count, index + 3)].contains(where: {
                ["telling", "tells", "trying", "saying", "warning", "reacting", "rebelling", "knows"].contains($0)
            })
        {
            return true
        }
        return tokens[index] == "everywhere" && index > 0
            && ["boxes", "stuff", "things", "toys", "mess", "clutter", "paperwork", "bags", "people"].contains(
                tokens[index - 1])
    }

    /// Whether the words before a part name a workout for it: "did arms", "hit legs", "trained my legs".
    static func trained(_ tokens: [String], before index: Int) -> Bool {
        guard index > 0 else { return false }
        if ["did", "trained", "train", "training", "hit", "smashed"].contains(tokens[index - 1]) { return true }
        return index > 1 && ["my", "the"].contains(tokens[index - 1])
            && ["trained", "train", "training", "worked", "working"].contains(tokens[index - 2])
    }

    /// Words after a part that make it the name of an exercise ("calf raises", "leg day").
    static let exerciseNames: Set<String> = [
        "raises", "raise", "curls", "curl", "presses", "extensions", "extension", "day", "workout", "stretches",
        "program", "programme", "routine", "split", "session", "sessions", "workouts",
    ]

    /// "of my left hand" after "back": the part it is the back of, its side and where it ends.
    static func backOf(_ tokens: [String], after start: Int) -> (part: PhraseTable<Part>.Match, side: Side?)? {
        guard let (outer, side) = partAfter(tokens, start, prepositions: ["of"]),
            [.hand, .foot, .neck, .knee, .leg, .arm, .thigh, .calf, .shoulder].contains(outer.value.part)
        else { return nil }
        return (outer, side)
    }

    /// The part named after a preposition at `start` ("on my left leg", "of the hand"), and its side.
    static func partAfter(
        _ tokens: [String], _ start: Int, prepositions: Set<String>
    ) -> (part: PhraseTable<Part>.Match, side: Side?)? {
        var index = start
        guard index < tokens.count, prepositions.contains(tokens[index]) else { return nil }
        index += 1
        if index < tokens.count, ["my", "me", "the", "your", "his", "her"].contains(tokens[index]) { index += 1 }
        var side: Side?
        if let found = sides.match(tokens, at: index) {
            side = found.value
            index = found.end
        }
        return parts.match(tokens, at: index).map { ($0, side) }
    }

    /// The larger part named right after `part` that contains it ("on my left leg" after "calf"): its side and
    /// where it ends.
    static func within(_ tokens: [String], after start: Int, of part: BodyPart) -> (side: Side?, end: Int)? {
        guard let (outer, side) = partAfter(tokens, start, prepositions: ["on", "of", "in"]),
            !outer.value.plural || side == nil, contains(outer.value.part, part)
        else { return nil }
        return (side, outer.end)
    }

    /// Whether `outer` is a larger part that `inner` belongs to (a calf is on a leg, a thumb on a hand).
    static func contains(_ outer: BodyPart, _ inner: BodyPart) -> Bool {
        switch outer {
        case .leg: [.thigh, .knee, .calf, .shin, .foot, .toe].contains(inner)
        case .arm: [.upperArm, .forearm, .hand, .finger, .thumb].contains(inner)
        case .hand: [.finger, .thumb].contains(inner)
        case .foot: inner == .toe
        case .face: [.eyelid, .lip, .jaw].contains(inner)
        case .eyelid, .lip, .jaw, .tongue, .neck, .shoulder, .upperArm, .forearm, .finger, .thumb, .chest, .back,
            .abdomen, .hip, .buttock, .thigh, .knee, .calf, .shin, .toe, .allOver:
            false
        }
    }

    /// Adds `site`, merging it into the same part already named; returns its position.
    static func add(_ site: Site, to sites: inout [Site]) -> Int {
        guard let position = sites.firstIndex(where: { $0.part == site.part }) else {
            sites.append(site)
            return sites.count - 1
        }
        sites[position].side = merge(sites[position].side, site.side)
        return position
    }

    /// Two sides as one: left and right make both; no side adds nothing.
    static func merge(_ a: Side?, _ b: Side?) -> Side? {
        guard let a else { return b }
        guard let b else { return a }
        return a == b ? a : .both
    }

    /// Words the reader uses, for the typo corrector.
    static let vocabulary: Set<String> = parts.words.union(sides.words)
}
