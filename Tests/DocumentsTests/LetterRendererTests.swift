import Documents
import Foundation
import Testing
import TitleholdCore

/// The shipped templates and letterhead, found from this file: the package root is 3 levels up.
private enum LetterResources {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templates = root.appendingPathComponent("Resources/templates")
    static let supplierConf = templates.appendingPathComponent("letters/supplier.conf")

    /// The real templates with a fixed letterhead, so that editing the shipped `supplier.conf` (which
    /// holds placeholders) changes no expectation here.
    static func renderer() throws -> LetterRenderer {
        LetterRenderer(templates: try TemplateLibrary(directory: templates), supplier: supplier)
    }

    static let supplier = SupplierProfile(
        name: "Testleverancier IT B.V.", address: "Kade 7", postcode: "1011 AA", city: "Amsterdam", kvkNumber: "87654321",
        vatNumber: "NL999999999B01", iban: "NL91ABNA0417164300", bic: "ABNANL2A", phone: "020 123 4567",
        email: "debiteuren@testleverancier.example", signatory: "B. Tester", signatoryRole: "Credit control")
}

private func day(_ iso: String) -> Day {
    guard let day = Day(iso: iso) else { preconditionFailure("bad test date \(iso)") }
    return day
}

private let business = LetterClient(
    name: "Bakkerij De Korenaar B.V.", addressLines: ["Molenweg 12", "1234 AB Graanstad"], contactName: "mevrouw J. Jansen",
    debtorNumber: "D1001", kvkNumber: "12345678")

private let consumer = LetterClient(name: "P. de Vries", addressLines: ["Dorpsstraat 3", "4321 BA Ergens"])

/// Two invoices: 1.210,00 + 12,34 interest and 350,50 + 5,67 interest; principal 1.560,50, interest
/// 18,01, to pay 1.578,51; with collection costs of 234,08 the total is 1.812,59.
private func businessLetter(_ step: LetterStep, client: LetterClient = business) -> DunningLetterModel {
    DunningLetterModel(
        step: step, sentOn: day("2026-11-25"), client: client,
        invoices: [
            .init(number: "INV-2026-0101", issueDate: day("2026-09-15"), dueDate: day("2026-10-15"),
                  openCents: Cents(121_000), interestCents: Cents(1_234), paymentReference: "RF18 0000 0000 0101"),
            .init(number: "INV-2026-0120", issueDate: day("2026-10-01"), dueDate: day("2026-10-31"),
                  openCents: Cents(35_050), interestCents: Cents(567)),
        ],
        costsCents: Cents(23_408), termDays: step == .reminder2 ? 7 : 14, termEndsOn: day("2026-12-09"),
        isConsumer: false, previousLetterSentOn: step == .reminder1 ? nil : day("2026-11-02"))
}

/// One invoice of 350,50 with 1,20 statutory interest; collection costs 52,58 (15%).
private func consumerLetter(_ step: LetterStep) -> DunningLetterModel {
    DunningLetterModel(
        step: step, sentOn: day("2026-11-25"), client: consumer,
        invoices: [.init(number: "INV-2026-0142", issueDate: day("2026-10-01"), dueDate: day("2026-10-31"),
                         openCents: Cents(35_050), interestCents: Cents(120))],
        costsCents: Cents(5_258), termDays: 14, termEndsOn: day("2026-12-11"), isConsumer: true)
}

@Suite("Dunning and pickup letters from the shipped templates")
struct LetterRendererTests {
    @Test("each dunning step renders the client's invoices, the totals and the term in HTML and text",
          arguments: LetterStep.allCases)
    func dunningStep(step: LetterStep) throws {
        let letter = try LetterResources.renderer().render(businessLetter(step))
        for output in [letter.html, letter.text] {
            #expect(output.contains("Bakkerij De Korenaar B.V."))
            #expect(output.contains("Molenweg 12"))
            #expect(output.contains("D1001"))
            #expect(output.contains("INV-2026-0101") && output.contains("INV-2026-0120"))
            #expect(output.contains("15 september 2026") && output.contains("15 oktober 2026"))
            #expect(output.contains("€ 1.210,00") && output.contains("€ 12,34") && output.contains("€ 1.222,34"))
            #expect(output.contains("€ 350,50") && output.contains("€ 5,67") && output.contains("€ 356,17"))
            #expect(output.contains("€ 1.560,50"), "total principal")
            #expect(output.contains("€ 18,01"), "total interest")
            #expect(output.contains("€ 1.578,51"), "principal plus interest")
            #expect(output.contains("€ 234,08") && output.contains("€ 1.812,59"), "collection costs and the total with them")
            #expect(output.contains("25 november 2026"), "the letter's date")
            #expect(output.contains("9 december 2026"), "the end of the term")
            #expect(output.contains(step == .reminder2 ? "7 dagen" : "14 dagen"))
            #expect(output.contains("NL91 ABNA 0417 1643 00") && output.contains("Testleverancier IT B.V."), "the supplier and its IBAN")
            #expect(output.contains("Amsterdam, 25 november 2026"), "place and date")
            #expect(output.contains("RF18 0000 0000 0101") && output.contains("INV-2026-0120"), "payment references")
            #expect(output.contains("13.4") && output.contains("6:96") && output.contains("6:119a BW"))
            #expect(!output.contains("{{") && !output.contains("}}"), "no unrendered tag")
        }
        #expect(letter.text.contains("Totaal te betalen: € 1.578,51"))
        #expect(letter.text.hasPrefix("Testleverancier IT B.V.\nKade 7\n"), "the pragma line leaves no trace")
        #expect(letter.suggestedFileName == "2026-11-25-\(step.fileTag)-bakkerij-de-korenaar-b-v-d1001")
    }

    @Test("the steps differ as art. 13.4 and 12.1 require")
    func stepWording() throws {
        let renderer = try LetterResources.renderer()
        let first = try renderer.render(businessLetter(.reminder1)).text
        let second = try renderer.render(businessLetter(.reminder2)).text
        let notice = try renderer.render(businessLetter(.noticeOfDefault)).text
        #expect(first.contains("Betreft: Betalingsherinnering"))
        #expect(second.contains("Betreft: Tweede herinnering"))
        #expect(second.contains("12.1") && second.contains("op te schorten"), "suspension after the 2nd reminder")
        #expect(second.contains("2 november 2026"), "the previous letter's date")
        #expect(notice.contains("Betreft: Ingebrekestelling"))
        #expect(notice.contains("in gebreke") && notice.contains("6:82 BW") && notice.contains("in verzuim"))
        #expect(notice.contains("uit handen"), "collections after the notice's term")
        #expect(notice.contains("10.3"), "retention of title and the right to take back")
        #expect(!first.contains("geen kosten verbonden"), "a business reminder is no 14-day letter")
    }

    @Test("a consumer's letters cite statutory interest (6:119), not commercial interest", arguments: LetterStep.allCases)
    func consumerInterest(step: LetterStep) throws {
        let letter = try LetterResources.renderer().render(consumerLetter(step))
        for output in [letter.html, letter.text] {
            #expect(output.contains("6:119 BW"))
            #expect(!output.contains("6:119a"))
            #expect(output.contains("wettelijke rente") && !output.contains("handelsrente"))
            #expect(output.contains("13.4") && output.contains("6:96"))
            #expect(output.contains("11 december 2026") && output.contains("€ 351,70"))
        }
    }

    @Test("the consumer's 1st reminder is the free 14-day letter stating the costs (art. 6:96(6) BW)")
    func fourteenDayLetter() throws {
        let renderer = try LetterResources.renderer()
        let letter = try renderer.render(consumerLetter(.reminder1))
        #expect(consumerLetter(.reminder1).isFourteenDayLetter)
        for output in [letter.html, letter.text] {
            #expect(output.contains("6:96 lid 6 BW"))
            #expect(output.contains("€ 52,58"), "the collection costs owed if unpaid")
            #expect(output.contains("€ 404,28"), "the total then owed (351,70 + 52,58)")
            #expect(output.contains("de dag na de dag waarop u deze brief ontvangt"), "14 days from the day after receipt")
            #expect(output.contains("geen kosten verbonden"), "the reminder itself is free")
        }
        let second = try renderer.render(consumerLetter(.reminder2)).text
        #expect(!second.contains("6:96 lid 6") && !second.contains("geen kosten verbonden"))
    }

    @Test("a client name with markup is escaped in HTML and kept in text")
    func escaping() throws {
        let hostile = LetterClient(name: "Evil <script>alert('x')</script> & Co", addressLines: ["<b>Straat</b> 1"])
        let renderer = try LetterResources.renderer()
        let letter = try renderer.render(businessLetter(.reminder1, client: hostile))
        #expect(!letter.html.contains("<script>"))
        #expect(letter.html.contains("Evil &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"))
        #expect(letter.html.contains("&lt;b&gt;Straat&lt;/b&gt; 1"))
        #expect(letter.text.contains("Evil <script>alert('x')</script> & Co"))
        #expect(letter.suggestedFileName == "2026-11-25-reminder1-evil-script-alert-x-script-co")
        let notice = try renderer.render(PickupNoticeModel(
            client: hostile, items: [.init(serial: "<i>SN1</i>", description: "Laptop")],
            earliestPickupOn: day("2026-12-07"), noticeDate: day("2026-11-25"), clauses: []))
        #expect(!notice.html.contains("<script>") && !notice.html.contains("<i>SN1"))
        #expect(notice.text.contains("<i>SN1</i>"))
    }

    @Test("HTML letters are self-contained printable A4 pages")
    func printableHTML() throws {
        let renderer = try LetterResources.renderer()
        let pages = try LetterStep.allCases.map { try renderer.render(businessLetter($0)).html }
            + [try renderer.render(pickupNotice()).html]
        for html in pages {
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(html.contains("size: A4"))
            #expect(!html.contains("<link") && !html.contains("src=") && !html.contains("url("), "no external resources")
            #expect(!html.contains("http://") && !html.contains("https://"))
        }
    }

    private func pickupNotice() -> PickupNoticeModel {
        PickupNoticeModel(
            client: business,
            items: [.init(serial: "5CD1234XYZ", description: "HP EliteBook 840 G9"),
                    .init(serial: "CN0ABC123", description: "Dell UltraSharp U2723QE")],
            earliestPickupOn: day("2026-12-07"), noticeDate: day("2026-11-25"),
            clauses: [.init(article: "13.4", text: "Factuur INV-2026-0101 is onbetaald na afloop van de termijn van de tweede herinnering")],
            siteLines: ["Magazijn Achterweg 5", "1234 CD Graanstad"])
    }

    @Test("the pickup notice cites art. 10.3, lists the items, the earliest date and the duty to give access")
    func pickup() throws {
        let notice = try LetterResources.renderer().render(pickupNotice())
        for output in [notice.html, notice.text] {
            #expect(output.contains("10.3") && output.contains("10.1"))
            #expect(output.contains("vrije toegang"))
            #expect(output.contains("5CD1234XYZ") && output.contains("HP EliteBook 840 G9"))
            #expect(output.contains("CN0ABC123") && output.contains("Dell UltraSharp U2723QE"))
            #expect(output.contains("maandag 7 december 2026"))
            #expect(output.contains("25 november 2026"))
            #expect(output.contains("onbetaald na afloop van de termijn van de tweede herinnering (art. 13.4)"))
            #expect(output.contains("Magazijn Achterweg 5"))
            #expect(output.contains("eigendomsvoorbehoud"))
            #expect(!output.contains("{{"))
        }
        #expect(notice.suggestedFileName == "2026-11-25-pickup-notice-bakkerij-de-korenaar-b-v-d1001")
    }

    @Test("letters that would be wrong are refused")
    func refusals() throws {
        let renderer = try LetterResources.renderer()
        var empty = businessLetter(.reminder1)
        empty.invoices = []
        #expect(throws: DocumentError.self) { try renderer.render(empty) }
        var noTerm = businessLetter(.noticeOfDefault)
        noTerm.termEndsOn = noTerm.sentOn
        #expect(throws: DocumentError.self) { try renderer.render(noTerm) }
        var nothing = pickupNotice()
        nothing.items = []
        #expect(throws: DocumentError.self) { try renderer.render(nothing) }
    }

    @Test("the shipped supplier.conf parses into the letterhead")
    func shippedSupplier() throws {
        let supplier = try SupplierProfile(contentsOf: LetterResources.supplierConf)
        #expect(!supplier.name.isEmpty && !supplier.city.isEmpty && !supplier.signatory.isEmpty)
        #expect(SupplierProfile.isValidIBAN(supplier.iban))
        #expect(supplier.ibanGrouped.split(separator: " ").allSatisfy { $0.count <= 4 })
        #expect(SupplierProfile.isValidIBAN("NL91 ABNA 0417 1643 00"))
        #expect(!SupplierProfile.isValidIBAN("NL92 ABNA 0417 1643 00"))
    }

    private static let validConf = """
        name = X B.V.
        address = Straat 1
        postcode = 1234 AB
        city = Stad
        kvk = 12345678
        iban = NL91ABNA0417164300
        email = a@b.nl
        signatory = A. B.
        """

    @Test("a bad supplier.conf line is reported with its line number", arguments: [
        (validConf + "\nthis line has no equals sign", 9),
        (validConf + "\n\n# comment\nfax = 123", 11),
        (validConf + "\nname = Y B.V.", 9),
        (validConf.replacingOccurrences(of: "kvk = 12345678", with: "kvk = 1234"), 5),
        (validConf.replacingOccurrences(of: "NL91ABNA0417164300", with: "NL92ABNA0417164300"), 6),
        (validConf.replacingOccurrences(of: "city = Stad", with: "city ="), 4),
        (validConf.replacingOccurrences(of: "a@b.nl", with: "nobody"), 7),
    ])
    func badLine(conf: String, line: Int) {
        #expect(throws: SupplierProfileError.self) { try SupplierProfile(parsing: conf) }
        do {
            _ = try SupplierProfile(parsing: conf, source: "supplier.conf")
        } catch {
            #expect(error.line == line)
            #expect(error.description.hasPrefix("supplier.conf, line \(line): "))
        }
    }

    @Test("a file saved with Windows line ends and a byte-order mark parses")
    func windowsFile() throws {
        let conf = "\u{FEFF}# letterhead\r\n" + Self.validConf.replacingOccurrences(of: "\n", with: "\r\n") + "\r\nbic = ABNANL2A\r\n"
        let supplier = try SupplierProfile(parsing: conf)
        #expect(supplier.name == "X B.V.")
        #expect(supplier.bic == "ABNANL2A")
        #expect(supplier.ibanGrouped == "NL91 ABNA 0417 1643 00")
    }

    @Test("a missing required key is named")
    func missingKey() {
        let conf = Self.validConf.replacingOccurrences(of: "iban = NL91ABNA0417164300", with: "")
        do {
            _ = try SupplierProfile(parsing: conf)
            Issue.record("a supplier.conf without an IBAN was accepted")
        } catch {
            #expect(error.line == nil)
            #expect(error.message.contains("'iban'"))
        }
        #expect((try? SupplierProfile(parsing: Self.validConf))?.bic == nil)
    }
}
