extension RulesEvaluator {
    /// Applies a library function.
    ///
    /// Unset arguments: `isSet` exists to test for them; the equality functions answer
    /// `false` (an unset value equals nothing); every other function yields unset, which fails
    /// the surrounding condition. Validated rule sets guard optional parameters with `isSet`
    /// first, so these choices only matter for hand-written rules.
    func call(_ function: RulesFunction, _ arguments: [RulesExpression]) throws(EndpointError) -> EndpointValue? {
        switch function {
        case .isSet:
            return .bool(try evaluate(arguments[0]) != nil)
        case .not:
            guard let value = try evaluate(arguments[0]) else { return nil }
            return .bool(!(try expect(value, as: \.boolValue, function)))
        case .stringEquals:
            guard let left = try evaluate(arguments[0]), let right = try evaluate(arguments[1]) else { return .bool(false) }
            return .bool(try expect(left, as: \.stringValue, function) == expect(right, as: \.stringValue, function))
        case .booleanEquals:
            guard let left = try evaluate(arguments[0]), let right = try evaluate(arguments[1]) else { return .bool(false) }
            return .bool(try expect(left, as: \.boolValue, function) == expect(right, as: \.boolValue, function))
        case .substring:
            guard let input = try string(arguments[0], function) else { return nil }
            let start = try integer(arguments[1], function)
            let stop = try integer(arguments[2], function)
            let reverse = try boolean(arguments[3], function)
            return RulesLibrary.substring(input, start: start, stop: stop, reverse: reverse).map(EndpointValue.string)
        case .uriEncode:
            return try string(arguments[0], function).map { .string(RulesLibrary.uriEncode($0)) }
        case .parseURL:
            return try string(arguments[0], function).flatMap(RulesLibrary.parseURL)
        case .isValidHostLabel:
            guard let value = try string(arguments[0], function) else { return nil }
            let allowSubDomains = try boolean(arguments[1], function)
            return .bool(RulesLibrary.isValidHostLabel(value, allowSubDomains: allowSubDomains))
        case .partition:
            return try string(arguments[0], function).map { partitions.partition(forRegion: $0).value }
        case .parseArn:
            return try string(arguments[0], function).flatMap(RulesLibrary.parseArn)
        case .isVirtualHostableS3Bucket:
            guard let value = try string(arguments[0], function) else { return nil }
            let allowSubDomains = try boolean(arguments[1], function)
            return .bool(RulesLibrary.isVirtualHostableS3Bucket(value, allowSubDomains: allowSubDomains))
        }
    }

    private func string(_ argument: RulesExpression, _ function: RulesFunction) throws(EndpointError) -> String? {
        guard let value = try evaluate(argument) else { return nil }
        return try expect(value, as: \.stringValue, function)
    }

    /// Integer and boolean arguments are literals in practice, so unset is a rule-set defect.
    private func integer(_ argument: RulesExpression, _ function: RulesFunction) throws(EndpointError) -> Int {
        guard let value = try evaluate(argument) else { throw unsetArgument(function) }
        return try expect(value, as: \.integerValue, function)
    }

    private func boolean(_ argument: RulesExpression, _ function: RulesFunction) throws(EndpointError) -> Bool {
        guard let value = try evaluate(argument) else { throw unsetArgument(function) }
        return try expect(value, as: \.boolValue, function)
    }

    private func expect<T>(
        _ value: EndpointValue, as accessor: KeyPath<EndpointValue, T?>, _ function: RulesFunction
    ) throws(EndpointError) -> T {
        guard let typed = value[keyPath: accessor] else {
            throw .evaluationFailed(reason: "\(function.rawValue) got an argument of the wrong type: \(value)")
        }
        return typed
    }

    private func unsetArgument(_ function: RulesFunction) -> EndpointError {
        .evaluationFailed(reason: "\(function.rawValue) got an unset argument")
    }
}
