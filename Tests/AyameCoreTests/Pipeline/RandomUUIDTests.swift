@testable import AyameCore
import Foundation
import Testing

@Suite struct RandomUUIDTests {
    @Test func valuesAreLowercaseVersion4UUIDs() {
        for _ in 0..<100 {
            let text = RandomUUID.lowercasedString()
            let parsed = UUID(uuidString: text)
            #expect(parsed != nil, "\(text) parses as a UUID")
            #expect(text == text.lowercased())
            let bytes = Array(text.utf8)
            #expect(bytes.count == 36)
            #expect(bytes[14] == UInt8(ascii: "4"), "version 4")
            #expect([UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(bytes[19]), "RFC 4122 variant")
        }
    }

    @Test func valuesDoNotRepeatAcrossTasks() async {
        let values = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<5_000).map { _ in RandomUUID.lowercasedString() } }
            }
            return await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(Set(values).count == values.count)
    }
}
