extension Case: Encodable {
    /// `{"onset": {"said": "three weeks", "days": 21}, …}`: each answer by question id.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        for (question, answer) in answers {
            try container.encode(answer, forKey: AnyKey(question))
        }
    }
}

extension Answer: Encodable {
    private enum Keys: String, CodingKey {
        case said, unknown, text, yes, days, seconds, continuous, frequency, sites, symptoms, drinksPerDay, hours
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(said, forKey: .said)
        guard let value else {
            try container.encode(true, forKey: .unknown)
            return
        }
        switch value {
        case .text(let text): try container.encode(text, forKey: .text)
        case .yesNo(let yes): try container.encode(yes, forKey: .yes)
        case .daysAgo(let days): try container.encode(days, forKey: .days)
        case .episode(.seconds(let seconds)): try container.encode(seconds, forKey: .seconds)
        case .episode(.continuous): try container.encode(true, forKey: .continuous)
        case .frequency(let frequency): try container.encode(frequency.rawValue, forKey: .frequency)
        case .sites(let sites): try container.encode(sites, forKey: .sites)
        case .symptoms(let symptoms):
            try container.encode(Symptom.allCases.filter(symptoms.contains).map(\.rawValue), forKey: .symptoms)
        case .drinksPerDay(let count): try container.encode(count, forKey: .drinksPerDay)
        case .hours(let hours): try container.encode(hours, forKey: .hours)
        }
    }
}

extension Site: Encodable {
    private enum Keys: String, CodingKey { case part, side }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(part.rawValue, forKey: .part)
        try container.encodeIfPresent(side?.rawValue, forKey: .side)
    }
}

extension Advice: Encodable {
    private enum Keys: String, CodingKey {
        case triage, urgency, headline, emergency, redFlags, causes, selfCare, homeCare, tellDoctor, doctorMayDo
        case notKnown, unchecked, watchFor
        case disclaimer
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(triage.rawValue, forKey: .triage)
        try container.encode(DispositionJSON(disposition), forKey: .urgency)
        try container.encode(headline, forKey: .headline)
        try container.encode(emergency, forKey: .emergency)
        try container.encode(redFlags, forKey: .redFlags)
        try container.encode(causes, forKey: .causes)
        try container.encode(homeCare.map(\.text), forKey: .selfCare)
        try container.encode(homeCare, forKey: .homeCare)
        try container.encode(tellDoctor, forKey: .tellDoctor)
        try container.encode(doctorMayDo, forKey: .doctorMayDo)
        try container.encode(notKnown.map(\.question), forKey: .notKnown)
        try container.encode(unchecked, forKey: .unchecked)
        try container.encodeIfPresent(watchFor, forKey: .watchFor)
        try container.encode(disclaimer, forKey: .disclaimer)
    }
}

/// A disposition as the advice's JSON shows it (the knowledge file's own encoding keeps every field).
private struct DispositionJSON: Encodable {
    let disposition: Disposition

    init(_ disposition: Disposition) { self.disposition = disposition }

    private enum Keys: String, CodingKey { case id, action, sources }

    /// `{"id": "gp_within_days", "action": "…", "sources": […]}`: how soon, what to do, and where that comes from.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(disposition.urgency.rawValue, forKey: .id)
        try container.encode(disposition.action, forKey: .action)
        try container.encode(disposition.sources, forKey: .sources)
    }
}

extension Finding: Encodable {
    private enum Keys: String, CodingKey { case id, name, text, because, sources }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encode(text, forKey: .text)
        try container.encode(because.map(\.description), forKey: .because)
        try container.encode(sources, forKey: .sources)
    }
}

/// A coding key made from any string (question ids).
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
