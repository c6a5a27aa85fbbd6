import Foundation
import SkillsCompression
import SkillsCore

/// Revocation status: W3C Bitstring Status List (also the older StatusList2021 entries) and the
/// 1EdTech revocation list. Lists come through the configured fetcher; a Bitstring list is a
/// credential whose own proof must verify.
struct StatusCheck {
    let verifier: CredentialVerifier

    func check(_ credential: JSONObject) -> VerificationStep {
        guard let status = credential["credentialStatus"] else { return VerificationStep(.status, .skipped, "no credentialStatus") }
        var notes: [String] = []
        for entry in status.asArray {
            let step: VerificationStep
            do {
                step = try checkEntry(entry, credential: credential)
            } catch {
                let outcome: StepOutcome = error.kind == .fetch || error.kind == .unsupported ? .unverified : .failed
                return VerificationStep(.status, outcome, error.message)
            }
            if step.outcome != .passed { return step }
            notes.append(step.reason)
        }
        return VerificationStep(.status, .passed, notes.joined(separator: "; "))
    }

    private func checkEntry(_ entry: JSONValue, credential: JSONObject) throws(CredentialError) -> VerificationStep {
        switch entry["type"]?.stringValue {
        case "BitstringStatusListEntry", "StatusList2021Entry": return try bitstring(entry)
        case "1EdTechRevocationList": return try revocationList(entry, credentialID: credential["id"]?.stringValue)
        case let other: throw CredentialError(.unsupported, "unsupported credentialStatus type \(other ?? "none")")
        }
    }

    private func fetchJSON(_ url: String) throws(CredentialError) -> JSONValue {
        let bytes = try verifier.configuration.fetcher.fetch(url)
        do { return try JSONParser(limits: verifier.configuration.jsonLimits).parse(bytes) } catch {
            throw CredentialError(.malformed, "status document \(url): \(error)")
        }
    }

    private func bitstring(_ entry: JSONValue) throws(CredentialError) -> VerificationStep {
        guard let listURL = entry["statusListCredential"]?.stringValue else { throw CredentialError(.malformed, "status entry has no statusListCredential") }
        guard let indexText = entry["statusListIndex"]?.stringValue ?? entry["statusListIndex"]?.intValue.map(String.init),
              let index = Int(indexText), index >= 0 else {
            throw CredentialError(.malformed, "status entry has no valid statusListIndex")
        }
        let purpose = entry["statusPurpose"]?.stringValue ?? "revocation"
        let list = try fetchJSON(listURL)
        // The list is itself a credential: its proof, key binding and dates must hold.
        let listResult = verifier.verifyDocument(list, checkStatus: false)
        guard listResult.status == .verified else {
            return VerificationStep(.status, .unverified, "status list \(listURL) is \(listResult.status.rawValue): \(listResult.reason)")
        }
        let subject = list["credentialSubject"]?.asArray.first
        guard let encoded = subject?["encodedList"]?.stringValue else { throw CredentialError(.malformed, "status list has no encodedList") }
        if let listPurpose = subject?["statusPurpose"]?.stringValue, listPurpose != purpose {
            throw CredentialError(.malformed, "status list purpose \(listPurpose) does not match entry purpose \(purpose)")
        }
        let compressed = encoded.hasPrefix("u") ? try Base64.decode(encoded.dropFirst()) : try Base64.decode(encoded)
        let bits: [UInt8]
        do { bits = [UInt8](try Gzip.decompress(Data(compressed), limit: verifier.configuration.maxStatusListBytes)) } catch {
            throw CredentialError(.malformed, "status list: \(error)")
        }
        guard index / 8 < bits.count else { throw CredentialError(.malformed, "statusListIndex \(index) is beyond the list (\(bits.count * 8) entries)") }
        let set = bits[index / 8] & (0x80 >> UInt8(index % 8)) != 0
        if set { return VerificationStep(.status, .failed, purpose == "revocation" ? "revoked (status list bit \(index))" : "\(purpose) bit \(index) is set") }
        return VerificationStep(.status, .passed, "\(purpose) bit \(index) not set in \(listURL)")
    }

    private func revocationList(_ entry: JSONValue, credentialID: String?) throws(CredentialError) -> VerificationStep {
        guard let url = entry["id"]?.stringValue else { throw CredentialError(.malformed, "1EdTechRevocationList entry has no id") }
        guard let credentialID else { throw CredentialError(.malformed, "credential has no id to look up in the revocation list") }
        let list = try fetchJSON(url)
        for revoked in list["revokedCredential"]?.asArray ?? [] where revoked["id"]?.stringValue == credentialID {
            if revoked["revoked"]?.boolValue != false { return VerificationStep(.status, .failed, "revoked (1EdTech revocation list \(url))") }
        }
        return VerificationStep(.status, .passed, "not in the 1EdTech revocation list")
    }
}
