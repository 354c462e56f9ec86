import Foundation

/// AWS partition metadata (DNS suffixes, FIPS/dual-stack support) that backs the
/// `aws.partition` rules function.
///
/// The library embeds botocore's `partitions.json` (see ``bundled``); a client can load a
/// newer document with ``init(data:)`` and hand it to ``EndpointRuleSet/init(data:partitions:)``.
public struct EndpointPartitions: Sendable {
    /// Every partition in document order.
    public let partitions: [EndpointPartition]
    private let byRegion: [String: EndpointPartition]
    private let fallback: EndpointPartition

    /// Parses a document in the `partitions.json` format.
    public init(data: Data) throws(EndpointError) {
        let document = try RulesJSON.decode(data) { .malformedPartitions(reason: $0) }
        guard let list = document.objectValue?["partitions"]?.arrayValue, !list.isEmpty else {
            throw .malformedPartitions(reason: "missing non-empty 'partitions' array")
        }
        var partitions: [EndpointPartition] = []
        var byRegion: [String: EndpointPartition] = [:]
        for entry in list {
            let (partition, regional) = try EndpointPartition.parse(entry)
            partitions.append(partition)
            for (region, regionPartition) in regional where byRegion[region] == nil {
                byRegion[region] = regionPartition
            }
        }
        self.partitions = partitions
        self.byRegion = byRegion
        // The specification falls back to the commercial partition for unknown regions.
        self.fallback = partitions.first { $0.id == "aws" } ?? partitions[0]
    }

    /// The partitions embedded in the library, from botocore's `partitions.json`
    /// (version noted at the top of `PartitionsData.swift`); parsed on first use.
    public static var bundled: EndpointPartitions { bundledStorage }

    private static let bundledStorage: EndpointPartitions = {
        do {
            return try EndpointPartitions(data: Data(endpointBundledPartitionsJSON.utf8))
        } catch {
            // The embedded document is generated and covered by tests; failing here means
            // the build itself is broken, not that a caller did something wrong.
            fatalError("Embedded partitions data is invalid: \(error)")
        }
    }()

    /// The partition for `region`: an exact region id wins, then the first partition whose
    /// `regionRegex` matches, else the `aws` partition. Never fails, because the rules rely
    /// on validating the region themselves (with `isValidHostLabel`).
    public func partition(forRegion region: String) -> EndpointPartition {
        if let exact = byRegion[region] { return exact }
        return partitions.first { $0.matchesPattern(region) } ?? fallback
    }
}
