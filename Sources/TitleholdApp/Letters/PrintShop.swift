import Documents
import Foundation
import TitleholdResources

/// The templates and the supplier's letterhead, from `Resources/templates` (data a person edits).
public struct PrintShop: Sendable {
    public var templates: TemplateLibrary
    public var letters: LetterRenderer

    public static func load() throws -> PrintShop {
        let templates: TemplateLibrary
        do { templates = try TemplateLibrary(directory: ResourceLocator.url("templates")) } catch {
            throw RuleBookError(error.description)
        }
        let supplierFile = ResourceLocator.url("templates/letters/supplier.conf")
        do {
            let supplier = try SupplierProfile(contentsOf: supplierFile)
            return PrintShop(templates: templates, letters: LetterRenderer(templates: templates, supplier: supplier))
        } catch {
            throw RuleBookError("\(error)")
        }
    }
}

/// Helpers to turn a ledger client into the addressee of a letter.
public enum ClientFileLetterhead {
    /// Address lines from the free-text address stored with the client (lines, or comma-separated parts).
    public static func addressLines(_ address: String?) -> [String] {
        guard let address, !address.isEmpty else { return [] }
        let separator: Character = address.contains("\n") ? "\n" : ","
        return address.split(separator: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
