import Foundation

/// Key names from Swift's camelCase to the JSON's snake_case, with the word boundaries
/// `JSONEncoder`'s `.convertToSnakeCase` draws, so both encoders write the same keys
/// (`CompactJSONEncoderTests` compares them on a table of names):
/// - a word ends before each capital that is looked for after the word's first character;
/// - after a capital, the next lower-case letter anywhere further on decides: right after the
///   capital, the capital starts an ordinary word (`dueDate` → `due_date`); further on, the
///   capitals before it form a word of their own and its last capital starts the next word
///   (`myURLProperty` → `my_url_property`); none left, and the rest is one word;
/// - the search for the next capital goes on after that lower-case letter;
/// - words are lower-cased and joined with `_`.
enum CamelCase {
    static func snakeCased(_ key: String) -> String {
        let characters = Array(key)
        guard !characters.isEmpty else { return key }
        var words: [Range<Int>] = []
        var wordStart = 0
        var searchStart = 1
        let end = characters.count
        while let upper = firstIndex(in: characters, from: searchStart, where: \.isUppercase) {
            words.append(wordStart..<upper)
            guard let lower = firstIndex(in: characters, from: upper, where: \.isLowercase) else {
                wordStart = upper
                searchStart = end
                break
            }
            if lower == upper + 1 {
                wordStart = upper
            } else {
                words.append(upper..<(lower - 1))
                wordStart = lower - 1
            }
            searchStart = lower + 1
        }
        words.append(wordStart..<end)
        return words.map { String(characters[$0]).lowercased() }.joined(separator: "_")
    }

    private static func firstIndex(in characters: [Character], from start: Int, where test: (Character) -> Bool) -> Int? {
        guard start < characters.count else { return nil }
        return characters[start...].firstIndex(where: test)
    }
}
