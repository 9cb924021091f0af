import Assessment

extension Interview {
    /// A short description of a value taken from free text, said back to the person ("right eyelid", "started 5
    /// days ago") and kept as what they said.
    public static func describe(_ id: String, _ value: Value) -> String {
        switch value {
        case .text(let text): return text
        case .yesNo(let yes): return describeYesNo(id, yes)
        case .daysAgo(let days):
            if days < 1 { return "today" }
            if days == 1 { return "yesterday" }
            return "\(span(days)) ago"
        case .episode(.continuous): return "continuous"
        case .episode(.seconds(let seconds)):
            if seconds < 60 { return "about \(count(seconds, "second")) each" }
            if seconds < 3_600 { return "about \(count(seconds / 60, "minute")) each" }
            return "about \(count(seconds / 3_600, "hour")) each"
        case .frequency(let frequency):
            switch frequency {
            case .constant: return "constantly"
            case .hourly: return "many times an hour"
            case .daily: return "daily"
            case .weekly: return "weekly"
            case .occasional: return "now and then"
            }
        case .sites(let sites): return sites.map(describe).joined(separator: ", ")
        case .symptoms(let symptoms):
            let named = Symptom.allCases.filter(symptoms.contains).map(describe)
            return named.isEmpty ? "no other symptoms" : named.joined(separator: ", ")
        case .drinksPerDay(let drinks): return "\(count(drinks, "caffeinated drink")) a day"
        case .hours(let hours): return "\(count(hours, "hour")) of sleep"
        }
    }

    /// What is kept as said for a value taken from free text: the description, or "yes"/"no" and a plain count
    /// where the question's label already says what it is.
    public static func said(_ id: String, _ value: Value) -> String {
        switch value {
        case .yesNo(let yes): yes ? "yes" : "no"
        case .drinksPerDay(let drinks):
            count(drinks, "drink").replacingOccurrences(" drinks", "").replacingOccurrences(" drink", "")
        case .hours(let hours): count(hours, "hour")
        case .text, .daysAgo, .episode, .frequency, .sites, .symptoms: describe(id, value)
        }
    }

    static func describeYesNo(_ id: String, _ yes: Bool) -> String {
        switch id {
        case "same_place": yes ? "always the same place" : "not always the same place"
        case "moving_and_resting": yes ? "both moving and resting" : "not both moving and resting"
        case "new_medication": yes ? "a new medication" : "no new medication"
        case "new_condition": yes ? "a new diagnosis" : "no new diagnosis"
        case "stress": yes ? "stress" : "no stress"
        case "hydration": yes ? "enough water" : "not enough water"
        case "diet": yes ? "a balanced diet" : "not a balanced diet"
        case "exercise": yes ? "recent exercise" : "no recent exercise"
        default: "\(id.replacingUnderscores): \(yes ? "yes" : "no")"
        }
    }

    /// "5 days", "3 weeks", "2 months".
    static func span(_ days: Double) -> String {
        if days >= 365, days.truncatingRemainder(dividingBy: 365) == 0 { return count(days / 365, "year") }
        if days >= 60, days.truncatingRemainder(dividingBy: 30) == 0 { return count(days / 30, "month") }
        if days >= 14, days.truncatingRemainder(dividingBy: 7) == 0 { return count(days / 7, "week") }
        return count(days, "day")
    }

    static func count(_ value: Double, _ unit: String) -> String {
        let rounded = (value * 10).rounded() / 10
        let number = rounded == rounded.rounded() ? "\(Int(rounded))" : "\(rounded)"
        return "\(number) \(unit)\(rounded == 1 ? "" : "s")"
    }

    static func describe(_ site: Site) -> String {
        let name = site.part == .allOver ? "all over" : site.part.rawValue.replacingUnderscores
        guard let side = site.side else { return name }
        switch side {
        case .left: return "left " + name
        case .right: return "right " + name
        case .both:
            switch site.part {
            case .calf: return "both calves"
            case .foot: return "both feet"
            case .allOver: return name
            case .eyelid, .face, .lip, .jaw, .tongue, .neck, .shoulder, .upperArm, .forearm, .arm, .hand, .finger,
                .thumb, .chest, .back, .abdomen, .hip, .buttock, .thigh, .knee, .leg, .shin, .toe:
                return "both " + name + "s"
            }
        }
    }

    static func describe(_ symptom: Symptom) -> String {
        switch symptom {
        case .muscleLoss: "muscle loss"
        case .sensationChange: "change in feeling"
        case .speechOrSwallowing: "trouble speaking or swallowing"
        case .weakness, .numbness, .tingling, .fever, .headache, .nausea, .vomiting, .soreness: symptom.rawValue
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        guard let range = firstRange(bytes: target) else { return self }
        return String(unicodeScalars[..<range.lowerBound]) + replacement + String(unicodeScalars[range.upperBound...])
    }

    fileprivate var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
