/// An occupation: an O*NET-SOC occupation in the shipped taxonomy and the O*NET import, or an
/// ESCO occupation in the ESCO import.
///
/// The text fields (description, tasks, work activities) are what occupation skill profiles are
/// extracted from.
public struct Occupation: Sendable, Hashable {
    /// O*NET-SOC code (`15-1252.00`) or ESCO occupation URI.
    public var id: String
    public var title: String
    public var description: String
    /// The SOC 2018 detailed code (`15-1252`), or "" when unknown (ESCO occupations).
    public var socCode: String
    /// The ISCO-08 unit group (`2512`) for ESCO occupations, else "".
    public var iscoGroup: String
    public var alternateTitles: [String]
    /// Task statements.
    public var tasks: [String]
    /// Detailed work activity titles (O*NET DWAs), deduplicated.
    public var workActivities: [String]
    /// O*NET job zone 1–5, when known.
    public var jobZone: Int?
    /// Technology skills used in this occupation (O*NET Technology Skills), when known.
    public var technologySkills: [SkillIndex]
    /// ESCO essential skills (ESCO import only).
    public var essentialSkills: [SkillIndex]
    /// ESCO optional skills (ESCO import only).
    public var optionalSkills: [SkillIndex]

    public init(
        id: String, title: String, description: String = "", socCode: String = "", iscoGroup: String = "",
        alternateTitles: [String] = [], tasks: [String] = [], workActivities: [String] = [], jobZone: Int? = nil,
        technologySkills: [SkillIndex] = [], essentialSkills: [SkillIndex] = [], optionalSkills: [SkillIndex] = []
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.socCode = socCode
        self.iscoGroup = iscoGroup
        self.alternateTitles = alternateTitles
        self.tasks = tasks
        self.workActivities = workActivities
        self.jobZone = jobZone
        self.technologySkills = technologySkills
        self.essentialSkills = essentialSkills
        self.optionalSkills = optionalSkills
    }
}

/// One weighted skill of an occupation's skill profile (`occupation_profiles.tsv`).
public struct OccupationSkillWeight: Sendable, Hashable {
    public var skill: SkillIndex
    public var weight: Float

    public init(skill: SkillIndex, weight: Float) {
        self.skill = skill
        self.weight = weight
    }
}

/// A typed relation between two skills (ESCO skill–skill relations: `essential` / `optional`).
public struct SkillRelation: Sendable, Hashable {
    public var from: SkillIndex
    public var to: SkillIndex
    public var type: String

    public init(from: SkillIndex, to: SkillIndex, type: String) {
        self.from = from
        self.to = to
        self.type = type
    }
}

/// An ESCO occupation → skill relation (`essential` or `optional`), kept as listed even when the
/// occupation is not among the released occupations (ESCO v1.1.1 has 67 such rows).
public struct OccupationSkillRelation: Sendable, Hashable {
    public var occupationID: String
    public var skill: SkillIndex
    /// `essential` or `optional`.
    public var type: String

    public init(occupationID: String, skill: SkillIndex, type: String) {
        self.occupationID = occupationID
        self.skill = skill
        self.type = type
    }
}
