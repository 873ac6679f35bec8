import Foundation
import Testing

/// One input that must be refused, and what the message and location must say.
struct RefusalCase: Sendable, CustomTestStringConvertible {
    var name: String
    var data: @Sendable () throws -> Data
    /// Every one of these must appear in the message (case-insensitive).
    var messageContains: [String]
    /// The location must start with this (e.g. `line 3`), when given.
    var locationPrefix: String? = nil
    var testDescription: String { name }
}

/// Inputs that both readers refuse the same way: they are about the file, not its content.
enum CommonRefusals {
    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
        ]>
        <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol4;</Invoice>
        """

    static let externalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE Document [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>&xxe;</BkToCstmrStmt></Document>
        """

    static let externalDTD = """
        <?xml version="1.0"?>
        <!doctype Invoice SYSTEM "http://example.invalid/ubl.dtd">
        <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>
        """

    static let malformed = """
        <?xml version="1.0"?>
        <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">
          <ID>1</ID>
          <Note>unclosed</Nota>
        </Invoice>
        """

    /// `fixture` is a real file of the reader's own kind, cut in half for the truncation case.
    static func cases(fixture: String) -> [RefusalCase] {
        [
            RefusalCase(name: "empty file", data: { Data() }, messageContains: ["empty"]),
            RefusalCase(name: "blank file", data: { Data(" \n\t\r\n".utf8) }, messageContains: ["empty"]),
            RefusalCase(name: "billion laughs (internal entities)", data: { Data(billionLaughs.utf8) },
                        messageContains: ["declares a DTD/entities, which are refused"], locationPrefix: "line 2"),
            RefusalCase(name: "external SYSTEM entity", data: { Data(externalEntity.utf8) },
                        messageContains: ["declares a DTD/entities, which are refused"], locationPrefix: "line 2"),
            RefusalCase(name: "external DTD, lower-case doctype", data: { Data(externalDTD.utf8) },
                        messageContains: ["declares a DTD/entities, which are refused"], locationPrefix: "line 2"),
            RefusalCase(name: "malformed XML (mismatched end tag)", data: { Data(malformed.utf8) },
                        messageContains: ["malformed XML", "end tag"], locationPrefix: "line 4"),
            RefusalCase(name: "undefined entity reference", data: { Data("<a>Smith & Sons</a>".utf8) },
                        messageContains: ["malformed XML"], locationPrefix: "line 1"),
            RefusalCase(name: "not XML at all (PDF header)", data: { Data("%PDF-1.7\n%âãÏÓ\n1 0 obj".utf8) },
                        messageContains: ["not", "XML"], locationPrefix: "line 1"),
            RefusalCase(name: "UTF-16 file", data: { Data([0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00, 0x2F, 0x00, 0x3E, 0x00]) },
                        messageContains: ["UTF-16", "UTF-8"]),
            RefusalCase(name: "truncated real file (first half of \(fixture))", data: {
                let whole = try Fixtures.data(fixture)
                return whole.prefix(whole.count / 2)
            }, messageContains: ["truncated"]),
        ]
    }
}
