/// What an agreement (order, quote or contract) is about. Retention of title can only secure
/// claims under agreements for the delivery of goods and work done under them (art. 10.1 of the
/// terms, art. 3:92(2) BW); a separate services agreement (a support subscription) does not.
public enum AgreementKind: String, Sendable, Codable, CaseIterable {
    case goods
    case services
}
