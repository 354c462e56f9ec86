extension AsyncEndpointSpec {
    /// Checks every name, ARN, S3 URI and number against what SageMaker, Application Auto
    /// Scaling and CloudWatch accept, so a bad spec fails here — naming each field — and not
    /// halfway through a deployment: ``AsyncInferenceError/invalidSpec(problems:)`` lists every
    /// problem found.
    public func validate() throws(AsyncInferenceError) {
        var check = SpecChecker()
        check.sageMakerName(endpointName, "endpointName")
        // Four characters stay free for the `-vN` suffix of new configuration versions.
        check.sageMakerName(endpointConfigName, "endpointConfigName", maximum: 59)
        validateModel(&check)
        validateVariants(&check)
        validateAsyncInference(&check)
        if let scaling {
            Self.validate(scaling, &check)
            // The wake-up alarm fires one step policy per variant, and CloudWatch allows at most
            // five actions per alarm state.
            check.require(
                variants.count <= 5, "variants",
                "at most 5 variants with scaling (the wake-up alarm takes one action per variant, CloudWatch allows 5; got \(variants.count))")
        }
        check.require(tags.count <= 50, "tags", "at most 50 tags (got \(tags.count))")
        for (key, value) in tags.sorted(by: { $0.key < $1.key }) {
            check.require((1...128).contains(key.count), "tags[\"\(key)\"]", "a key of 1 to 128 characters")
            check.require(value.count <= 256, "tags[\"\(key)\"]", "a value of at most 256 characters")
        }
        if !check.problems.isEmpty { throw .invalidSpec(problems: check.problems) }
    }

    private func validateModel(_ check: inout SpecChecker) {
        // Four characters stay free for the `-vN` suffix of new model versions.
        check.sageMakerName(model.name, "model.name", maximum: 59)
        check.require(
            (1...255).contains(model.imageURI.count) && !model.imageURI.contains(where: \.isWhitespace), "model.imageURI",
            "a container image URI of 1 to 255 characters without spaces (got \"\(model.imageURI)\")")
        if let url = model.modelDataURL { check.s3URI(url, "model.modelDataURL") }
        check.arn(
            model.executionRoleARN, "model.executionRoleARN", service: "iam", resource: "role/[A-Za-z0-9+=,.@_/-]+",
            example: "arn:aws:iam::123456789012:role/SageMakerExecutionRole")
        check.require(model.environment.count <= 100, "model.environment", "at most 100 variables")
        for key in model.environment.keys.sorted() {
            check.require(
                SpecChecker.matches(key, "^[a-zA-Z_][a-zA-Z0-9_]{0,1023}$"), "model.environment[\"\(key)\"]",
                "a variable name of letters, digits and underscores, not starting with a digit")
        }
        if let vpc = model.vpc {
            check.require((1...16).contains(vpc.subnetIDs.count), "model.vpc.subnetIDs", "1 to 16 subnet ids")
            check.require((1...5).contains(vpc.securityGroupIDs.count), "model.vpc.securityGroupIDs", "1 to 5 security group ids")
            for (index, id) in vpc.subnetIDs.enumerated() {
                check.require(SpecChecker.matches(id, "^subnet-[0-9a-z]+$"), "model.vpc.subnetIDs[\(index)]", "a subnet id like subnet-0abc (got \"\(id)\")")
            }
            for (index, id) in vpc.securityGroupIDs.enumerated() {
                check.require(SpecChecker.matches(id, "^sg-[0-9a-z]+$"), "model.vpc.securityGroupIDs[\(index)]", "a security group id like sg-0abc (got \"\(id)\")")
            }
        }
    }

    private func validateVariants(_ check: inout SpecChecker) {
        check.require((1...10).contains(variants.count), "variants", "1 to 10 production variants (got \(variants.count))")
        var seen = Set<String>()
        for (index, variant) in variants.enumerated() {
            let field = "variants[\(index)]"
            check.sageMakerName(variant.name, "\(field).name")
            check.require(seen.insert(variant.name).inserted, "\(field).name", "a name no other variant uses (\"\(variant.name)\" repeats)")
            check.require(
                SpecChecker.matches(variant.instanceType, #"^ml\.[a-z0-9-]+\.[a-z0-9]+$"#), "\(field).instanceType",
                "a SageMaker instance type like ml.m5.large (got \"\(variant.instanceType)\")")
            check.require(variant.initialInstanceCount >= 1, "\(field).initialInstanceCount", "at least 1 (autoscaling takes it to zero)")
            check.require(variant.weight >= 0 && variant.weight.isFinite, "\(field).weight", "a weight of 0 or more")
        }
    }

    private func validateAsyncInference(_ check: inout SpecChecker) {
        let settings = asyncInference
        check.s3URI(settings.outputPath, "asyncInference.outputPath")
        if let path = settings.failurePath { check.s3URI(path, "asyncInference.failurePath") }
        if let topic = settings.successTopicARN {
            check.arn(topic, "asyncInference.successTopicARN", service: "sns", resource: "[A-Za-z0-9_-]{1,256}",
                      example: "arn:aws:sns:ap-northeast-1:123456789012:async-success")
        }
        if let topic = settings.errorTopicARN {
            check.arn(topic, "asyncInference.errorTopicARN", service: "sns", resource: "[A-Za-z0-9_-]{1,256}",
                      example: "arn:aws:sns:ap-northeast-1:123456789012:async-error")
        }
        for (index, target) in settings.includeInferenceResponseIn.enumerated() {
            check.require(
                ["SUCCESS_NOTIFICATION_TOPIC", "ERROR_NOTIFICATION_TOPIC"].contains(target),
                "asyncInference.includeInferenceResponseIn[\(index)]",
                "SUCCESS_NOTIFICATION_TOPIC or ERROR_NOTIFICATION_TOPIC (got \"\(target)\")")
        }
        if let limit = settings.maxConcurrentInvocationsPerInstance {
            check.require((1...1000).contains(limit), "asyncInference.maxConcurrentInvocationsPerInstance", "1 to 1000 (got \(limit))")
        }
    }

    private static func validate(_ scaling: ScaleToZeroPolicy, _ check: inout SpecChecker) {
        check.require(scaling.minimumInstances >= 0, "scaling.minimumInstances", "0 or more")
        check.require(scaling.maximumInstances >= 1, "scaling.maximumInstances", "at least 1")
        check.require(
            scaling.minimumInstances <= scaling.maximumInstances, "scaling.minimumInstances",
            "no more than scaling.maximumInstances (\(scaling.minimumInstances) > \(scaling.maximumInstances))")
        let tracking = scaling.backlogTracking
        check.require(tracking.targetBacklogPerInstance > 0, "scaling.backlogTracking.targetBacklogPerInstance", "more than 0")
        check.require(tracking.scaleInCooldownSeconds >= 0, "scaling.backlogTracking.scaleInCooldownSeconds", "0 or more")
        check.require(tracking.scaleOutCooldownSeconds >= 0, "scaling.backlogTracking.scaleOutCooldownSeconds", "0 or more")
        let wakeUp = scaling.wakeUp
        check.require(wakeUp.instancesToAdd >= 1, "scaling.wakeUp.instancesToAdd", "at least 1")
        check.require(wakeUp.cooldownSeconds >= 0, "scaling.wakeUp.cooldownSeconds", "0 or more")
        check.require(
            wakeUp.periodSeconds == 10 || wakeUp.periodSeconds == 30 || (wakeUp.periodSeconds > 0 && wakeUp.periodSeconds % 60 == 0),
            "scaling.wakeUp.periodSeconds", "10, 30 or a positive multiple of 60 (got \(wakeUp.periodSeconds))")
        check.require(wakeUp.evaluationPeriods >= 1, "scaling.wakeUp.evaluationPeriods", "at least 1")
        check.require(
            (1...max(1, wakeUp.evaluationPeriods)).contains(wakeUp.datapointsToAlarm), "scaling.wakeUp.datapointsToAlarm",
            "1 to scaling.wakeUp.evaluationPeriods (got \(wakeUp.datapointsToAlarm))")
        check.require(wakeUp.threshold >= 0 && wakeUp.threshold.isFinite, "scaling.wakeUp.threshold", "0 or more")
        for (name, field) in [(tracking.policyName, "scaling.backlogTracking.policyName"), (wakeUp.policyName, "scaling.wakeUp.policyName")] {
            if let name { check.require((1...256).contains(name.count), field, "1 to 256 characters") }
        }
        if let alarm = wakeUp.alarmName { check.require((1...255).contains(alarm.count), "scaling.wakeUp.alarmName", "1 to 255 characters") }
    }
}
