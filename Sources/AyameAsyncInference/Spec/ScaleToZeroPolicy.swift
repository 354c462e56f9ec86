/// Scale-to-zero autoscaling for an async endpoint, as AWS recommends it:
///
/// - a scalable target on `sagemaker:variant:DesiredInstanceCount` with minimum 0;
/// - a target-tracking policy on `ApproximateBacklogSizePerInstance` that grows and shrinks
///   capacity with the queue;
/// - a step-scaling policy fired by a CloudWatch alarm on `HasBacklogWithoutCapacity`, because
///   target tracking cannot leave zero: with no instances there is no per-instance backlog to
///   track, so this alarm wakes the endpoint on the first queued request.
public struct ScaleToZeroPolicy: Sendable, Equatable {
    /// The least instances (0 lets the endpoint sleep).
    public var minimumInstances: Int
    /// The most instances.
    public var maximumInstances: Int
    /// The backlog-tracking policy.
    public var backlogTracking: BacklogTracking
    /// The wake-from-zero policy and its alarm.
    public var wakeUp: WakeUp

    /// Creates a policy.
    public init(minimumInstances: Int = 0, maximumInstances: Int, backlogTracking: BacklogTracking = BacklogTracking(), wakeUp: WakeUp = WakeUp()) {
        self.minimumInstances = minimumInstances
        self.maximumInstances = maximumInstances
        self.backlogTracking = backlogTracking
        self.wakeUp = wakeUp
    }

    /// The walkthrough's exact settings: target 3 requests of backlog per instance with 30 s
    /// cooldowns, a +1 step with a 30 s cooldown, and an alarm at `>= 0.5` over one 60 s period,
    /// with the walkthrough's policy and alarm names.
    public static func walkthrough(maximumInstances: Int = 3) -> ScaleToZeroPolicy {
        ScaleToZeroPolicy(
            minimumInstances: 0, maximumInstances: maximumInstances,
            backlogTracking: BacklogTracking(
                policyName: "Invocations-ScalingPolicy", targetBacklogPerInstance: 3,
                scaleInCooldownSeconds: 30, scaleOutCooldownSeconds: 30),
            wakeUp: WakeUp(
                policyName: "HasBacklogWithoutCapacity-ScalingPolicy", alarmName: "HasBacklogWithoutCapacity-Alarm",
                cooldownSeconds: 30, periodSeconds: 60, evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 0.5))
    }

    /// Target tracking on `ApproximateBacklogSizePerInstance` (namespace `AWS/SageMaker`,
    /// dimension `EndpointName`, statistic Average).
    public struct BacklogTracking: Sendable, Equatable {
        /// The policy's name; nil names it `<endpoint>-backlog-tracking`.
        public var policyName: String?
        /// Queued requests per instance to aim for.
        public var targetBacklogPerInstance: Double
        /// Seconds between scale-in steps.
        public var scaleInCooldownSeconds: Int
        /// Seconds between scale-out steps.
        public var scaleOutCooldownSeconds: Int

        /// Creates the policy; the defaults follow the AWS guide for async endpoints (target 5,
        /// scale in after 600 s, out after 300 s).
        public init(policyName: String? = nil, targetBacklogPerInstance: Double = 5, scaleInCooldownSeconds: Int = 600, scaleOutCooldownSeconds: Int = 300) {
            self.policyName = policyName
            self.targetBacklogPerInstance = targetBacklogPerInstance
            self.scaleInCooldownSeconds = scaleInCooldownSeconds
            self.scaleOutCooldownSeconds = scaleOutCooldownSeconds
        }
    }

    /// The step-scaling policy that adds an instance when `HasBacklogWithoutCapacity` alarms.
    public struct WakeUp: Sendable, Equatable {
        /// The policy's name; nil names it `<endpoint>-wake-up`.
        public var policyName: String?
        /// The alarm's name; nil names it `<endpoint>-has-backlog-without-capacity`.
        public var alarmName: String?
        /// Instances added when the alarm fires.
        public var instancesToAdd: Int
        /// Seconds before the policy may act again.
        public var cooldownSeconds: Int
        /// The alarm's period in seconds (10, 30 or a multiple of 60).
        public var periodSeconds: Int
        /// How many periods the alarm looks at.
        public var evaluationPeriods: Int
        /// How many of those must breach.
        public var datapointsToAlarm: Int
        /// The alarm fires at `HasBacklogWithoutCapacity >= threshold`.
        public var threshold: Double

        /// Creates the wake-up policy; the defaults follow the AWS guide (one 60 s period,
        /// threshold 1, +1 instance, 150 s cooldown).
        public init(
            policyName: String? = nil, alarmName: String? = nil, instancesToAdd: Int = 1, cooldownSeconds: Int = 150,
            periodSeconds: Int = 60, evaluationPeriods: Int = 1, datapointsToAlarm: Int = 1, threshold: Double = 1
        ) {
            self.policyName = policyName
            self.alarmName = alarmName
            self.instancesToAdd = instancesToAdd
            self.cooldownSeconds = cooldownSeconds
            self.periodSeconds = periodSeconds
            self.evaluationPeriods = evaluationPeriods
            self.datapointsToAlarm = datapointsToAlarm
            self.threshold = threshold
        }
    }

    /// How long a request may wait before an endpoint scaled to zero serves it: the alarm has
    /// to see `datapointsToAlarm` breaching periods (CloudWatch publishes the metric once a
    /// period, so allow one more), then the instance has to start. `instanceStartup` is the
    /// instance's provisioning plus the container's start and first `/ping`; SageMaker takes
    /// minutes, 10 by default here. Choose a `RequestTTL` of at least this for such an endpoint.
    public func wakeUpTime(instanceStartup: Duration = .seconds(600)) -> Duration {
        .seconds((wakeUp.datapointsToAlarm + 1) * wakeUp.periodSeconds) + instanceStartup
    }
}
