import Foundation
import IrisModel

/// Answers `/invocations` bodies with the seed's response shape, without any HTTP: the server
/// calls it per request and the tests call it directly.
///
/// One row gives exactly the seed's `{"hanabira_prediction": "setosa"}`. Several rows give the
/// first row's answer under the same key (the seed answers only `predict(...)[0]`) and every
/// row's answer, in order, under `hanabira_predictions`, so a client of the seed sees nothing new.
public struct InvocationResponder: Sendable {
    /// A status code and a JSON body.
    public struct Reply: Sendable, Equatable {
        /// 200 for a prediction, 400 for a body the container cannot use.
        public var status: Int
        /// `{"hanabira_prediction": ...}` or `{"error": ...}`.
        public var body: Data
    }

    /// The model that answers.
    public let classifier: IrisClassifier

    /// A responder predicting with `classifier`.
    public init(classifier: IrisClassifier) {
        self.classifier = classifier
    }

    /// The reply to one `/invocations` body.
    public func reply(to body: Data) -> Reply {
        let input: InvocationInput
        do {
            input = try InvocationInput(body: body, features: classifier.features)
        } catch let error as InvocationInputError {
            return Self.error(status: 400, message: error.description)
        } catch {
            return Self.error(status: 400, message: "\(error)")
        }
        let predictions = input.rows.map(classifier.predict)
        let prediction = Prediction(
            hanabiraPrediction: predictions[0],
            hanabiraPredictions: predictions.count > 1 ? predictions : nil)
        return Reply(status: 200, body: Self.encode(prediction))
    }

    /// A `{"error": message}` reply.
    public static func error(status: Int, message: String) -> Reply {
        Reply(status: status, body: encode(["error": message]))
    }

    private struct Prediction: Encodable {
        var hanabiraPrediction: String
        var hanabiraPredictions: [String]?

        enum CodingKeys: String, CodingKey {
            case hanabiraPrediction = "hanabira_prediction"
            case hanabiraPredictions = "hanabira_predictions"
        }
    }

    static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings, string lists and optionals always encode; a failure here is a programming error.
        return try! encoder.encode(value)
    }
}
