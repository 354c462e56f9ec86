@testable import AyameLocal
import Testing

/// CloudWatch alarm evaluation and Application Auto Scaling's step and target-tracking arithmetic,
/// as the AWS documentation defines them.
@Suite struct ScalingRulesTests {
    static func alarm(
        statistic: AlarmStatistic = .average, period: Double = 60, evaluationPeriods: Int = 1, datapointsToAlarm: Int = 1,
        threshold: Double = 0.5, comparison: AlarmComparison = .greaterThanOrEqual, missing: MissingDataTreatment = .missing,
        state: AlarmState = .insufficientData
    ) -> AlarmDefinition {
        AlarmDefinition(
            name: "HasBacklogWithoutCapacity-Alarm", metricName: "HasBacklogWithoutCapacity", endpoint: "e", statistic: statistic,
            period: period, evaluationPeriods: evaluationPeriods, datapointsToAlarm: datapointsToAlarm, threshold: threshold,
            comparison: comparison, treatMissingData: missing, actionsEnabled: true, alarmActions: ["arn"], okActions: [],
            insufficientDataActions: [], state: state, stateReason: "before")
    }

    static func points(_ values: [Double?], period: Double = 60) -> [Datapoint] {
        values.enumerated().map { Datapoint(periodStart: Double($0.offset) * period, value: $0.element) }
    }

    @Test func oneBreachingDatapointOfOneAlarmsWithCloudWatchsReason() {
        let outcome = AlarmEvaluation.evaluate(Self.alarm(), datapoints: Self.points([0, 1]))
        #expect(outcome.state == .alarm)
        #expect(outcome.reason == "Threshold Crossed: 1 out of the last 1 datapoints [1.0 (+00:01:00)] was greater than or equal to the threshold (0.5) (minimum 1 datapoint for INSUFFICIENT_DATA -> ALARM transition).")
        #expect(outcome.reasonData == #"{"version":"1.0","statistic":"Average","period":60,"recentDatapoints":[1.0],"evaluatedDatapointTimestamps":["+00:01:00"],"threshold":0.5}"#)
        #expect(outcome.evaluatedValues == [1])
    }

    @Test func mOfNNeedsMBreachingDatapoints() {
        let twoOfThree = Self.alarm(evaluationPeriods: 3, datapointsToAlarm: 2, threshold: 3, comparison: .greaterThan, state: .ok)
        #expect(AlarmEvaluation.evaluate(twoOfThree, datapoints: Self.points([5, 1, 4])).state == .alarm)
        #expect(AlarmEvaluation.evaluate(twoOfThree, datapoints: Self.points([5, 1, 3])).state == .ok)
        // Only the last EvaluationPeriods count.
        #expect(AlarmEvaluation.evaluate(twoOfThree, datapoints: Self.points([9, 9, 1, 1, 9])).state == .ok)
        let notBreaching = AlarmEvaluation.evaluate(twoOfThree, datapoints: Self.points([5, 1, 3]))
        #expect(notBreaching.reason == "Threshold Crossed: 2 out of the last 3 datapoints [3.0 (+00:02:00), 1.0 (+00:01:00), 5.0 (+00:00:00)] were not greater than the threshold (3.0) (minimum 2 datapoints for OK -> OK transition).")
    }

    @Test func everyComparisonOperator() {
        #expect(AlarmComparison.greaterThanOrEqual.breaches(1, 1))
        #expect(!AlarmComparison.greaterThan.breaches(1, 1))
        #expect(AlarmComparison.lessThan.breaches(0.9, 1))
        #expect(!AlarmComparison.lessThan.breaches(1, 1))
        #expect(AlarmComparison.lessThanOrEqual.breaches(1, 1))
    }

    @Test func missingDataAsEachTreatmentSays() {
        let allMissing = Self.points([nil, nil, nil])
        let threeOfThree = { (missing: MissingDataTreatment) in
            Self.alarm(evaluationPeriods: 3, datapointsToAlarm: 3, missing: missing, state: .ok)
        }
        #expect(AlarmEvaluation.evaluate(threeOfThree(.missing), datapoints: allMissing).state == .insufficientData)
        #expect(AlarmEvaluation.evaluate(threeOfThree(.missing), datapoints: allMissing).reason == "Insufficient Data: 3 datapoints were unknown.")
        #expect(AlarmEvaluation.evaluate(threeOfThree(.ignore), datapoints: allMissing).state == .ok)
        #expect(AlarmEvaluation.evaluate(threeOfThree(.ignore), datapoints: allMissing).reason == "before")
        #expect(AlarmEvaluation.evaluate(threeOfThree(.breaching), datapoints: allMissing).state == .alarm)
        #expect(AlarmEvaluation.evaluate(threeOfThree(.notBreaching), datapoints: allMissing).state == .ok)
        // Some data: missing periods count as breaching only under `breaching`.
        let partly = Self.points([1, nil, 1])
        #expect(AlarmEvaluation.evaluate(threeOfThree(.breaching), datapoints: partly).state == .alarm)
        #expect(AlarmEvaluation.evaluate(threeOfThree(.breaching), datapoints: partly).reason.hasSuffix(" 1 missing datapoint was treated as breaching."))
        #expect(AlarmEvaluation.evaluate(threeOfThree(.notBreaching), datapoints: partly).state == .ok)
        #expect(AlarmEvaluation.evaluate(threeOfThree(.missing), datapoints: partly).state == .ok)
        #expect(AlarmEvaluation.evaluate(threeOfThree(.ignore), datapoints: partly).state == .ok)
    }

    @Test func statisticsAggregateEachPeriodsSamples() {
        var history = MetricHistory()
        for (time, value) in [(0.0, 1.0), (60, 3), (120, 8), (180, 2)] {
            history.record(endpoint: "e", metrics: ["ApproximateBacklogSize": value], at: time)
        }
        func values(_ statistic: AlarmStatistic, period: Double, count: Int) -> [Double?] {
            history.datapoints(endpoint: "e", metricName: "ApproximateBacklogSize", statistic: statistic, period: period, count: count, now: 180)
                .map(\.value)
        }
        #expect(values(.average, period: 120, count: 2) == [2, 5])
        #expect(values(.sum, period: 120, count: 2) == [4, 10])
        #expect(values(.minimum, period: 120, count: 2) == [1, 2])
        #expect(values(.maximum, period: 120, count: 2) == [3, 8])
        #expect(values(.sampleCount, period: 120, count: 2) == [2, 2])
        #expect(values(.average, period: 60, count: 5) == [nil, 1, 3, 8, 2])
        // Periods shorter than the runtime's one-minute publication see gaps, as on AWS.
        #expect(values(.maximum, period: 30, count: 3) == [8, nil, 2])
    }

    static func policy(_ type: StepPolicy.AdjustmentType, _ steps: [StepPolicy.Step], magnitude: Int? = nil) -> StepPolicy {
        StepPolicy(name: "p", arn: "arn", resourceId: "endpoint/e/variant/v", adjustmentType: type, steps: steps,
                   minAdjustmentMagnitude: magnitude, cooldown: 300, aggregation: .average)
    }

    @Test func stepBoundsAreRelativeToTheThresholdWithAWSsInclusiveness() {
        let policy = Self.policy(.changeInCapacity, [
            StepPolicy.Step(lowerBound: 0, upperBound: 10, adjustment: 1),
            StepPolicy.Step(lowerBound: 10, upperBound: nil, adjustment: 3),
        ])
        #expect(StepScaling.step(policy, value: 50, threshold: 50, above: true)?.adjustment == 1)
        #expect(StepScaling.step(policy, value: 59.9, threshold: 50, above: true)?.adjustment == 1)
        #expect(StepScaling.step(policy, value: 60, threshold: 50, above: true)?.adjustment == 3)
        #expect(StepScaling.step(policy, value: 49, threshold: 50, above: true) == nil)
        let below = Self.policy(.changeInCapacity, [
            StepPolicy.Step(lowerBound: -10, upperBound: 0, adjustment: -1),
            StepPolicy.Step(lowerBound: nil, upperBound: -10, adjustment: -2),
        ])
        // Below the threshold the upper bound is inclusive and the lower exclusive.
        #expect(StepScaling.step(below, value: 40, threshold: 50, above: false)?.adjustment == -2)
        #expect(StepScaling.step(below, value: 50, threshold: 50, above: false)?.adjustment == -1)
        #expect(StepScaling.step(below, value: 39, threshold: 50, above: false)?.adjustment == -2)
    }

    @Test func adjustmentTypes() {
        let change = Self.policy(.changeInCapacity, [])
        #expect(StepScaling.capacity(from: 2, adjustment: 1, policy: change) == 3)
        #expect(StepScaling.capacity(from: 2, adjustment: -3, policy: change) == -1)
        #expect(StepScaling.capacity(from: 0, adjustment: 4, policy: Self.policy(.exactCapacity, [])) == 4)
        let percent = Self.policy(.percentChangeInCapacity, [])
        #expect(StepScaling.capacity(from: 10, adjustment: 25, policy: percent) == 12)   // 2.5 rounds down to 2
        #expect(StepScaling.capacity(from: 2, adjustment: 25, policy: percent) == 3)     // 0.5 rounds up to 1
        #expect(StepScaling.capacity(from: 2, adjustment: -25, policy: percent) == 1)    // -0.5 rounds to -1
        #expect(StepScaling.capacity(from: 10, adjustment: -25, policy: percent) == 8)   // -2.5 rounds to -2
        let magnitude = Self.policy(.percentChangeInCapacity, [], magnitude: 3)
        #expect(StepScaling.capacity(from: 10, adjustment: 10, policy: magnitude) == 13) // 1 raised to 3
        #expect(StepScaling.capacity(from: 10, adjustment: -10, policy: magnitude) == 7)
    }

    @Test func metricAggregation() {
        #expect(StepScaling.aggregate([1, 2, 6], .average, threshold: 0) == 3)
        #expect(StepScaling.aggregate([1, 2, 6], .minimum, threshold: 0) == 1)
        #expect(StepScaling.aggregate([1, 2, 6], .maximum, threshold: 0) == 6)
        #expect(StepScaling.aggregate([], .maximum, threshold: 0.5) == 0.5)
    }

    @Test func targetTrackingAsksForCapacityProportionalToTheMetric() {
        #expect(TargetTracking.desiredCapacity(capacity: 1, metric: 7, target: 3) == 3)
        #expect(TargetTracking.desiredCapacity(capacity: 2, metric: 0, target: 3) == 0)
        #expect(TargetTracking.desiredCapacity(capacity: 3, metric: 2, target: 3) == 2)
        let policy = TrackingPolicy(
            name: "Invocations-ScalingPolicy", arn: "arn", resourceId: "endpoint/e/variant/AllTraffic",
            metricName: "ApproximateBacklogSizePerInstance", endpoint: "e", statistic: .average, targetValue: 3,
            scaleOutCooldown: 30, scaleInCooldown: 30, disableScaleIn: false)
        let (high, low) = TargetTracking.alarms(for: policy)
        #expect(high.name == "TargetTracking-endpoint/e/variant/AllTraffic-AlarmHigh-Invocations-ScalingPolicy")
        #expect((high.comparison, high.threshold, high.evaluationPeriods, high.datapointsToAlarm) == (.greaterThan, 3, 3, 3))
        #expect((low.comparison, low.evaluationPeriods, low.datapointsToAlarm) == (.lessThan, 15, 15))
        #expect(abs(low.threshold - 2.7) < 1e-9)
    }

    @Test func policyARNsNameTheirResource() {
        let arn = "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:5c1f:resource/sagemaker/endpoint/demo/variant/AllTraffic:policyName/wake"
        let resource = PolicyResource(arn: arn)
        #expect(resource?.resourceId == "endpoint/demo/variant/AllTraffic")
        #expect(resource?.policyName == "wake")
        #expect(resource?.endpointVariant?.endpoint == "demo")
        let table = PolicyResource(arn: "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1:resource/dynamodb/table/t:policyName/p")
        #expect(table != nil && table?.endpointVariant == nil)
        #expect(PolicyResource(arn: "arn:aws:sns:us-east-1:123456789012:topic") == nil)
    }

    @Test func theLargestScaleOutWinsAndScaleInIsConservative() {
        let out = [ScalingProposal(desired: 2, policyArn: "a", cause: ""), ScalingProposal(desired: 4, policyArn: "b", cause: ""),
                   ScalingProposal(desired: 0, policyArn: "c", cause: "")]
        #expect(ScalingProposal.winner(out, capacity: 1)?.policyArn == "b")
        let ins = [ScalingProposal(desired: 0, policyArn: "a", cause: ""), ScalingProposal(desired: 2, policyArn: "b", cause: "")]
        #expect(ScalingProposal.winner(ins, capacity: 3)?.policyArn == "b")
        #expect(ScalingProposal.winner([ScalingProposal(desired: 3, policyArn: "a", cause: "")], capacity: 3) == nil)
    }

    @Test func asyncMetrics() {
        #expect(AsyncEndpointMetrics.metrics(backlog: 4, instances: 2, oldestQueuedAge: 75.6) == [
            "ApproximateBacklogSize": 4, "ApproximateBacklogSizePerInstance": 2, "HasBacklogWithoutCapacity": 0,
            "ApproximateAgeOfOldestRequest": 75,
        ])
        #expect(AsyncEndpointMetrics.metrics(backlog: 1, instances: 0) == [
            "ApproximateBacklogSize": 1, "HasBacklogWithoutCapacity": 1, "ApproximateAgeOfOldestRequest": 0,
        ])
        #expect(AsyncEndpointMetrics.variantMetrics(InvocationCounts(processed: 3, failed: 1)) == [
            "InvocationsProcessed": 3, "InvocationFailures": 1,
        ])
    }
}
