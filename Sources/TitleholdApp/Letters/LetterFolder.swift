import Documents
import Foundation

/// The folder letters are written into (`letters send`, `pickups notices`): each letter as an
/// HTML and a text file named after it. A file that exists already is never overwritten — it
/// means the letter was written before — and what a failed run wrote is removed again, so the
/// folder and the ledger's record of sent letters stay in step.
struct LetterFolder {
    let directory: URL
    private(set) var written: [URL] = []

    /// Opens (creating when needed) the folder at `directory`.
    init(_ directory: URL) throws {
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw RuleBookError("cannot create the folder \(directory.path): \(error.localizedDescription)")
        }
        self.directory = directory
    }

    /// Writes `letter` as `<name>.html` and `<name>.txt`; returns the two files.
    mutating func write(_ letter: RenderedLetter) throws -> (html: URL, text: URL) {
        let html = directory.appendingPathComponent(letter.suggestedFileName + ".html")
        let text = directory.appendingPathComponent(letter.suggestedFileName + ".txt")
        for (url, content) in [(html, letter.html), (text, letter.text)] {
            guard !FileManager.default.fileExists(atPath: url.path) else {
                throw RuleBookError("\(url.path) exists already; was this letter sent before? Nothing was recorded")
            }
            do { try content.write(to: url, atomically: true, encoding: .utf8) } catch {
                throw RuleBookError("cannot write \(url.path): \(error.localizedDescription)")
            }
            written.append(url)
        }
        return (html, text)
    }

    /// Removes every file this run wrote (the run failed before the letters were recorded).
    func removeWritten() {
        for url in written { try? FileManager.default.removeItem(at: url) }
    }
}
