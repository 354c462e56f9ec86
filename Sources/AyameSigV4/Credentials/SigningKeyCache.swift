import Synchronization

/// Derived signing keys by (secret, date, region, service).
///
/// Deriving a key costs four HMACs, more than signing a small request, and the inputs change
/// once a day; a handful of entries covers a process talking to a few services and regions
/// with a few credentials. Reference type so every copy of a signer shares one cache.
final class SigningKeyCache: Sendable {
    private struct Entry {
        let secret: String
        let date: UInt64
        let region: String
        let service: String
        let key: HMACKey
    }

    private let entries = Mutex<[Entry]>([])
    private let capacity: Int

    init(capacity: Int = 8) {
        self.capacity = capacity
    }

    /// The signing key, derived on a miss. `date` is the 8 ASCII digits of the scope date packed
    /// into an integer so the comparison is a single instruction.
    func key(
        secret: String, dateStamp: UnsafeRawBufferPointer, region: String, service: String,
        scratch: borrowing DigestContext
    ) -> HMACKey {
        let packedDate = dateStamp.loadUnaligned(as: UInt64.self)
        let cached = entries.withLock { entries -> HMACKey? in
            for entry in entries
            where entry.date == packedDate && entry.secret == secret && entry.region == region
                && entry.service == service
            {
                return entry.key
            }
            return nil
        }
        if let cached { return cached }

        var seed: [UInt8] = Array("AWS4".utf8)
        seed.append(contentsOf: secret.utf8)
        let dateKey = HMACKey(key: seed).authenticate(dateStamp, using: scratch)
        let regionKey = HMACKey(key: dateKey).authenticate(region, using: scratch)
        let serviceKey = HMACKey(key: regionKey).authenticate(service, using: scratch)
        let signingKey = HMACKey(key: HMACKey(key: serviceKey).authenticate("aws4_request", using: scratch))

        entries.withLock { entries in
            // Oldest first out: a new day's key replaces the previous day's.
            if entries.count >= capacity { entries.removeFirst() }
            entries.append(Entry(secret: secret, date: packedDate, region: region, service: service, key: signingKey))
        }
        return signingKey
    }
}
