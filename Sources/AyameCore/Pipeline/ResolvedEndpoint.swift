import Foundation
import Synchronization

/// Where one operation call goes and how it is signed, as the endpoint rules decided.
public struct ResolvedEndpoint: Sendable, Equatable {
    /// The endpoint URL: scheme, host, optional port and optional base path (S3 path-style
    /// puts the bucket here).
    public var url: String
    /// Headers the rules ask for.
    public var headers: [String: [String]]
    /// The SigV4 signing name.
    public var signingName: String
    /// The SigV4 signing region.
    public var signingRegion: String
    /// Whether the path is signed as S3 signs it (no normalisation, single encoding).
    public var usesS3SigningRules: Bool

    /// Creates a resolved endpoint.
    public init(url: String, headers: [String: [String]] = [:], signingName: String, signingRegion: String, usesS3SigningRules: Bool) {
        self.url = url
        self.headers = headers
        self.signingName = signingName
        self.signingRegion = signingRegion
        self.usesS3SigningRules = usesS3SigningRules
    }
}

/// Resolves the endpoint of an operation call from the service's rule set, the client's
/// configuration and the input's context parameters.
public protocol EndpointResolver: Sendable {
    /// Returns the endpoint for `operation` called with `input`.
    func resolveEndpoint(
        service: ServiceDescriptor, operation: OperationDescriptor, input: ShapeValue?, configuration: ClientConfiguration
    ) throws(AyameError) -> ResolvedEndpoint
}

/// The standard resolver: evaluates the service's Smithy endpoint rule set with the built-ins
/// filled from configuration, as every AWS SDK does.
///
/// A rule set is a pure function of its parameters and built-ins, so each resolver remembers
/// the endpoints it resolved (a bounded number) and evaluates the rules again only for a new
/// combination: a client calling the same operations over and over evaluates them once. Copies
/// share the memory.
public struct RuleSetEndpointResolver: EndpointResolver {
    let resolved = ResolvedEndpointCache()

    /// Creates the resolver.
    public init() {}

    public func resolveEndpoint(
        service: ServiceDescriptor, operation: OperationDescriptor, input: ShapeValue?, configuration: ClientConfiguration
    ) throws(AyameError) -> ResolvedEndpoint {
        guard let region = configuration.region?.value else {
            throw .configuration("no region is set for \(service.serviceID): set AWS_REGION, a profile region, or the region in code")
        }
        let parameters = Self.contextParameters(operation: operation, input: input)
        // Only what the rules read goes into the key: S3 passes every object's `Key` as a
        // context parameter, which the rules never consult, and keying on it made every new
        // object key a miss — the whole rule set evaluated again, about 55 µs per S3 call.
        let ruleSet: EndpointRuleSet
        do {
            ruleSet = try service.endpointRuleSet()
        } catch {
            throw .endpoint("the rule set of \(service.serviceID) could not be loaded: \(error)")
        }
        let keyed = parameters.filter { ruleSet.readParameterNames.contains($0.key) }
        let key = ResolvedEndpointCache.Key(service: service.serviceID.rawValue, region: region, configuration: configuration, parameters: keyed)
        if let endpoint = resolved.endpoint(for: key) { return endpoint }
        let endpoint = try evaluate(ruleSet, service: service, region: region, parameters: parameters, configuration: configuration)
        resolved.store(endpoint, for: key)
        return endpoint
    }

    private func evaluate(
        _ ruleSet: EndpointRuleSet, service: ServiceDescriptor, region: String, parameters: [String: EndpointValue],
        configuration: ClientConfiguration
    ) throws(AyameError) -> ResolvedEndpoint {
        let result: EndpointResult
        do {
            result = try ruleSet.resolve(parameters, builtIns: Self.builtIns(region: region, configuration: configuration))
        } catch {
            throw .endpoint("\(error)")
        }
        let scheme = result.authSchemes.first { $0.name == "sigv4" } ?? result.authSchemes.first
        return ResolvedEndpoint(
            url: result.url,
            headers: result.headers,
            signingName: scheme?.signingName ?? service.signingName,
            signingRegion: scheme?.signingRegion ?? scheme?.signingRegionSet?.first ?? region,
            usesS3SigningRules: scheme?.disableDoubleEncoding ?? (service.serviceID == .s3)
        )
    }

    /// Built-ins every rule set may ask for, from the resolved configuration.
    static func builtIns(region: String, configuration: ClientConfiguration) -> [EndpointBuiltIn: EndpointValue] {
        let addressing = configuration.s3AddressingStyle.value
        let localEndpoint = configuration.endpointURL.map { isLocalhost($0.value) } ?? false
        var builtIns: [EndpointBuiltIn: EndpointValue] = [
            .region: .string(region),
            .useFIPS: .bool(configuration.useFIPSEndpoint.value),
            .useDualStack: .bool(configuration.useDualStackEndpoint.value),
            // The rules already choose path style for IP endpoints; `bucket.localhost` does not
            // resolve everywhere, so a localhost endpoint (moto, LocalStack) gets it too unless
            // virtual addressing was asked for explicitly.
            .s3ForcePathStyle: .bool(addressing == .path || (addressing == .auto && localEndpoint)),
            .s3Accelerate: .bool(configuration.s3UseAccelerateEndpoint.value),
            .stsUseGlobalEndpoint: .bool(configuration.stsRegionalEndpoints.value == .legacy),
        ]
        if let endpoint = configuration.endpointURL?.value { builtIns[.endpoint] = .string(endpoint) }
        return builtIns
    }

    /// Whether the endpoint URL's host is `localhost` (or a name under it).
    static func isLocalhost(_ url: String) -> Bool {
        guard let host = URLComponents(string: url)?.host?.lowercased() else { return false }
        return host == "localhost" || host.hasSuffix(".localhost")
    }

    /// The operation's static context parameters and the input members that feed the rules.
    static func contextParameters(operation: OperationDescriptor, input: ShapeValue?) -> [String: EndpointValue] {
        var parameters = operation.staticContextParameters
        guard let schema = operation.input, let members = input?.structureMembers else { return parameters }
        for member in schema.members {
            guard let name = member.contextParameter, let value = members[member.name] else { continue }
            switch value {
            case .string(let text): parameters[name] = .string(text)
            case .boolean(let flag): parameters[name] = .bool(flag)
            case .list(let elements): parameters[name] = .array(elements.compactMap { $0.stringValue.map(EndpointValue.string) })
            default: continue
            }
        }
        return parameters
    }
}

/// Endpoints a ``RuleSetEndpointResolver`` resolved, by everything the rules read.
final class ResolvedEndpointCache: Sendable {
    /// The rule set's inputs: the service, the configuration the built-ins come from, and the
    /// operation's context parameters.
    struct Key: Hashable, Sendable {
        let service: String
        let region: String
        let useFIPS: Bool
        let useDualStack: Bool
        let addressing: S3AddressingStyle
        let accelerate: Bool
        let stsRegionalEndpoints: STSRegionalEndpoints
        let endpointURL: String?
        let parameters: [String: EndpointValue]

        init(service: String, region: String, configuration: ClientConfiguration, parameters: [String: EndpointValue]) {
            self.service = service
            self.region = region
            self.useFIPS = configuration.useFIPSEndpoint.value
            self.useDualStack = configuration.useDualStackEndpoint.value
            self.addressing = configuration.s3AddressingStyle.value
            self.accelerate = configuration.s3UseAccelerateEndpoint.value
            self.stsRegionalEndpoints = configuration.stsRegionalEndpoints.value
            self.endpointURL = configuration.endpointURL?.value
            self.parameters = parameters
        }
    }

    /// Enough for every operation of a client and a few hundred S3 buckets; when full the
    /// cache starts over rather than tracking use, since a miss only costs one evaluation.
    private static let capacity = 256

    private struct Entries {
        var byKey: [Key: ResolvedEndpoint] = [:]
        /// The entry found or stored last: a client calling one operation in a loop finds it by
        /// comparing the key (its strings are the configuration's own, so equal at once)
        /// instead of hashing the strings and parameters again.
        var last: (key: Key, endpoint: ResolvedEndpoint)?
    }

    private let entries = Mutex(Entries())

    func endpoint(for key: Key) -> ResolvedEndpoint? {
        entries.withLock { entries in
            if let last = entries.last, last.key == key { return last.endpoint }
            guard let endpoint = entries.byKey[key] else { return nil }
            entries.last = (key, endpoint)
            return endpoint
        }
    }

    /// How many endpoints are remembered (for tests).
    var count: Int { entries.withLock { $0.byKey.count } }

    func store(_ endpoint: ResolvedEndpoint, for key: Key) {
        entries.withLock { entries in
            if entries.byKey.count >= Self.capacity { entries.byKey.removeAll(keepingCapacity: true) }
            entries.byKey[key] = endpoint
            entries.last = (key, endpoint)
        }
    }
}
