import Assessment

/// The codes the FHIR export uses. SNOMED CT codes are given only where the concept is certain to be the one
/// meant, each from a named published table (README, "The FHIR export"); everything else uses TwitchTalk's own
/// code systems, whose codes are the ids of the knowledge file and of the answer values.
public enum FHIRCodes {
    public static let snomed = "http://snomed.info/sct"
    public static let ucum = "http://unitsofmeasure.org"
    /// The base of TwitchTalk's canonical URLs. `.invalid` is a reserved name (RFC 2606): it never resolves, so the
    /// URLs name the definitions without pretending to host them.
    public static let base = "https://twitchtalk.invalid/fhir"
    public static let bodySiteSystem = base + "/CodeSystem/body-site"
    public static let sideSystem = base + "/CodeSystem/side"
    public static let symptomSystem = base + "/CodeSystem/symptom"
    public static let frequencySystem = base + "/CodeSystem/frequency"

    /// A coding: system, code and display.
    public struct Coding: Hashable, Sendable {
        public var system: String
        public var code: String
        public var display: String

        var json: JSONValue {
            .object([("system", .string(system)), ("code", .string(code)), ("display", .string(display))])
        }
    }

    /// Body parts. SNOMED CT anatomic region codes as DICOM PS3.16 Chapter L lists them for Body Part Examined
    /// (lip, hip and shin have no entry there that means the same region, so they keep TwitchTalk's code).
    public static func coding(_ part: BodyPart) -> Coding {
        let known: (String, String)? =
            switch part {
            case .eyelid: ("80243003", "Eyelid")
            case .face: ("89545001", "Face")
            case .jaw: ("661005", "Jaw region")
            case .tongue: ("21974007", "Tongue")
            case .neck: ("45048000", "Neck")
            case .shoulder: ("16982005", "Shoulder")
            case .upperArm: ("40983000", "Upper arm")
            case .forearm: ("14975008", "Forearm")
            case .arm: ("53120007", "Upper limb")
            case .hand: ("85562004", "Hand")
            case .finger: ("7569003", "Finger")
            case .thumb: ("76505004", "Thumb")
            case .chest: ("43799004", "Chest")
            case .back: ("77568009", "Back")
            case .abdomen: ("818981001", "Abdomen")
            case .buttock: ("46862004", "Buttock")
            case .thigh: ("68367000", "Thigh")
            case .knee: ("72696002", "Knee")
            case .leg: ("61685007", "Lower limb")
            case .calf: ("53840002", "Calf of leg")
            case .foot: ("56459004", "Foot")
            case .toe: ("29707007", "Toe")
            case .allOver: ("38266002", "Entire body")
            case .lip, .hip, .shin: nil
            }
        if let (code, display) = known { return Coding(system: snomed, code: code, display: display) }
        let display = part.rawValue.replacingUnderscores.capitalizedFirst
        return Coding(system: bodySiteSystem, code: part.rawValue, display: display)
    }

    /// Sides: the SNOMED CT laterality qualifiers of DICOM PS3.16 CID 244 ("Laterality").
    public static func coding(_ side: Side) -> Coding {
        switch side {
        case .left: Coding(system: snomed, code: "7771000", display: "Left")
        case .right: Coding(system: snomed, code: "24028007", display: "Right")
        case .both: Coding(system: snomed, code: "51440002", display: "Right and left")
        }
    }

    /// Symptoms. Nausea, vomiting and headache as HL7's COVID-19 signs and symptoms value set lists them; muscle
    /// weakness, numbness, pins and needles (tingling) and fever by their SNOMED CT fully specified names. Muscle
    /// loss, a change in feeling, soreness and trouble speaking or swallowing (several findings in one) have no code
    /// here that certainly means the same, so they keep TwitchTalk's code.
    public static func coding(_ symptom: Symptom) -> Coding {
        switch symptom {
        case .weakness: Coding(system: snomed, code: "26544005", display: "Muscle weakness")
        case .numbness: Coding(system: snomed, code: "44077006", display: "Numbness")
        case .tingling: Coding(system: snomed, code: "62507009", display: "Pins and needles")
        case .fever: Coding(system: snomed, code: "386661006", display: "Fever")
        case .headache: Coding(system: snomed, code: "25064002", display: "Headache")
        case .nausea: Coding(system: snomed, code: "422587007", display: "Nausea")
        case .vomiting: Coding(system: snomed, code: "422400008", display: "Vomiting")
        case .muscleLoss: Coding(system: symptomSystem, code: symptom.rawValue, display: "Loss of muscle")
        case .sensationChange: Coding(system: symptomSystem, code: symptom.rawValue, display: "Change in feeling")
        case .soreness: Coding(system: symptomSystem, code: symptom.rawValue, display: "Soreness")
        case .speechOrSwallowing:
            Coding(
                system: symptomSystem, code: symptom.rawValue,
                display: "Trouble speaking, swallowing or breathing, not happening now")
        }
    }

    /// "None of these", for the symptom checklist answered with none.
    public static let noSymptoms = Coding(system: symptomSystem, code: "none", display: "None of these")

    public static func coding(_ frequency: Frequency) -> Coding {
        let display =
            switch frequency {
            case .constant: "Constantly, without a break"
            case .hourly: "Several times an hour or more"
            case .daily: "Once to several times a day"
            case .weekly: "Once to several times a week"
            case .occasional: "Less than once a week"
            }
        return Coding(system: frequencySystem, code: frequency.rawValue, display: display)
    }

    /// UCUM units: code and human unit, for the number kinds.
    static func unit(_ kind: AnswerKind) -> (code: String, unit: String)? {
        switch kind {
        case .daysAgo: ("d", "days")
        case .episode: ("s", "seconds")
        case .drinksPerDay: ("{drink}/d", "drinks per day")
        case .hours: ("h", "hours")
        case .text, .yesNo, .frequency, .sites, .symptoms: nil
        }
    }

}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
