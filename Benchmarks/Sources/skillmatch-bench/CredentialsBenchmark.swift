// Credentials benchmark: verifications per second, Swift verifier vs a Python reference
// (pyld + cryptography, Benchmarks/peers/credentials_peer.py) on the same files, same run.
//   rdfc: 1EdTech OB 3.0 example credential, eddsa-rdfc-2022 (JSON-LD -> RDFC-1.0 -> Ed25519)
//   jwt:  1EdTech CLR 2.0 VC-JWT, RS256 with the key in the JWS header
// Both sides parse the file and check the signature; for the JWT both also check the header,
// the key binding (operator registry), iss/sub/jti/nbf/exp against the credential and the dates,
// and both build a JWK's key once. The Swift side also builds its claims model and step log.
// Nested CLR credentials are verified in a third, Swift-only figure (the peer checks the envelope).
// Rates are per wall second and per CPU second of the measuring thread (medians of rounds); on
// this shared machine the CPU figure is the one to compare. Process start and context loading
// are outside the timed loops on both sides.
// Run: swift build -c release --product skillmatch-bench &&
//      .build/release/skillmatch-bench credentials [--seconds S] [--rounds N] [--no-peer] [--only rdfc|jwt]
import Foundation
import SkillsCore
import SkillsCredentials
import SkillsTestSupport

func runCredentialsBenchmark(_ arguments: [String]) throws {
    var seconds = 1.0
    var rounds = 5
    var peer = true
    var only: String? = nil
    var i = 0
    while i < arguments.count {
        switch arguments[i] {
        case "--seconds": i += 1; seconds = Double(arguments[i]) ?? seconds
        case "--rounds": i += 1; rounds = Int(arguments[i]) ?? rounds
        case "--no-peer": peer = false
        case "--only": i += 1; only = arguments[i]; peer = false  // for profiling one path
        default: throw CredentialError(.malformed, "unknown option \(arguments[i]); use --seconds S --rounds N --no-peer")
        }
        i += 1
    }
    let rdfcURL = FixturePaths.shared("credentials/vectors/1edtech/ob-signed-credential.json")
    let jwtURL = FixturePaths.shared("credentials/vectors/1edtech-validator/clr20/simple.jwt")
    let rdfcBytes = Array(try Data(contentsOf: rdfcURL))
    let jwtText = try String(contentsOf: jwtURL, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)

    // The example key URLs cannot be dereferenced: register the keys, as an operator would.
    var registry = IssuerKeyRegistry()
    let document = try JSONParser().parse(rdfcBytes)
    let method = document["proof"]!.asArray[0]["verificationMethod"]!.stringValue!
    let hash = method.firstIndex(of: "#")!
    let (_, raw) = try Multibase.decodeKey(String(method[method.index(after: hash)...]))
    registry.register(try PublicKey.ed25519(raw), verificationMethod: method, issuer: String(method[..<hash]))
    let header = try JSONParser().parse(try Base64.decode(jwtText.split(separator: ".")[0]))
    let issuer = try JSONParser().parse(try Base64.decode(jwtText.split(separator: ".")[1]))["iss"]!.stringValue!
    registry.register(try KeyResolver.keyFromJWK(header["jwk"]!), verificationMethod: "jwk:" + issuer, issuer: issuer)
    let verifier = try CredentialVerifier(configuration: VerifierConfiguration(keyRegistry: registry))
    // The peer checks the JWT envelope only; so does this verifier for the side-by-side figure.
    var envelopeOnly = VerifierConfiguration(keyRegistry: registry)
    envelopeOnly.verifyNestedCredentials = false
    let jwtVerifier = try CredentialVerifier(configuration: envelopeOnly)

    let jwtBytes = Array(jwtText.utf8)
    let rdfcCheck = verifier.verify(bytes: rdfcBytes)
    let jwtCheck = verifier.verify(bytes: jwtBytes)
    guard rdfcCheck.status == .verified, jwtCheck.status == .verified else {
        throw CredentialError(.signature, "benchmark inputs do not verify: \(rdfcCheck.reason) / \(jwtCheck.reason)")
    }

    /// Median verifications per wall second and per CPU second of this thread.
    func rate(_ body: () -> VerificationStatus) -> (wall: Double, cpu: Double) {
        var wall: [Double] = [], cpu: [Double] = []
        for _ in 0..<rounds {
            var count = 0
            let start = DispatchTime.now().uptimeNanoseconds
            let startCPU = threadCPUSeconds()
            var elapsed = 0.0
            while elapsed < seconds {
                if body() != .verified { fatalError("verification failed during the benchmark") }
                count += 1
                elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            }
            wall.append(Double(count) / elapsed)
            cpu.append(Double(count) / (threadCPUSeconds() - startCPU))
        }
        return (median(wall), median(cpu))
    }

    let none = (wall: 0.0, cpu: 0.0)
    let loadBefore = loadAverage()
    let swiftRDFC = only == nil || only == "rdfc" ? rate { verifier.verify(bytes: rdfcBytes).status } : none
    let swiftJWT = only == nil || only == "jwt" ? rate { jwtVerifier.verify(bytes: jwtBytes).status } : none
    let swiftCLR = only == nil ? rate { verifier.verify(bytes: jwtBytes).status } : none
    // The floor under the JWT figure: SHA-256 + RSA verification of the same signing input alone.
    let jwtKey = try KeyResolver.keyFromJWK(header["jwk"]!)
    let segments = jwtText.split(separator: ".")
    let signingInput = Array((segments[0] + "." + segments[1]).utf8)
    let jwtSignature = try Base64.decode(segments[2])
    let swiftRSA = only == nil || only == "jwt"
        ? rate { jwtKey.verify(signature: jwtSignature, message: signingInput) ? .verified : .invalid } : none
    print("credentials: verifications/s, one thread, median of \(rounds) rounds of \(seconds) s; load average \(loadBefore)")
    print("  (wall = per elapsed second; cpu = per CPU second of the thread, the figure that survives a loaded machine)")
    print(String(format: "  eddsa-rdfc-2022 (OB 3.0)  swift  wall %9.1f/s  cpu %9.1f/s", swiftRDFC.wall, swiftRDFC.cpu))
    print(String(format: "  VC-JWT RS256 (CLR 2.0)    swift  wall %9.1f/s  cpu %9.1f/s", swiftJWT.wall, swiftJWT.cpu))
    print(String(format: "  same, nested credential verified too  wall %9.1f/s  cpu %9.1f/s (no peer figure)", swiftCLR.wall, swiftCLR.cpu))
    print(String(format: "  RS256 signature check alone (libcrypto)  wall %9.1f/s  cpu %9.1f/s", swiftRSA.wall, swiftRSA.cpu))
    guard peer else { return }

    let script = FixturePaths.packageRoot.appendingPathComponent("Benchmarks/peers/credentials_peer.sh")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [script.path, "--rdfc", rdfcURL.path, "--jwt", jwtURL.path, "--shared", FixturePaths.sharedData.path,
                         "--seconds", String(seconds), "--rounds", String(rounds)]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let line = String(data: output, encoding: .utf8)?.split(separator: "\n").last,
          let peerResult = try? JSONParser().parse(String(line)),
          let pyRDFC = peerResult["rdfc_per_s"]?.doubleValue, let pyJWT = peerResult["jwt_per_s"]?.doubleValue,
          let pyRDFCCPU = peerResult["rdfc_per_cpu_s"]?.doubleValue, let pyJWTCPU = peerResult["jwt_per_cpu_s"]?.doubleValue,
          let pyRSA = peerResult["rsa_per_s"]?.doubleValue, let pyRSACPU = peerResult["rsa_per_cpu_s"]?.doubleValue else {
        throw CredentialError(.fetch, "python peer failed (status \(process.terminationStatus))")
    }
    print("  python peer (pyld + cryptography), same files, same checks; load average now \(loadAverage())")
    print(String(format: "  eddsa-rdfc-2022 (OB 3.0)  python wall %9.1f/s  cpu %9.1f/s   ratio wall %5.1fx  cpu %5.1fx (target >= 10x)",
                 pyRDFC, pyRDFCCPU, swiftRDFC.wall / pyRDFC, swiftRDFC.cpu / pyRDFCCPU))
    print(String(format: "  VC-JWT RS256 (CLR 2.0)    python wall %9.1f/s  cpu %9.1f/s   ratio wall %5.1fx  cpu %5.1fx (target >= 10x)",
                 pyJWT, pyJWTCPU, swiftJWT.wall / pyJWT, swiftJWT.cpu / pyJWTCPU))
    print(String(format: "  RS256 signature check alone  python wall %9.1f/s  cpu %9.1f/s", pyRSA, pyRSACPU))
    // Even a Swift verifier that did nothing but the signature check could not beat this ratio.
    print(String(format: "  JWT ceiling: python full verification vs swift signature check alone  cpu %5.1fx", swiftRSA.cpu / pyJWTCPU))
}
