import Assessment
import Screening

/// Reads a story ("For the past 5 days my right eyelid twitches a few times a day…") into several parts of the
/// case at once, by question id. Conservative: a field is filled only on specific evidence; yes/no fields need an
/// explicit mention ("I'm really stressed"), read with its negation ("I'm not stressed", "I don't think I'm
/// stressed") within the clause. Never fills `urgent` (always asked) or `opening`.
///
/// The text is split into clauses at punctuation and at "and", "but", "so", "because"; a clause about drinks
/// gives `caffeine`, one about sleep gives `sleep`, and the others give onset, episode length and frequency.
enum Story {
    /// What a story says, by question id.
    static func read(_ raw: [String], today: CalendarDate?) -> [String: Value] {
        read(
            corrected: Typos.correct(raw, vocabulary: Vocabularies.story, limit: 40, protected: protectedWords),
            today: today)
    }

    /// What a story says, from tokens already corrected for typos.
    static func read(corrected said: [String], today: CalendarDate?, screening: Screening? = nil) -> [String: Value] {
        // "my sister had twitching for months but mine is new", "my husband just started new pills": what is said
        // of someone else is not the speaker's story.
        let tokens = maskingOthers(said, wholly: true)
        var values: [String: Value] = [:]
        let clauses = Self.clauses(tokens)
        var onset: Double?
        var changeOnset: Double?
        var episode: Episode?
        var frequency: Frequency?
        var drinks: Double?
        var hours: Double?
        var previousTopic = Topic.twitching
        // "for 3 weeks now. no wait, sorry, more like 10 days": a time said after a correction replaces the one before.
        var onsetBeforeCorrection: Double?
        var recurred = false
        for (number, clause) in clauses.enumerated() {
            if Durations.corrects(clause), onset != nil {
                onsetBeforeCorrection = onset
                onset = nil
            }
            var topic = topic(of: clause)
            // "sleeping badly, maybe 5 hours"
            if topic == .twitching, previousTopic == .sleep,
                clause.contains(where: { Durations.units[$0] == Durations.hour })
            {
                topic = .sleep
            }
            previousTopic = topic
            switch topic {
            case .drinks:
                if case .value(.drinksPerDay(let count)) = Drinks.read(clause) { drinks = (drinks ?? 0) + count }
            case .sleep:
                if hours == nil { hours = sleepHours(clause) }
            case .twitching:
                // Competing times: a start beats a change ("worse this week, but first noticed in the summer"),
                // and the earlier of two starts is taken.
                // "I've been feeling like throwing up all day": how long and how often another symptom is, not the
                // twitching.
                // "I'm on levothyroxine for 12 years": how long a medicine has been taken, not the twitching
                // (but "I started taking adderall last month" may date it).
                // "I have type 2 diabetes since 2012".
                let longTaken =
                    clause.contains { medicineWords.contains($0) || conditionWords.contains($0) }
                    && clause.contains {
                        longTakenWords.contains($0) || Int($0).map { (1900...2025).contains($0) } == true
                    }
                let otherSymptom =
                    (clause.contains(where: symptomTimeWords.contains) || longTaken)
                    && !clause.contains(where: twitchWords.contains)
                // "had the same thing last year and it went away on its own": the time of a past bout, not this one.
                let pastBout =
                    !saysItCameBack(clause)
                    && clauses[number..<min(clauses.count, number + 3)].contains(where: saysItWentAway)
                // "I took antibiotics last year and my friend said that can cause twitching": what causes twitching,
                // not when this began.
                let aboutCauses = clause.contains { ["cause", "causes", "causing"].contains($0) }
                if !recurred, !otherSymptom, !pastBout, !aboutCauses, let days = onsetDays(clause, today: today) {
                    let change =
                        clause.contains(where: Durations.changeWords.contains)
                        && !clause.contains(where: Durations.startWords.contains)
                    // A later time counts as an onset only when its clause is about the twitching ("had a baby 3
                    // weeks ago" is not).
                    // "The twitch was already there for weeks before that, maybe 4 weeks": "maybe 4 weeks" goes on
                    // about the twitching.
                    let continues =
                        number > 0 && clause.first.map(Durations.alternativeWords.contains) == true
                        && clauses[number - 1].contains { twitchingWords.contains($0) || twitchWords.contains($0) }
                    let aboutIt =
                        clause.contains { twitchingWords.contains($0) || Durations.startWords.contains($0) }
                        || clause.contains("it") || clause.contains("its") || continues
                    // "diagnosed with diabetes three weeks ago and since then my big toe twitches": the event dates
                    // the twitching that came after it.
                    let datesWhatFollows =
                        number + 1 < clauses.count && clauses[number + 1].starts(with: ["since", "then"])
                    // "pregnant with my second, 30 weeks": a bare time after another event is that event's.
                    let continuesAnotherEvent =
                        number > 0 && clause.count <= 4 && !aboutIt
                        && !clause.contains(where: twitchWords.contains) && aboutAnotherEvent(clauses[number - 1])
                    if aboutAnotherEvent(clause) && !datesWhatFollows || continuesAnotherEvent
                        || aboutAnOldOperation(clause) && !datesWhatFollows
                        || datesAMedicineBefore(clause, then: clauses[(number + 1)...]) || cameBefore(clause)
                    {
                        // "had a baby 6 weeks ago", "it was operated in 2015", "my dad died four years ago": the
                        // time of something else is never when the twitching began (it is asked instead).
                    } else if change {
                        changeOnset = changeOnset ?? days
                    } else if recurrence(clause, after: Array(clauses[..<number])) {
                        // "went away. now it's back since yesterday": the twitching that came back began then.
                        onset = days
                        recurred = true
                    } else if onset == nil || aboutIt {
                        onset = max(onset ?? days, days)
                    }
                }
                // "I take vitamin D every day": how often and how long are about something else.
                let elsewhere =
                    otherSymptom
                    || (clause.contains(where: otherHabits.contains) && !clause.contains(where: twitchWords.contains))
                if episode == nil, !elsewhere { episode = episodeLength(clause) }
                // "non-stop, well not non-stop but a lot": a later "not" takes back "non-stop".
                if frequency == .constant, takesBackConstant(clause) { frequency = nil }
                if frequency == nil, !elsewhere { frequency = howOften(clause) }
            }
        }
        if var onset = onset ?? onsetBeforeCorrection ?? changeOnset {
            // "Eyelid twitching 2 weeks?? maybe 3": the other quantity of the same unit, if longer.
            let offersAnother = tokens.indices.contains { index in
                Durations.alternative(tokens, at: index) != nil && Durations.duration(tokens, at: index) == nil
            }
            if offersAnother, case .value(.daysAgo(let longer)) = Durations.readDaysAgo(tokens, today: today),
                longer > onset
            {
                onset = longer
            }
            values["onset"] = .daysAgo(onset)
        }
        if let episode { values["episode_length"] = .episode(episode) }
        if let frequency { values["frequency"] = .frequency(frequency) }
        if let drinks, drinks <= 50 { values["caffeine"] = .drinksPerDay(drinks) }
        if let hours, hours >= 0, hours <= 24 { values["sleep"] = .hours(hours) }
        let sites = locations(masked(tokens, screening: screening))
        if !sites.isEmpty { values["locations"] = .sites(sites) }
        if Site.places(in: sites) < 2, let same = yesNo(samePlace, clauses) { values["same_place"] = .yesNo(same) }
        if let symptoms = symptoms(screening?.maskingPseudoCues(tokens) ?? tokens) {
            values["other_symptoms"] = .symptoms(symptoms)
        }
        for (id, table) in yesNoFields {
            if let answer = yesNo(table, clauses) { values[id] = .yesNo(answer) }
        }
        if let answer = movingAndResting(clauses) { values["moving_and_resting"] = .yesNo(answer) }
        if let answer = newMedication(clauses) { values["new_medication"] = .yesNo(answer) }
        return values
    }

    // MARK: Other events

    /// Words of an event that is not the twitching: what happened to the person or to someone else.
    static let otherEventWords: Set<String> = [
        "operated", "operation", "surgery", "died", "passed", "baby", "born", "pregnant",
        "pregnancy", "married", "wedding", "funeral", "divorce", "injury", "injured", "accident", "broke", "fractured",
        "dad", "mum", "mom", "mother", "father", "brother", "sister", "husband", "wife", "friend", "son", "daughter",
        "aunt", "uncle", "cousin", "grandma", "grandmother", "grandad", "grandfather", "partner", "boyfriend",
        "girlfriend", "he", "she", "they", "covid", "flu", "headache", "headaches", "migraine", "fever",
        "temperature", "infection",
        // "had a stroke 3 weeks ago, now my arm twitches", "I was told I have diabetes last month and now …".
        "stroke", "diagnosed", "diagnosis", "chemo", "chemotherapy", "cough",
        // "did my first proper leg workout in about a year on Sunday": the workout's day, not the twitching's.
        "workout",
        "pneumonia", "bronchitis", "shingles", "virus", "tonsillitis",
    ]

    /// Operations whose time, in a clause that says nothing of a start ("I had a hip replacement six years ago but
    /// have been well since"), is not when the twitching began. Not in a clause with "when", "it" or a start word:
    /// "it started 5 weeks ago when I had my hernia repaired".
    static let oldOperationWords: Set<String> = ["replacement", "transplant", "hysterectomy"]

    static func aboutAnOldOperation(_ clause: [String]) -> Bool {
        clause.contains(where: oldOperationWords.contains)
            && !clause.contains {
                twitchingWords.contains($0) || twitchWords.contains($0) || Durations.startWords.contains($0)
                    || ["when", "it", "its", "then", "since", "during", "after"].contains($0)
            }
    }

    /// Whether `clause` is about another event and not about the twitching: it names one and no twitching
    /// ("had a baby 6 weeks ago"; not "started twitching 3 weeks ago after my surgery").
    static func aboutAnotherEvent(_ clause: [String]) -> Bool {
        // "since I was ill with the flu last month", "my partner says she saw my calf jumping weeks before": the
        // event dates the twitching, or the report is of the speaker.
        // "they have been going on for a month now": said of the twitches.
        if clause.contains(where: { ["after", "says", "said", "saw", "noticed", "thinks"].contains($0) })
            || Understanding.Reader.itNeverStops.occurs(in: clause)
        {
            return false
        }
        // "since" that dates something ("since I was ill with the flu"), not "has been fine since".
        if let since = clause.firstIndex(of: "since"), since + 1 < clause.count { return false }
        return clause.contains(where: otherEventWords.contains) && !clause.contains(where: twitchingWords.contains)
    }

    /// Whether `clause` dates a medicine that the twitching came after: "I've been on a new water tablet since last
    /// month, twitching started after that", "on a new antipsychotic for about 3 weeks, the twitch came after". The
    /// time is the medicine's; when the twitching began is asked.
    static func datesAMedicineBefore(_ clause: [String], then later: ArraySlice<[String]>) -> Bool {
        guard clause.contains(where: medicineWords.contains), !clause.contains(where: twitchingWords.contains),
            !clause.contains(where: twitchWords.contains)
        else { return false }
        // Not "… and the twitching started soon after", "a few days after": then the medicine's time dates it.
        let soon: Set<String> = ["soon", "shortly", "day", "days", "right", "straight", "immediately", "quickly"]
        return later.prefix(2).contains { next in
            next.contains { twitchingWords.contains($0) || twitchWords.contains($0) } && next.contains("after")
                && !next.contains(where: soon.contains)
        }
    }

    /// Whether the time ending at `end` names how long a programme lasts ("a 30 day ab challenge", "a 6 week
    /// course": a singular unit followed, within three words, by such a noun) or a break ("6 months off").
    static func namesAProgramme(_ clause: [String], after end: Int) -> Bool {
        // "back to the gym after 6 months off": a break, not when the twitching began.
        if end < clause.count, clause[end] == "off" { return true }
        guard end > 0, ["day", "week", "month"].contains(clause[end - 1]) else { return false }
        return clause[end..<min(clause.count, end + 3)].contains(where: programmes.contains)
    }

    static let programmes: Set<String> = [
        "challenge", "program", "programme", "plan", "course", "detox", "fast", "diet", "trial", "streak", "cleanse",
        "bootcamp", "camp", "block", "cycle", "retreat",
    ]

    /// Whether `clause` says its time came before the twitching ("a headache last month before the twitching").
    static func cameBefore(_ clause: [String]) -> Bool {
        clause.indices.dropLast().contains { index in
            clause[index] == "before"
                && ["the", "this", "it", "my"].contains(clause[index + 1])
                && clause[(index + 1)...].prefix(3).contains {
                    twitchingWords.contains($0) || twitchWords.contains($0) || $0 == "this" || $0 == "it"
                }
        }
    }

    /// Whether `clause` says a bout went away ("and it went away on its own", "that cleared up"), and not that it
    /// came back.
    static func saysItWentAway(_ clause: [String]) -> Bool {
        guard !saysItCameBack(clause), !clause.contains("now") else { return false }
        // Not "it hasn't gone away for a good 2 months".
        return clause.indices.dropFirst().contains { index in
            let pair = (clause[index - 1], clause[index])
            let went =
                (pair.0 == "went" && pair.1 == "away") || (pair.0 == "cleared" && pair.1 == "up")
                || (pair.0 == "gone" && pair.1 == "away") || (pair.0 == "all" && pair.1 == "healed")
                || (pair.0 == "fully" && pair.1 == "recovered")
                // "a scary twitching thing 5 years ago that turned out to be nothing".
                || (pair.0 == "turned" && pair.1 == "out" && clause[index...].contains("nothing"))
            return went && !clause[max(0, index - 3)..<index].contains(where: notWords.contains)
        }
    }

    static let notWords: Set<String> = ["not", "never", "hasnt", "havent", "hadnt", "didnt", "doesnt", "wont", "isnt"]

    /// `tokens` without the sentences about a bout that went away ("Four days ago. I had the same eye twitch in
    /// college years ago and it went away on its own"), when another sentence is left.
    static func withoutPastBouts(_ tokens: [String]) -> [String] {
        var sentences: [[String]] = [[]]
        for token in tokens {
            sentences[sentences.count - 1].append(token)
            if [".", "!", "?", ";"].contains(token) { sentences.append([]) }
        }
        let kept = sentences.filter { !$0.isEmpty && !saysItWentAway($0) }
        guard !kept.isEmpty, kept.count < sentences.filter({ !$0.isEmpty }).count else { return tokens }
        return kept.flatMap { $0 }
    }

    /// Whether `clause` says the twitching came back ("it's back", "again"; not "back in 2019").
    static func saysItCameBack(_ clause: [String]) -> Bool {
        clause.indices.contains { index in
            guard recurrenceWords.contains(clause[index]) else { return false }
            return clause[index] != "back" || index + 1 == clause.count
                || !["in", "then", "when", "during"].contains(clause[index + 1])
        }
    }

    /// Words that say a clause is about long ago ("my right forearm used to twitch when I was a kid").
    static let longAgoWords = PhraseTable<Bool>(
        ["years ago", "long ago", "when i was a kid", "as a kid", "as a child", "when i was a child"].map { ($0, true) }
    )

    /// Whether `clause` says what used to be ("my right forearm used to twitch"; not "I'm so used to it").
    static func usedTo(_ clause: [String]) -> Bool {
        clause.indices.dropFirst().contains { index in
            guard clause[index - 1] == "used", clause[index] == "to" else { return false }
            let before = index >= 2 ? clause[index - 2] : ""
            let after = index + 1 < clause.count ? clause[index + 1] : ""
            return !["im", "am", "so", "get", "getting", "got", "be", "been", "was", "were", "are"].contains(before)
                && !["it", "this", "that", "the", "my", "them"].contains(after)
        }
    }

    /// Words that say the twitching came back after it had gone ("now it's back since yesterday").
    static let recurrenceWords: Set<String> = ["back", "again", "returned", "recurred"]

    /// Whether `clause` dates a return of the twitching after `before` said it had gone: "went away. now it's back
    /// since yesterday", "this time it started on monday". Without a gap, "again" is not a new start ("3 weeks ago,
    /// and again today").
    static func recurrence(_ clause: [String], after before: [[String]]) -> Bool {
        if zip(clause, clause.dropFirst()).contains(where: { $0 == "this" && $1 == "time" }) { return true }
        // "years ago I had a twitch in my eye that went away. this one in my leg started 3 days ago".
        let thisOne = clause.indices.contains { index in
            clause[index] == "this" && clause[(index + 1)..<min(clause.count, index + 3)].contains("one")
        }
        guard clause.contains(where: recurrenceWords.contains) || thisOne else { return false }
        return before.contains { earlier in
            zip(earlier, earlier.dropFirst()).contains { pair in
                (pair.0 == "went" && pair.1 == "away") || (pair.0 == "cleared" && pair.1 == "up")
                    || (pair.0 == "had" && pair.1 == "it")
            } || earlier.contains { ["stopped", "disappeared", "gone", "once", "settled"].contains($0) }
        }
    }

    // MARK: Clauses

    enum Topic { case drinks, sleep, twitching }

    /// Habits a clause may be about instead of the twitching ("I take vitamin D every day").
    static let otherHabits: Set<String> = [
        "take", "takes", "taking", "took", "vitamin", "vitamins", "supplement", "supplements", "eat", "eats",
        "eating", "ate", "work", "works", "working", "shift", "shifts", "walk", "walks", "go", "goes", "stare",
        "staring", "look", "looking", "sit", "sat", "spreadsheets", "screen", "screens", "computer", "desk", "study",
        "studying", "revising", "typing", "driving", "gaming",
    ]
    /// Words of other symptoms: a time in a clause about one of them, without the twitching, is that symptom's.
    static let symptomTimeWords: Set<String> = [
        "sick", "nauseous", "nausea", "queasy", "vomiting", "vomit", "throwing", "puking", "headache", "headaches",
        "migraine", "migraines", "dizzy", "numb", "numbness", "tingling", "tingly", "fever", "feverish", "sore",
        "throat",
    ]
    static let twitchWords: Set<String> = [
        "twitch", "twitches", "twitching", "twitched", "twitchy", "it", "its", "spasm", "spasms", "jumps", "flutters",
        "happens", "happen", "lasts", "flickers", "jerks",
    ]

    static let clauseWords: Set<String> = ["and", "but", "so", "because", "cause", "plus", "also", "though", "while"]

    /// The clauses of `tokens`.
    static func clauses(_ tokens: [String]) -> [[String]] {
        var result: [[String]] = []
        var current: [String] = []
        for (index, token) in tokens.enumerated() {
            var breaks = Tokenizer.clauseBreaks.contains(token) || clauseWords.contains(token)
            if token == "and", breaks {
                let previous = index > 0 ? tokens[index - 1] : ""
                let next = index + 1 < tokens.count ? tokens[index + 1] : ""
                let afterNext = index + 2 < tokens.count ? tokens[index + 2] : ""
                // "a week and a half", "between 2 and 3", "moving and resting", "pins and needles"
                if next == "half" || (next == "a" && afterNext == "half")
                    || Numbers.single(tokens, at: index - 1) != nil
                    || joinedPairs.contains(previous) || (previous == "between")
                {
                    breaks = false
                }
            }
            if breaks {
                if !current.isEmpty { result.append(current) }
                current = []
            } else {
                current.append(token)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Words before an "and" that does not end a clause.
    static let joinedPairs: Set<String> = ["moving", "resting", "pins", "move", "rest", "left", "right", "now", "on"]

    static let caffeineWords: Set<String> = [
        "coffee", "coffees", "tea", "teas", "espresso", "espressos", "latte", "lattes", "cappuccino", "cappuccinos",
        "americano", "americanos", "cola", "colas", "coke", "cokes", "pepsi", "pepsis", "soda", "sodas", "redbull",
        "redbulls", "bull", "bulls", "monster", "monsters", "energy", "caffeine", "caffeinated", "decaf", "cup",
        "cups", "mug", "mugs", "matcha", "preworkout", "rockstar", "celsius",
    ]
    static let sleepWords: Set<String> = [
        "sleep", "sleeping", "slept", "asleep", "sleeps", "bed", "insomnia", "nap", "naps", "nightly",
    ]

    static func topic(of clause: [String]) -> Topic {
        if clause.contains(where: caffeineWords.contains) { return .drinks }
        // "Muscle twitch in my left calf every night in bed for about 3 weeks now": the twitching, at night.
        if clause.contains(where: sleepWords.contains),
            !clause.contains(where: { twitchWords.contains($0) || twitchingWords.contains($0) })
                || clause.contains(where: { Durations.units[$0] == Durations.hour }) || clause.contains("asleep")
        {
            return .sleep
        }
        // "5 hours a night"
        for (index, token) in clause.enumerated() where token == "night" || token == "nights" {
            if index >= 2, ["a", "per", "each", "every"].contains(clause[index - 1]),
                Durations.units[clause[index - 2]] == Durations.hour
            {
                return .sleep
            }
        }
        return .twitching
    }

    // MARK: Numbers in clauses

    static let negators: Set<String> = [
        "not", "no", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "havent", "hasnt", "never",
        "without", "neither", "nor", "barely", "hardly", "rarely", "cant", "cannot", "wont", "nothing", "aint",
    ]

    /// Whether the word at `index` is negated by one of the two words before it ("not 3 days").
    static func negatedNumber(_ clause: [String], at index: Int) -> Bool {
        (index >= 1 && clause[index - 1] == "not") || (index >= 2 && clause[index - 2] == "not")
    }

    static let onsetCues: Set<String> = [
        "for", "past", "last", "since", "been", "over", "almost", "nearly", "about", "around", "like", "roughly",
        "approximately", "maybe", "probably", "than", "least", "some", "couple", "few", "these", "good", "solid",
        "whole", "entire", "easily", "basically", "almost", "approx", "abt", "from",
    ]
    static let startCues: Set<String> = [
        "started", "start", "starting", "began", "begun", "begin", "since", "noticed", "first", "beginning",
    ]
    static let strongWhen: Set<String> = [
        "yesterday", "day before yesterday", "the other day", "last week", "past week", "a week ago",
        "earlier this week", "last month", "past month", "last year", "past year", "the whole month", "whole month",
        "the entire month", "all month", "been months",
    ]

    /// When twitching started, in days ago.
    static func onsetDays(_ clause: [String], today: CalendarDate?) -> Double? {
        let hasStartCue = clause.contains(where: startCues.contains)
        var index = 0
        while index < clause.count {
            if negatedNumber(clause, at: index) {
                index += 1
                continue
            }
            let previous = index > 0 ? clause[index - 1] : ""
            if let found = Dates.match(clause, at: index, today: today),
                hasStartCue || Dates.leadIns.contains(previous) || previous == "the"
            {
                if let days = found.days { return days }
                index = found.end
                continue
            }
            // "same eye as last year": a comparison, not when it began.
            if let phrase = Durations.whenPhrases.match(clause, at: index), index > 0,
                ["as", "than"].contains(clause[index - 1])
            {
                index = phrase.end
                continue
            }
            if let phrase = Durations.whenPhrases.match(clause, at: index) {
                let text = clause[phrase.start..<phrase.end].joined(separator: " ")
                if strongWhen.contains(text) || hasStartCue { return phrase.value }
                index = phrase.end
                continue
            }
            // "Months now.": a plural alone before "now" is a time too.
            let bare =
                previous == "for" || previous == "past" || previous == "last"
                || (index + 1 < clause.count && clause[index + 1] == "now"
                    && ["weeks", "months", "years"].contains(clause[index]))
            if let found = Durations.duration(clause, at: index, barePlurals: bare), found.seconds >= Durations.day,
                !Durations.sinceLastTime(clause, before: index), !namesAProgramme(clause, after: found.end)
            {
                let next = found.end < clause.count ? clause[found.end] : ""
                let isArticle = Numbers.single(clause, at: index)?.isArticle ?? false
                // "it's been going on 3 weeks".
                let goingOn = previous == "on" && index >= 2 && ["going", "gone"].contains(clause[index - 2])
                // "now it is 18 days", "its 3 weeks now" (not "it is 3 weeks away").
                let itIs =
                    (previous == "its" || (previous == "is" && index >= 2 && clause[index - 2] == "it"))
                    && !["away", "later", "off", "until", "till", "left"].contains(next)
                // "Eyelid twitching 2 weeks": how long it has been twitching.
                let afterTwitching = twitchingWords.contains(previous)
                let cued =
                    onsetCues.contains(previous) || (index >= 2 && onsetCues.contains(clause[index - 2])) || goingOn
                    || itIs || afterTwitching
                let afterNext = found.end + 1 < clause.count ? clause[found.end + 1] : ""
                // "8 weeks of a twitchy right thumb now".
                let ofTwitching =
                    next == "of"
                    && (["twitching", "twitches", "twitch", "this", "it"].contains(afterNext)
                        || clause[(found.end + 1)..<min(clause.count, found.end + 5)].contains {
                            twitchWords.contains($0) && $0 != "it" && $0 != "its"
                        })
                // "twitching eye, 1 week, 3 cups of coffee": a duration alone in its clause.
                let alone = index == 0 && found.end == clause.count && !isArticle
                // "im 9 weeks into this twitching".
                let into =
                    next == "into" && clause[found.end...].contains { twitchingWords.contains($0) || $0 == "this" }
                // "a month or so back", "3 weeks in".
                let back =
                    next == "back" && (found.end + 1 == clause.count || [",", "."].contains(afterNext))
                    && clause.contains {
                        twitchingWords.contains($0) || twitchWords.contains($0) || Durations.startWords.contains($0)
                    }
                let weeksIn = next == "in" && found.end + 1 == clause.count
                // "the twitch started a month before that".
                let before =
                    next == "before" && ["that", "this", "then"].contains(afterNext)
                    && clause.contains { twitchingWords.contains($0) || twitchWords.contains($0) }
                if next == "ago" || next == "now" || next == "already" || ofTwitching || alone || into || back
                    || weeksIn || before
                    || (cued && (!isArticle || onsetCues.contains(previous)))
                    || hasStartCue && !isArticle
                {
                    return Durations.lengthened(found.seconds / Durations.day, clause, start: index, end: found.end)
                }
                index = found.end
                continue
            }
            index += 1
        }
        return nil
    }

    static let storyEpisodePhrases = PhraseTable<Episode>(
        [
            ("continuous", .continuous), ("continuously", .continuous), ("doesnt stop", .continuous),
            ("does not stop", .continuous), ("never stops", .continuous),
            ("without stopping", .continuous), ("without a break", .continuous),
            ("never really stops", .continuous), ("doesnt really stop", .continuous), ("never goes away", .continuous),
            ("never fully stops", .continuous), ("never completely stops", .continuous),
            ("doesnt fully stop", .continuous),
            ("hours at a time", .continuous), ("hasnt stopped once", .continuous),
            ("hasnt stopped for a single second", .continuous), ("hasnt stopped for a second", .continuous),
            ("not stopped once", .continuous),
            ("never really off", .continuous), ("its never off", .continuous),
            ("split second", .seconds(1)), ("fraction of a second", .seconds(0.5)), ("brief", .seconds(1)),
            ("briefly", .seconds(1)), ("a second or two", .seconds(1.5)),
        ] + (Durations.notStopped + Durations.neverStill + Durations.neverStops).map { ($0, Episode.continuous) })
    /// Words after "a second" that show it is not a duration ("a second opinion").
    static let notADuration: Set<String> = ["opinion", "time", "look", "thought", "chance", "round", "doctor"]
    static let episodeCues: Set<String> = ["last", "lasts", "lasting", "lasted", "each"]

    /// How long one twitch lasts.
    static func episodeLength(_ clause: [String]) -> Episode? {
        var index = 0
        while index < clause.count {
            if negatedNumber(clause, at: index) {
                index += 1
                continue
            }
            if let phrase = storyEpisodePhrases.match(clause, at: index) {
                if !Durations.stopsSomething(clause, after: phrase.end) { return phrase.value }
                index = phrase.end
                continue
            }
            let previous = index > 0 ? clause[index - 1] : ""
            if previous == "every" || previous == "each" {
                index += 1
                continue
            }
            if let found = Durations.duration(
                clause, at: index, extraUnits: Durations.momentUnits, barePlurals: false),
                !notADuration.contains(found.end < clause.count ? clause[found.end] : "")
            {
                let next = found.end < clause.count ? clause[found.end] : ""
                let cued = clause[..<index].contains(where: episodeCues.contains)
                if next != "ago", next != "now",
                    found.seconds < Durations.hour || (cued && found.seconds < Durations.day)
                {
                    return .seconds(found.seconds)
                }
                index = found.end
                continue
            }
            index += 1
        }
        return nil
    }

    static let storyFrequencyPhrases: PhraseTable<Frequency> = PhraseTable(
        [
            ("constantly", .constant), ("constant", .constant), ("all the time", .constant), ("nonstop", .constant),
            // "my eyelid twitches all day" in a story is often, not without a break: how often is asked. Said to
            // "how often?" itself, "all day" is constant (Frequencies.phrases).
            ("non stop", .constant), ("24 / 7", .constant), ("all day long", .constant),
            ("all day every day", .constant), ("all day and all night", .constant), ("all day and night", .constant),
            ("comes and goes all day", .daily), ("on and off all day", .daily), ("off and on all day", .daily),
            ("hourly", .hourly), ("every minute", .hourly), ("every few minutes", .hourly),
            ("every couple of minutes", .hourly), ("every few seconds", .hourly),
            ("daily", .daily), ("every day", .daily), ("everyday", .daily), ("each day", .daily),
            ("every night", .daily), ("every morning", .daily), ("every evening", .daily), ("most days", .daily),
            ("every single day", .daily), ("weekly", .weekly), ("every week", .weekly), ("every other day", .weekly),
            ("rarely", .occasional), ("occasionally", .occasional), ("now and then", .occasional),
            ("every now and then", .occasional), ("once in a while", .occasional), ("every so often", .occasional),
            ("from time to time", .occasional), ("on and off", .occasional), ("off and on", .occasional),
        ] + (Frequencies.everyMinute + Durations.neverStops).map { ($0, Frequency.constant) })

    /// How often it happens.
    static func takesBackConstant(_ clause: [String]) -> Bool {
        clause.indices.contains { index in
            index > 0 && ["not", "isnt"].contains(clause[index - 1])
                && storyFrequencyPhrases.match(clause, at: index)?.value == .constant
        }
    }

    static func howOften(_ clause: [String]) -> Frequency? {
        var index = 0
        while index < clause.count {
            if let phrase = storyFrequencyPhrases.match(clause, at: index) {
                let negated =
                    index > 0 && (clause[index - 1] == "not" || clause[index - 1] == "isnt")
                    || Durations.stopsSomething(clause, after: phrase.end)
                if !negated, !describesWhatItFollowed(clause, before: index), !followsAnActivity(clause, at: index) {
                    return phrase.value
                }
                index = phrase.end
                continue
            }
            if let perDay = Frequencies.every(clause, at: index) ?? Frequencies.times(clause, at: index), perDay > 0 {
                return Frequencies.bucket(perDay)
            }
            index += 1
        }
        return nil
    }

    /// Whether the word before `index` is something else the person does ("I've been googling nonstop", "working
    /// constantly"): how often is then about that, not the twitching.
    static func followsAnActivity(_ clause: [String], at index: Int) -> Bool {
        guard index > 0 else { return false }
        let before = clause[index - 1]
        // "I'm anxious all the time", "on my feet all day": a feeling or standing, not the twitching.
        if feelingWords.contains(before) || clause[max(0, index - 3)..<index].elementsEqual(["on", "my", "feet"]) {
            return true
        }
        let activity = { (word: String) in
            word.count > 4 && word.hasSuffix("ing") && !twitchingWords.contains(word)
                && !["going", "happening", "coming", "moving", "doing", "being", "having"].contains(word)
        }
        // "lifting boxes all day": the activity and what it was done with.
        if index >= 2, activity(clause[index - 2]),
            !(twitchWords.contains(before) || twitchingWords.contains(before)
                || ["it", "them", "they", "away", "on", "about", "around", "along", "off"].contains(before))
        {
            return true
        }
        // "carried heavy stuff up stairs all day": something done all day.
        let window = clause[max(0, index - 6)..<index]
        if window.contains(where: pastActivities.contains),
            !window.contains(where: { twitchWords.contains($0) || twitchingWords.contains($0) || $0 == "it" })
        {
            return true
        }
        return activity(before)
    }
    static let pastActivities: Set<String> = [
        "carried", "lifted", "worked", "walked", "cleaned", "painted", "drove", "typed", "played", "stood", "hiked",
        "gardened", "studied", "moved", "packed", "unpacked", "shifted", "hauled",
    ]
    static let feelingWords: Set<String> = [
        "anxious", "worried", "stressed", "nervous", "tired", "exhausted", "scared", "frightened", "panicky", "tense",
        // "the skin there feels strange, like it's cold all the time": how another feeling is.
        "cold", "numb", "tingly", "sore", "stiff", "achy", "weak", "strange", "hot", "heavy",
    ]

    /// Whether the words before `index` put it in what the twitching followed, not in the twitching: "I noticed it
    /// yesterday after I carried boxes all day" (after …, with no "now", "it" or twitching after the "after").
    static func describesWhatItFollowed(_ clause: [String], before index: Int) -> Bool {
        guard let after = clause[..<index].lastIndex(of: "after") else { return false }
        return !clause[(after + 1)..<index].contains {
            $0 == "now" || $0 == "it" || $0 == "its" || twitchingWords.contains($0)
        }
    }

    /// Hours of sleep a night, from a clause about sleep.
    static func sleepHours(_ clause: [String]) -> Double? {
        if let span = Sleep.clockSpan(clause) { return span }
        var index = 0
        while index < clause.count {
            if let found = Durations.duration(clause, at: index, barePlurals: false) {
                let hours = found.seconds / Durations.hour
                if hours <= 24 { return hours }
            }
            index += 1
        }
        // "I sleep maybe 5", "sleep like 6 a night"
        for (position, token) in clause.enumerated() where sleepWords.contains(token) {
            var index = position + 1
            while index < clause.count, index <= position + 4 {
                if let quantity = Numbers.parse(clause, at: index), !quantity.isArticle, quantity.value <= 14 {
                    let next = quantity.end < clause.count ? clause[quantity.end] : ""
                    if Durations.units[next] == nil { return quantity.value }
                }
                index += 1
            }
        }
        return nil
    }

    // MARK: Sites

    static let partLead: Set<String> = ["side", "of", "my", "the", "upper", "lower", "and", "or", ",", "both", "a"]
    static let backAfter: Set<String> = [
        "my", "lower", "upper", "the", "of", "in", "left", "right", "mid", "middle", "and", ",", "both", "or", "on",
    ]

    /// The body sites named, with the words that are not about the body taken out ("right now", "came back").
    static func locations(_ tokens: [String]) -> [Site] {
        var kept = tokens
        for (index, token) in tokens.enumerated() {
            let previous = index > 0 ? tokens[index - 1] : ""
            let next = index + 1 < tokens.count ? tokens[index + 1] : ""
            switch token {
            case "left", "right", "l", "r", "lft", "rt":
                // A side counts only when a part follows within a few words.
                var look = index + 1
                var hasPart = false
                while look < tokens.count, look <= index + 4 {
                    if BodySites.parts.match(tokens, at: look) != nil {
                        hasPart = true
                        break
                    }
                    guard partLead.contains(tokens[look]) || BodySites.sides.match(tokens, at: look) != nil else {
                        break
                    }
                    look += 1
                }
                // "it looks smaller than the right one" compares; it names no place.
                let compares = previous == "than" || (index >= 2 && tokens[index - 2] == "than")
                if (!hasPart && next != "one") || compares { kept[index] = "_" }
                if compares, next == "one" { kept[index + 1] = "_" }
            case "back":
                if !backAfter.contains(previous) || next == "to" || next == "then" || next == "of" {
                    kept[index] = "_"
                }
            case "body":
                if !["whole", "entire", "my", "the"].contains(previous) { kept[index] = "_" }
            case "eye", "hand", "hands":
                if previous == "an" || previous == "other" { kept[index] = "_" }
            case "leg", "arm", "chest":
                if ["day", "days", "workout", "workouts", "press", "exercises", "exercise"].contains(next) {
                    kept[index] = "_"
                }
            case "both", "each":
                // "both calves", "both my biceps", "both of my quads".
                var look = index + 1
                while look < tokens.count, look <= index + 2, ["my", "the", "of"].contains(tokens[look]) { look += 1 }
                if BodySites.parts.match(tokens, at: look) == nil, next != "sides", next != "side" {
                    kept[index] = "_"
                }
            default:
                break
            }
        }
        // "my calf, the left one", "right calf and now the left one too": "one" is the part named last.
        var expanded: [String] = []
        var index = 0
        while index < kept.count {
            if let part = BodySites.parts.match(kept, at: index) {
                expanded += kept[part.start..<part.end]
                index = part.end
                continue
            }
            // "the left one" is read by `BodySites.read` (the part named last, or instead of it after "wait").
            if ["and", ","].contains(kept[index]), let side = sideBefore(kept, index),
                index + 1 < kept.count, BodySites.sides.match(kept, at: index + 1) == nil,
                let next = BodySites.parts.match(kept, at: index + 1), !next.value.plural
            {
                // "right arm and hand": the side carries over to a singular part joined by "and".
                expanded += [kept[index], side]
            } else {
                expanded.append(kept[index])
            }
            index += 1
        }
        if case .value(.sites(let sites)) = BodySites.read(expanded) { return sites }
        return []
    }

    /// Words of another symptom: a clause that names one and no twitching ("legs are sore as hell") says where
    /// that symptom is, not where it twitches.
    static let otherSymptomWords: Set<String> = [
        "sore", "soreness", "ache", "aches", "aching", "achy", "pain", "painful", "hurts", "hurt", "stiff", "numb",
        "numbness", "tingling", "tingly", "weak", "weakness", "cramp", "cramps", "cramping", "burning", "swollen",
        "pins", "needles", "feels", "feel", "weird", "wierd", "odd", "strange", "smaller", "thinner", "sunken",
        "wrecked", "knackered", "shattered", "killing", "destroyed", "battered", "tired", "heavy", "screaming",
        "toast", "fried", "cooked", "spent", "exhausted", "dead",
    ]

    /// Words for other people: a clause about one, with no twitching, says where their trouble is ("my husband is in
    /// hospital with a broken hip").
    static let otherPeople: Set<String> = [
        "husband", "wife", "mum", "mom", "mother", "dad", "father", "son", "daughter", "kid", "kids", "child", "baby",
        "sister", "brother", "partner", "boyfriend", "girlfriend", "friend", "granddaughter", "grandson", "gran",
        "grandma", "grandpa", "grandad", "nan", "aunt", "uncle", "cousin", "colleague", "boss", "neighbour",
        "neighbor", "he", "she", "his", "her", "him", "hes", "shes", "hers", "gf", "bf", "hubby", "grandmother",
        "grandfather", "granny", "flatmate", "roommate", "coworker",
    ]
    /// People who may be the subject of a sentence about their own twitching ("my husband has twitches too").
    static let otherSubjects: Set<String> = [
        "husband", "wife", "mum", "mom", "mother", "dad", "father", "son", "daughter", "kid", "kids", "child",
        "sister", "brother", "partner", "boyfriend", "girlfriend", "friend", "gran", "grandma", "grandpa", "grandad",
        "nan", "aunt", "uncle", "cousin", "colleague", "boss", "neighbour", "neighbor", "he", "she",
        "husbands", "wifes", "mums", "moms", "mothers", "dads", "fathers", "sons", "daughters", "sisters", "brothers",
        "partners", "boyfriends", "girlfriends", "friends", "aunts", "uncles", "cousins", "colleagues", "gf", "bf",
        "hers",
        "hubby", "grandmother", "grandfather", "granny", "flatmate", "roommate", "coworker",
    ]
    static let twitchingWords: Set<String> = twitchWords.union([
        "jumping", "jumps", "flickering", "flicker", "fluttering", "flutter", "flutters", "spasming", "pulsing",
        "ticking", "tic", "jerking", "jumpy", "quivering", "quivers", "trembling", "twitchy",
    ]).subtracting(["it", "its", "happens", "happen", "lasts"])

    static let feelingVerbs: Set<String> = [
        "feel", "feels", "felt", "feeling", "get", "gets", "getting", "got", "have", "had", "notice", "noticed",
    ]

    /// Sayings that name a body part and mean no place.
    static let idioms = PhraseTable<Bool>(
        [
            "up to my eyes", "up to my eyeballs", "up to my neck", "pain in the neck", "pain in the backside",
            "pain in the butt", "keep an eye", "keeping an eye", "an eye on", "off my feet", "on my feet",
            "on my back", "behind my back", "head over heels", "by ear", "cold feet", "sweet tooth", "all hands",
            "back to back", "back and forth", "long face", "heads up", "hand in hand", "arm and a leg",
            "all over the place", "everywhere", "with one hand", "one handed", "with my hands", "with both hands",
        ].map { ($0, true) })

    /// `tokens` with the body parts of clauses about another symptom blanked out ("my calf twitches and my leg gives
    /// way": the leg is where the weakness is). "And it twitches" does not start a new clause.
    static func masked(_ tokens: [String], screening: Screening? = nil) -> [String] {
        var result = tokens
        // "up to my eyes in it", "a pain in the neck": idioms name no place.
        var position = 0
        while position < tokens.count {
            // "all over the place" is where it twitches when the message says it twitches ("I twitch all over the
            // place"), and a saying otherwise ("night shifts, so all over the place").
            // So is "everywhere" ("roadworks everywhere, so aye").
            if let idiom = idioms.match(tokens, at: position) {
                let saysWhere =
                    (idiom.end - idiom.start == 4 && tokens[idiom.start] == "all")
                    || tokens[idiom.start] == "everywhere"
                if !saysWhere || !tokens.contains(where: twitchingWords.contains) {
                    for index in idiom.start..<idiom.end { result[index] = "_" }
                    position = idiom.end
                    continue
                }
            }
            position += 1
        }
        // "I checked both legs in the mirror and they look the same": places compared name no twitching.
        var sentenceStart = 0
        for end in 0...tokens.count where end == tokens.count || Screening.sentenceBreaks.contains(tokens[end]) {
            let sentence = tokens[sentenceStart..<end]
            if sentence.contains(where: sameness.contains), sentence.contains(where: comparingWords.contains),
                !sentence.contains(where: twitchingWords.contains), !sentence.contains(where: twitchWords.contains)
            {
                for index in sentence.indices where BodySites.parts.match(tokens, at: index) != nil {
                    result[index] = "_"
                }
            }
            sentenceStart = end + 1
        }
        // "I can smile on both sides, talk fine": what the face can do on both sides is not where it twitches.
        var clauseStart = 0
        for end in 0...tokens.count where end == tokens.count || Tokenizer.clauseBreaks.contains(tokens[end]) {
            let clause = tokens[clauseStart..<end]
            // Only what the person says they can do ("can smile", "can still chew"): not "both sides when I smile".
            let can = clause.indices.contains { index in
                abilityVerbs.contains(tokens[index])
                    && (index - 1 >= clause.startIndex && ["can", "could"].contains(tokens[index - 1])
                        || index - 2 >= clause.startIndex && ["can", "could"].contains(tokens[index - 2])
                            && tokens[index - 1] == "still")
            }
            if can, !clause.contains(where: twitchingWords.contains), !clause.contains(where: twitchWords.contains) {
                for index in clause.indices where ["both", "either", "each", "sides", "side"].contains(tokens[index]) {
                    result[index] = "_"
                }
            }
            clauseStart = end + 1
        }
        // "not my buttock, my lower eyelid": a place said not to be it is not where it twitches.
        for (index, token) in tokens.enumerated() where token == "not" {
            var look = index + 1
            while look < tokens.count, ["my", "the", "in", "on"].contains(tokens[look]) { look += 1 }
            if let part = BodySites.parts.match(tokens, at: look) {
                for position in part.start..<part.end { result[position] = "_" }
            }
        }
        result = maskingOthers(result)
        // Where signs start is looked for only once a clause names a place (most answers name none).
        var signStarts: Set<Int>?
        var start = 0
        for index in 0...tokens.count {
            var ends =
                index == tokens.count || Tokenizer.clauseBreaks.contains(tokens[index])
                || ["but", "so", "because", "though", "although"].contains(tokens[index])
            if !ends, tokens[index] == "and" {
                let next = tokens[(index + 1)..<min(tokens.count, index + 3)]
                ends = !next.contains(where: twitchingWords.contains)
            }
            guard ends else { continue }
            let clause = tokens[start..<index]
            let parts = clause.indices.filter { BodySites.parts.match(tokens, at: $0) != nil }
            guard !parts.isEmpty else {
                start = index + 1
                continue
            }
            let starts = signStarts ?? screening?.signStarts(in: tokens, symptomsOnly: true) ?? []
            signStarts = starts
            let namesSign = clause.indices.contains(where: starts.contains)
            // "I feel it in both arms": "it" after a verb of feeling is the twitching.
            let feelsIt = clause.indices.contains { index in
                index + 1 < clause.endIndex && clause[index + 1] == "it" && feelingVerbs.contains(clause[index])
            }
            // "my right forearm used to twitch when I was a kid": where it twitched long ago is not where it does.
            let longAgo = (longAgoWords.occurs(in: Array(clause)) || usedTo(Array(clause))) && !clause.contains("now")
            if longAgo
                || ((clause.contains(where: otherSymptomWords.contains) || namesSign
                    || clause.contains(where: otherPeople.contains))
                    && !namesTwitchingThere(clause) && !feelsIt
                    // "Also my left calf, which feels a bit numb": the place twitches, and feels numb too.
                    && !clause.contains("which"))
            {
                for position in parts { result[position] = "_" }
            }
            start = index + 1
        }
        return result
    }

    /// Whether `clause` names the twitching, other than as a time ("my foot goes numb at night since the twitching
    /// started" names the numbness's place, not the twitching's).
    static func namesTwitchingThere(_ clause: ArraySlice<String>) -> Bool {
        clause.indices.contains { index in
            twitchingWords.contains(clause[index])
                && !(index - 2 >= clause.startIndex && clause[index - 1] == "the"
                    && ["since", "before", "after"].contains(clause[index - 2]))
        }
    }

    /// What a face can be seen to do on both sides ("I can smile on both sides").
    static let abilityVerbs: Set<String> = ["smile", "smiling", "frown", "frowning", "whistle", "chew", "chewing"]

    /// Words that say two places were compared and found alike.
    static let sameness: Set<String> = ["same", "identical", "equal", "symmetrical", "symmetric", "difference"]
    /// Words that say two places were looked at side by side.
    static let comparingWords: Set<String> = [
        "checked", "check", "compared", "compare", "comparing", "mirror", "measured", "look", "looks", "looked",
    ]

    /// `tokens` with the places said of someone else masked: "My husband has twitching all over but that's him",
    /// "my husband snores and has leg twitches". What is said of someone else, up to the speaker's own words, "but"
    /// or the end of the sentence, names no place of the speaker's. A report of what they saw ("my wife says the
    /// calf twitches") stays the speaker's.
    /// With `wholly`, every word said of them is masked, not only the places.
    static func maskingOthers(_ tokens: [String], wholly: Bool = false) -> [String] {
        var result = tokens
        // "my husband says his leg twitches": a part that is his or hers is not the speaker's.
        for index in tokens.indices.dropLast() where ["his", "her"].contains(tokens[index]) {
            if let part = BodySites.parts.match(tokens, at: index + 1) {
                for position in part.start..<part.end { result[position] = "_" }
            }
        }
        for (index, token) in tokens.enumerated() where otherSubjects.contains(token) {
            // "my wife says the calf twitches" reports the speaker's; "my partner says her legs twitch" does not.
            if index + 1 < tokens.count, Screening.reportingVerbs.contains(tokens[index + 1]),
                !(index + 2 < tokens.count && ["his", "her", "their", "he", "she", "they"].contains(tokens[index + 2]))
            {
                continue
            }
            if wholly {
                // "my husband's twitches happen all the time": the possessive is said of them too.
                var look = index + 1
                while look < tokens.count {
                    let word = tokens[look]
                    if Screening.firstPerson.contains(word) || word == "but" || Screening.sentenceBreaks.contains(word)
                    {
                        break
                    }
                    // "my son was born 6 weeks ago and it started then": the twitching again.
                    if word == "and", look + 1 < tokens.count, ["it", "its", "now", "then"].contains(tokens[look + 1]) {
                        break
                    }
                    result[look] = "_"
                    look += 1
                }
                continue
            }
            var look = index + 1
            while look < tokens.count {
                let word = tokens[look]
                if Screening.firstPerson.contains(word) || word == "but" || Screening.sentenceBreaks.contains(word) {
                    break
                }
                if let part = BodySites.parts.match(tokens, at: look) {
                    for position in part.start..<part.end { result[position] = "_" }
                    look = part.end
                    continue
                }
                look += 1
            }
        }
        return result
    }

    /// The side word right before the part that ends at `index` ("right arm" before "and").
    static func sideBefore(_ tokens: [String], _ index: Int) -> String? {
        var start = index - 1
        while start >= 0, BodySites.parts.match(tokens, at: start) == nil { start -= 1 }
        guard start >= 1, let part = BodySites.parts.match(tokens, at: start), part.end == index else { return nil }
        let side = tokens[start - 1]
        return side == "left" || side == "right" ? side : nil
    }

    // MARK: Symptoms

    static let storyNone = PhraseTable<Bool>([
        ("no other symptoms", true), ("nothing else", true), ("no symptoms", true), ("no other problems", true),
        ("otherwise fine", true), ("otherwise i feel fine", true), ("no other issues", true),
        ("nothing else going on", true), ("only symptom", true),
    ])

    static let storySymptoms: PhraseTable<Symptoms.Word> = PhraseTable(
        Symptoms.symptomPhrases.filter { $0.0 != "sensation" && $0.0 != "sensations" && $0.0 != "temperature" }
            .map { ($0.0, Symptoms.Word.symptom($0.1)) }
            + Symptoms.negators.map { ($0, Symptoms.Word.negator) }
            + Symptoms.boundaries.filter { $0 != "sometimes" }.map { ($0, Symptoms.Word.boundary) }
            + [("twitching sensation", .boundary), ("nervous system", .boundary)])

    /// The other symptoms: those named and not negated; an explicit "no other symptoms" is none. Soreness alone
    /// leaves the question to be asked, so that the signs that need a doctor are still screened.
    static func symptoms(_ tokens: [String]) -> Set<Symptom>? {
        let found = Symptoms.scan(tokens, with: storySymptoms).found
        let explicitNone = storyNone.occurs(in: tokens)
        // Soreness alone does not settle the checklist: the question (weakness, numbness, …) is still asked.
        if found == [.soreness], !explicitNone { return nil }
        if !found.isEmpty { return found }
        return explicitNone ? [] : nil
    }

    // MARK: Yes or no

    /// Cue phrases of a yes/no field: `true`/`false` is what the phrase says when not negated; `nil` hides it
    /// ("nervous system" is not "nervous").
    typealias Cues = PhraseTable<Bool?>

    static let hedges: Set<String> = ["maybe", "perhaps", "possibly", "might", "probably", "unsure"]
    static let littleWords: Set<String> = ["little", "bit", "slightly", "somewhat"]

    /// The answer the cues give in `clauses`: the first cue found, flipped when a negator comes before it in its
    /// clause; a hedge ("maybe") without "a little" leaves the field to be asked.
    static func yesNo(_ cues: Cues, _ clauses: [[String]]) -> Bool? {
        for clause in clauses {
            var index = 0
            while index < clause.count {
                guard let match = cues.match(clause, at: index) else {
                    index += 1
                    continue
                }
                guard let said = match.value else {
                    index = match.end
                    continue
                }
                let before = clause[max(0, index - 6)..<index]
                // "I'm 58, fit, used to hike a lot": what was done once is not what is done lately.
                if zip(before, before.dropFirst()).contains(where: { $0 == "used" && $1 == "to" }) {
                    index = match.end
                    continue
                }
                // "I'm not sure it's just the gym", "dont know if it's the coffee": a doubt, not a denial.
                let doubted = zip(before, before.dropFirst()).contains { pair in
                    (pair.0 == "not" && pair.1 == "sure") || (pair.0 == "dont" && pair.1 == "know")
                }
                let negated = !doubted && before.contains(where: negators.contains)
                if doubted || before.contains(where: hedges.contains), !clause.contains(where: littleWords.contains),
                    !negated
                {
                    return nil
                }
                return negated ? !said : said
            }
        }
        return nil
    }

    static let samePlace = Cues([
        // "it started in one spot but now it's everywhere": where it began is not where it is now.
        ("started in one spot", nil), ("started in one place", nil), ("began in one spot", nil),
        ("began in one place", nil), ("its everywhere", false), ("now everywhere", false), ("everywhere now", false),
        // "different spots but all within the same calf": one place.
        ("within the same", true), ("different spots but all", nil), ("different spots on the same", true),
        ("different spots in the same", true), ("different spots within the same", true),
        ("same spot", true), ("same place", true), ("same area", true), ("same muscle", true), ("same eye", true),
        ("same side", true), ("one spot", true), ("one place", true), ("same location", true),
        ("moves around", false), ("moving around", false), ("jumps around", false), ("different spots", false),
        ("different places", false), ("different areas", false), ("all over the place", false),
        ("random spots", false), ("changes place", false), ("changes location", false),
    ])

    static let yesNoFields: [(String, Cues)] = [
        (
            "stress",
            Cues([
                ("stressed", true), ("stress", true), ("stressful", true), ("stressing", true), ("anxious", true),
                ("anxiety", true), ("overwhelmed", true), ("burnt out", true), ("burned out", true),
                ("burnout", true), ("under pressure", true), ("panic attacks", true), ("on edge", true),
                ("nervous wreck", true), ("stress free", false), ("relaxed", false), ("nervous system", nil),
                // "only when my face is relaxed": a muscle at rest, not a calm mind.
                ("is relaxed", nil), ("are relaxed", nil), ("relaxed muscle", nil), ("relaxed muscles", nil),
                ("a lot of pressure", true), ("lots of pressure", true), ("so much pressure", true),
                ("pressure at work", true), ("blood pressure", nil),
            ])
        ),
        (
            "new_condition",
            Cues([
                ("diagnosed with", true), ("got diagnosed", true), ("was diagnosed", true), ("been diagnosed", true),
                ("new diagnosis", true), ("just found out i have", true), ("diagnosis of", true),
                ("no new diagnosis", false), ("no medical conditions", false), ("no health conditions", false),
                ("no health problems", false), ("no health issues", false), ("otherwise healthy", false),
                ("healthy otherwise", false), ("no known conditions", false), ("no conditions", false),
            ])
        ),
        (
            "hydration",
            Cues([
                ("enough water", true), ("plenty of water", true), ("lots of water", true), ("a lot of water", true),
                ("much water", true), ("well hydrated", true), ("stay hydrated", true), ("drink water", true),
                ("dehydrated", false), ("little water", false), ("hardly any water", false),
            ])
        ),
        (
            "diet",
            Cues([
                ("balanced diet", true), ("eat well", true), ("eat healthy", true), ("healthy diet", true),
                ("eat healthily", true), ("good diet", true), ("fruit and veg", true), ("fruit and vegetables", true),
                ("vegetables", true), ("veggies", true), ("veg", true), ("fruit", true), ("eating well", true),
                ("eating healthy", true), ("junk food", false), ("fast food", false), ("poor diet", false),
                ("bad diet", false), ("eat badly", false), ("eat poorly", false), ("skip meals", false),
                ("skipping meals", false), ("unhealthy", false), ("eating badly", false), ("eating junk", false),
            ])
        ),
        (
            "exercise",
            Cues([
                ("started running", true), ("marathon", true), ("leg day", true), ("hard workout", true),
                ("intense workout", true), ("heavy lifting", true), ("lifting weights", true), ("lifted weights", true),
                ("worked out", true), ("working out", true), ("workout", true), ("new workout", true),
                ("started the gym", true), ("started going to the gym", true), ("went to the gym", true),
                ("at the gym", true), ("the gym", true), ("ran", true), ("a run", true), ("long run", true),
                ("went running", true), ("training", true), ("trained", true), ("hiit", true), ("crossfit", true),
                ("squats", true), ("hiking", true), ("hike", true), ("exercised", true), ("exercising", true),
                ("strenuous", true), ("exercise", true), ("football", true), ("soccer", true), ("cycling", true),
                ("i run", true), ("run a lot", true), ("running a lot", true), ("no exercise", false),
            ])
        ),
    ]

    static let restPhrases = PhraseTable([
        ("at rest", true), ("in bed", true), ("watch tv", true), ("keeps me up", true), ("keeps me awake", true),
        ("in my lap", true), ("on my lap", true),
        ("all night", true),
        ("lie down", true), ("i lie", true), ("im lying", true),
        ("sitting still", true), ("when still", true), ("im still", true),
        ("keeping still", true), ("lying still", true), ("on the sofa", true), ("on the couch", true),
        ("at my desk", true), ("watching tv", true), ("sat down", true), ("in the evening", true),
        ("at night", true), ("in the night", true), ("night time", true), ("nighttime", true),
        ("sat at home", true), ("sitting at home", true), ("in my recliner", true), ("in my chair", true),
        // "i wake up because my leg twitches": it comes in sleep.
        ("wakes me up", true), ("wake me up", true), ("woke me up", true), ("wakes me", true),
        ("wake up because", true), ("in my sleep", true),
        // "gym or sofa": a sofa set against moving (not "carried a sofa", "typing this from the sofa").
        ("trying to sleep", true), ("try to sleep", true), ("going to sleep", true), ("get to sleep", true),
        ("when sleep", true), ("when i sleep", true), ("while i sleep", true), ("when im asleep", true),
        ("or sofa", true), ("or the sofa", true), ("or couch", true), ("or the couch", true),
    ])
    static let restWords: Set<String> = [
        "rest", "resting", "relaxing", "relaxed", "sitting", "sit", "sat", "lying", "laying", "asleep", "sleeping",
        "sits", "chill", "chilling",
    ]
    /// Words of another sign: a clause that names one and not the twitching says when that sign comes.
    static let otherSignWords: Set<String> = symptomTimeWords.union([
        "weak", "weaker", "weakness", "wobbly", "sore", "aching", "achy", "hurts", "hurt", "painful", "pain",
        "heavy", "heavier", "tired", "breathless", "puffed", "soreness", "stiff", "stiffness",
    ])
    static let moveWords: Set<String> = [
        "workouts", "walks", "holding", "use",
        "moving", "move", "walking", "walk", "active", "using", "exercising", "treadmill", "running", "gym",
        "training", "typing", "working", "workout", "cycling", "driving", "lifting", "standing", "assembly",
        "playing", "cooking", "cleaning", "moves", "exercise", "bike", "pottering", "puttering", "lift", "type",
        "jogging", "jog", "yoga", "swimming", "dancing", "hiking", "gardening", "shopping", "run", "runs", "carrying",
        "carry", "swim", "swims", "pedalling", "pedaling", "cycle", "riding", "ride", "rides", "play", "knitting",
        "sewing",
        "crocheting", "chopping", "chop", "clutch", "scroll", "scrolling", "practice", "practicing", "practising",
        "rehearsal", "rehearsing",
    ]
    /// Move words that are other words too ("type 2 diabetes"): they count after "I" only ("when I type").
    static let ambiguousMoveWords: Set<String> = ["type", "lift", "use", "run", "runs", "play"]
    /// Move words that are also a job or a way of life ("a nurse working nights"): they count when tied to the
    /// twitching ("when I'm working").
    static let tiedMoveWords: Set<String> = ["working"]

    /// Both when moving and resting: both named (without "only") is yes; one named with "only" or "just" is no.
    /// `aboutTheTwitching`: the words answer the question on moving and resting, so they are about the twitching
    /// whether or not they name it ("when moving too yes").
    static func movingAndResting(_ said: [[String]], aboutTheTwitching: Bool = false) -> Bool? {
        // "mostly resting. but my legs are weaker when I walk now": when another sign comes is not when it twitches.
        let clauses = said.filter { clause in
            !clause.contains(where: otherSignWords.contains) || clause.contains(where: twitchingWords.contains)
                || clause.contains("it")
        }
        let tokens = clauses.flatMap { $0 + [","] }
        var rest =
            tokens.contains(where: restWords.contains)
            || restPhrases.occurs(in: tokens)
        // "I wake up because my leg twitches" (the clauses split at "because"): it comes in sleep.
        let wakes = zip(clauses, clauses.dropFirst()).contains { first, second in
            first.suffix(2).elementsEqual(["wake", "up"]) || first.suffix(2).elementsEqual(["woke", "up"])
                ? second.contains { twitchWords.contains($0) || twitchingWords.contains($0) } : false
        }
        rest = rest || wakes
        let upAndAbout = tokens.indices.contains { index in
            index + 2 < tokens.count
                && ((tokens[index] == "up" && ["and", ","].contains(tokens[index + 1]) && tokens[index + 2] == "about")
                    // "when I'm on my feet all day": standing and walking about (not "I'm on my feet 14 hours").
                    || (tokens[index] == "on" && tokens[index + 1] == "my" && tokens[index + 2] == "feet"
                        && tokens[max(0, index - 3)..<index].contains { ["when", "while", "whilst"].contains($0) }))
        }
        // "twitch after running" is at rest, after moving; "it started after I went back to football training"
        // says what it followed, not when it happens.
        let move =
            tokens.indices.contains { index in
                guard moveWords.contains(tokens[index]) else { return false }
                // "I walk to the shop every day no problem": moving is fine, it is not when it twitches.
                let later = tokens[(index + 1)..<min(tokens.count, index + 8)]
                if zip(later, later.dropFirst()).contains(where: { $0 == "no" && $1 == "problem" }) { return false }
                // "can't really move much anyway": not moving.
                if tokens[max(0, index - 2)..<index].contains(where: {
                    ["cant", "cannot", "unable", "couldnt", "barely"].contains($0)
                }) {
                    return false
                }
                // "every few minutes when it's active": the twitching is active, not the person.
                if tokens[index] == "active", index > 0, ["its", "is"].contains(tokens[index - 1]) { return false }
                // "like a worm moving", "the twitch moves between my legs": the twitch moves, not the person.
                if tokens[max(0, index - 3)..<index].contains("like") { return false }
                if index > 0, ["twitch", "twitches", "twitching", "it"].contains(tokens[index - 1]),
                    ["moves", "moving"].contains(tokens[index])
                {
                    return false
                }
                // "when I sit on the couch, never when walking".
                let justBefore = tokens[max(0, index - 2)..<index]
                if justBefore.contains("never"), !justBefore.contains(",") { return false }
                // "When I move it stops": moving is when it does not happen.
                let next = tokens[(index + 1)..<min(tokens.count, index + 4)]
                if next.contains(where: { ["stops", "stop", "disappears", "vanishes", "away", "settles"].contains($0) })
                {
                    return false
                }
                // "it stops when I use my hand" (not "it doesn't stop when I'm walking").
                if let stop = tokens[max(0, index - 4)..<index].lastIndex(where: { ["stops", "stop"].contains($0) }),
                    stop == 0 || !["doesnt", "dont", "didnt", "never", "wont", "not"].contains(tokens[stop - 1])
                {
                    return false
                }
                if ambiguousMoveWords.contains(tokens[index]), index == 0 || tokens[index - 1] != "i" {
                    // "on my run this morning".
                    guard ["run", "runs"].contains(tokens[index]), index > 0,
                        ["my", "a", "the"].contains(tokens[index - 1])
                    else { return false }
                }
                let clauseStart = tokens[..<index].lastIndex(of: ",").map { $0 + 1 } ?? 0
                let before = tokens[clauseStart..<index]
                // "I started going to the gym 3 days ago": what it followed too, unless "when", "while" or "during"
                // ties it ("during and after running").
                let ties = before.contains { ["when", "while", "whilst", "during"].contains($0) }
                // "did a whole day of gardening and now it twitches": what was done, not when it twitches.
                // (Not "it did it on my walk yesterday too".) So does "been carrying boxes all day" (not "it's been
                // twitching as I walk").
                let been =
                    before.contains("been")
                    && !before.contains { $0 == "its" || twitchWords.contains($0) || twitchingWords.contains($0) }
                if !ties, before.contains(where: { ["did", "done", "doing"].contains($0) }) || been,
                    !before.contains("it")
                {
                    return false
                }
                // "when my arm is resting after typing": at rest, after moving (not "during and after running").
                let justAfter = tokens[max(clauseStart, index - 2)..<index]
                if justAfter.contains("after"), !tokens[max(clauseStart, index - 3)..<index].contains("during") {
                    return false
                }
                let started = before.contains { ["started", "began", "begun"].contains($0) }
                if tiedMoveWords.contains(tokens[index]) { return ties }
                return ties || (!before.contains { ["after", "from"].contains($0) } && !started)
            } || upAndAbout
        // "whether I'm typing or just lying on the couch": "just" does not make it one of them, nor does it in
        // "when I'm just lying in bed" (merely lying).
        let merely = tokens.indices.contains { index in
            tokens[index] == "just"
                && ((index > 0
                    && ["im", "am", "is", "was", "were", "been", "its", "theyre"].contains(tokens[index - 1]))
                    // "just that the twitch carries on when …": only that, not only when.
                    || (index + 1 < tokens.count && tokens[index + 1] == "that"))
        }
        // "just walking the dog, and even then it twitches, and on the sofa too": both, whatever "just" says.
        // "when I walk, not just at rest": "not just" adds too.
        let added = tokens.indices.contains { index in
            ["also", "even"].contains(tokens[index])
                || (tokens[index] == "too" && (index + 1 == tokens.count || tokens[index + 1] == ","))
                || (["just", "only"].contains(tokens[index]) && index > 0 && tokens[index - 1] == "not")
        }
        // "just walking the dog, and the twitch goes on while I walk and when I sit after": a clause on the
        // twitching that names both decides, whatever "just" says in another.
        for index in clauses.indices.dropFirst()
        where clauses[index].contains(where: { twitchWords.contains($0) || twitchingWords.contains($0) }) {
            if movingAndResting(Array(clauses[index...])) == true { return true }
        }
        let only =
            (tokens.contains("only") || (tokens.contains("just") && !merely)) && !tokens.contains("whether")
            && !tokens.contains("both") && !(rest && move && added)
        // "my leg twitches nonstop even while im walking": nonstop, even when moving, is at rest too.
        let evenWhenMoving = tokens.indices.contains { index in
            // (the clauses split at "when" and "while": a comma stands for them)
            tokens[index] == "even" && index + 1 < tokens.count && ["when", "while", ","].contains(tokens[index + 1])
                && tokens[(index + 2)..<min(tokens.count, index + 5)].contains {
                    moveWords.contains($0) && !ambiguousMoveWords.contains($0)
                }
        }
        if evenWhenMoving, !rest,
            tokens.contains(where: { ["nonstop", "constantly", "constant", "continuously"].contains($0) })
        {
            return true
        }
        if rest && move && !only { return true }
        // "it twitches while I'm pedalling too", said after "most in bed": moving as well as the times said before.
        if move, !rest, !only,
            tokens.indices.contains(where: { index in
                guard moveWords.contains(tokens[index]), !ambiguousMoveWords.contains(tokens[index]) else {
                    return false
                }
                let after = tokens[(index + 1)..<min(tokens.count, index + 3)]
                let adds =
                    (after.first == "too" && after.dropFirst().first != "much") || after.first == "also"
                    || after.starts(with: ["as", "well"])
                return adds
                    && (aboutTheTwitching
                        || tokens[..<index].contains {
                            twitchWords.contains($0) || twitchingWords.contains($0) || $0 == "it"
                        })
            })
        {
            return true
        }
        if (rest || move) && only {
            // "only when resting": the "only" must be right before the rest or move words.
            for (index, token) in tokens.enumerated() where token == "only" || token == "just" {
                let window = tokens[(index + 1)..<min(tokens.count, index + 5)]
                if window.contains(where: { restWords.contains($0) || moveWords.contains($0) || $0 == "rest" }) {
                    return false
                }
            }
        }
        return nil
    }

    static let medicineWords: Set<String> = [
        "medication", "medications", "medicine", "medicines", "meds", "med", "pill", "pills", "tablets",
        "prescription", "antidepressant", "antidepressants", "sertraline", "zoloft", "prozac", "fluoxetine",
        "citalopram", "escitalopram", "lexapro", "venlafaxine", "adderall", "ritalin", "methylphenidate",
        "albuterol", "salbutamol", "inhaler", "steroids", "steroid", "prednisone", "antibiotics", "antibiotic",
        "lithium", "bupropion", "wellbutrin", "antihistamine", "antihistamines", "contraceptive", "drug", "drugs",
        "tablet", "jab", "injection", "injections",
        "ssri", "ssris", "vyvanse", "gabapentin", "statin", "statins", "metformin", "levothyroxine",
        "antipsychotic", "antipsychotics", "antiepileptic", "antiepileptics", "anticonvulsant", "anticonvulsants",
        "painkiller", "painkillers", "capsules", "diuretic", "diuretics", "insulin", "hrt",
    ]
    /// Conditions a person may have had for long ("I've got diabetes (for 15 yrs)").
    static let conditionWords: Set<String> = [
        "diabetes", "diabetic", "asthma", "thyroid", "hypothyroidism", "hyperthyroidism", "lupus", "arthritis",
        "epilepsy", "crohns", "colitis", "depression", "ms", "pressure", "eczema", "psoriasis", "migraines",
        "parkinsons", "parkinson", "fibromyalgia", "hypertension", "cholesterol", "gout", "copd", "ibs", "anaemia",
        "anemia",
    ]
    /// Words that say a medicine has been taken, or a condition had, for long.
    static let longTakenWords: Set<String> = [
        "years", "yrs", "childhood", "forever", "ages", "decades", "always", "kid", "child", "teenager",
    ]
    static let startVerbs: Set<String> = [
        "started", "starting", "start", "began", "begun", "begin", "switched", "switching", "changed", "upped",
        "increased", "prescribed", "new", "since",
    ]

    /// Started after a new medication: a medicine named with "new", "started", "switched"… and no negation before
    /// it is yes; a medicine negated ("no new meds", "I don't take any medication") is no.
    static func newMedication(_ clauses: [[String]]) -> Bool? {
        for clause in clauses {
            for (index, token) in clause.enumerated() where medicineWords.contains(token) {
                let before = clause[max(0, index - 6)..<index]
                let after = clause[(index + 1)..<min(clause.count, index + 4)]
                if before.contains(where: negators.contains) { return false }
                // "an inhaler since childhood", "levothyroxine for 12 years": long taken is not new.
                if clause.contains(where: longTakenWords.contains) { continue }
                if before.contains(where: startVerbs.contains) || after.contains(where: startVerbs.contains) {
                    return true
                }
            }
        }
        return nil
    }

    // MARK: Vocabulary

    /// Words of a story that are never corrected, on top of ``Typos/commonWords``.
    static let protectedWords: Set<String> = [
        "spot", "spots", "past", "last", "lasting", "lasts", "lasted", "wait", "oops", "sorry", "actually", "meant",
        "mean", "mistake", "forgot", "correction", "wrong", "maybe", "drink", "drinks", "hours", "eyes", "same",
        "place", "keeps",
        "twice", "lately", "times", "sleep", "weeks", "month", "worse", "after", "really", "while", "start",
        "stressed", "stress", "think", "little", "left", "right", "nights", "though", "being", "going", "while",
        "days", "since", "first", "feel", "feeling", "getting", "around", "long", "week", "weak", "also", "still",
        "side", "plus", "tired", "think", "worried", "scared", "afraid", "heard", "read", "online", "google",
        "doctor", "work", "working", "morning", "evening", "desk", "phone", "screen", "computer", "kids", "baby",
        "job", "exams", "exam", "deadline", "wine", "beer", "alcohol", "smoke", "drinking", "water", "eating",
        "diet", "food", "meals", "healthy", "plenty", "enough", "bit", "lot", "lots", "when", "then", "than",
        "them", "they", "those", "these", "went", "want", "what", "which", "with", "without", "would", "could",
        "should", "shall", "have", "has", "had", "been", "being", "were", "where", "there", "here", "every",
        "each", "both", "either", "neither", "other", "another", "it", "its", "is", "was", "did", "does", "do",
        "dont", "cant", "wont", "isnt", "not", "now", "new", "news", "old", "older", "man", "woman", "guy", "girl",
    ]
}

extension Vocabularies {
    /// Every reader's words, for stories.
    static let story = Typos.Vocabulary(
        shared.union(Numbers.vocabulary).union(Durations.vocabulary).union(Frequencies.vocabulary)
            .union(BodySites.vocabulary).union(Symptoms.vocabulary).union(Drinks.vocabulary).union(Sleep.vocabulary)
            .union(Dates.vocabulary).union(Story.medicineWords).union(Story.caffeineWords).union(Story.sleepWords)
            .union(Story.yesNoFields.reduce(Set<String>()) { $0.union($1.1.words) }).union(Story.samePlace.words)
            .union(Story.restWords).union(Story.moveWords))
}
