import Foundation
import IrisModel

/// The rows of an `/invocations` body, reduced to the model's features.
///
/// The body is the walkthrough's `input_data.json`: `{"features": [{"花びらの長さ": 1.4,
/// "花びらの幅": 0.2, ...}, ...]}`. As with the seed's `pd.DataFrame(input_data["features"])`,
/// `features` may also be column-oriented, `{"花びらの長さ": [1.4, ...], "花びらの幅": [0.2, ...]}`.
/// Keys the model does not use (the sepal measurements) are ignored.
public struct InvocationInput: Sendable, Equatable {
    /// One list of feature values per row, in the model's feature order.
    public var rows: [[Double]]

    /// The message the seed's app.py answers when `features` is missing; kept word for word so
    /// clients that match on it keep working.
    public static let missingFeaturesMessage = "Invalid input format. Expected JSON with 'features' key"

    /// Parses `body` for `features`, or throws an ``InvocationInputError`` whose message tells
    /// the caller what to send instead.
    public init(body: Data, features: [IrisClassifier.Feature]) throws {
        let document: JSONValue
        do {
            document = try JSONDecoder().decode(JSONValue.self, from: body)
        } catch {
            throw InvocationInputError("The body is not valid JSON; send \(Self.example(features))")
        }
        guard case let .object(top) = document, let featuresValue = top["features"] else {
            throw InvocationInputError(Self.missingFeaturesMessage)
        }
        switch featuresValue {
        case let .array(records):
            rows = try records.enumerated().map { index, record in
                guard case let .object(fields) = record else {
                    throw InvocationInputError("features[\(index)] is \(record.summary), not an object; send \(Self.example(features))")
                }
                return try features.map { feature in
                    guard let value = fields[feature.name] else {
                        throw InvocationInputError("features[\(index)] has no '\(feature.name)' (\(feature.description)); \(Self.requirement(features))")
                    }
                    return try Self.number(value, feature: feature, cell: "features[\(index)]['\(feature.name)']")
                }
            }
        case let .object(columns):
            rows = try Self.columnRows(columns, features: features)
        default:
            throw InvocationInputError("'features' is \(featuresValue.summary); send a list of rows: \(Self.example(features))")
        }
        guard !rows.isEmpty else {
            throw InvocationInputError("'features' has no rows; send at least one: \(Self.example(features))")
        }
    }

    private static func columnRows(_ columns: [String: JSONValue], features: [IrisClassifier.Feature]) throws -> [[Double]] {
        let values: [[JSONValue]] = try features.map { feature in
            guard let column = columns[feature.name] else {
                throw InvocationInputError("'features' has no '\(feature.name)' (\(feature.description)); \(requirement(features))")
            }
            guard case let .array(cells) = column else {
                throw InvocationInputError("features['\(feature.name)'] is \(column.summary); in the column layout every feature is a list of numbers")
            }
            return cells
        }
        let rowCount = values.first?.count ?? 0
        guard values.allSatisfy({ $0.count == rowCount }) else {
            throw InvocationInputError("the feature columns have different lengths; give every column one value per row")
        }
        return try (0..<rowCount).map { row in
            try features.indices.map { column in
                try number(values[column][row], feature: features[column], cell: "features['\(features[column].name)'][\(row)]")
            }
        }
    }

    private static func number(_ value: JSONValue, feature: IrisClassifier.Feature, cell: String) throws -> Double {
        guard case let .number(number) = value, number.isFinite else {
            throw InvocationInputError("\(cell) is \(value.summary), not a number; send \(feature.description) as a JSON number")
        }
        return number
    }

    private static func requirement(_ features: [IrisClassifier.Feature]) -> String {
        "every row needs " + features.map { "'\($0.name)'" }.joined(separator: " and ") + " as numbers"
    }

    private static func example(_ features: [IrisClassifier.Feature]) -> String {
        let fields = features.map { "\"\($0.name)\": 1.0" }.joined(separator: ", ")
        return "{\"features\": [{\(fields)}]}"
    }
}

/// An `/invocations` body the container cannot use: answered with 400 and this message.
public struct InvocationInputError: Error, Equatable, CustomStringConvertible {
    /// What is wrong with the body and what to send instead.
    public var description: String

    init(_ description: String) { self.description = description }
}
