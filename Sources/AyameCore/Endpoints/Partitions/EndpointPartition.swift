import Foundation

/// One partition's outputs, possibly with a region's overrides applied.
public struct EndpointPartition: Sendable {
    /// The partition id, e.g. `aws`, `aws-cn`, `aws-us-gov`.
    public let id: String
    /// The pattern of region names that belong to this partition.
    public let regionPattern: String
    /// Every output attribute (`name`, `dnsSuffix`, `dualStackDnsSuffix`, `supportsFIPS`,
    /// `supportsDualStack`, `implicitGlobalRegion`, and any newer ones), as rules see them.
    public let outputs: [String: EndpointValue]
    private let regex: NSRegularExpression?
    /// `outputs` pre-wrapped once, because rules evaluate `aws.partition` on every call.
    let value: EndpointValue

    /// The partition name rules compare against, e.g. `aws-cn`.
    public var name: String { outputs["name"]?.stringValue ?? id }
    /// The regular DNS suffix, e.g. `amazonaws.com`.
    public var dnsSuffix: String? { outputs["dnsSuffix"]?.stringValue }
    /// The dual-stack DNS suffix, e.g. `api.aws`.
    public var dualStackDnsSuffix: String? { outputs["dualStackDnsSuffix"]?.stringValue }
    /// Whether FIPS endpoints exist in this partition.
    public var supportsFIPS: Bool { outputs["supportsFIPS"]?.boolValue ?? false }
    /// Whether dual-stack endpoints exist in this partition.
    public var supportsDualStack: Bool { outputs["supportsDualStack"]?.boolValue ?? false }
    /// The region used for global endpoints, e.g. `us-east-1`.
    public var implicitGlobalRegion: String? { outputs["implicitGlobalRegion"]?.stringValue }

    private init(id: String, regionPattern: String, regex: NSRegularExpression?, outputs: [String: EndpointValue]) {
        self.id = id
        self.regionPattern = regionPattern
        self.regex = regex
        self.outputs = outputs
        self.value = .object(outputs)
    }

    func matchesPattern(_ region: String) -> Bool {
        guard let regex else { return false }
        let range = NSRange(region.startIndex..<region.endIndex, in: region)
        return regex.firstMatch(in: region, range: range) != nil
    }

    /// Parses one `partitions[]` entry into the partition and one copy per listed region
    /// with that region's overrides (any key but `description`) merged into the outputs.
    static func parse(_ entry: RulesJSON) throws(EndpointError) -> (EndpointPartition, [(String, EndpointPartition)]) {
        guard let fields = entry.objectValue, let id = fields["id"]?.stringValue,
              let outputs = fields["outputs"]?.endpointValue?.objectValue else {
            throw .malformedPartitions(reason: "a partition lacks 'id' or 'outputs'")
        }
        let pattern = fields["regionRegex"]?.stringValue ?? ""
        var regex: NSRegularExpression?
        if !pattern.isEmpty {
            do {
                regex = try NSRegularExpression(pattern: pattern)
            } catch {
                throw .malformedPartitions(reason: "partition \(id) has an invalid regionRegex: \(error)")
            }
        }
        let partition = EndpointPartition(id: id, regionPattern: pattern, regex: regex, outputs: outputs)
        var regional: [(String, EndpointPartition)] = []
        for (region, details) in fields["regions"]?.objectValue ?? [:] {
            var merged = outputs
            for (key, override) in details.objectValue ?? [:] where key != "description" {
                if let value = override.endpointValue { merged[key] = value }
            }
            regional.append((region, EndpointPartition(id: id, regionPattern: pattern, regex: regex, outputs: merged)))
        }
        return (partition, regional)
    }
}
