import Assessment
import Screening

/// What one message says: the answer to the pending question, other parts of the case it fills, a correction,
/// a question of the person's own. Pure and deterministic: the same words (and date) give the same reading.
public struct Understood: Hashable, Sendable {
    /// The reading of the pending question, or `nil` when the message was not read as its answer (it asked a
    /// question, or corrected an earlier answer).
    public var pending: Reading?
    /// Other parts of the case the message fills, by question id (never the pending question, `opening` or
    /// `urgent`).
    public var values: [String: Value] = [:]
    /// A side given alone to correct the place ("no, the left one").
    public var side: Side?
    /// Whether an answer to "where?" says it is nowhere else ("no, just there", "not sure"), with no place of its own:
    /// the place the story named stands.
    public var nowhereElse = false
    /// Whether the message says it corrects something ("actually", "sorry", "I meant", "…, not 3 days").
    public var corrects = false
    /// Whether the message is a question of the person's own ("is this ALS?").
    public var isQuestion = false
    /// The id of the knowledge answer to that question (`als`), or ``Understanding/Reader/whyTopic``.
    public var topic: String?
    /// The body parts read without correcting typos: only these add to places already noted.
    public var placesAsTyped: Set<BodyPart> = []
    /// Whether the message names the twitching itself ("it's been twitching every day for a month"): only then does
    /// a time said in answer to another question ("lifting boxes all day") change how long or how often it is.
    public var namesTwitching = false
    /// Every sign the message mentions, with how it is said: read whatever question is pending.
    public var mentions: [Screening.Mention] = []
    /// Whether the answer to the checklist only denied symptoms it named, none of nerves and muscles ("no fever,
    /// no headache"): weakness, loss of muscle and feeling are still to be asked.
    public var deniesOnlyOthers = false
    /// Whether the message says it is written for someone else ("typing for my dad", "my husband asked me to
    /// write"): from then on, what is said of him or her is said of the person the interview is about.
    public var forAnother = false
    /// Whether the message says a place is added ("my lip too", "also my chin"): a place near one already noted
    /// then counts as another.
    public var addsPlaces = false
    /// Whether the message sets something against what it says ("but", "once", "sometimes", "except", "mostly").
    public var contrasts = false
    /// Whether the message has a word that joins places ("and", "also", "too", "plus", "both", "other").
    public var joinsPlaces = false
    /// The parts named only to say where a place is ("left thigh, just above the knee"): the knee is not another
    /// place, and a place a story named there ("just above my left knee") is said more exactly by the answer.
    public var landmarks: [Site] = []
    /// Whether the message gave a time near two weeks that may be more: "for weeks now" (not how many), "like 2
    /// weeks, maybe more?".
    public var onsetMayBeLonger = false
}

extension Understanding {
    /// Reads whole messages: prepared once from the knowledge (its answers to the person's questions).
    public struct Reader: Sendable {
        /// The topic of "why do you ask?": answered with the pending question's `why`.
        public static let whyTopic = "why"

        let topics: PhraseTable<String>
        /// The `skip_when` of each question that has one.
        let skipWhen: [String: Condition]
        /// Every reader's words and the words of the questions answered, for the typo corrector.
        let vocabulary: Typos.Vocabulary
        /// The safety reader: every sign in every message.
        public let screening: Screening
        /// Each question's own phrases, prepared once rather than on every answer.
        let questionPhrases: [String: QuestionPhrases]

        public init(knowledge: Knowledge) {
            var phrases: [(String, String)] = Self.whyPhrases.map { ($0, Self.whyTopic) }
            for answer in knowledge.answers {
                phrases += answer.asks.map { ($0, answer.id) }
            }
            topics = PhraseTable(phrases)
            skipWhen = Dictionary(
                knowledge.questions.compactMap { question in question.skipWhen.map { (question.id, $0) } }
            ) { first, _ in first }
            screening = Screening(knowledge: knowledge)
            questionPhrases = Dictionary(
                knowledge.questions.compactMap { question in
                    question.phrases.isEmpty
                        ? nil : (question.id, QuestionPhrases(question.phrases, kind: question.kind))
                }
            ) { first, _ in first }
            vocabulary = Typos.Vocabulary(
                Vocabularies.story.words.union(topics.words).union(screening.vocabulary.filter { $0.count >= 4 }))
        }

        static let whyPhrases = [
            "why do you ask", "why are you asking", "why ask", "why does that matter", "why do you need", "why you ask",
            "why you asking", "does it matter", "why you need",
            "why is that important", "why does it matter", "why do you want to know", "what does that have to do",
            "why that question", "why this question",
        ]

        /// Words that open a question.
        static let interrogatives: Set<String> = [
            "what", "whats", "why", "how", "hows", "is", "are", "can", "could", "should", "would", "will", "do",
            "does", "did", "am", "which", "when", "where", "who", "whos", "isnt", "arent", "shouldnt", "wont", "might",
        ]

        /// The sign of twitching in more than one place.
        static let severalPlaces = "multiple_areas"
        /// The questions at which a place counts only in a message that names twitching.
        static let placesNeedTwitching: Set<String> = [
            "new_medication", "new_condition", "stress", "caffeine", "sleep", "hydration", "diet", "exercise",
        ]
        static let correctionOpeners = Durations.correctionWords
        static let correctionPhrases = PhraseTable<Bool>([
            ("i meant", true), ("i mean", true), ("my mistake", true), ("my bad", true), ("let me correct", true),
            ("i was wrong", true), ("i got that wrong", true), ("i said that wrong", true), ("not right", true),
            ("not my", true), ("i didnt say", true), ("i did not say", true), ("thats wrong", true),
            ("thats not right", true), ("you got that wrong", true),
        ])

        /// Reads `text`, the answer to `pending` (`nil` once the interview is finished), on `today`. `forAnother`:
        /// an earlier message said it was written for someone else, so "his arm", "she can't swallow" are said of
        /// the person the interview is about.
        public func read(
            _ text: String, pending: Question?, today: CalendarDate? = nil, forAnother: Bool = false
        ) -> Understood {
            // "My thumb's got a twitch": the thumb has (not "thumbs", two of them).
            var text = text
            if Self.saysGot(text) {
                text = text.replacing("'s got ", with: " has got ").replacing("\u{2019}s got ", with: " has got ")
            }
            var result = readMessage(forAnother ? Self.asSpeaker(text) : text, pending: pending, today: today)
            // The message itself says it is written for someone else (rarely): it is read again that way.
            let says = result.forAnother
            if says, !forAnother {
                result = readMessage(Self.asSpeaker(Self.withoutWhoFor(text)), pending: pending, today: today)
            }
            dropAnswered(&result, pending: pending)
            if forAnother || says {
                // "typing for my dad, who can't grip the kettle": what is said of another is asked, not dropped.
                for index in result.mentions.indices where result.mentions[index].assertion == .otherPerson {
                    result.mentions[index].assertion = .possible
                    result.mentions[index].suggestsOnly = true
                }
            }
            result.forAnother = says
            return result
        }

        /// Whether `text` has "s got " in it (a byte search: this runs on every message).
        static func saysGot(_ text: String) -> Bool {
            let pattern = Array("s got ".utf8)
            var matched = 0
            for byte in text.utf8 {
                if byte == pattern[matched] {
                    matched += 1
                    if matched == pattern.count { return true }
                } else {
                    matched = byte == pattern[0] ? 1 : 0
                }
            }
            return false
        }

        /// Phrases that say a message is written for someone else.
        static let writesForAnother = PhraseTable<Bool>(
            [
                "typing for my", "writing for my", "asking for my", "messaging for my", "texting for my",
                "typing this for my", "writing this for my", "asking this for my", "on behalf of my", "on behalf of",
                "on his behalf", "on her behalf", "asked me to write", "asked me to type", "asked me to ask",
                "asked me to message", "asked me to check", "wants me to ask", "wanted me to ask", "want me to ask",
                "asked me to find out", "im his carer", "im her carer", "i am his carer", "i am her carer",
                "im a carer for", "i care for my", "im caring for my", "i look after my", "for my elderly",
                "not me , my", "not me my", "translating for", "interpreting for", "writing for dad", "writing for mum",
                "writing for mom", "typing for dad",
                "typing for mum", "typing for mom", "asking for dad", "asking for mum", "asking for mom",
                "this is for my", "its for my", "asking about my",
                "writing for her", "writing for him", "typing for her", "typing for him", "asking for her",
                "asking for him", "writing this for her", "writing this for him",
            ].map { ($0, true) })

        /// Words that set something against what a message says ("yes, but once it was in my left arm").
        static let contrastWords: Set<String> = [
            "but", "once", "sometimes", "except", "apart", "occasionally", "mostly", "usually", "times", "though",
            "tho",
            "although", "besides", "sometime",
        ]
        /// Words that join places ("right thigh and my calf").
        static let joiningWords: Set<String> = ["and", "also", "too", "plus", "both", "other", "as", "n", "&", "+"]
        /// The phrases of ``writesForAnother`` that are followed by whom the message is for, as typed.
        static let whoForPhrases = [
            "asking for my", "typing for my", "writing for my", "typing this for my", "writing this for my",
            "writing for him", "writing for her", "typing for him", "typing for her", "asking for him",
            "asking for her",
        ]

        /// `text` without the words that say whom it is written for ("(asking for my grandad)", "typing for my
        /// dad"): they name the person, and are not said of anyone's twitching.
        static func withoutWhoFor(_ text: String) -> String {
            let lowered = text.lowercased()
            for phrase in whoForPhrases {
                guard let range = lowered.range(of: phrase) else { continue }
                // The phrase and, after "my", the one word after it ("grandad").
                var end = range.upperBound
                if phrase.hasSuffix(" my") {
                    while end < lowered.endIndex, lowered[end] == " " { end = lowered.index(after: end) }
                    while end < lowered.endIndex, lowered[end].isLetter { end = lowered.index(after: end) }
                }
                let start = text.index(
                    text.startIndex, offsetBy: lowered.distance(from: lowered.startIndex, to: range.lowerBound))
                let stop = text.index(text.startIndex, offsetBy: lowered.distance(from: lowered.startIndex, to: end))
                guard lowered.count == text.count else { return text }
                return String(text[..<start]) + String(text[stop...])
            }
            return text
        }

        /// Words said of the person written for, and what the interview reads them as.
        static let speakerWords: [String: String] = [
            "his": "my", "her": "my", "hers": "mine", "he": "I", "she": "I", "hes": "I'm", "shes": "I'm",
            "he's": "I'm", "she's": "I'm", "him": "me", "himself": "myself", "herself": "myself", "hed": "I'd",
            "he'd": "I'd", "she'd": "I'd",
        ]

        /// `text` with "he", "she", "his", "her" read as the speaker's own words.
        static func asSpeaker(_ text: String) -> String {
            var output = ""
            var word = ""
            func flush() {
                let key = String(word.lowercased().map { $0 == "\u{2019}" ? "'" : $0 })
                if let mine = speakerWords[key] {
                    output += mine
                } else {
                    output += word
                }
                word = ""
            }
            for character in text {
                if character.isLetter || character == "'" || character == "\u{2019}" {
                    word.append(character)
                } else {
                    flush()
                    output.append(character)
                }
            }
            flush()
            return output
        }

        private func readMessage(_ text: String, pending: Question?, today: CalendarDate?) -> Understood {
            var result = Understood()
            let whole = Screening.tokens(text)
            result.forAnother = Self.writesForAnother.occurs(in: whole)
            let wholeCorrected = Typos.correct(
                whole, vocabulary: vocabulary, limit: 40, protected: Story.protectedWords)
            result.mentions = screening.screen(raw: whole, corrected: wholeCorrected).mentions.filter { mention in
                // "lithium" is a medicine only in answer to the medication question.
                !mention.everydayWord || pending?.id == "new_medication"
            }
            dropPlacesOfOtherSigns(&result.mentions, tokens: wholeCorrected)
            let isShort = whole.count <= Tokenizer.maxTokens && text.unicodeScalars.count <= Tokenizer.maxScalars
            let raw = isShort ? whole : Tokenizer.tokens(text)
            let hasWords = raw.contains { Tokenizer.isWord($0) || Tokenizer.isDigits($0) }
            guard hasWords else {
                if let pending { result.pending = answer(text, to: pending, today: nil) }
                return result
            }
            let corrected =
                isShort
                ? wholeCorrected
                : Typos.correct(raw, vocabulary: vocabulary, limit: 40, protected: Story.protectedWords)
            let first = raw.first ?? ""
            let asks = raw.contains("?") || first == "why" || first == "what" || first == "whats"
            // "When I came back from the hospital …, so about three weeks" tells; it does not ask.
            let tells =
                first == "when" && !raw.contains("?") && ["i", "my", "it", "we"].contains(raw.dropFirst().first)
            let opensAsQuestion =
                (Self.interrogatives.contains(first) && !tells) || (first == "tell" && raw.dropFirst().first == "me")
            let topic = topic(in: corrected)
            result.isQuestion = opensAsQuestion && (asks || topic != nil)
            if asks || result.isQuestion { result.topic = topic }
            // A question's own words ("why does my eye twitch?") are not a story: read only what follows it.
            var storyTokens = corrected
            if result.isQuestion {
                let end = corrected.firstIndex(of: "?").map { $0 + 1 } ?? corrected.count
                storyTokens = Array(corrected[end...])
            }
            var story = Story.read(corrected: storyTokens, today: today, screening: screening)
            result.namesTwitching =
                storyTokens.contains(where: Story.twitchingWords.contains) || Self.itNeverStops.occurs(in: storyTokens)
            // "yes, but once it was in my left arm" contrasts a place; "the thumb. but my hand is weaker now" does not.
            if let contrast = storyTokens.firstIndex(where: Self.contrastWords.contains) {
                let masked = Story.masked(storyTokens, screening: screening)
                result.contrasts = masked.indices.contains { index in
                    index > contrast && BodySites.parts.match(masked, at: index) != nil
                }
            }
            result.joinsPlaces = storyTokens.contains(where: Self.joiningWords.contains)
            result.landmarks = BodySites.landmarks(in: storyTokens)
            // "my lip too", "also my chin" (not "it goes numb sometimes too").
            result.addsPlaces =
                storyTokens.contains { $0 == "too" || $0 == "also" }
                && storyTokens.indices.contains { index in
                    guard let part = BodySites.parts.match(storyTokens, at: index) else { return false }
                    let after = part.end < storyTokens.count ? storyTokens[part.end] : ""
                    let before = storyTokens[max(0, index - 2)..<index]
                    return ["too", "also"].contains(after) || before.contains("also")
                }
            // "for weeks now", "I think it's been like 2 weeks, maybe more?": near two weeks, and maybe more.
            if case .daysAgo(let days)? = story["onset"], days >= 12, days <= 14 {
                result.onsetMayBeLonger =
                    Durations.countlessWeeks(storyTokens) || Self.hedge(in: storyTokens) != nil
                    || Interview.approximations.occurs(in: storyTokens)
            }
            // A place found only by correcting a typo ("a few tmes a day" → "toes") never adds to where it twitches.
            if story["locations"] != nil {
                result.placesAsTyped = Set(Story.locations(Story.masked(raw, screening: screening)).map(\.part))
            }
            Self.agree(&story, with: result.mentions, screening: screening)
            var values = story
            for id in ["opening", "urgent", pending?.id ?? ""] { values[id] = nil }
            // Places named with other symptoms ("numbness in my hand") are not where it twitches.
            if pending?.id == "other_symptoms" { values["locations"] = nil }
            result.values = values
            // "no not right now. but on wednesday …": "not right now" is not "not right".
            let notRightNow = corrected.indices.dropLast(2).contains {
                corrected[$0] == "not" && corrected[$0 + 1] == "right" && corrected[$0 + 2] == "now"
            }
            result.corrects =
                Self.correctionOpeners.contains(first)
                || (Self.correctionPhrases.occurs(in: corrected) && !notRightNow)
                || Self.notBeforeANumber(corrected)
            // At the questions on medicines, conditions and habits, a part named without twitching and not as a
            // correction ("amitriptyline for my back", "my legs won't hold me") is not taken as where it twitches;
            // it may still be ("no, but it's in both calves now"), so twitching in more than one place is asked.
            if let pending, Self.placesNeedTwitching.contains(pending.id), !result.namesTwitching, !result.corrects,
                values["locations"] != nil
            {
                values["locations"] = nil
                result.values = values
                if !result.mentions.contains(where: { $0.sign == Self.severalPlaces }) {
                    result.mentions.append(
                        Screening.Mention(
                            sign: Self.severalPlaces, assertion: .possible, evidence: raw.joined(separator: " "),
                            span: 0..<raw.count, cue: nil, typoCorrected: false, suggestsOnly: true))
                }
            }
            result.side = Self.sideAlone(corrected, values: values, asked: pending?.kind == .sites)
            // "it does both, walking and sitting" answers whether it is both moving and resting.
            if result.side == .both, pending?.id == "moving_and_resting" { result.side = nil }
            guard let pending else { return result }
            if pending.kind == .text {
                result.pending = Understanding.read(text, as: .text)
                return result
            }
            let correcting = (result.corrects && !values.isEmpty) || result.side != nil
            if result.isQuestion {
                // "why you ask? is long time, maybe 2 months": what follows the question may answer it.
                guard storyTokens.contains(where: { Tokenizer.isWord($0) || Tokenizer.isDigits($0) }) else {
                    return result
                }
                let reading = answer(storyTokens.joined(separator: " "), to: pending, today: today)
                if case .value = reading { result.pending = reading }
                return result
            }
            // A correction that also answers ("sorry, 3 weeks ago, and a few times a day"): the answer is read too,
            // when the question's own words are there (a yes/no, the checklist, or what the story found).
            // "yes always the right one" at "always in the same place?" names the side and answers yes.
            // (Not "no, the left one", which corrects the side.)
            let sideWithTheAnswer =
                pending.id == "same_place" && result.side != nil && values.isEmpty
                && corrected.contains { ["yes", "yeah", "yep", "yup", "always", "same"].contains($0) }
            if correcting, story[pending.id] == nil, !sideWithTheAnswer { return result }
            // "sunday. my sister had twitching for months": what is said of someone else does not answer; nor, when
            // it started, does a bout that went away.
            let own = Story.maskingOthers(corrected, wholly: true)
            let ownWords = pending.id == "onset" ? Story.withoutPastBouts(own) : own
            var reading =
                ownWords == corrected
                ? answer(text, to: pending, today: today)
                : answer(ownWords.filter { $0 != "_" }.joined(separator: " "), to: pending, today: today)
            // "only in my left eyelid. My husband has twitching all over": a place said of someone else is not one.
            // "my left forearm, and the fingers of that hand are numb": where another sign is, is not where it twitches.
            if pending.kind == .sites, isShort {
                let others = Story.maskingOthers(corrected)
                if others != corrected { reading = Understanding.readKind(others, .sites, today: today) }
                let signs = Story.masked(corrected, screening: screening)
                if signs != others,
                    case .value(.sites(let sites)) = Understanding.readKind(
                        signs, .sites, today: today), !sites.isEmpty
                {
                    reading = .value(.sites(sites))
                }
            }
            // "in the eyelid, and I think maybe also my leg? not sure": a place named only after a hedge is not taken;
            // twitching in more than one place is asked instead.
            // ("not sure" alone would make the answer unknown and lose the eyelid.)
            let named = reading == .unknown ? Understanding.readKind(corrected, .sites, today: today) : reading
            if pending.kind == .sites, case .value(.sites(let sites)) = named, Site.places(in: sites) >= 2,
                let hedge = corrected.firstIndex(where: Self.placeHedges.contains),
                case .value(.sites(let sure)) = Understanding.readKind(
                    Array(corrected[..<hedge]), .sites, today: today),
                !sure.isEmpty, Site.places(in: sure) < Site.places(in: sites)
            {
                reading = .value(.sites(sure))
                if !result.mentions.contains(where: { $0.sign == Self.severalPlaces }) {
                    result.mentions.append(
                        Screening.Mention(
                            sign: Self.severalPlaces, assertion: .possible, evidence: raw.joined(separator: " "),
                            span: 0..<raw.count, cue: corrected[hedge], typoCorrected: false, suggestsOnly: true))
                }
            }
            // "no, but my dad had trouble swallowing at the end": trouble said only of someone else does not answer
            // the emergency question; the rest of the message does.
            if pending.id == "urgent", reading == .value(.yesNo(true)), isShort {
                let urgent = result.mentions.filter { mention in
                    screening.signs.first { $0.id == mention.sign }?.urgent == true
                }
                // "Breathing is okay. Swallowing okay.": trouble said to be absent is a no.
                // "had trouble swallowing last year with tonsillitis, nothing now": trouble in the past, like trouble
                // of someone else, does not answer; the rest of the message does.
                if !urgent.isEmpty, urgent.allSatisfy({ $0.assertion == .absent }) {
                    reading = .value(.yesNo(false))
                } else if !urgent.isEmpty,
                    urgent.allSatisfy({ [.otherPerson, .historical, .absent].contains($0.assertion) })
                {
                    var rest = corrected
                    for mention in urgent {
                        for index in mention.span where index < rest.count { rest[index] = "" }
                    }
                    reading = answer(rest.filter { !$0.isEmpty }.joined(separator: " "), to: pending, today: today)
                }
            }
            if pending.id == "same_place", reading == .value(.yesNo(false)) {
                reading = Self.samePlaceSaidFirst(own) ?? Self.readingWithoutLasting(corrected) ?? reading
            }
            // "both when moving and when resting", "only when I'm sitting still": the moving-and-resting rule
            // (both named without "only" is yes; one named after "only" is no) decides before any single phrase.
            if pending.id == "moving_and_resting" {
                if Self.excludesAContext(corrected) {
                    // "sitting still in lectures, never when I'm walking about", "when I'm knitting, not otherwise".
                    reading = .value(.yesNo(false))
                } else if let both = Story.movingAndResting(Story.clauses(ownWords), aboutTheTwitching: true) {
                    reading = .value(.yesNo(both))
                } else if Self.namesOneContext(corrected) {
                    // "mostly when I'm sitting revising", "when I'm lying down": one context is not both.
                    reading = .value(.yesNo(false))
                }
            }
            if pending.kind == .sites, reading == .unclear || reading == .unknown,
                !corrected.contains(where: { ["yes", "yeah", "too", "also", "other", "not"].contains($0) }),
                reading == .unknown || YesNo.read(corrected) == .value(.yesNo(false))
                    || Self.nowhereElse.occurs(in: corrected)
                    // "the skin there feels strange": what it says of the place answers, and the place stands.
                    || result.mentions.contains(where: { $0.assertion != .absent && $0.assertion != .otherPerson })
            {
                result.nowhereElse = true
            }
            if pending.kind == .symptoms {
                switch reading {
                case .value(.symptoms(let symptoms)):
                    let agreed = Self.agreed(symptoms, with: result.mentions, screening: screening)
                    // "maybe a little weakness": only a possible sign is not an answer yet; it is confirmed first.
                    reading = agreed.isEmpty && !symptoms.isEmpty ? .unclear : .value(.symptoms(agreed))
                    if agreed.isEmpty, Self.noneAndAllDenied(corrected, result.mentions) {
                        reading = .value(.symptoms([]))
                    }
                    // "I'm not sure, the muscle is a bit sore maybe": a hedged answer that names no sign of nerves or
                    // muscles leaves them to be asked, as "no fever, no headache" does.
                    result.deniesOnlyOthers =
                        (agreed.isEmpty && Symptoms.deniesOnlyOthers(corrected))
                        || (Self.hedge(in: corrected) != nil && agreed.isDisjoint(with: Symptoms.nerveAndMuscle))
                        || (agreed.isEmpty && Self.keepsSomethingBack(corrected))
                case .unclear:
                    // "just that dead feeling on the top of my foot": what the safety reading found answers it.
                    let found = Self.agreed([], with: result.mentions, screening: screening)
                    if !found.isEmpty { reading = .value(.symptoms(found)) }
                    if found.isEmpty, Self.noneAndAllDenied(corrected, result.mentions) {
                        reading = .value(.symptoms([]))
                    }
                case .unknown:
                    // "I'm not sure, the muscle is a bit sore maybe": the soreness is taken, and the signs of nerves
                    // and muscles are asked one by one rather than the whole list again.
                    if case .value(.symptoms(let named)) = Symptoms.read(corrected), !named.isEmpty,
                        named.isDisjoint(with: Symptoms.nerveAndMuscle),
                        !result.mentions.contains(where: { $0.assertion == .possible })
                    {
                        reading = .value(.symptoms(named))
                        result.deniesOnlyOthers = true
                    }
                case .value:
                    break
                }
            }
            // "always the same spot": what the story reader finds answers the question too.
            if reading == .unclear, let value = story[pending.id], value.kind == pending.kind {
                reading = .value(value)
            }
            // "mostly" to "always in the same place?": a hedged answer to a question that another sign answers
            // ("not always in the same place" is twitching in more than one place) is that sign, possible.
            // Not "both, though mostly when resting": a plain answer first stands.
            if pending.kind == .yesNo, !["both", "yes", "yeah", "no"].contains(corrected.first ?? ""),
                let hedge = Self.hedge(in: corrected),
                let sign = screening.signs.first(where: { sign in
                    if case .answer(let id, _) = sign.effect { return id == pending.id && sign.id != pending.id }
                    return false
                }),
                !result.mentions.contains(where: { $0.sign == sign.id && $0.assertion != .possible })
            {
                result.mentions.append(
                    Screening.Mention(
                        sign: sign.id, assertion: .possible, evidence: raw.joined(separator: " "),
                        span: 0..<raw.count, cue: hedge, typoCorrected: false, suggestsOnly: true))
                reading = .unknown
            }
            // "I think both? not sure", "I guess so, not sure": a yes that the answer itself doubts, to a question that
            // is a sign of its own, is that sign, possible: it is confirmed rather than noted as unknown.
            if pending.kind == .yesNo, reading == .unknown || reading == .unclear, Self.hedge(in: corrected) != nil,
                Self.leansYes(corrected),
                let sign = screening.signs.first(where: { sign in
                    if case .answer(let id, true) = sign.effect { return id == pending.id }
                    return false
                }),
                !result.mentions.contains(where: { $0.sign == sign.id })
            {
                result.mentions.append(
                    Screening.Mention(
                        sign: sign.id, assertion: .possible, evidence: raw.joined(separator: " "),
                        span: 0..<raw.count, cue: Self.hedge(in: corrected), typoCorrected: false, suggestsOnly: true))
                reading = .unknown
            }
            // "I've had asthma since I was a kid", "on sertraline for years": what is long-standing is not new, so a
            // yes at the questions about what is new is confirmed rather than taken.
            // "Hypothyroidism, but that was 12 years ago": a name alone, which would be a yes, is confirmed too.
            if Self.askedIfNew.contains(pending.id),
                let sign = screening.signs.first(where: { sign in
                    if case .answer(let id, true) = sign.effect { return id == pending.id }
                    return false
                }),
                reading == .value(.yesNo(true)) || result.mentions.contains(where: { $0.sign == sign.id }),
                let cue = Self.longStanding.firstMatch(corrected) ?? Self.longAgo(corrected, today: today)
                    ?? Self.hasWithoutTime(corrected)
            {
                // "No, I've had diabetes for 20 years": a no that says what it had for long stays a no (but not "No,
                // on BP pills for years, but the GP put me on amitriptyline last week").
                if reading == .value(.yesNo(false)), !corrected.contains(where: Self.recencyWords.contains) {
                    result.mentions.removeAll { $0.sign == sign.id }
                    result.pending = reading
                    return result
                }
                result.mentions.removeAll { $0.sign == sign.id }
                result.mentions.append(
                    Screening.Mention(
                        sign: sign.id, assertion: .historical, evidence: raw.joined(separator: " "),
                        span: 0..<raw.count, cue: corrected[cue.start..<cue.end].joined(separator: " "),
                        typoCorrected: false, suggestsOnly: true))
                reading = .unclear
            }
            // "steroids for my asthma flare, started last week": a medicine and a start, far apart, may be new: asked.
            if pending.id == "new_medication", reading == .unclear,
                corrected.contains(where: Story.medicineWords.contains),
                corrected.contains(where: { ["started", "began", "start", "starting", "begun"].contains($0) }),
                !result.mentions.contains(where: { $0.sign == pending.id }),
                let sign = screening.signs.first(where: { $0.id == pending.id })
            {
                result.mentions.append(
                    Screening.Mention(
                        sign: sign.id, assertion: .possible, evidence: raw.joined(separator: " "),
                        span: 0..<raw.count, cue: nil, typoCorrected: false, suggestsOnly: true))
                reading = .unknown
            }
            result.pending = reading
            return result
        }

        /// A time long past, in numbers: "for 20 years", "15 yrs ago", "diagnosed in 2009", "since 2015" (a year
        /// before this one, when today is known).
        static func longAgo(_ tokens: [String], today: CalendarDate?) -> PhraseTable<Bool>.Match? {
            for (index, token) in tokens.enumerated() {
                if Self.yearWords.contains(token), index > 0,
                    let number = Double(tokens[index - 1]), number >= 1,
                    (index >= 2 && ["for", "over", "about", "like", "nearly", "almost"].contains(tokens[index - 2]))
                        || (index + 1 < tokens.count && ["ago", "now"].contains(tokens[index + 1]))
                {
                    return PhraseTable<Bool>.Match(value: true, start: index - 1, end: index + 1)
                }
                // "which I've been on since I was 18": since an age.
                if index >= 3, tokens[(index - 3)..<index].elementsEqual(["since", "i", "was"]), let age = Int(token),
                    age >= 1, age < 120
                {
                    return PhraseTable<Bool>.Match(value: true, start: index - 3, end: index + 1)
                }
                if let today, token.utf8.count == 4, let year = Int(token), year >= 1900, year < today.year,
                    index > 0, ["in", "since", "back"].contains(tokens[index - 1])
                {
                    return PhraseTable<Bool>.Match(value: true, start: index - 1, end: index + 1)
                }
            }
            return nil
        }
        static let yearWords: Set<String> = ["years", "yrs", "year", "yr"]

        /// "I have diabetes", "I've had asthma": having something, said with no word of when or that it is new, is not
        /// yet a yes to "recently diagnosed?" (the match of "i have" or "ive", as a long-standing cue would be).
        static func hasWithoutTime(_ tokens: [String]) -> PhraseTable<Bool>.Match? {
            guard let has = Self.having.firstMatch(tokens),
                !tokens.contains(where: Self.recencyWords.contains)
            else { return nil }
            return has
        }
        static let having = PhraseTable<Bool>(
            ["i have", "ive", "i have had", "ive had", "ive got", "i have got"].map { ($0, true) })
        /// Words that say when, or that something is new or said to be so.
        static let recencyWords: Set<String> = [
            "new", "newly", "recent", "recently", "just", "diagnosed", "diagnose", "diagnosis", "told", "found",
            "started", "start", "began", "begun", "ago", "last", "since", "week", "weeks", "day", "days", "month",
            "months", "yesterday", "today", "yes", "yeah", "yep", "yup", "put", "prescribed", "now", "lately", "this",
        ]

        /// Words that can only be about the twitching, though they do not name it ("I'm anxious because it won't
        /// stop").
        static let itNeverStops = PhraseTable<Bool>(
            [
                "it wont stop", "it never stops", "it doesnt stop", "it does not stop", "it hasnt stopped",
                "it has not stopped", "it wont go away", "it keeps going", "its been constant", "its constant",
                "its been nonstop", "its nonstop", "its continuous", "its been continuous", "its been going for",
                "it has been going for", "its been going on for", "it has been going on for",
                "theyve been going on for", "its been going non stop", "its been going nonstop", "its been going over",
                "its been going on over", "it has been going over",
                "they have been going on for", "theyve been going for", "they have been going for",
            ].map { ($0, true) })

        /// "same place. my wife's twitches move around but mine don't", "same spot, and it never goes away": the
        /// question's words, said first and closed by a full stop or a comma, answer "always in the same place?", and
        /// the no after them is of something else. Not "same spot no", "same spot? no", "same spot, no, it moves", nor
        /// with words of moving about anywhere ("same place, but it jumps around").
        static func samePlaceSaidFirst(_ tokens: [String]) -> Reading? {
            let from = tokens.first.map { ["always", "the", "its", "in", "yes"].contains($0) } == true ? 1 : 0
            guard let said = Story.samePlace.match(tokens, at: from), said.value == true else { return nil }
            if said.end < tokens.count {
                guard [".", ","].contains(tokens[said.end]) else { return nil }
                let next = said.end + 1 < tokens.count ? tokens[said.end + 1] : ""
                if YesNo.phrases.match(tokens, at: said.end + 1) != nil || Self.notTheSame.contains(next) { return nil }
            }
            let moves = tokens.indices.contains { Story.samePlace.match(tokens, at: $0)?.value == false }
            if moves || tokens.contains(where: Self.placesApart.contains) { return nil }
            return .value(.yesNo(true))
        }

        /// "it never goes away, it's there all the time": a "never" that says how long it lasts is not a no to
        /// "always in the same place?"; what is left is read instead. Not "it never settles, it goes from one place
        /// to another".
        static func readingWithoutLasting(_ tokens: [String]) -> Reading? {
            guard !tokens.contains(where: Self.placesApart.contains) else { return nil }
            var rest = tokens
            var index = 0
            while index < rest.count {
                if let lasting = Durations.episodePhrases.match(rest, at: index), lasting.value == .continuous {
                    for position in lasting.start..<lasting.end { rest[position] = "_" }
                    index = lasting.end
                } else {
                    index += 1
                }
            }
            guard rest != tokens else { return nil }
            return YesNo.read(rest.filter { $0 != "_" })
        }

        /// Words that start taking back "same spot" ("same spot, well, actually it moves").
        static let notTheSame: Set<String> = [
            "well", "actually", "wait", "but", "except", "although", "though", "mostly",
        ]
        /// Words that say the twitching is in places apart.
        static let placesApart: Set<String> = [
            "another", "other", "others", "different", "moves", "moving", "moved", "jumps", "jumping", "jumped",
            "around", "elsewhere", "places", "spots", "areas", "between", "separately", "too", "also",
        ]

        /// Answers to "is it anywhere else?" that say it is not.
        static let nowhereElse = PhraseTable<Bool>(
            [
                "only there", "just there", "nowhere else", "thats it", "thats all", "only that", "just that",
                "just the one", "only the one", "only that one", "just that one", "only in", "just in", "same place",
                "same spot", "nothing else",
            ].map { ($0, true) })

        /// The questions about something new.
        static let askedIfNew: Set<String> = ["new_medication", "new_condition"]
        /// Words that say something has been there for long.
        static let longStanding = PhraseTable<Bool>(
            [
                "for years", "for many years", "for a few years", "for decades", "for ages", "years ago", "years now",
                "since i was a kid", "since i was a child", "since childhood", "since i was little",
                "since i was young", "since i was a teenager", "since birth", "since i was born", "all my life",
                "my whole life", "for a long time", "a long time ago", "long ago", "for over a year", "for a year",
                "since forever", "forever", "a while", "a good while", "quite a while", "a long while",
                "for months", "for many months", "for a few months", "for several months", "the whole pregnancy",
                "all pregnancy", "throughout the pregnancy", "throughout my pregnancy",
                "all through the pregnancy", "all through my pregnancy",
            ].map { ($0, true) })

        /// `text` read as the answer to `question`, with the question's phrases prepared at ``init(knowledge:)``.
        private func answer(_ text: String, to question: Question, today: CalendarDate?) -> Reading {
            // A question not from this reader's knowledge still gets its phrases.
            let prepared =
                questionPhrases[question.id]
                ?? (question.phrases.isEmpty ? nil : QuestionPhrases(question.phrases, kind: question.kind))
            return Understanding.read(text, as: question.kind, prepared: prepared, today: today)
        }

        /// Drops the signs that say where it twitches ("both feet": more than one place) when said of another sign
        /// ("pins and needles in both feet": that is where the tingling is), as the story reader does for places.
        func dropPlacesOfOtherSigns(_ mentions: inout [Screening.Mention], tokens: [String]) {
            let placeSigns = Set(
                screening.signs.filter { sign in
                    if case .answer("same_place", _) = sign.effect { return true }
                    return false
                }.map(\.id))
            guard mentions.contains(where: { placeSigns.contains($0.sign) }) else { return }
            let masked = Story.masked(tokens, screening: screening)
            mentions.removeAll { mention in
                placeSigns.contains(mention.sign) && mention.span.upperBound <= masked.count
                    && mention.span.contains { masked[$0] == "_" && tokens[$0] != "_" }
            }
        }

        /// Drops the signs that answer a question the message's own reading skips ("both calves" to "where?": two
        /// places skip "always in the same place?", so "both calves" is not also its answer).
        func dropAnswered(_ result: inout Understood, pending: Question?) {
            guard !skipWhen.isEmpty else { return }
            // The opening's story fills the case; a later message's places may only add to it, so only its answer to
            // the pending question counts.
            var answers =
                pending?.kind == .text ? result.values.mapValues { Answer(said: "", value: $0) } : [:]
            if let pending, case .value(let value)? = result.pending {
                answers[pending.id] = Answer(said: "", value: value)
            }
            let known = Case(answers: answers)
            result.mentions.removeAll { mention in
                guard let sign = screening.signs.first(where: { $0.id == mention.sign }),
                    case .answer(let id, _) = sign.effect, let condition = skipWhen[id]
                else { return false }
                return condition.evaluate(known).matches
            }
        }

        /// "none. the old numbness is gone": an answer of none whose every sign is denied. (A sign said to have been
        /// gone for ages is past, not denied, so it is asked.)
        static func noneAndAllDenied(_ tokens: [String], _ mentions: [Screening.Mention]) -> Bool {
            ["none", "nothing", "no", "nope", "nah"].contains(tokens.first ?? "") && !mentions.isEmpty
                && mentions.allSatisfy { $0.assertion == .absent }
        }

        /// Words after which a place is only possible ("and maybe my leg too? not sure").
        static let placeHedges: Set<String> = ["maybe", "perhaps", "possibly", "might", "think", "unsure", "?"]

        /// Words that hedge a yes or a no ("mostly", "not always", "I think so").
        static let hedges = PhraseTable<Bool>(
            [
                "maybe", "perhaps", "possibly", "probably", "not sure", "unsure", "i think", "think so", "might",
                "mostly", "usually", "nearly", "almost", "pretty much", "generally", "normally", "not always",
                "most of the time", "kind of", "sort of", "kinda", "sorta", "hard to say", "hard to tell", "often",
                "sometimes", "not really sure", "dunno", "dont know",
            ].map { ($0, true) })

        /// The first hedge in `tokens`, if any.
        static func hedge(in tokens: [String]) -> String? {
            guard let found = hedges.firstMatch(tokens) else { return nil }
            return tokens[found.start..<found.end].joined(separator: " ")
        }

        /// The story's checklist, made to agree with the safety reading: a symptom the screening found denied,
        /// possible, past or about someone else is not taken from the story; one it found present is.
        static func agree(_ story: inout [String: Value], with mentions: [Screening.Mention], screening: Screening) {
            guard case .symptoms(let symptoms)? = story["other_symptoms"] else { return }
            let agreed = agreed(symptoms, with: mentions, screening: screening)
            story["other_symptoms"] = agreed.isEmpty && !symptoms.isEmpty ? nil : .symptoms(agreed)
        }

        static func agreed(
            _ symptoms: Set<Symptom>, with mentions: [Screening.Mention], screening: Screening
        ) -> Set<Symptom> {
            var result = symptoms
            var affirmed: Set<Symptom> = []
            for mention in mentions {
                guard let sign = screening.signs.first(where: { $0.id == mention.sign }),
                    case .symptom(let symptom) = sign.effect
                else { continue }
                if mention.affirms { affirmed.insert(symptom) } else { result.remove(symptom) }
            }
            return result.union(affirmed)
        }

        static let contextWords: Set<String> = [
            "when", "wen", "while", "whilst", "during", "after", "mostly", "mainly", "usually", "only", "just",
            "in", "at",
        ]
        static let bothWords: Set<String> = [
            "both", "either", "any", "anytime", "whether", "always", "all", "regardless", "matter", "everything",
            "yes", "yeah", "yep", "constantly", "whatever", "care",
        ]

        /// Whether an answer says a situation is not one where it happens ("not when I'm walking", "not otherwise").
        static func excludesAContext(_ tokens: [String]) -> Bool {
            tokens.indices.contains { index in
                let next = tokens[(index + 1)..<min(tokens.count, index + 3)]
                // "never noticed it while walking", "I don't notice it when I'm moving about", "never on my walks";
                // not "I don't know, when I'm moving too I guess".
                let reach = ["dont", "doesnt", "didnt", "never", "havent", "hasnt"].contains(tokens[index]) ? 5 : 3
                let window = tokens[(index + 1)..<min(tokens.count, index + reach)]
                return ["not", "never", "nor", "dont", "doesnt", "didnt", "havent", "hasnt"].contains(tokens[index])
                    && !next.contains {
                        // Not "it doesn't stop when I'm walking", "not only when I sit".
                        // Nor "it doesn't matter if I'm running or lying down".
                        [
                            "know", "sure", "think", "remember", "paid", "attention", "checked", "stop", "only", "just",
                            "matter",
                        ]
                        .contains($0)
                    }
                    && window.contains {
                        ["when", "while", "whilst", "otherwise", "during", "if", "else"].contains($0)
                    }
                    || (tokens[index] == "never" && next.first == "on")
                    // "when I am sitting, no when I walk".
                    || (tokens[index] == "no" && index > 0 && ["when", "while", "whilst"].contains(next.first ?? ""))
                    // "when I am moving about I don't notice it": the context first, then the denial.
                    || (["dont", "doesnt", "never"].contains(tokens[index])
                        && next.first.map(Self.noticeWords.contains) == true
                        && tokens[max(0, index - 6)..<index].contains { ["when", "while", "whilst"].contains($0) }
                        && (index + 3 >= tokens.count || [",", ".", "!"].contains(tokens[index + 3])
                            || index + 3 == tokens.count))
                    // "When I'm walking, no.": a situation answered no.
                    // "When I sit and watch TV. Walking, no."
                    || (tokens[index] == "no" && index >= 2 && tokens[index - 1] == ","
                        && Story.moveWords.contains(tokens[index - 2])
                        && (index + 1 == tokens.count || [".", "!"].contains(tokens[index + 1])))
                    // "when i sit at computer yes, when i walk no".
                    || (tokens[index] == "no" && index >= 2
                        && (index + 1 == tokens.count || [".", "!", ","].contains(tokens[index + 1]))
                        && tokens[max(0, index - 5)..<index].contains { ["when", "while", "whilst"].contains($0) })
            }
        }

        static let noticeWords: Set<String> = ["notice", "feel", "get", "see"]

        /// Whether a "no" to the checklist keeps back something it does not name: "no, just that hand thing I
        /// mentioned", "nothing except my leg". Weakness and feeling are then asked, not taken as no.
        static func keepsSomethingBack(_ tokens: [String]) -> Bool {
            guard
                let cut = tokens.firstIndex(where: {
                    ["just", "only", "except", "apart", "besides", "but"].contains($0)
                })
            else { return false }
            let rest = tokens[(cut + 1)...]
            if rest.contains(where: { Story.twitchWords.contains($0) || Story.twitchingWords.contains($0) }) {
                return false
            }
            let things: Set<String> = [
                "thing", "things", "issue", "issues", "problem", "problems", "stuff", "mentioned",
            ]
            return rest.contains(where: things.contains)
                || rest.indices.contains { BodySites.parts.match(Array(rest), at: $0 - rest.startIndex) != nil }
        }

        /// Whether a hedged answer leans to yes: "both" (not "not both"), "I think so", "yes, I think", "maybe?".
        static func leansYes(_ tokens: [String]) -> Bool {
            tokens.indices.contains { index in
                let before = index > 0 ? tokens[index - 1] : ""
                let word = tokens[index]
                if word == "both" { return !["not", "never", "neither"].contains(before) }
                if word == "so" { return ["think", "guess", "suppose", "believe", "reckon"].contains(before) }
                // "idk maybe? i take a lot of stuff", not "maybe not", "maybe only when resting".
                if ["maybe", "possibly", "perhaps"].contains(word) {
                    let after = index + 1 < tokens.count ? tokens[index + 1] : ""
                    return !["not", "no", "only", "just", "never", "nothing"].contains(after)
                        && !tokens.contains { ["no", "not", "nope", "never", "nah", "nothing"].contains($0) }
                }
                return ["yes", "yeah", "yep"].contains(word)
                    && (index == 0 || ["i", "think", "guess", "probably", "maybe"].contains(before))
            }
        }

        /// Whether an answer to "both when moving and resting?" names one situation and not both.
        static func namesOneContext(_ tokens: [String]) -> Bool {
            tokens.contains(where: contextWords.contains) && !tokens.contains(where: bothWords.contains)
                && !tokens.contains("no") && !tokens.contains("not")
        }

        /// The topic of the longest `asks` phrase in `tokens`, not counting a comparison ("way more reps than
        /// normal" does not ask whether twitching is normal).
        func topic(in tokens: [String]) -> String? {
            var best: PhraseTable<String>.Match?
            var start = 0
            while let found = topics.firstMatch(tokens, from: start) {
                start = found.start + 1
                if found.start > 0, Self.comparisonWords.contains(tokens[found.start - 1]) { continue }
                if best.map({ found.end - found.start > $0.end - $0.start }) ?? true { best = found }
            }
            return best?.value
        }

        /// Words before a topic's phrase that make it a comparison.
        static let comparisonWords: Set<String> = ["than", "as", "like"]

        /// "3 weeks, not 3 days": a "not" right before a quantity.
        static func notBeforeANumber(_ tokens: [String]) -> Bool {
            for (index, token) in tokens.enumerated() where token == "not" {
                if let quantity = Numbers.parse(tokens, at: index + 1), !quantity.isArticle { return true }
            }
            return false
        }

        /// A side named with no body part and nothing else ("no, the left one", "the right side, not the left").
        /// At "where?" (`asked`) a side alone answers ("left", "both"); elsewhere it needs a cue of correction.
        static func sideAlone(_ tokens: [String], values: [String: Value], asked: Bool = false) -> Side? {
            guard values.isEmpty, tokens.count <= 12 else { return nil }
            var side: Side?
            for (index, token) in tokens.enumerated() {
                if BodySites.parts.match(tokens, at: index) != nil { return nil }
                let found: Side? =
                    switch token {
                    case "left": .left
                    case "right": .right
                    case "both": .both
                    default: nil
                    }
                guard let found else { continue }
                // "we won both games": "both" of something else.
                if found == .both, index + 1 < tokens.count,
                    ![",", ".", "!", "?", "sides", "side", "of", "one", "ones", "and", "too", "i", "really", "maybe"]
                        .contains(tokens[index + 1])
                {
                    continue
                }
                let negated = tokens[max(0, index - 2)..<index].contains("not")
                if !negated, side == nil { side = found }
            }
            guard side != nil else { return nil }
            let first = tokens.first ?? ""
            let cue =
                ["no", "nope", "actually", "sorry", "wait", "oops", "its", "it", "the"].contains(first)
                || tokens.contains("one") || tokens.contains("side")
            return cue || asked ? side : nil
        }
    }
}
