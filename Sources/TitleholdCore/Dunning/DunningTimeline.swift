/// The dunning timeline of art. 13.4 of the terms (with art. 12.1), as a pure function of the
/// invoice, its recorded letters and a day.
///
/// | Step | May be taken | Term | After the term lapses unpaid |
/// |---|---|---|---|
/// | 1st reminder | from the day after the due date | 14 days | 2nd reminder may be sent |
/// | 2nd reminder | after the 1st reminder's term | 7 days | suspension (12.1); client in default |
/// | notice of default | after the 2nd reminder's term | `noticeTermDays` | collections |
/// | collections | after the notice's term | — | — |
///
/// Rules applied:
/// - Terms run from the day after the letter was sent; a term ending on a Saturday, Sunday or
///   public holiday ends on the next working day of `calendar` (art. 1 Atw; and art. 2 Atw: at
///   least two working days). To a consumer the 1st reminder's 14 days run from the day after
///   assumed receipt, so it is also the free letter of art. 6:96(6) BW.
/// - Only recorded letters count, and each step counts from the first letter of its kind sent
///   once that step was allowed; a letter sent too early is reported and does not count. A notice
///   of default sent any time after the due date counts (art. 6:82 BW), even before the reminders.
/// - Letters dated after `today` are left out, so a past day can be evaluated.
/// - A paid invoice has no next step; nor has a time-barred one (see `PriceClaimLimitation`).
public enum DunningTimeline {
    public static func evaluate(
        _ invoice: DunningCase, today: Day, calendar: BusinessCalendar = .statutoryTerms,
        settings: DunningSettings = .standard
    ) -> DunningStatus {
        let due = invoice.dueDate
        let letters = invoice.letters.filter { $0.sentOn <= today }.sorted { $0.sentOn < $1.sentOn }
        let limitation = PriceClaimLimitation(
            dueDate: due, clientKind: invoice.clientKind, isSaleOfGoods: invoice.isSaleOfGoods,
            interruptions: letters.filter(\.kind.isWrittenDemand).map(\.sentOn)
                + invoice.acknowledgements.filter { $0 <= today })
        var status = DunningStatus(
            asOf: today, stage: .overdue, nextStep: nil, termEnds: nil, inDefaultSince: nil, limitation: limitation,
            collectionCosts: nil, reasons: [])
        func reason(_ article: String, _ text: String) { status.reasons.append(DunningReason(article: article, text: text)) }
        func next(_ action: DunningStatus.Action, _ from: Day, _ article: String = "13.4") {
            status.nextStep = DunningStatus.NextStep(action: action, from: from, article: article)
        }

        guard invoice.openAmount > .zero else {
            status.stage = .paid
            reason("13.4", "nothing is owed on the invoice: no dunning step")
            return status
        }
        guard !limitation.isBarred(on: today) else {
            status.stage = .timeBarred
            status.reasons += limitation.reasons
            reason(limitation.article, "the claim is time-barred since \(limitation.barredFrom): no dunning step")
            return status
        }
        let firstOverdue = due.adding(days: 1)
        guard today > due else {
            status.stage = .notYetDue
            next(.sendReminder1, firstOverdue)
            reason("13.4", "due on \(due); the 1st reminder may be sent from \(firstOverdue)")
            return status
        }
        reason("13.4", "overdue since \(firstOverdue): statutory interest runs without notice (art. \(invoice.clientKind.interestArticle))")

        // Pick the letter that counts for each step.
        func first(_ kind: DunningLetter.Kind, from allowed: Day?, requirement: String) -> DunningLetter? {
            var chosen: DunningLetter?
            for letter in letters where letter.kind == kind {
                if let allowed, letter.sentOn >= allowed {
                    if chosen == nil { chosen = letter } else {
                        reason("13.4", "\(kind.label) also sent on \(letter.sentOn); the term counts from the first, \(chosen?.sentOn.description ?? "")")
                    }
                } else if chosen == nil {
                    reason("13.4", "\(kind.label) of \(letter.sentOn) was sent before \(requirement); it does not count")
                }
            }
            return chosen
        }
        func term(_ letter: DunningLetter, days: Int, startingAfter start: Day, article: String) -> Day {
            let end = calendar.termEnd(after: start, days: days)
            let nominal = start.adding(days: days)
            var text = "\(letter.kind.label) sent \(letter.sentOn)"
            if start != letter.sentOn { text += ", assumed received \(start)" }
            text += ", \(days) days' term ends \(end)"
            if end != nominal {
                let why = calendar.nonWorkingReason(nominal).map { " (\($0))" } ?? ""
                text += ", moved from \(nominal)\(why) to the next working day (art. 1 Atw)"
            }
            reason(article, text)
            return end
        }

        let r1 = first(.reminder1, from: firstOverdue, requirement: "the claim was overdue")
        var e1: Day?
        if let r1 {
            let isConsumer = invoice.clientKind == .consumer
            let start = isConsumer ? r1.sentOn.adding(days: settings.assumedPostalDays) : r1.sentOn
            e1 = term(r1, days: settings.reminder1TermDays, startingAfter: start, article: isConsumer ? "13.4, 6:96(6) BW" : "13.4")
        }
        let r2 = first(.reminder2, from: e1.map { $0.adding(days: 1) },
                       requirement: e1.map { "the 1st reminder's term ended on \($0)" } ?? "any 1st reminder")
        var e2: Day?
        if let r2 { e2 = term(r2, days: settings.reminder2TermDays, startingAfter: r2.sentOn, article: "13.4") }
        let notice = first(.noticeOfDefault, from: firstOverdue, requirement: "the claim was overdue")
        var en: Day?
        if let notice {
            if let e2, notice.sentOn <= e2 {
                reason("6:82 BW", "the notice of default came before the 2nd reminder's term lapsed; it counts as notice of default all the same")
            } else if e2 == nil {
                reason("6:82 BW", "the notice of default was sent without a 2nd reminder whose term lapsed; it counts as notice of default all the same")
            }
            en = term(notice, days: settings.noticeTermDays, startingAfter: notice.sentOn, article: "13.4, 6:82 BW")
        }

        // Default (art. 13.4 with 6:81–6:82 BW) and suspension (art. 12.1).
        var defaultDays: [Day] = []
        if let e2, today > e2 {
            defaultDays.append(e2.adding(days: 1))
            reason("13.4, 12.1", "the 2nd reminder's term lapsed unpaid: the client is in default from \(e2.adding(days: 1)) and services may be suspended")
        }
        if let en, today > en {
            defaultDays.append(en.adding(days: 1))
            reason("6:82 BW", "the notice of default's term lapsed unpaid: the client is in default from \(en.adding(days: 1))")
        }
        status.inDefaultSince = defaultDays.min()

        // The stage and the next step.
        let handOver = letters.first { $0.kind == .handedToCollections && $0.sentOn > due }
        if let handOver {
            status.stage = .withCollections
            status.termEnds = en ?? e2 ?? e1
            if en.map({ handOver.sentOn <= $0 }) ?? true {
                reason("13.4", "handed to collections on \(handOver.sentOn), before a notice of default's term had lapsed")
            } else {
                reason("13.4", "handed to collections on \(handOver.sentOn)")
            }
        } else if let en {
            status.stage = today > en ? .noticeLapsed : .noticeRunning
            status.termEnds = en
            next(.handToCollections, en.adding(days: 1))
        } else if let e2 {
            status.stage = today > e2 ? .reminder2Lapsed : .reminder2Running
            status.termEnds = e2
            next(.sendNoticeOfDefault, e2.adding(days: 1), "13.4, 6:82 BW")
        } else if let e1 {
            status.stage = today > e1 ? .reminder1Lapsed : .reminder1Running
            status.termEnds = e1
            next(.sendReminder2, e1.adding(days: 1))
        } else {
            status.stage = .overdue
            next(.sendReminder1, firstOverdue)
        }

        status.collectionCosts = CollectionCosts.assess(
            clientKind: invoice.clientKind, principals: [invoice.openAmount], dueDate: due,
            fourteenDayLetterSentOn: invoice.clientKind == .consumer ? r1?.sentOn : nil, calendar: calendar, settings: settings)
        return status
    }
}
