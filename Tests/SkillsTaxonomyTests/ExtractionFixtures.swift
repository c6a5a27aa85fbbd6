import SkillsTaxonomy

/// A small hand-made taxonomy covering the extractor's normalisation and guard cases.
enum ExtractionFixtures {
    static let skills: [Skill] = [
        Skill(id: "esco:python", label: "Python (computer programming)", altLabels: ["Python"], type: .knowledge),
        Skill(id: "esco:c", label: "C", type: .knowledge),
        Skill(id: "esco:cpp", label: "C++", type: .knowledge),
        Skill(id: "esco:csharp", label: "C#", altLabels: ["C Sharp"], type: .knowledge),
        Skill(id: "esco:r", label: "R", type: .knowledge),
        Skill(id: "esco:dotnet", label: ".NET", type: .knowledge),
        Skill(id: "esco:node", label: "Node.js", type: .knowledge),
        Skill(id: "esco:cicd", label: "CI/CD", altLabels: ["continuous integration"], type: .knowledge),
        Skill(id: "esco:solve", label: "solve problems", type: .skill),
        Skill(id: "esco:creative", label: "think creatively", altLabels: ["design"], type: .skill),
        Skill(id: "esco:sw", label: "software development", type: .knowledge),
        Skill(id: "esco:agile", label: "agile software development", type: .knowledge),
        Skill(id: "esco:test", label: "develop automated software tests", type: .skill),
        Skill(id: "esco:communication", label: "communication", type: .skill),
        Skill(id: "esco:less", label: "LESS", type: .knowledge),
        Skill(id: "esco:go", label: "Go", type: .knowledge),
        Skill(id: "esco:sql", label: "SQL", type: .knowledge),
        Skill(id: "esco:java", label: "Java (computer programming)", altLabels: ["Java"], type: .knowledge),
        Skill(id: "esco:teams", label: "work in teams", type: .skill),
        Skill(id: "esco:insurance", label: "insurance market", type: .knowledge),
        Skill(id: "esco:resume", label: "résumé writing", type: .skill),
        Skill(id: "esco:weld", label: "operate welding equipment", altLabels: ["weld", "welding"], type: .skill),
        Skill(id: "esco:join", label: "join metals", altLabels: ["welding", "soldering"], type: .skill),
        Skill(id: "esco:arc", label: "apply arc welding techniques", type: .skill),
        Skill(id: "esco:mig", label: "perform metal inert gas welding", type: .skill),
        Skill(id: "esco:flux", label: "apply flux", type: .skill),
        Skill(id: "esco:cpr", label: "resuscitation", altLabels: ["CPR", "life support"], type: .skill),
        Skill(id: "esco:mechanics", label: "mechanics", type: .knowledge),
        Skill(id: "onet-tech:python", label: "Python", type: .technology),
        Skill(id: "onet-tech:docker", label: "Docker", type: .technology),
    ]

    static func extractor(_ options: ExtractionOptions = ExtractionOptions()) throws -> SkillExtractor {
        try SkillExtractor(skills: skills, options: options)
    }
}

extension SkillExtractor {
    /// Ids found in `text`, as a set.
    func ids(_ text: String) -> Set<String> { Set(extract(text).map(\.id)) }
}
