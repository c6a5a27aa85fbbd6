import Foundation
import SkillsAPI
import Testing

/// File < environment < flags, and precise key paths for invalid values.
@Suite struct ConfigurationTests {
    @Test func precedenceFileThenEnvironmentThenFlags() throws {
        let file = Data(#"{"http": {"port": 9000, "host": "0.0.0.0"}, "auth": {"rateLimit": {"burst": 7}}}"#.utf8)
        let fromFile = try ServiceConfiguration.load(json: file)
        #expect(fromFile.http.port == 9000)
        #expect(fromFile.api.rateLimit.burst == 7)
        #expect(fromFile.http.workerThreads == 4)  // default kept
        let fromEnvironment = try ServiceConfiguration.load(json: file, environment: ["SKILLMATCH_PORT": "9100", "SKILLMATCH_AUTH_MODE": "open"])
        #expect(fromEnvironment.http.port == 9100)
        #expect(fromEnvironment.http.host == "0.0.0.0")
        #expect(fromEnvironment.api.authMode == .open)
        let fromFlags = try ServiceConfiguration.load(json: file, environment: ["SKILLMATCH_PORT": "9100"], overrides: ["http.port": "0"])
        #expect(fromFlags.http.port == 0)
    }

    @Test func shippedDefaultFileIsValid() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Config/default.json")
        let configuration = try ServiceConfiguration.load(json: try Data(contentsOf: url))
        #expect(configuration.api.authMode == .required)
        #expect(configuration.http == ServiceConfiguration().http)
    }

    @Test(arguments: [
        (#"{"http": {"port": 70000}}"#, "http.port"),
        (#"{"http": {"port": "eighty"}}"#, "http.port"),
        (#"{"http": {"limits": {"maxBodyBytes": -1}}}"#, "http.limits.maxBodyBytes"),
        (#"{"auth": {"mode": "sometimes"}}"#, "auth.mode"),
        (#"{"auth": {"rateLimit": {"burst": 0}}}"#, "auth.rateLimit.burst"),
        (#"{"engine": {"ingestWorkers": 1000}}"#, "engine.ingestWorkers"),
        (#"{"engine": {"skillVectors": "magic"}}"#, "engine.skillVectors"),
        (#"{"htttp": {}}"#, "htttp"),
        (#"[1]"#, "(file)"),
        (#"{"#, "(file)"),
    ])
    func invalidValuesNameTheirKeyPath(json: String, keyPath: String) {
        #expect {
            _ = try ServiceConfiguration.load(json: Data(json.utf8))
        } throws: { error in
            (error as? ConfigurationError)?.keyPath == keyPath
        }
    }

    @Test func invalidEnvironmentValueNamesItsKey() {
        #expect {
            _ = try ServiceConfiguration.load(json: nil, environment: ["SKILLMATCH_PORT": "-5"])
        } throws: { error in
            (error as? ConfigurationError)?.keyPath == "http.port"
        }
    }
}
