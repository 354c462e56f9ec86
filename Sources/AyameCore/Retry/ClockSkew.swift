import Foundation
import Synchronization

/// Keeps the signing clock in step with the service's when the local clock is wrong.
///
/// A request signed more than a few minutes off the service's time is rejected
/// (`RequestTimeTooSkewed`, `SignatureDoesNotMatch`, ...). When such an error arrives with a
/// `Date` header that disagrees with the local clock by more than ``threshold``, the offset is
/// remembered and the call is retried with a corrected signing time — like the AWS SDKs for Java
/// and Go do.
public final class ClockSkewCorrector: Sendable {
    /// Error codes that can mean the signing time was off.
    public static let clockSkewErrorCodes: Set<String> = [
        "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture", "InvalidSignatureException",
        "SignatureDoesNotMatch", "AuthFailure", "InvalidSignature",
    ]

    /// Differences smaller than this are left alone (services accept a few minutes either way).
    public let threshold: TimeInterval
    private let offset: Mutex<TimeInterval>
    private let localNow: @Sendable () -> Date

    /// Creates a corrector with no offset.
    public init(threshold: TimeInterval = 4 * 60, localNow: @escaping @Sendable () -> Date = { Date() }) {
        self.threshold = threshold
        self.offset = Mutex(0)
        self.localNow = localNow
    }

    /// The offset currently applied to the local clock, in seconds.
    public var currentOffset: TimeInterval { offset.withLock { $0 } }

    /// The time to sign with: the local clock plus the learned offset.
    public func signingDate() -> Date {
        localNow().addingTimeInterval(currentOffset)
    }

    /// Learns from an error response. Returns `true` when the offset changed, which means the
    /// attempt failed because of the clock and is worth retrying at once.
    public func observe(errorCode: String?, serverDateHeader: String?) -> Bool {
        guard let errorCode, Self.clockSkewErrorCodes.contains(errorCode),
              let header = serverDateHeader, let serverDate = HTTPDate.parse(header)
        else { return false }
        let skew = serverDate.timeIntervalSince(localNow())
        return offset.withLock { offset in
            guard abs(skew - offset) > threshold else { return false }
            offset = skew
            return true
        }
    }
}

/// Parses the HTTP `Date` header (IMF-fixdate, as RFC 9110 requires servers to send).
enum HTTPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Parses `Sun, 06 Nov 1994 08:49:37 GMT`; returns nil for anything else.
    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT",
              let day = Int(parts[1]), let monthIndex = months.firstIndex(of: String(parts[2])),
              let year = Int(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]) else {
            return nil
        }
        var components = DateComponents()
        components.year = year
        components.month = monthIndex + 1
        components.day = day
        components.hour = hour
        components.minute = minute
        components.second = second
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components)
    }
}
