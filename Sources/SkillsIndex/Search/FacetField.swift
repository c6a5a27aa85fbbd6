/// Fields the index can count values of for a query.
public enum FacetField: String, Sendable, Hashable, Codable, CaseIterable {
    case workplace
    case employmentType = "employment_type"
    /// First two digits of the SOC code (`15` = computer and mathematical).
    case occupationMajorGroup = "occupation_major_group"
    case modality
    case credentialType = "credential_type"

    func values(_ doc: DocumentAttributes) -> [String] {
        switch self {
        case .workplace: doc.workplace.map { [$0.rawValue] } ?? []
        case .employmentType: doc.employmentType.map { [$0.rawValue] } ?? []
        case .occupationMajorGroup: Array(Set(doc.occupationCodes.map { String($0.prefix(2)) })).sorted()
        case .modality: doc.modality.map { [$0.rawValue] } ?? []
        case .credentialType: doc.credential.map { [$0.rawValue] } ?? []
        }
    }
}
