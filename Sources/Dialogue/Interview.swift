import Assessment
import Screening

/// The dialogue state machine: one conversation about muscle twitching.
///
/// Each event (`start()`, `received(text:)`, `command(_:)`) is a mutating function that returns the actions
/// the shell must carry out: say something, ask a question, give advice, end. It does no I/O, reads no
/// clock and draws no random numbers, so the same lines always give the same conversation.
public struct Interview: Sendable {
    /// What the shell must do.
    public enum Action: Hashable, Sendable {
        /// Show a sentence.
        case say(String)
        /// Ask a question and wait for the answer.
        case ask(Prompt)
        /// Give the advice for the case; the interview is finished (`/back` and `/restart` still work).
        case advise(Advice, Case)
        /// The conversation is over: save what needs saving and stop.
        case end
    }

    /// The commands a person can type, in every front end.
    public enum Command: String, CaseIterable, Hashable, Sendable {
        case help, back, why, summary, advice, restart, quit

        /// Reads `/name` (case-insensitive, surrounding spaces ignored); `/q` and `/exit` are `/quit`.
        public init?(parsing text: some StringProtocol) {
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            guard trimmed.first == "/" else { return nil }
            let name = trimmed.dropFirst().prefix { $0 != " " && $0 != "\t" }.lowercased()
            self.init(rawValue: Self.aliases[name] ?? name)
        }

        /// Other names REPL users type for a command.
        public static let aliases = ["q": "quit", "exit": "quit"]
    }

    private enum State: Hashable, Sendable {
        case idle
        case asking(Question, attempts: Int)
        case finished(Advice)
        case ended
    }

    /// The longest answer, in characters, that is read; a longer line is refused with a clear reply.
    public static let maximumAnswerLength = 4096
    /// How many unclear answers to one question before it is recorded as unknown.
    public static let maximumAttempts = 3

    public let knowledge: Knowledge
    /// Today's date, passed in by the shell (never read from a clock here); relative dates such as "since Monday"
    /// are read against it, and are unclear without it.
    public var today: CalendarDate?
    /// The free-text reader, made at the first message when none was given: the first question is asked before the
    /// reader's vocabulary is built, so a person sees it sooner.
    private var madeReader: Understanding.Reader?
    /// The questions in order, as ``isRemaining(_:)`` reads them.
    private let order: [QuestionCheck]
    private var state: State = .idle
    /// What each message changed, in order, so that `/back` can undo the last one.
    private var steps: [Step] = []
    /// The case so far.
    public private(set) var currentCase = Case()
    /// Signs waiting for a confirming question, in order; ``emergencyCheck`` asks about right now.
    private var confirmations: [String] = []
    /// Signs the person said no to when asked to confirm them.
    private var ruledOut: Set<String> = []
    /// Unclear answers so far, by question id: kept when another question comes in between, so that "after three
    /// tries it is noted as unknown" holds on every path.
    private var tries: [String: Int] = [:]
    /// Questions answered when asked (not only filled from a story or a sign mentioned elsewhere).
    private var answered: Set<String> = []
    /// Confirmations asked in place of the answer to a question ("tingeling" to the checklist): a yes answers it.
    private var confirming: [String: String] = [:]
    /// Whether a message said it is written for someone else ("typing for my dad"): what is said of him or her is
    /// then read as said of the person the interview is about.
    private var forAnother = false
    /// Whether "more than two weeks?" was queued for a hedged time near two weeks.
    private var askedLonger = false
    /// Whether a message gave a time near two weeks that may be more ("for weeks now", "like 2 weeks, maybe more?"):
    /// more than two weeks is then asked.
    private var longerUnsaid = false

    /// The confirmation that asks whether trouble breathing, swallowing or speaking is happening right now.
    public static let emergencyCheck = "emergency"
    /// The confirmation that asks about weakness, loss of muscle and feeling after a checklist answer that only
    /// denied other symptoms ("no fever, no headache").
    public static let restOfChecklist = "rest_of_checklist"
    /// The confirmation that asks whether a time near two weeks, said with a hedge ("a fortnight or so", "maybe 2
    /// weeks? could be longer"), is more than two weeks (the `persistent` rule's threshold).
    public static let longerCheck = "longer"
    /// Confirming questions are asked with this id prefix and the sign's id (`confirm_weakness`).
    public static let confirmPrefix = "confirm_"

    /// One change to the case: the question and its answer before.
    private struct Change: Hashable, Sendable {
        var id: String
        var before: Answer?
    }

    /// What one message changed, and the question that was pending when it came.
    private struct Step: Hashable, Sendable {
        var asked: String?
        var changes: [Change]
    }

    /// A new conversation.
    ///
    /// - Parameters:
    ///   - knowledge: the questions and rules.
    ///   - reader: the free-text reader made from the same `knowledge`; pass one to share it between many
    ///     conversations (making one builds its vocabulary). `nil` makes one.
    ///   - today: the date relative dates are read against ("since Monday"); `nil` leaves them unclear.
    public init(knowledge: Knowledge, reader: Understanding.Reader? = nil, today: CalendarDate? = nil) {
        self.knowledge = knowledge
        self.today = today
        madeReader = reader
        order = knowledge.questions.map(QuestionCheck.init)
    }

    /// The reader, made now if it was not yet.
    private mutating func reader() -> Understanding.Reader {
        if let madeReader { return madeReader }
        let made = Understanding.Reader(knowledge: knowledge)
        madeReader = made
        return made
    }

    /// The question waiting for an answer, if any.
    public var pendingQuestion: Prompt? {
        switch state {
        case .asking(let question, _): prompt(for: question)
        case .idle, .finished, .ended: nil
        }
    }

    /// The advice, once the interview is finished.
    public var advice: Advice? {
        switch state {
        case .finished(let advice): advice
        case .idle, .asking, .ended: nil
        }
    }

    /// Whether the conversation is over (advice given or ended).
    public var isDone: Bool {
        switch state {
        case .finished, .ended: true
        case .idle, .asking: false
        }
    }

    /// The questions the person answered when they were asked (not those only filled from a story or from a sign
    /// said elsewhere): a report tells a symptom checklist that was asked from symptoms said in passing.
    public var answeredWhenAsked: Set<String> { answered }

    /// The questions answered so far, in the order they were first answered.
    public var answeredQuestions: [String] { steps.flatMap { $0.changes.filter { $0.before == nil }.map(\.id) } }

    // MARK: Events

    /// Starts the conversation: the greeting and the first question. Starting again re-asks the pending question.
    public mutating func start() -> [Action] {
        switch state {
        case .idle:
            return [.say(knowledge.messages[.greeting])] + next()
        case .asking(let question, _):
            return [.ask(prompt(for: question))]
        case .finished(let advice):
            return [.advise(advice, currentCase)]
        case .ended:
            return [.end]
        }
    }

    /// A line the person typed on `date`: relative dates in it are read against that date.
    public mutating func received(text: String, on date: CalendarDate) -> [Action] {
        today = date
        return received(text: text)
    }

    /// A line the person typed: a command (`/back`), an answer to the pending question, a story that answers
    /// several, a correction, or a question of their own.
    public mutating func received(text: String) -> [Action] {
        if let command = Command(parsing: text.prefix(64)) { return self.command(command) }
        if text.first == "/" || text.drop(while: { $0 == " " }).first == "/" {
            return [.say(knowledge.messages[.unknownCommand])] + reask()
        }
        switch state {
        case .idle:
            return start() + received(text: text)
        case .asking(let question, let attempts):
            return answer(question, attempts: attempts, text: text)
        case .finished:
            return afterAdvice(text)
        case .ended:
            return [.end]
        }
    }

    /// A command, typed as `/name`.
    public mutating func command(_ command: Command) -> [Action] {
        switch command {
        case .help:
            return [.say(knowledge.messages[.help])] + reask()
        case .why:
            switch state {
            case .asking(let question, _):
                return [.say(why(question))] + reask()
            case .idle, .finished, .ended:
                return [.say(knowledge.messages[.help])] + reask()
            }
        case .summary:
            let lines = knowledge.summary(of: currentCase)
            let summary = lines.isEmpty ? [knowledge.messages[.summaryEmpty]] : lines
            return summary.map(Action.say) + reask()
        case .advice:
            switch state {
            case .finished(let advice): return [.advise(advice, currentCase)]
            case .idle, .asking, .ended: return [.say(knowledge.messages[.adviceNotYet])] + reask()
            }
        case .back:
            return back()
        case .restart:
            steps = []
            confirmations = []
            ruledOut = []
            tries = [:]
            answered = []
            confirming = [:]
            forAnother = false
            askedLonger = false
            longerUnsaid = false
            currentCase = Case()
            state = .idle
            return [.say(knowledge.messages[.restarted])] + start()
        case .quit:
            state = .ended
            return [.say(knowledge.messages[.goodbye]), .end]
        }
    }

    // MARK: Transitions

    private mutating func answer(_ question: Question, attempts: Int, text: String) -> [Action] {
        if text.unicodeScalars.count > Self.maximumAnswerLength {
            let limit = String(Self.maximumAnswerLength)
            return [.say(knowledge.messages[.tooLong].filling("{limit}", with: limit))] + reask()
        }
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty {
            return [.say(reprompt(question))] + reask()
        }
        let understood = reader().read(trimmed, pending: question, today: today, forAnother: forAnother)
        if understood.onsetMayBeLonger { longerUnsaid = true }
        var step = Step(asked: question.id, changes: [])
        var says: [Action] = []
        if understood.forAnother, !forAnother {
            forAnother = true
            says.append(.say(knowledge.messages[.forAnother]))
        }
        if question.kind == .text {
            // The opening: kept as said, and read as a story.
            if case .value(let value) = understood.pending {
                set(question.id, Answer(said: trimmed, value: value), in: &step)
            }
            says += taken(understood, in: &step, correcting: false)
            says += screened(understood, pending: question, in: &step)
            if understood.mentions.contains(where: { mention in
                mention.affirms && mention.now == true
                    && knowledge.signs.contains { $0.id == mention.sign && $0.urgent }
            }) {
                // "I can't breathe properly right now": the emergency question is answered already.
                set("urgent", Answer(said: trimmed, value: .yesNo(true)), in: &step)
            }
            says += reply(to: understood, asking: question)
            steps.append(step)
            return says + next()
        }
        if question.id.hasPrefix(Self.confirmPrefix) {
            return confirmed(question, attempts: attempts, text: trimmed, understood: understood)
        }
        says += taken(understood, in: &step, correcting: true, pending: question.id)
        says += screened(understood, pending: question, in: &step)
        let tookSomething = !step.changes.isEmpty
        says += reply(to: understood, asking: question)
        switch pendingReading(of: understood, for: question) {
        case .value(var value)?:
            if understood.deniesOnlyOthers, question.kind == .symptoms, !ruledOut.contains(Self.restOfChecklist),
                !confirmations.contains(Self.restOfChecklist)
            {
                var before: Set<Symptom> = []
                if case .symptoms(let symptoms)? = currentCase[question.id]?.value { before = symptoms }
                if before.isDisjoint(with: Symptoms.nerveAndMuscle) {
                    // "no fever, no headache" says nothing of weakness or feeling: they are asked, not assumed.
                    confirmations.insert(Self.restOfChecklist, at: confirmations.first == Self.emergencyCheck ? 1 : 0)
                    confirming[Self.restOfChecklist] = question.id
                    steps.append(step)
                    return says + next()
                }
            }
            // The checklist adds to what was noted from other messages: a sign once taken stays.
            if case .symptoms(let new) = value, case .symptoms(let before)? = currentCase[question.id]?.value {
                value = .symptoms(before.union(new))
            }
            answered.insert(question.id)
            // "left" to "which calf?": said as what it means ("left calf"), for the doctor.
            let said =
                question.kind == .sites && understood.pending != .value(value)
                ? Self.describe(question.id, value) : trimmed
            set(question.id, Answer(said: said, value: value), in: &step)
            steps.append(step)
            return says + readBack(question, value) + next()
        case .unknown?:
            if confirmations.contains(where: { targets($0, question) }) {
                // "Not sure, my hand might be weaker": the possible sign is asked about first; the question
                // itself comes back afterwards if the confirmation does not answer it.
                if !step.changes.isEmpty { steps.append(step) }
                tries[question.id] = attempts + 1
                for id in confirmations where targets(id, question) { confirming[id] = question.id }
                return says + next()
            }
            if keepsWhatIsKnown(question, in: &step) {
                steps.append(step)
                return says + [.say(knowledge.messages[.notedUnknown])] + next()
            }
            if let followUp = question.ifUnsure {
                // "Not sure": one concrete question a person can answer, then unknown.
                if !step.changes.isEmpty { steps.append(step) }
                var concrete = question
                concrete.text = followUp
                concrete.ifUnsure = nil
                return says + askFirst(concrete)
            }
            set(question.id, Answer(said: trimmed, value: nil), in: &step)
            steps.append(step)
            return says + [.say(knowledge.messages[.notedUnknown])] + next()
        case .unclear?, nil:
            // Every reply that asks again counts a try, so no path loops for ever.
            if attempts + 1 >= Self.maximumAttempts {
                if !keepsWhatIsKnown(question, in: &step) {
                    set(question.id, Answer(said: trimmed, value: nil), in: &step)
                }
                steps.append(step)
                return says + [.say(knowledge.messages[.gaveUp])] + next()
            }
            if !step.changes.isEmpty { steps.append(step) }
            if confirmations.contains(where: { targets($0, question) }) {
                // A sign the answer only hinted at ("the skin feels burning"): confirm it first.
                tries[question.id] = attempts + 1
                for id in confirmations where targets(id, question) { confirming[id] = question.id }
                return says + next()
            }
            if tookSomething || understood.isQuestion || understood.topic != nil || understood.pending == nil {
                // A correction, a sign or an own question: say what was taken, then the question again.
                return (says.isEmpty ? [.say(reprompt(question))] : says) + askFirst(question, attempts: attempts + 1)
            }
            return [.say(reprompt(question))] + askFirst(question, attempts: attempts + 1)
        }
    }

    /// Asks `question` next, before the confirmations and questions still to come (which stay queued).
    private mutating func askFirst(_ question: Question, attempts: Int = 0) -> [Action] {
        tries[question.id] = attempts
        if knowledge.emergency.when?.evaluate(currentCase).matches ?? false { return next() }
        if knowledge.question(question.id) != nil, !isRemaining(question) { return next() }
        if let first = confirmations.first, first == Self.emergencyCheck { return next() }
        state = .asking(question, attempts: attempts)
        return [.ask(prompt(for: question))]
    }

    /// The reading of the pending question, with what the safety reading found in the same message: a sign said
    /// as present answers its own question yes ("nothing new except the doctor put me on salbutamol"), and trouble
    /// breathing, swallowing or speaking said in answer to the emergency question, and not said to be at other
    /// times, answers it yes ("no trouble breathing, but I can't swallow properly").
    private func pendingReading(of understood: Understood, for question: Question) -> Reading? {
        var reading = understood.pending
        // "no, just there" or "not sure" to "where? anywhere else?" after a story named a place: that place stands.
        if question.kind == .sites, reading == .unclear || reading == .unknown || reading == nil,
            understood.nowhereElse, understood.side == nil, !answered.contains(question.id),
            case .sites(let told)? = currentCase[question.id]?.value, !told.isEmpty
        {
            reading = .value(.sites(told))
        }
        // "left", "both" to "which calf?": the side of the one place the story named.
        if question.kind == .sites, reading == .unclear || reading == nil, let side = understood.side,
            case .sites(let told)? = currentCase[question.id]?.value, told.count == 1, told[0].part != .allOver
        {
            reading = .value(.sites([Site(told[0].part, side: side)]))
        }
        // "where?" asked after a story named a place without its side: the answer says more of that place ("left
        // calf") or adds places ("and my thigh too"); it does not take back the place the story named.
        if question.kind == .sites, !answered.contains(question.id), case .value(.sites(var sites))? = reading,
            case .sites(let told)? = currentCase[question.id]?.value
        {
            // "Is it only in your right shoulder, or anywhere else too?" — "the back of my right shoulder, over the
            // shoulder blade": the place named again, with where on it, adds no place unless the answer joins one
            // ("and my thigh", "my lip too").
            if told.count == 1, told[0].side != nil, !understood.joinsPlaces,
                sites.contains(where: { $0.part == told[0].part }),
                // Not "right thigh, left calf": another place said with its own side is another place.
                sites.allSatisfy({ $0.part == told[0].part || $0.side == nil })
            {
                sites = told
            }
            // "Is it only in your left knee?" (from "just above my left knee") — "left thigh, just above the knee":
            // the answer says the same place more exactly: one place, on the same side as the one told, beside it.
            // (Not "right thigh, above the knee", "left calf, under the right knee".)
            func saidMoreExactly(_ site: Site) -> Bool {
                guard !understood.joinsPlaces, sites.count == 1, let side = site.side, sites[0].side == side else {
                    return false
                }
                return understood.landmarks.contains { $0.part == site.part && ($0.side == nil || $0.side == side) }
            }
            for site in told
            where !saidMoreExactly(site)
                && !sites.contains(where: {
                    $0.part == site.part || BodySites.contains($0.part, site.part)
                        || BodySites.contains(site.part, $0.part)
                })
            {
                sites.append(site)
            }
            reading = .value(.sites(sites))
        }
        if question.kind == .symptoms, reading == .unclear {
            // "No. I had a bad fever in March but that cleared up", said again after "no" to the fever now: the
            // symptoms it only hinted at are ruled out, and what is left answers.
            var hinted = false
            var affirmed: Set<Symptom> = []
            for mention in understood.mentions {
                guard let sign = sign(mention.sign), case .symptom(let symptom) = sign.effect else { continue }
                if mention.affirms {
                    affirmed.insert(symptom)
                } else if mention.assertion != .absent && mention.assertion != .otherPerson {
                    guard ruledOut.contains(sign.id) else { return reading }
                    hinted = true
                }
            }
            if hinted { reading = .value(.symptoms(affirmed)) }
        }
        for mention in understood.mentions {
            guard let sign = sign(mention.sign) else { continue }
            if question.id == "urgent", sign.urgent {
                if mention.affirms, mention.now != false { return .value(.yesNo(true)) }
                if mention.needsConfirmation, mention.now != false, reading != .value(.yesNo(true)) {
                    reading = .unknown
                }
            }
            // A medicine or condition named in answer to its own question ("lupus, in October") is a yes.
            // An explicit "no" stands against a name alone ("no, I had gestational diabetes but that went").
            // "I was diagnosed with depression 15 years ago": a yes said only of the past is confirmed first.
            if case .answer(let id, let yes) = sign.effect, id == question.id, reading == .value(.yesNo(yes)),
                mention.assertion == .historical,
                !understood.mentions.contains(where: { $0.sign == mention.sign && $0.affirms })
            {
                reading = .unclear
            }
            // "Hypothyroidism, but that was 12 years ago": the reader found it long-standing, so it is confirmed.
            let longStanding = understood.mentions.contains { $0.sign == mention.sign && $0.assertion == .historical }
            if case .answer(let id, let yes) = sign.effect, id == question.id, mention.assertion == .present,
                !longStanding,
                mention.affirms
                    || (mention.suggestsOnly && !mention.typoCorrected
                        && understood.pending != .value(.yesNo(!yes)))
            {
                return .value(.yesNo(yes))
            }
        }
        return reading
    }

    /// The answer to a confirming question: yes takes the sign, no rules it out, "not sure" notes it as possible.
    private mutating func confirmed(
        _ question: Question, attempts: Int, text: String, understood: Understood
    ) -> [Action] {
        var step = Step(asked: question.id, changes: [])
        var says = taken(understood, in: &step, correcting: true)
        says += screened(understood, pending: question, in: &step)
        let id = String(question.id.dropFirst(Self.confirmPrefix.count))
        var reading = understood.pending
        if reading == .unclear || reading == nil, attempts + 1 >= Self.maximumAttempts { reading = .unknown }
        if id == Self.restOfChecklist, let checklist = confirming[id].flatMap({ knowledge.question($0) }) {
            return restOfChecklist(
                checklist, reading, asked: question, attempts: attempts, said: text, step: step, says)
        }
        if id == Self.longerCheck {
            switch reading {
            case .value(.yesNo(true))?:
                // "More than two weeks": the least time that is more than two weeks, with what was said.
                let said = [currentCase["onset"]?.said, text].compactMap { $0 }.joined(separator: "; ")
                set("onset", Answer(said: said, value: .daysAgo(15)), in: &step)
                says.append(.say(knowledge.messages[.notedLonger]))
            case .value?, .unknown?:
                break
            case .unclear?, nil:
                // "3 months ago" instead of yes or no: the time said (and noted as a change) answers it.
                if step.changes.contains(where: { $0.id == "onset" }), currentCase["onset"]?.value != nil { break }
                if !step.changes.isEmpty { steps.append(step) }
                return says + [.say(reprompt(question))] + askFirst(question, attempts: attempts + 1)
            }
            steps.append(step)
            return says + next()
        }
        switch reading {
        case .value(.yesNo(let yes))?:
            if yes {
                says += confirm(id, said: text, in: &step)
                if let question = confirming[id] { answered.insert(question) }
            } else {
                ruledOut.insert(id)
                if id == Self.emergencyCheck, currentCase["urgent"] == nil {
                    set("urgent", Answer(said: text, value: .yesNo(false)), in: &step)
                }
                // "No" to "did it start after a new medicine?" answers that question too.
                if let sign = sign(id), case .answer(let question, let yes) = sign.effect,
                    currentCase[question] == nil
                {
                    set(question, Answer(said: text, value: .yesNo(!yes)), in: &step)
                }
            }
        case .unknown?, .value?:
            if id == Self.emergencyCheck {
                if currentCase["urgent"] == nil { set("urgent", Answer(said: text, value: nil), in: &step) }
                says.append(.say(knowledge.messages[.notedUnknown]))
            } else if let sign = sign(id), apply(sign, said: text, in: &step) {
                // Uncertain is not no: the sign is noted, so that a doctor can check.
                says.append(.say(knowledge.messages[.notedPossible].filling("{list}", with: sign.noted)))
            }
        case .unclear?, nil:
            if !step.changes.isEmpty { steps.append(step) }
            return says + [.say(reprompt(question))] + askFirst(question, attempts: attempts + 1)
        }
        steps.append(step)
        return says + next()
    }

    /// The answer to the rest of the checklist: the symptoms it names join the checklist's answer.
    private mutating func restOfChecklist(
        _ checklist: Question, _ reading: Reading?, asked question: Question, attempts: Int, said text: String,
        step: Step, _ says: [Action]
    ) -> [Action] {
        var step = step
        switch reading {
        case .value(.symptoms(var symptoms))?:
            if case .symptoms(let before)? = currentCase[checklist.id]?.value { symptoms.formUnion(before) }
            answered.insert(checklist.id)
            set(checklist.id, Answer(said: text, value: .symptoms(symptoms)), in: &step)
            steps.append(step)
            return says + readBack(checklist, .symptoms(symptoms)) + next()
        case .unknown?:
            if !keepsWhatIsKnown(checklist, in: &step) { set(checklist.id, Answer(said: text, value: nil), in: &step) }
            steps.append(step)
            return says + [.say(knowledge.messages[.notedUnknown])] + next()
        case .value?, .unclear?, nil:
            if !step.changes.isEmpty { steps.append(step) }
            if confirmations.contains(where: { targets($0, checklist) }) {
                // "the skin over it feels like it's burning": the sign it hints at is confirmed first; a yes
                // answers the checklist, and after a no the rest is asked again.
                for id in confirmations where targets(id, checklist) { confirming[id] = checklist.id }
                confirmations.append(Self.restOfChecklist)
                tries[question.id] = attempts + 1
                return says + next()
            }
            return says + [.say(reprompt(question))] + askFirst(question, attempts: attempts + 1)
        }
    }

    /// A confirmed sign: taken into the case and read back.
    private mutating func confirm(_ id: String, said: String, in step: inout Step) -> [Action] {
        if id == Self.emergencyCheck {
            set("urgent", Answer(said: said, value: .yesNo(true)), in: &step)
            return []
        }
        guard let sign = sign(id), apply(sign, said: said, in: &step) else {
            return []
        }
        return [.say(knowledge.messages[.notedSigns].filling("{list}", with: sign.noted))]
    }

    /// What every message says about the signs, whatever question is pending: a sign said as present is taken and
    /// read back; a possible, past or misspelt one is queued for a confirming question; trouble breathing,
    /// swallowing or speaking queues the emergency question about right now. A denial changes the case only when
    /// the message says it corrects something. The screening only ever raises urgency.
    private mutating func screened(_ understood: Understood, pending: Question?, in step: inout Step) -> [Action] {
        var noted: [String] = []
        var queue: [String] = []
        let urgentAsked = currentCase["urgent"] != nil && pending?.id != "urgent"
        let emergencyKnown: Bool = {
            if case .yesNo(true)? = currentCase["urgent"]?.value { return true }
            return false
        }()
        for mention in understood.mentions {
            guard let sign = sign(mention.sign) else { continue }
            switch mention.assertion {
            case .present, .possible, .historical:
                if sign.urgent, urgentAsked, !emergencyKnown, pending?.id != Self.confirmPrefix + Self.emergencyCheck,
                    !ruledOut.contains(Self.emergencyCheck) || mention.now == true
                {
                    queue.append(Self.emergencyCheck)
                }
                if mention.affirms {
                    // At its own question the answer's read-back says it; elsewhere it is noted here.
                    var ownQuestion = false
                    if case .answer(let id, _) = sign.effect { ownQuestion = id == pending?.id }
                    if apply(sign, said: mention.evidence, in: &step), !ownQuestion, !noted.contains(sign.noted) {
                        noted.append(sign.noted)
                    }
                } else if !has(sign), !ruledOut.contains(sign.id),
                    pending?.id != Self.confirmPrefix + sign.id
                {
                    queue.append(sign.id)
                }
            case .absent:
                if understood.corrects, has(sign) { remove(sign, in: &step) }
            case .otherPerson:
                break
            }
        }
        for id in queue where !confirmations.contains(id) {
            if id == Self.emergencyCheck { confirmations.insert(id, at: 0) } else { confirmations.append(id) }
        }
        guard !noted.isEmpty else { return [] }
        return [.say(knowledge.messages[.notedSigns].filling("{list}", with: Self.list(noted)))]
    }

    /// When the answer stays unknown, a value already known from other messages (signs said in passing) is kept:
    /// unknown never erases a sign. Returns whether there was one.
    private mutating func keepsWhatIsKnown(_ question: Question, in step: inout Step) -> Bool {
        guard currentCase[question.id]?.value != nil else { return false }
        answered.insert(question.id)
        return true
    }

    /// Whether the queued confirmation `id` is about a sign of `question`.
    private func targets(_ id: String, _ question: Question) -> Bool {
        if id == Self.emergencyCheck { return question.id == "urgent" }
        guard let sign = sign(id) else { return false }
        switch sign.effect {
        case .symptom: return question.kind == .symptoms
        case .answer(let target, _): return target == question.id
        }
    }

    /// The sign with `id` in the knowledge file.
    private func sign(_ id: String) -> Sign? {
        knowledge.signs.first { $0.id == id }
    }

    /// Whether the case already holds `sign`.
    private func has(_ sign: Sign) -> Bool {
        switch sign.effect {
        case .symptom(let symptom):
            if case .symptoms(let symptoms)? = currentCase["other_symptoms"]?.value {
                return symptoms.contains(symptom)
            }
            return false
        case .answer(let id, let yes):
            // A question skipped as already answered by another ("always in the same place?" once two places are
            // named) holds its sign too.
            if knowledge.question(id)?.skipWhen?.evaluate(currentCase).matches ?? false { return true }
            return currentCase[id]?.value == .yesNo(yes)
        }
    }

    /// Takes `sign` into the case; whether that changed it.
    @discardableResult
    private mutating func apply(_ sign: Sign, said: String, in step: inout Step) -> Bool {
        guard !has(sign) else { return false }
        switch sign.effect {
        case .symptom(let symptom):
            var symptoms: Set<Symptom> = []
            if case .symptoms(let before)? = currentCase["other_symptoms"]?.value { symptoms = before }
            symptoms.insert(symptom)
            let value = Value.symptoms(symptoms)
            set("other_symptoms", Answer(said: Self.said("other_symptoms", value), value: value), in: &step)
        case .answer(let id, let yes):
            set(id, Answer(said: said, value: .yesNo(yes)), in: &step)
        }
        return true
    }

    /// Takes `sign` out of the case, when the person corrects it ("actually, no numbness").
    private mutating func remove(_ sign: Sign, in step: inout Step) {
        switch sign.effect {
        case .symptom(let symptom):
            guard case .symptoms(var symptoms)? = currentCase["other_symptoms"]?.value else { return }
            symptoms.remove(symptom)
            let value = Value.symptoms(symptoms)
            set("other_symptoms", Answer(said: Self.said("other_symptoms", value), value: value), in: &step)
        case .answer(let id, let yes):
            set(id, Answer(said: yes ? "no" : "yes", value: .yesNo(!yes)), in: &step)
        }
    }

    /// The read-back of an answer to the emergency screen or a sign question.
    private func readBack(_ question: Question, _ value: Value) -> [Action] {
        switch value {
        case .yesNo(let yes):
            guard let texts = question.readBack else { return [] }
            return [.say(yes ? texts.yes : texts.no)]
        case .symptoms(let symptoms):
            let named = Symptom.allCases.filter(symptoms.contains).map(Self.describe)
            if named.isEmpty { return [.say(knowledge.messages[.readBackNoSymptoms])] }
            return [.say(knowledge.messages[.readBackSymptoms].filling("{list}", with: Self.list(named)))]
        case .text, .daysAgo, .episode, .frequency, .sites, .drinksPerDay, .hours:
            return []
        }
    }

    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    /// Whether `onset` is a time near two weeks said with a hedge ("a fortnight or so", "about 2 weeks", "maybe 2
    /// weeks? could be longer", "a couple of weeks ish"): it may be more than two weeks, so it is asked.
    static func nearTwoWeeks(_ onset: Answer?) -> Bool {
        guard let onset, case .daysAgo(let days)? = onset.value, days >= 12, days <= 14 else { return false }
        let tokens = Screening.tokens(onset.said)
        // "for weeks now": weeks, not how many.
        return Durations.countlessWeeks(tokens) || Understanding.Reader.hedge(in: tokens) != nil
            || Self.approximations.occurs(in: tokens)
    }
    /// Whether the onset may be more than two weeks and was not said to be: a hedged time near two weeks, or one
    /// said anywhere ("for weeks now") with no onset past two weeks.
    /// An onset noted as unknown ("can't remember") is asked once more in a form a person can answer: more than two
    /// weeks or not (a "not sure" to a sign question gets one concrete follow-up).
    private var mayBeLonger: Bool {
        if Self.nearTwoWeeks(currentCase["onset"]) { return true }
        if let onset = currentCase["onset"], onset.value == nil { return true }
        guard longerUnsaid else { return false }
        if case .daysAgo(let days)? = currentCase["onset"]?.value { return days <= 14 }
        return true
    }

    static let approximations = PhraseTable<Bool>(
        [
            "or so", "ish", "about", "around", "roughly", "approximately", "approx", "abt", "longer", "more", "couple",
            "at least", "could be", "or more", "give or take", "something like", "round about",
        ].map { ($0, true) })

    /// The confirming question for a queued sign, or `nil` when it is no longer needed.
    private func confirmation(_ id: String) -> Question? {
        let choices = ["yes", "no", "not sure"]
        if id == Self.emergencyCheck {
            if case .yesNo(true)? = currentCase["urgent"]?.value { return nil }
            guard let urgent = knowledge.question("urgent") else { return nil }
            return Question(
                id: Self.confirmPrefix + id, label: urgent.label, forDoctor: false, kind: .yesNo,
                text: knowledge.messages[.confirmEmergency], example: "no", why: urgent.why, source: urgent.source,
                choices: choices)
        }
        if id == Self.longerCheck {
            guard let onset = knowledge.question("onset"), mayBeLonger else { return nil }
            return Question(
                id: Self.confirmPrefix + id, label: onset.label, forDoctor: false, kind: .yesNo,
                text: knowledge.messages[.confirmLonger], example: "yes or no", why: onset.why, source: onset.source,
                choices: choices)
        }
        if id == Self.restOfChecklist {
            guard let checklist = confirming[id].flatMap({ knowledge.question($0) }), isRemaining(checklist) else {
                return nil
            }
            return Question(
                id: Self.confirmPrefix + id, label: checklist.label, forDoctor: false, kind: .symptoms,
                text: knowledge.messages[.confirmRest], example: "no, none of them",
                why: checklist.why, source: checklist.source, choices: checklist.choices)
        }
        guard let sign = sign(id), !has(sign), !ruledOut.contains(id) else {
            return nil
        }
        return Question(
            id: Self.confirmPrefix + id, label: sign.noted, forDoctor: false, kind: .yesNo, text: sign.confirm,
            example: "yes or no", why: knowledge.messages[.confirmWhy].filling("{sign}", with: sign.noted),
            source: sign.source, choices: choices)
    }

    /// A message after the advice: a correction recomputes the advice and shows it again; a question is answered.
    private mutating func afterAdvice(_ text: String) -> [Action] {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty, trimmed.unicodeScalars.count <= Self.maximumAnswerLength else {
            return [.say(knowledge.messages[.finished])]
        }
        if let correction = correctingEmergency(trimmed) { return correction }
        var understood = reader().read(trimmed, pending: nil, today: today, forAnother: forAnother)
        understood.corrects = true
        var step = Step(asked: nil, changes: [])
        let says =
            taken(understood, in: &step, correcting: true) + screened(understood, pending: nil, in: &step)
            + reply(to: understood, asking: nil)
        if step.changes.isEmpty && confirmations.isEmpty {
            return says.isEmpty ? [.say(knowledge.messages[.finished])] : says
        }
        steps.append(step)
        return says + next()
    }

    /// After emergency advice, a new answer to the emergency screen ("sorry, I meant no") is a correction like
    /// any other: it changes the answer, and the interview goes on from there.
    private mutating func correctingEmergency(_ text: String) -> [Action]? {
        guard case .finished(let advice) = state, advice.triage == .emergency,
            let id = knowledge.emergency.when?.questions.first, let question = knowledge.question(id),
            case .value(let value)? = reader().read(text, pending: question, today: today, forAnother: forAnother)
                .pending,
            currentCase[id]?.value != value
        else { return nil }
        var step = Step(asked: nil, changes: [])
        let answer = Answer(said: text, value: value)
        set(id, answer, in: &step)
        steps.append(step)
        let change = "\(question.label.lowercased()): \(Self.said(id, value))"
        return [.say(knowledge.messages[.changed].filling("{list}", with: change))] + next()
    }

    /// Takes in what the message fills and corrects; says what was taken.
    private mutating func taken(
        _ understood: Understood, in step: inout Step, correcting: Bool, pending: String? = nil
    ) -> [Action] {
        var added: [String] = []
        var changed: [String] = []
        // Most answers fill only the question asked: skip ordering the questions when nothing else was read.
        let questions = understood.values.isEmpty ? [] : Self.readBackOrder(knowledge.questions)
        for question in questions {
            guard let value = understood.values[question.id], value.kind == question.kind else { continue }
            let answer = Answer(said: Self.said(question.id, value), value: value)
            if let before = currentCase[question.id] {
                if !understood.corrects, case .sites(let old)? = before.value, case .sites(let new) = value,
                    !Self.restatesThePlace(new, old, understood, pending: pending),
                    let merged = Self.adding(
                        new.filter { understood.placesAsTyped.contains($0.part) }, to: old, near: understood.addsPlaces)
                {
                    // "now it's in my left arm and my back as well": places named later add to where it is.
                    let union = Value.sites(merged)
                    set(question.id, Answer(said: Self.said(question.id, union), value: union), in: &step)
                    changed.append("\(question.label.lowercased()): \(Self.describe(question.id, union))")
                    continue
                }
                // "not sure" when asked, and later "it's been every day for at least 3 weeks": what was noted as
                // unknown is filled by what is said later, when it raises a red flag.
                let wasUnknown = before.value == nil
                if !understood.corrects, value.kind != .sites, value.kind != .symptoms,
                    raisesARedFlag(question.id, to: value),
                    Self.aboutTheTwitching.contains(pending ?? "") || understood.namesTwitching || wasUnknown
                {
                    // "every single day for the past month", said later: a sign is never lost to an earlier answer.
                    set(question.id, answer, in: &step)
                    changed.append("\(question.label.lowercased()): \(answer.said)")
                    continue
                }
                guard correcting, understood.corrects, before.value != value else { continue }
                set(question.id, answer, in: &step)
                changed.append("\(question.label.lowercased()): \(answer.said)")
            } else {
                set(question.id, answer, in: &step)
                added.append(Self.describe(question.id, value))
            }
        }
        // At "which calf?" itself, a side alone is the answer, read with the question.
        let answering = pending.map { knowledge.question($0)?.kind == .sites && !answered.contains($0) } ?? false
        if correcting, !answering, let side = understood.side, let before = currentCase["locations"],
            case .sites(var sites)? = before.value, sites.count == 1, sites[0].side != side, sites[0].part != .allOver
        {
            // "no, sometimes the left one too": the other side as well.
            sites[0].side = understood.joinsPlaces ? .both : side
            let answer = Answer(said: Self.describe("locations", .sites(sites)), value: .sites(sites))
            set("locations", answer, in: &step)
            changed.append("\(knowledge.question("locations")?.label.lowercased() ?? "where"): \(answer.said)")
        }
        var says: [Action] = []
        if !changed.isEmpty {
            says.append(.say(knowledge.messages[.changed].filling("{list}", with: changed.joined(separator: "; "))))
        }
        if !added.isEmpty {
            says.append(.say(knowledge.messages[.understood].filling("{list}", with: added.joined(separator: ", "))))
        }
        return says
    }

    /// Questions about the twitching itself: a longer onset said in answer to one of them is about the twitching
    /// ("every single day for the past month"), while in answer to the others it is about a medicine or a habit
    /// ("I've been on amlodipine for years").
    static let aboutTheTwitching: Set<String> = [
        "episode_length", "locations", "same_place", "frequency", "moving_and_resting",
    ]

    /// Whether answering `id` with `value` instead makes a red flag apply that does not apply now.
    private func raisesARedFlag(_ id: String, to value: Value) -> Bool {
        var trial = currentCase
        trial[id] = Answer(said: "", value: value)
        return knowledge.redFlags.contains { flag in
            guard let when = flag.when else { return false }
            return when.evaluate(trial).matches && !when.evaluate(currentCase).matches
        }
    }

    /// `old` with the parts of `new` it does not name yet, or `nil` when `new` adds no part.
    /// Only a part in another region of the body counts: "the base of my thumb" or "resting my arm" is the same
    /// place said again, "now it's in my back as well" is a new one.
    /// With `near` ("it was always my eye but the last two days my lip too"), another part in the same region counts.
    /// Whether `new`, named at "always in the same place?", is that place said again: "yes, always the left
    /// thigh" names one place with a yes. A second place, or "too" ("yes, and my arm too"), adds.
    static func restatesThePlace(_ new: [Site], _ old: [Site], _ understood: Understood, pending: String?) -> Bool {
        // Not "yes, but once it was in my left arm", "yes mostly, sometimes my left arm": a place not noted, named
        // with a contrast, is another place.
        pending == "same_place" && understood.pending == .value(.yesNo(true)) && !understood.addsPlaces
            && Site.places(in: new) < 2
            && (!understood.contrasts
                || new.allSatisfy { site in
                    old.contains {
                        $0.part == site.part || BodySites.contains($0.part, site.part)
                            || BodySites.contains(site.part, $0.part)
                    }
                })
    }

    static func adding(_ new: [Site], to old: [Site], near: Bool = false) -> [Site]? {
        let regions = Set(old.map(\.part.region))
        if regions.contains(.everywhere) { return nil }
        let parts = Set(old.map(\.part))
        let added = new.filter { near ? !parts.contains($0.part) : !regions.contains($0.part.region) }
        return added.isEmpty ? nil : old + added
    }

    /// The questions in the order a read-back names them: where, when, how often, how long first.
    static func readBackOrder(_ questions: [Question]) -> [Question] {
        let first = ["locations", "onset", "frequency", "episode_length"]
        return first.compactMap { id in questions.first { $0.id == id } } + questions.filter { !first.contains($0.id) }
    }

    /// The answer to the person's own question, if they asked one.
    private func reply(to understood: Understood, asking question: Question?) -> [Action] {
        if let topic = understood.topic {
            if topic == Understanding.Reader.whyTopic {
                if let question { return [.say(why(question))] }
                return [.say(knowledge.messages[.cannotAnswer])]
            }
            if let answer = knowledge.answers.first(where: { $0.id == topic }) {
                var sources = knowledge.sourceTitle(answer.source)
                if let also = answer.alsoSource { sources += "; " + knowledge.sourceTitle(also) }
                return [.say("\(answer.text) (Source: \(sources))")]
            }
        }
        return understood.isQuestion ? [.say(knowledge.messages[.cannotAnswer])] : []
    }

    private func why(_ question: Question) -> String {
        "\(question.why) (Source: \(knowledge.sourceTitle(question.source)))"
    }

    private mutating func set(_ id: String, _ answer: Answer, in step: inout Step) {
        if !step.changes.contains(where: { $0.id == id }) {
            step.changes.append(Change(id: id, before: currentCase[id]))
        }
        currentCase[id] = answer
    }

    private mutating func back() -> [Action] {
        guard let last = steps.popLast() else {
            return [.say(knowledge.messages[.backNothing])] + reask()
        }
        switch state {
        case .ended:
            steps.append(last)
            return [.end]
        case .idle, .asking, .finished:
            for change in last.changes.reversed() { currentCase[change.id] = change.before }
            guard let asked = last.asked, let question = knowledge.question(asked) else { return next() }
            state = .asking(question, attempts: 0)
            return [.ask(prompt(for: question))]
        }
    }

    /// Moves to the next question to ask (a confirmation first), or to the advice.
    private mutating func next() -> [Action] {
        if knowledge.emergency.when?.evaluate(currentCase).matches ?? false {
            confirmations = []
            let advice = knowledge.advice(for: currentCase, dayName: today?.dayNamer)
            state = .finished(advice)
            return [.say(knowledge.messages[.emergencyStop]), .advise(advice, currentCase)]
        }
        // "a fortnight or so": whether it is more than two weeks is asked once.
        if !askedLonger, mayBeLonger {
            askedLonger = true
            confirmations.append(Self.longerCheck)
        }
        // The emergency question is asked before the confirmation about right now.
        let urgentFirst = currentCase["urgent"] == nil && knowledge.question("urgent").map { isRemaining($0) } == true
        while !urgentFirst, !confirmations.isEmpty {
            let id = confirmations.removeFirst()
            if let question = confirmation(id) {
                state = .asking(question, attempts: tries[question.id] ?? 0)
                return [.ask(prompt(for: question))]
            }
        }
        guard let (question, later) = firstRemaining() else {
            let advice = knowledge.advice(for: currentCase, dayName: today?.dayNamer)
            state = .finished(advice)
            return [.advise(advice, currentCase)]
        }
        state = .asking(question, attempts: tries[question.id] ?? 0)
        return [.ask(prompt(for: question, later: later))]
    }

    private func reask() -> [Action] {
        switch state {
        case .asking(let question, _): [.ask(prompt(for: question))]
        case .finished(let advice): [.advise(advice, currentCase)]
        case .idle: []
        case .ended: [.end]
        }
    }

    /// Whether `question` is still to be asked, given the answers so far. The symptom checklist is asked even when
    /// a story or another answer named some symptoms ("Have you noticed anything else?"), unless it said there
    /// were none: a sign said in passing must not keep the others from being screened.
    private func isRemaining(_ question: Question) -> Bool {
        isRemaining(QuestionCheck(question))
    }

    /// What ``isRemaining(_:)`` reads of a question, for each question of the knowledge in order: made once, so
    /// that the checks on every turn copy no whole questions.
    struct QuestionCheck: Sendable {
        var id: String
        var kind: AnswerKind
        var skipWhen: Condition?

        init(_ question: Question) {
            id = question.id
            kind = question.kind
            skipWhen = question.skipWhen
        }
    }

    private func isRemaining(_ question: QuestionCheck) -> Bool {
        if question.skipWhen?.holds(in: currentCase) ?? false { return false }
        guard let answer = currentCase[question.id] else { return true }
        if question.kind == .symptoms, !answered.contains(question.id), case .symptoms(let symptoms)? = answer.value {
            return !symptoms.isEmpty
        }
        // "my shoulder twitches": a part that has two sides, named without one, is asked where (which side, both,
        // and anywhere else), as a doctor would; that answer is also where people tell what they see there.
        if question.kind == .sites, !answered.contains(question.id), case .sites(let sites)? = answer.value {
            return Self.whereFollowUp(sites) != nil
        }
        return false
    }

    /// How "where?" is asked after a story named `sites`: which side of one part that has two ("Which shoulder is
    /// it…?"), or anywhere else of one place ("Is it only in your right thigh…? And does anything there look or feel
    /// different?"), as a doctor asks even when the place is clear: that is where people tell what they see and feel
    /// there ("the meaty bit by my thumb looks hollow now"). `nil` when the places named say enough (two places, all
    /// over).
    static func whereFollowUp(_ sites: [Site]) -> Messages.Key? {
        guard Site.places(in: sites) < 2, !sites.isEmpty, !sites.contains(where: { $0.part == .allOver }) else {
            return nil
        }
        return sites.count == 1 && sites[0].part.isPaired && sites[0].side == nil ? .whereSide : .whereElse
    }

    /// The first question still to be asked, in the knowledge's order, and how many are still to be asked after it.
    private func firstRemaining() -> (question: Question, later: Int)? {
        var first: Int?
        var later = 0
        for index in order.indices where isRemaining(order[index]) {
            if first == nil { first = index } else { later += 1 }
        }
        return first.map { (knowledge.questions[$0], later) }
    }

    /// The prompt of `question`; `later`, how many other questions are still to be asked, when it is known.
    private func prompt(for question: Question, later known: Int? = nil) -> Prompt {
        // Questions count as asked when the person answered them; parts filled from a story are not questions.
        // (Loops rather than sets and closures: this runs on every turn.)
        var askedIDs: [String] = []
        for step in steps {
            guard let id = step.asked, id != question.id, !askedIDs.contains(id), currentCase[id] != nil else {
                continue
            }
            askedIDs.append(id)
        }
        let asked = askedIDs.count
        var later = known ?? 0
        if known == nil {
            for check in order where check.id != question.id && isRemaining(check) {
                later += 1
            }
        }
        var text = question.text
        // "my shoulder twitches": which shoulder, and anywhere else?
        if question.kind == .sites, case .sites(let sites)? = currentCase[question.id]?.value,
            let followUp = Self.whereFollowUp(sites)
        {
            text = knowledge.messages[followUp].filling("{part}", with: Self.describe(question.id, .sites(sites)))
        }
        return Prompt(
            id: question.id, text: text, choices: question.choices, number: asked + 1, total: asked + 1 + later)
    }

    private func reprompt(_ question: Question) -> String {
        knowledge.messages[.reprompt].filling("{example}", with: question.example)
    }
}

/// A question as asked: what a front end shows.
public struct Prompt: Hashable, Sendable {
    /// The question id (`onset`).
    public var id: String
    public var text: String
    /// Suggested answers, for completion or buttons.
    public var choices: [String]
    /// Which question this is, counting from 1.
    public var number: Int
    /// About how many questions there are in all, given the answers so far.
    public var total: Int
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// The message with `placeholder` replaced by `text`; without the placeholder, the message followed by `text`.
    func filling(_ placeholder: String, with text: String) -> String {
        guard let range = firstRange(bytes: placeholder) else { return self + " " + text }
        return String(unicodeScalars[..<range.lowerBound]) + text + String(unicodeScalars[range.upperBound...])
    }

    /// Where `target` first occurs, found by its UTF-8 bytes (Foundation's search costs more than the rest of
    /// filling a message, which every turn does). For the templates' placeholders, which are ASCII.
    func firstRange(bytes target: String) -> Range<String.Index>? {
        let bytes = Array(utf8)
        let pattern = Array(target.utf8)
        guard !pattern.isEmpty, pattern.count <= bytes.count else { return nil }
        for start in 0...(bytes.count - pattern.count)
        where bytes[start] == pattern[0] && bytes[start..<start + pattern.count].elementsEqual(pattern) {
            let lower = utf8.index(utf8.startIndex, offsetBy: start)
            return lower..<utf8.index(lower, offsetBy: pattern.count)
        }
        return nil
    }
}
