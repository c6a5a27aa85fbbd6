/// The skills taxonomy in memory: skills addressed by dense ``SkillIndex``, the hierarchy above
/// them, occupations with their texts, profiles and wages, and operator extensions.
///
/// Immutable once built and `Sendable`, so one instance is shared by every thread. Built by
/// ``TaxonomyLoader`` (the shipped `Taxonomies/` folder) or by the importers.
public struct Taxonomy: Sendable {
    /// Every skill; a skill's ``SkillIndex`` is its position here.
    public private(set) var skills: [Skill]
    public private(set) var skillGroups: [SkillGroup]
    public private(set) var occupations: [Occupation]
    /// Skill profile per occupation id, strongest first (from `occupation_profiles.tsv`).
    public internal(set) var occupationProfiles: [String: [OccupationSkillWeight]] = [:]
    /// ESCO occupation → essential/optional skill relations (ESCO import only).
    public internal(set) var occupationSkillRelations: [OccupationSkillRelation] = []
    /// ESCO skill–skill relations (ESCO import only).
    public internal(set) var skillRelations: [SkillRelation] = []
    /// OEWS employment and wages (shipped taxonomy).
    public internal(set) var wages: WageTable = WageTable()
    /// CIP 2020 program codes and the CIP ↔ SOC crosswalk (CIP import).
    public internal(set) var programs: ProgramCodes = ProgramCodes()
    /// Lower-cased phrases the extractor must never report as skills (operator extensions).
    public internal(set) var blockedPhrases: Set<String> = []
    /// Acronyms as written (case kept: `SQL`, `AWS`) → the skills they stand for (operator extensions).
    public internal(set) var acronyms: [String: [SkillIndex]] = [:]

    private var skillIndexByID: [String: SkillIndex]
    private var groupIndexByID: [String: Int]
    private var occupationIndexByID: [String: Int]
    private var narrowerByID: [String: [String]]

    /// Builds the lookup tables; ids must be unique within skills, groups and occupations.
    public init(skills: [Skill], skillGroups: [SkillGroup] = [], occupations: [Occupation] = []) throws {
        guard skills.count < Int(Int32.max) else {
            throw TaxonomyError(.invalidValue, "too many skills (\(skills.count))")
        }
        self.skills = skills
        self.skillGroups = skillGroups
        self.occupations = occupations
        skillIndexByID = Dictionary(minimumCapacity: skills.count)
        for (position, skill) in skills.enumerated() {
            guard skillIndexByID.updateValue(SkillIndex(position), forKey: skill.id) == nil else {
                throw TaxonomyError(.duplicateID, "duplicate skill id \(skill.id)")
            }
        }
        groupIndexByID = Dictionary(minimumCapacity: skillGroups.count)
        for (position, group) in skillGroups.enumerated() {
            guard groupIndexByID.updateValue(position, forKey: group.id) == nil else {
                throw TaxonomyError(.duplicateID, "duplicate skill group id \(group.id)")
            }
        }
        occupationIndexByID = Dictionary(minimumCapacity: occupations.count)
        for (position, occupation) in occupations.enumerated() {
            guard occupationIndexByID.updateValue(position, forKey: occupation.id) == nil else {
                throw TaxonomyError(.duplicateID, "duplicate occupation id \(occupation.id)")
            }
        }
        narrowerByID = [:]
        for group in skillGroups {
            for parent in group.broader { narrowerByID[parent, default: []].append(group.id) }
        }
        for skill in skills {
            for parent in skill.broader { narrowerByID[parent, default: []].append(skill.id) }
        }
    }

    // MARK: Skills

    /// The dense index of the skill with this id.
    public func index(of id: String) -> SkillIndex? { skillIndexByID[id] }

    public subscript(index: SkillIndex) -> Skill { skills[Int(index)] }

    public func skill(id: String) -> Skill? { index(of: id).map { self[$0] } }

    // MARK: Hierarchy

    public func group(id: String) -> SkillGroup? { groupIndexByID[id].map { skillGroups[$0] } }

    /// Direct parents (group or skill ids) of a skill or group.
    public func broader(of id: String) -> [String] {
        if let skill = skill(id: id) { return skill.broader }
        return group(id: id)?.broader ?? []
    }

    /// Direct children (group and skill ids) of a skill or group, in taxonomy order.
    public func narrower(of id: String) -> [String] { narrowerByID[id] ?? [] }

    /// Every ancestor of a skill or group, nearest first, each once.
    public func ancestors(of id: String) -> [String] {
        var seen: Set<String> = [id]
        var result: [String] = []
        var frontier = broader(of: id)
        while !frontier.isEmpty {
            var next: [String] = []
            for parent in frontier where seen.insert(parent).inserted {
                result.append(parent)
                next.append(contentsOf: broader(of: parent))
            }
            frontier = next
        }
        return result
    }

    /// The skills under a group (transitively), as indices.
    public func skills(under groupID: String) -> [SkillIndex] {
        var result: [SkillIndex] = []
        var seen: Set<String> = [groupID]
        var stack = narrower(of: groupID)
        while let id = stack.popLast() {
            guard seen.insert(id).inserted else { continue }
            if let index = index(of: id) { result.append(index) }
            stack.append(contentsOf: narrower(of: id))
        }
        return result.sorted()
    }

    // MARK: Occupations

    public func occupation(id: String) -> Occupation? { occupationIndexByID[id].map { occupations[$0] } }

    /// Occupations whose SOC 2018 code is `socCode` (an O*NET-SOC code maps to one SOC code).
    public func occupations(socCode: String) -> [Occupation] { occupations.filter { $0.socCode == socCode } }

    /// The skill profile of an occupation, strongest first; empty when none was computed.
    public func profile(ofOccupation id: String) -> [OccupationSkillWeight] { occupationProfiles[id] ?? [] }

    // MARK: Changes (importers, extensions)

    /// Attaches CIP program codes (see ``CIPImporter``).
    public mutating func setPrograms(_ programs: ProgramCodes) { self.programs = programs }

    /// Appends a skill and returns its index.
    @discardableResult
    mutating func append(_ skill: Skill) throws -> SkillIndex {
        guard skillIndexByID[skill.id] == nil else {
            throw TaxonomyError(.duplicateID, "duplicate skill id \(skill.id)")
        }
        let index = SkillIndex(skills.count)
        skills.append(skill)
        skillIndexByID[skill.id] = index
        for parent in skill.broader { narrowerByID[parent, default: []].append(skill.id) }
        return index
    }

    /// Adds an alternative label to an existing skill (no-op when already present).
    mutating func addAltLabel(_ label: String, to index: SkillIndex) {
        let position = Int(index)
        guard skills[position].label != label, !skills[position].altLabels.contains(label) else { return }
        skills[position].altLabels.append(label)
    }

    mutating func setOccupations(_ occupations: [Occupation]) throws {
        var byID: [String: Int] = Dictionary(minimumCapacity: occupations.count)
        for (position, occupation) in occupations.enumerated() {
            guard byID.updateValue(position, forKey: occupation.id) == nil else {
                throw TaxonomyError(.duplicateID, "duplicate occupation id \(occupation.id)")
            }
        }
        self.occupations = occupations
        occupationIndexByID = byID
    }
}
