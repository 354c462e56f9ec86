import AyameCloudWatch
import AyameS3
import Foundation
import Testing
@testable import AyameCore

/// Generated unions (CloudWatch's `EvaluationCriteria` over JSON, S3's `ObjectEncryption` over
/// XML) through the real codecs: exactly one member, unknown members kept by name.
@Suite struct UnionShapeTests {
    typealias Criteria = CloudWatch.EvaluationCriteria

    static func decodeJSON(_ body: String) throws -> Criteria {
        let tree = try JSONShapeDecoder.value(JSONReader.parse(Array(body.utf8)), target: Criteria.schema, path: "EvaluationCriteria")
        return try Criteria(shapeValue: #require(tree))
    }

    static func decodeXML(_ body: String) throws -> S3.ObjectEncryption {
        let tree = try XMLShapeDecoder.value(XMLReader.parse(Array(body.utf8)), target: S3.ObjectEncryption.schema, path: "ObjectEncryption")
        return try S3.ObjectEncryption(shapeValue: #require(tree))
    }

    static func decodingMessage(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as AyameError {
            if case .decoding(let message) = error { return message }
        } catch {}
        return nil
    }

    @Test func jsonMemberDecodesToItsCase() throws {
        let criteria = try Self.decodeJSON(#"{"PromQLCriteria": {"Query": "up == 0", "PendingPeriod": 60}}"#)
        #expect(criteria == .promQlCriteria(CloudWatch.AlarmPromQLCriteria(query: "up == 0", pendingPeriod: 60)))
        guard case .promQlCriteria(let inner) = criteria else { Issue.record("wrong case: \(criteria)"); return }
        #expect(inner.query == "up == 0")
    }

    @Test func jsonWritesExactlyTheOneMember() throws {
        let criteria = Criteria.promQlCriteria(CloudWatch.AlarmPromQLCriteria(query: "up == 0"))
        var encoder = JSONShapeEncoder(rootShape: "EvaluationCriteria")
        guard case .structure(let members) = criteria.shapeValue else { Issue.record("not a tree"); return }
        try encoder.structure(members, schema: Criteria.schema, path: "")
        #expect(String(decoding: encoder.writer.bytes, as: UTF8.self) == #"{"PromQLCriteria":{"Query":"up == 0"}}"#)
    }

    @Test func unknownMemberDecodesToUnknownWithItsName() throws {
        #expect(try Self.decodeJSON(#"{"SQLCriteria": {"Query": "x"}}"#) == .unknown("SQLCriteria"))
        #expect(try Self.decodeJSON(#"{"__type": "aws#EvaluationCriteria", "Future": 1}"#) == .unknown("Future"))
    }

    @Test func typeKeyAndNullMembersAreNotMembers() throws {
        let criteria = try Self.decodeJSON(#"{"__type": "x", "Other": null, "PromQLCriteria": {"Query": "q"}}"#)
        #expect(criteria == .promQlCriteria(CloudWatch.AlarmPromQLCriteria(query: "q")))
    }

    @Test func twoMembersSetIsADecodingError() {
        let message = Self.decodingMessage { _ = try Self.decodeJSON(#"{"PromQLCriteria": {"Query": "q"}, "Future": 1}"#) }
        #expect(message == "union EvaluationCriteria has 2 members (Future, PromQLCriteria) set; a union must have exactly one: "
            + "the response is malformed or the service model changed")
    }

    @Test func noMemberSetIsADecodingError() {
        let message = Self.decodingMessage { _ = try Self.decodeJSON(#"{"Other": null}"#) }
        #expect(message?.hasPrefix("union EvaluationCriteria has no member set;") == true)
    }

    @Test func xmlMemberDecodesByWireName() throws {
        let body = "<ObjectEncryption><SSE-KMS><KMSKeyArn>arn:aws:kms:us-east-1:1:key/k</KMSKeyArn></SSE-KMS></ObjectEncryption>"
        #expect(try Self.decodeXML(body) == .ssekms(S3.SSEKMSEncryption(kmsKeyArn: "arn:aws:kms:us-east-1:1:key/k")))
        #expect(try Self.decodeXML("<ObjectEncryption><SSE-C/></ObjectEncryption>") == .unknown("SSE-C"))
        let message = Self.decodingMessage {
            _ = try Self.decodeXML("<ObjectEncryption><SSE-KMS><KMSKeyArn>a</KMSKeyArn></SSE-KMS><SSE-C/></ObjectEncryption>")
        }
        #expect(message?.hasPrefix("union ObjectEncryption has 2 members (SSE-C, SSEKMS) set;") == true)
    }

    @Test func xmlWritesTheMemberUnderItsWireName() throws {
        let encryption = S3.ObjectEncryption.ssekms(S3.SSEKMSEncryption(kmsKeyArn: "k", bucketKeyEnabled: true))
        var encoder = XMLShapeEncoder(rootShape: "ObjectEncryption")
        guard case .structure(let members) = encryption.shapeValue else { Issue.record("not a tree"); return }
        try encoder.structure(members, schema: S3.ObjectEncryption.schema, name: "ObjectEncryption", namespace: nil, path: "")
        #expect(String(decoding: encoder.writer.bytes, as: UTF8.self)
            == "<ObjectEncryption><SSE-KMS><KMSKeyArn>k</KMSKeyArn><BucketKeyEnabled>true</BucketKeyEnabled></SSE-KMS></ObjectEncryption>")
    }

    @Test func unknownCaseIsRefusedBeforeSending() {
        let input = S3.UpdateObjectEncryptionRequest(bucket: "b", key: "k", objectEncryption: .unknown("SSE-C"))
        let expected = ValidationFailure(
            shape: "UpdateObjectEncryptionRequest", member: "ObjectEncryption",
            rule: "a known member (SSE-C is not in the model; an unknown union case cannot be sent)")
        do {
            try input.validate()
            Issue.record("validation passed")
        } catch {
            guard case .validation(let failure) = error else { Issue.record("\(error)"); return }
            #expect(failure == expected)
        }
    }

    @Test func codableRoundTripsAUnion() throws {
        let criteria = Criteria.promQlCriteria(CloudWatch.AlarmPromQLCriteria(query: "q", recoveryPeriod: 5))
        let data = try JSONEncoder().encode(criteria)
        #expect(try JSONDecoder().decode(Criteria.self, from: data) == criteria)
        #expect(criteria.description.contains("PromQLCriteria"))
    }
}
