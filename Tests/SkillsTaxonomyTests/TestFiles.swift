import Foundation

/// A fresh temporary folder holding the given files, for loader tests on small, hand-made inputs.
func temporaryTaxonomy(_ files: [String: String]) throws -> URL {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("skillmatch-taxonomy-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for (name, text) in files {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }
    return directory
}

let skillsHeader = "id\ttype\tlabel\talt_labels\tbroader\tdescription\n"
