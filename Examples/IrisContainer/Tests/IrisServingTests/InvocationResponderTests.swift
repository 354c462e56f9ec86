import Foundation
import IrisModel
import IrisServing
import Testing

@Suite struct InvocationResponderTests {
    let responder: InvocationResponder

    init() throws {
        responder = InvocationResponder(classifier: try TestModel.classifier())
    }

    @Test func answersTheWalkthroughInputExactlyAsTheSeedDoes() throws {
        let input = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("AsyncInferenceWalkthrough/Resources/input_data.json")
        let reply = responder.reply(to: try Data(contentsOf: input))
        #expect(reply.status == 200)
        #expect(String(decoding: reply.body, as: UTF8.self) == #"{"hanabira_prediction":"setosa"}"#)
    }

    @Test(arguments: TestModel.flowers)
    func predictsEverySpecies(species: String, body: String) {
        let reply = responder.reply(to: Data(body.utf8))
        #expect(reply.status == 200)
        #expect(String(decoding: reply.body, as: UTF8.self) == #"{"hanabira_prediction":"\#(species)"}"#)
    }

    @Test func severalRowsKeepTheFirstUnderTheSeedKeyAndListAll() {
        let body = #"{"features": [{"花びらの長さ": 6.0, "花びらの幅": 2.5}, {"花びらの長さ": 1.4, "花びらの幅": 0.2}]}"#
        let reply = responder.reply(to: Data(body.utf8))
        #expect(reply.status == 200)
        #expect(String(decoding: reply.body, as: UTF8.self)
            == #"{"hanabira_prediction":"virginica","hanabira_predictions":["virginica","setosa"]}"#)
    }

    @Test func acceptsTheColumnLayoutPandasAccepts() {
        let body = #"{"features": {"花びらの長さ": [1.4, 4.7], "花びらの幅": [0.2, 1.4], "がく片の長さ": [5.1, 7.0]}}"#
        let reply = responder.reply(to: Data(body.utf8))
        #expect(reply.status == 200)
        #expect(String(decoding: reply.body, as: UTF8.self)
            == #"{"hanabira_prediction":"setosa","hanabira_predictions":["setosa","versicolor"]}"#)
    }

    @Test(arguments: TestModel.badBodies)
    func answersABadBodyWith400AndSaysWhy(body: String, messageContains: String) throws {
        let reply = responder.reply(to: Data(body.utf8))
        #expect(reply.status == 400)
        let json = try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: String])
        #expect(Array(json.keys) == ["error"])
        #expect(json["error"]?.contains(messageContains) == true, "\(json)")
    }

    @Test func keepsTheSeedsMessageForAMissingFeaturesKey() {
        let reply = responder.reply(to: Data("{}".utf8))
        #expect(String(decoding: reply.body, as: UTF8.self)
            == #"{"error":"Invalid input format. Expected JSON with 'features' key"}"#)
    }
}
