import Assessment
import Dialogue

/// What a report is made from: one conversation's answers, its advice if it was given, and the day it took place.
/// A value, so that reports are pure functions of it (the front ends write the files).
public struct Visit: Sendable {
    public var knowledge: Knowledge
    public var `case`: Case
    /// The advice, when the interview finished; `nil` when it was left before the advice.
    public var advice: Advice?
    /// The day of the conversation, when known.
    public var date: CalendarDate?
    /// The questions answered when they were asked, when known (`nil`: every answer counts as asked). A symptom
    /// checklist filled only from symptoms said in passing rules no other symptom out.
    public var askedQuestions: Set<String>?

    public init(
        knowledge: Knowledge, case: Case, advice: Advice?, date: CalendarDate?, askedQuestions: Set<String>? = nil
    ) {
        self.knowledge = knowledge
        self.case = `case`
        self.advice = advice
        self.date = date
        self.askedQuestions = askedQuestions
    }

    /// The visit as the interview stands now: finished (with its advice) or not.
    public init(_ interview: Interview) {
        self.init(
            knowledge: interview.knowledge, case: interview.currentCase, advice: interview.advice,
            date: interview.today, askedQuestions: interview.answeredWhenAsked)
    }

    /// Whether `question` was a symptom checklist filled only from symptoms said in passing: its answer names what
    /// was said and rules nothing else out.
    func isUnaskedChecklist(_ question: Question) -> Bool {
        guard question.kind == .symptoms, let asked = askedQuestions, !asked.contains(question.id),
            case .symptoms(let symptoms)? = `case`[question.id]?.value
        else { return false }
        return !symptoms.isEmpty
    }

    /// Whether the interview reached its advice.
    public var isFinished: Bool { advice != nil }

    /// The question `id` and its answer, when it was answered.
    func answer(_ id: String) -> (question: Question, answer: Answer)? {
        guard let question = knowledge.question(id), let answer = `case`[id] else { return nil }
        return (question, answer)
    }

    /// The questions still to ask (not answered, not skipped), when the interview was left before the advice.
    var unanswered: [Question] {
        guard !isFinished else { return [] }
        return knowledge.questions.filter { question in
            `case`[question.id] == nil && !(question.skipWhen?.evaluate(`case`).matches ?? false)
        }
    }
}
