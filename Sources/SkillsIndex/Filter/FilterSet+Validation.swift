import SkillsCore

extension FilterSet {
    /// Throws for malformed values and for combinations that can match nothing.
    ///
    /// - Parameter targetKind: the kind being searched; conditions that only apply to other kinds
    ///   (employment type on programs) are contradictory.
    public func validate(targetKind: EntityKind) throws(IndexError) {
        if let near {
            do { try near.center.validate(field: "near.center") } catch { throw .invalidFilter("near.center", error.reason) }
            if !(near.radiusKilometres > 0 && near.radiusKilometres <= 20_040) {
                throw .invalidFilter("near.radiusKilometres", "must be within (0, 20040], got \(near.radiusKilometres)")
            }
        }
        if let pay {
            do { try pay.validate(field: "pay") } catch { throw .invalidFilter(error.field, error.reason) }
        }
        for (name, range) in [("posted", posted), ("programStart", programStart)] {
            if let range, let from = range.from, let to = range.to, from > to {
                throw .contradictoryFilters("\(name).from is after \(name).to")
            }
        }
        if let maximumCost, !(maximumCost >= 0) { throw .invalidFilter("maximumCost", "must be >= 0, got \(maximumCost)") }
        if let maximumWeeks, maximumWeeks <= 0 { throw .invalidFilter("maximumWeeks", "must be > 0, got \(maximumWeeks)") }
        if let maximumClockHours, maximumClockHours <= 0 {
            throw .invalidFilter("maximumClockHours", "must be > 0, got \(maximumClockHours)")
        }
        if let prefix = occupationCodePrefix, prefix.isEmpty {
            throw .invalidFilter("occupationCodePrefix", "must not be empty")
        }
        let sets: [(String, Int?)] = [
            ("workplaces", workplaces?.count), ("employmentTypes", employmentTypes?.count),
            ("modalities", modalities?.count), ("credentialTypes", credentialTypes?.count),
        ]
        for case (let name, let count?) in sets where count == 0 {
            throw .contradictoryFilters("\(name) is an empty set, so nothing can match")
        }
        if remoteOnly, let workplaces, !workplaces.contains(.remote) {
            throw .contradictoryFilters("remoteOnly excludes every workplace in workplaces \(workplaces.map(\.rawValue).sorted())")
        }
        if remoteOnly, let modalities, !modalities.contains(.online) {
            throw .contradictoryFilters("remoteOnly requires online programs but modalities is \(modalities.map(\.rawValue).sorted())")
        }
        if let near, remoteOnly, !near.includeRemote {
            throw .contradictoryFilters("remoteOnly with a radius that excludes remote documents")
        }
        try requireKind(targetKind, allowed: [.job], used: posted != nil || openOn != nil || employmentTypes != nil, "posted/openOn/employmentTypes")
        try requireKind(
            targetKind, allowed: [.program],
            used: programStart != nil || maximumCost != nil || maximumWeeks != nil || maximumClockHours != nil
                || modalities != nil || credentialTypes != nil,
            "programStart/maximumCost/maximumWeeks/maximumClockHours/modalities/credentialTypes")
        try requireKind(targetKind, allowed: [.candidate], used: consentingOnly, "consentingOnly")
        try requireKind(targetKind, allowed: [.job, .candidate], used: pay != nil, "pay")
        try requireKind(targetKind, allowed: [.job, .candidate, .program], used: near != nil || remoteOnly || workplaces != nil, "near/remoteOnly/workplaces")
    }

    private func requireKind(_ kind: EntityKind, allowed: Set<EntityKind>, used: Bool, _ names: String) throws(IndexError) {
        if used, !allowed.contains(kind) {
            throw .contradictoryFilters(
                "\(names) apply to \(allowed.map(\.rawValue).sorted().joined(separator: "/")) but the search targets \(kind.rawValue)")
        }
    }
}
