import Foundation
import Testing
@testable import AyameCore

@Suite struct TimestampTests {
    struct Instant: Sendable, CustomTestStringConvertible {
        var seconds: Double
        var iso: String
        var epoch: String
        var http: String
        var testDescription: String { iso }
    }

    /// Checked against Python's `datetime` and `email.utils.formatdate`.
    static let instants: [Instant] = [
        .init(seconds: 1_795_628_178, iso: "2026-11-25T17:36:18Z", epoch: "1795628178", http: "Wed, 25 Nov 2026 17:36:18 GMT"),
        .init(seconds: 0, iso: "1970-01-01T00:00:00Z", epoch: "0", http: "Thu, 01 Jan 1970 00:00:00 GMT"),
        .init(seconds: -1, iso: "1969-12-31T23:59:59Z", epoch: "-1", http: "Wed, 31 Dec 1969 23:59:59 GMT"),
        .init(seconds: 951_782_400, iso: "2000-02-29T00:00:00Z", epoch: "951782400", http: "Tue, 29 Feb 2000 00:00:00 GMT"),
        .init(seconds: 4_107_542_400, iso: "2100-03-01T00:00:00Z", epoch: "4107542400", http: "Mon, 01 Mar 2100 00:00:00 GMT"),
        .init(seconds: -2_208_988_800, iso: "1900-01-01T00:00:00Z", epoch: "-2208988800", http: "Mon, 01 Jan 1900 00:00:00 GMT"),
        .init(seconds: 1_795_628_178.5, iso: "2026-11-25T17:36:18.500Z", epoch: "1795628178.5", http: "Wed, 25 Nov 2026 17:36:18 GMT"),
        .init(seconds: 1_795_628_179.143, iso: "2026-11-25T17:36:19.143Z", epoch: "1795628179.143", http: "Wed, 25 Nov 2026 17:36:19 GMT"),
        .init(seconds: -0.25, iso: "1969-12-31T23:59:59.750Z", epoch: "-0.25", http: "Wed, 31 Dec 1969 23:59:59 GMT"),
    ]

    @Test(arguments: instants)
    func formatsEveryForm(_ instant: Instant) {
        let date = Date(timeIntervalSince1970: instant.seconds)
        #expect(AWSTimestamp.format(date, as: .iso8601) == instant.iso)
        #expect(AWSTimestamp.format(date, as: .unixTimestamp) == instant.epoch)
        #expect(AWSTimestamp.format(date, as: .rfc822) == instant.http)
    }

    @Test(arguments: instants)
    func parsesEveryForm(_ instant: Instant) throws {
        let expected = instant.seconds
        #expect(try #require(AWSTimestamp.parse(instant.iso)).timeIntervalSince1970 == expected)
        #expect(try #require(AWSTimestamp.parse(instant.epoch)).timeIntervalSince1970 == expected)
        #expect(try #require(AWSTimestamp.parse(instant.http)).timeIntervalSince1970 == expected.rounded(.down))
    }

    @Test func roundsToMillisecondsWhenFormatting() {
        #expect(AWSTimestamp.format(Date(timeIntervalSince1970: 1_795_628_179.9104278), as: .iso8601) == "2026-11-25T17:36:19.910Z")
        #expect(AWSTimestamp.format(Date(timeIntervalSince1970: 1.9996), as: .unixTimestamp) == "2")
        #expect(AWSTimestamp.format(Date(timeIntervalSince1970: 1.25), as: .unixTimestamp) == "1.25")
    }

    @Test func parsesISO8601Variants() throws {
        let base = 1_795_628_180.0
        #expect(AWSTimestamp.parse("2026-11-25T17:36:20.410878Z")?.timeIntervalSince1970 == base + 0.410878)
        #expect(AWSTimestamp.parse("2026-11-25T17:36:20z")?.timeIntervalSince1970 == base)
        #expect(AWSTimestamp.parse("2026-11-26T02:36:20+09:00")?.timeIntervalSince1970 == base)
        #expect(AWSTimestamp.parse("2026-11-25T12:36:20-0500")?.timeIntervalSince1970 == base)
        #expect(AWSTimestamp.parse("2026-11-25 17:36:20")?.timeIntervalSince1970 == base)
        #expect(AWSTimestamp.parse("2016-12-31T23:59:60Z")?.timeIntervalSince1970 == 1_483_228_800)
    }

    @Test func parsesHTTPDateVariantsAndEpochForms() {
        #expect(AWSTimestamp.parse("25 Nov 2026 17:36:18 GMT")?.timeIntervalSince1970 == 1_795_628_178)
        #expect(AWSTimestamp.parse("Wed, 25 Nov 2026 18:36:18 +0100")?.timeIntervalSince1970 == 1_795_628_178)
        #expect(AWSTimestamp.parse("Wed, 25 Nov 2026 17:36:18")?.timeIntervalSince1970 == 1_795_628_178)
        #expect(AWSTimestamp.parse("1.7e9")?.timeIntervalSince1970 == 1_700_000_000)
        #expect(AWSTimestamp.parse(" 1795628179.143 ")?.timeIntervalSince1970 == 1_795_628_179.143)
    }

    @Test(arguments: ["", "yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25T17:36",
                      "2026-11-25T17:36:18.Z", "2026-11-25T17:36:18Zjunk", "Wed, 32 Nov 2026 17:36:18 GMT", "Wed, 25 Foo 2026 17:36:18 GMT",
                      "Wed, 25 Nov 2026 17:36:18 PST", "nan", "inf"])
    func rejectsNonsense(_ text: String) {
        #expect(AWSTimestamp.parse(text) == nil)
    }
}
