import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Turns the bytes of a file into an `XMLElementNode` tree, or an `ImportError` saying why not.
///
/// Foundation's `XMLParser` (libxml2 on Linux) does the parsing, with namespace processing on and
/// external entities off; `checkRawBytes` has already refused any DTD. The parser's own error is
/// reported with the line it stopped at, and a document that ends before its root element is
/// closed (a truncated download) is refused even where the parser itself would not complain.
enum XMLDocumentLoader {
    /// Deeper nesting than this is refused; UBL invoices go about 8 levels deep, camt.053 about 12.
    static let maximumDepth = 100

    static func load(_ data: Data, file: String) throws(ImportError) -> XMLElementNode {
        let bytes = [UInt8](data)
        try checkRawBytes(bytes, file: file)
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let builder = TreeBuilder(file: file)
        parser.delegate = builder
        let finished = parser.parse()
        if let problem = builder.problem { throw problem }
        if let failure = builder.parseError ?? (finished ? nil : parser.parserError) {
            let line = builder.errorLine ?? parser.lineNumber
            let atEnd = isAtEnd(line: line, column: builder.errorColumn ?? parser.columnNumber, of: bytes)
            throw ImportError(file: file, location: "line \(line)",
                              message: describe(failure, openElements: builder.openPath, sawRoot: builder.sawElement, atEnd: atEnd))
        }
        if let open = builder.openPath {
            throw ImportError(file: file, location: "line \(parser.lineNumber)",
                              message: "the file ends inside <\(open)> before the XML document is complete: it is truncated (incomplete download or copy?)")
        }
        guard var root = builder.root else {
            throw ImportError(file: file, message: "the file contains no XML element; it is not an XML document")
        }
        root.assignPaths(parentPath: nil)
        return root
    }

    /// A message for the parser's error, in words a person can act on. The parser's numeric
    /// codes differ between platforms (libxml2's own on Linux), so the wording rests on where the
    /// parser stopped: before any element, at the very end of the data with elements still open
    /// (a truncated file), or somewhere inside (malformed); the code is quoted for reference.
    static func describe(_ error: Error, openElements: String?, sawRoot: Bool, atEnd: Bool) -> String {
        let code = (error as NSError).code
        if !sawRoot {
            return "the file does not start with an XML document (is it a PDF or another format, or is the XML declaration damaged?) (parser error \(code))"
        }
        if atEnd, let openElements {
            return "the file ends inside <\(openElements)> before the XML document is complete: it is truncated (incomplete download or copy?)"
        }
        let detail = libxml2Errors[code].map { ": \($0)" } ?? ""
        return "malformed XML\(detail) (parser error \(code)); the file is damaged or not well-formed XML"
    }

    /// The libxml2 error codes (xmlerror.h) met in damaged invoices and statements, in words.
    static let libxml2Errors: [Int: String] = [
        5: "there is content after the end of the document",
        23: "an attribute value is not quoted",
        26: "an entity reference such as &name; that XML does not define (write & as &amp;)",
        38: "an attribute is written without a value",
        39: "an attribute value is not quoted",
        41: "a '<' inside an attribute value",
        68: "a '&' that does not start an entity reference (write & as &amp;)",
        73: "a tag is not closed with '>'",
        76: "an end tag does not match its start tag",
        77: "an element is not closed",
    ]

    /// Whether the parser stopped at the end of the data (ignoring trailing white space): a parser
    /// that runs out of data with elements still open has read a truncated file. Columns are
    /// compared in characters, which is what libxml2 counts, or fewer.
    static func isAtEnd(line: Int, column: Int, of bytes: [UInt8]) -> Bool {
        var end = bytes.count
        while end > 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
        let content = bytes[..<end]
        let lastLine = 1 + content.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        let lastLineStart = content.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let lastLineCharacters = String(decoding: content[lastLineStart...], as: UTF8.self).unicodeScalars.count
        return line > lastLine || (line == lastLine && column >= lastLineCharacters)
    }
}

/// SAX delegate that collects elements and their text into a tree.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    let file: String
    var stack: [XMLElementNode] = []
    var root: XMLElementNode?
    var parseError: Error?
    var errorLine: Int?
    var errorColumn: Int?
    var problem: ImportError?
    var sawElement = false

    init(file: String) { self.file = file }

    /// The qualified names of the elements still open, outermost first, when parsing stopped.
    var openPath: String? { stack.isEmpty ? nil : stack.map(\.qualifiedName).joined(separator: "/") }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard stack.count < XMLDocumentLoader.maximumDepth else {
            problem = ImportError(file: file, location: "line \(parser.lineNumber)",
                                  message: "elements are nested more than \(XMLDocumentLoader.maximumDepth) deep; this is not an invoice or bank statement")
            parser.abortParsing()
            return
        }
        if stack.isEmpty, root != nil {
            problem = ImportError(file: file, location: "line \(parser.lineNumber)", message: "malformed XML: content after the root element")
            parser.abortParsing()
            return
        }
        sawElement = true
        stack.append(XMLElementNode(namespace: namespaceURI ?? "", name: elementName,
                                    qualifiedName: qName ?? elementName, attributes: attributeDict,
                                    line: parser.lineNumber))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard let done = stack.popLast() else { return }
        if stack.isEmpty { root = done } else { stack[stack.count - 1].children.append(done) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if self.parseError == nil {
            self.parseError = parseError
            errorLine = parser.lineNumber
            errorColumn = parser.columnNumber
        }
    }
}
