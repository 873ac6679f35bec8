/// One element of a parsed XML document, matched by namespace URI and local name (never by
/// prefix: UBL and ISO 20022 files may bind any prefix, or a default namespace, to the same URI).
///
/// The readers build the whole tree first and then look things up in it; the documents they take
/// (one invoice, one day's bank statements) are small, and a tree keeps the lookups readable.
struct XMLElementNode: Sendable {
    /// Namespace URI; empty when the element is in no namespace.
    var namespace: String
    /// Local name (without prefix).
    var name: String
    /// The name as written in the file (`cbc:ID`), for messages.
    var qualifiedName: String
    /// Attributes by name as written (unprefixed attributes such as `schemeID`, `currencyID`, `Ccy`).
    var attributes: [String: String]
    /// Character data directly inside this element (entity references resolved by the parser).
    var text: String
    var children: [XMLElementNode]
    /// Line of the start tag in the file.
    var line: Int
    /// Element path from the root, `Invoice/cac:InvoiceLine[2]/cbc:ID` (the index only where a
    /// parent has several children of that name).
    var path: String

    init(namespace: String, name: String, qualifiedName: String, attributes: [String: String], line: Int) {
        self.namespace = namespace; self.name = name; self.qualifiedName = qualifiedName
        self.attributes = attributes; self.text = ""; self.children = []; self.line = line; self.path = qualifiedName
    }

    /// `line 12, Invoice/cbc:IssueDate`: where a person finds this element.
    var location: String { "line \(line), \(path)" }

    /// The text with surrounding white space removed; `nil` when nothing is left.
    var value: String? {
        let trimmed = text.trimmingXMLSpace
        return trimmed.isEmpty ? nil : trimmed
    }

    /// `{namespace}name`, the unambiguous form used in messages about unexpected elements.
    var expandedName: String { namespace.isEmpty ? name : "{\(namespace)}\(name)" }

    func isNamed(_ name: XMLName) -> Bool { self.name == name.local && namespace == name.namespace }

    /// The direct children with this name, in document order.
    func children(_ name: XMLName) -> [XMLElementNode] { children.filter { $0.isNamed(name) } }

    /// The first direct child with this name.
    func child(_ name: XMLName) -> XMLElementNode? { children.first { $0.isNamed(name) } }

    /// The first element reached by following `steps` from here (first match at each step that
    /// leads to a result, depth-first in document order).
    func first(_ steps: XMLName...) -> XMLElementNode? { all(steps[...]).first }

    /// Every element reached by following `steps` from here, in document order.
    func all(_ steps: XMLName...) -> [XMLElementNode] { all(steps[...]) }

    private func all(_ steps: ArraySlice<XMLName>) -> [XMLElementNode] {
        guard let step = steps.first else { return [self] }
        return children(step).flatMap { $0.all(steps.dropFirst()) }
    }

    /// Gives every element its path; called once on the root after parsing.
    mutating func assignPaths(parentPath: String?) {
        if let parentPath { path = parentPath + "/" + path }
        var totals: [String: Int] = [:]
        for child in children { totals[child.qualifiedName, default: 0] += 1 }
        var seen: [String: Int] = [:]
        for index in children.indices {
            let key = children[index].qualifiedName
            seen[key, default: 0] += 1
            if (totals[key] ?? 0) > 1 { children[index].path = "\(key)[\(seen[key] ?? 1)]" }
            children[index].assignPaths(parentPath: path)
        }
    }
}

/// A namespace URI with a local name: how the readers name the elements they look for.
struct XMLName: Sendable, Hashable {
    var namespace: String
    var local: String
    init(_ namespace: String, _ local: String) { self.namespace = namespace; self.local = local }
}

extension String {
    /// Removes XML white space (space, tab, CR, LF) at both ends; other characters are kept.
    var trimmingXMLSpace: String {
        var scalars = Substring(self).unicodeScalars[...]
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\n" || s == "\r" }
        while let f = scalars.first, isSpace(f) { scalars.removeFirst() }
        while let l = scalars.last, isSpace(l) { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
