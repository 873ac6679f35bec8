import Foundation

/// Finds Titlehold's data files (the top-level `Resources/` folder of the source tree).
///
/// Looked for, in order: the folder named by `$TITLEHOLD_RESOURCES`; `/usr/share/titlehold`
/// (an installed service); the resource bundle SwiftPM builds next to the executable
/// (`swift run`, `swift build`); the source tree this file was compiled from (tests). The
/// generated `Bundle.module` is deliberately not used: it stops the process when the bundle
/// is missing, which an installed service must never do.
public enum ResourceLocator {
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        var candidates: [URL] = []
        if let configured = environment["TITLEHOLD_RESOURCES"], !configured.isEmpty {
            candidates.append(URL(fileURLWithPath: configured))
        }
        candidates.append(URL(fileURLWithPath: "/usr/share/titlehold"))
        let executableDir = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        candidates.append(executableDir.appendingPathComponent("Titlehold_TitleholdResources.resources"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("Titlehold_TitleholdResources.resources"))
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
        let fm = FileManager.default
        for candidate in candidates where fm.fileExists(atPath: candidate.appendingPathComponent("demo").path) {
            return candidate
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    }

    /// A file or folder below the resources directory.
    public static func url(_ relativePath: String) -> URL {
        directory().appendingPathComponent(relativePath)
    }
}
