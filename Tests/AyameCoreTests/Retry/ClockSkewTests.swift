import Foundation
import Testing
@testable import AyameCore

@Suite struct ClockSkewTests {
    let local = Date(timeIntervalSince1970: 1_794_996_000)  // 2026-11-18T10:00:00Z

    @Test func parsesTheHTTPDateHeader() {
        #expect(HTTPDate.parse("Wed, 25 Nov 2026 17:36:18 GMT") == Date(timeIntervalSince1970: 1_795_628_178))
        #expect(HTTPDate.parse("Wednesday, 25-Nov-26 17:36:18 GMT") == nil)
        #expect(HTTPDate.parse("garbage") == nil)
    }

    @Test func learnsTheOffsetFromASkewError() {
        let local = self.local
        let corrector = ClockSkewCorrector(localNow: { local })
        let serverDate = "Wed, 18 Nov 2026 11:00:00 GMT"  // one hour ahead
        #expect(corrector.observe(errorCode: "RequestTimeTooSkewed", serverDateHeader: serverDate))
        #expect(corrector.currentOffset == 3600)
        #expect(corrector.signingDate() == local.addingTimeInterval(3600))
        // The same observation again changes nothing, so the orchestrator does not loop.
        #expect(!corrector.observe(errorCode: "RequestTimeTooSkewed", serverDateHeader: serverDate))
    }

    @Test func ignoresOtherErrorsAndSmallDifferences() {
        let local = self.local
        let corrector = ClockSkewCorrector(localNow: { local })
        #expect(!corrector.observe(errorCode: "ValidationException", serverDateHeader: "Wed, 18 Nov 2026 11:00:00 GMT"))
        #expect(!corrector.observe(errorCode: "SignatureDoesNotMatch", serverDateHeader: "Wed, 18 Nov 2026 10:02:00 GMT"))
        #expect(!corrector.observe(errorCode: "SignatureDoesNotMatch", serverDateHeader: nil))
        #expect(corrector.currentOffset == 0)
    }
}
