import AyameSigV4
import Testing

@Suite struct TimestampAndURLTests {
    @Test(arguments: [
        (Int64(0), "19700101T000000Z"), (951_782_400, "20000229T000000Z"), (1_440_938_160, "20150830T123600Z"),
        (4_102_444_799, "20991231T235959Z"), (-1, "19691231T235959Z"),
    ])
    func formatsFromEpochSeconds(_ seconds: Int64, _ expected: String) {
        let time = SigV4Timestamp(secondsSince1970: seconds)
        #expect(time.amzDate == expected)
        #expect(time.dateStamp == String(expected.prefix(8)))
    }

    @Test func parsesAndRejectsISO8601() {
        #expect(SigV4Timestamp(iso8601: "2015-08-30T12:36:00Z")?.secondsSince1970 == 1_440_938_160)
        for bad in ["2015-08-30 12:36:00Z", "2015-02-29T00:00:00Z", "2015-08-30T24:00:00Z", "2015-8-30T12:36:00Z", ""] {
            #expect(SigV4Timestamp(iso8601: bad) == nil, "\(bad)")
        }
    }

    @Test func hostComesFromTheURLWithoutDefaultPorts() throws {
        let signer = SigV4Signer(options: SigV4SigningOptions(service: "s", region: "r"))
        let credentials = SigV4Credentials(accessKeyId: "A", secretAccessKey: "S")
        for (url, host) in [
            ("https://Example.COM:443/", "example.com"), ("http://example.com:80/x", "example.com"),
            ("https://example.com:8443/", "example.com:8443"), ("http://user:pw@h:80", "h"), ("https://[::1]:9000/", "[::1]:9000"),
        ] {
            let details = try signer.sign(SigV4Request(method: "GET", url: url), credentials: credentials, at: SigV4Timestamp(secondsSince1970: 0))
            #expect(details.headers.first! == ("Host", host), "\(url)")
        }
    }

    @Test func precomputedPayloadHashEqualsHashingTheBody() throws {
        let signer = SigV4Signer(options: .s3(region: "us-east-1"))
        let credentials = SigV4Credentials(accessKeyId: "A", secretAccessKey: "S")
        let body = Array("hello".utf8)
        let time = SigV4Timestamp(secondsSince1970: 1_700_000_000)
        let hashed = try signer.sign(SigV4Request(method: "PUT", url: "https://b.s3.amazonaws.com/k", body: .bytes(body)), credentials: credentials, at: time)
        var hasher = SHA256Hasher()
        hasher.update(Array("hel".utf8))
        hasher.update(Array("lo".utf8))
        let given = try signer.sign(
            SigV4Request(method: "PUT", url: "https://b.s3.amazonaws.com/k", body: .sha256(hex: hasher.finalize().hex)), credentials: credentials, at: time)
        #expect(hashed.signature == given.signature)
        // An upper-case hash is the same hash: it is signed (and sent) in lower case.
        let upper = try signer.sign(
            SigV4Request(method: "PUT", url: "https://b.s3.amazonaws.com/k", body: .sha256(hex: SHA256.hash(body).hex.uppercased())),
            credentials: credentials, at: time)
        #expect(upper.signature == hashed.signature)
        #expect(upper.headers.contains { $0.name.lowercased() == "x-amz-content-sha256" && $0.value == SHA256.hash(body).hex })
    }
}
