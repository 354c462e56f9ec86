import Foundation

extension AsyncEndpointSpec {
    /// Reads a spec from its documented JSON form (`Documentation/DeploymentSpec.md`): the
    /// Swift properties' names as keys, optional fields left out for their defaults.
    ///
    /// Every problem — malformed JSON, a missing or mistyped field, an unknown key, and then
    /// everything ``validate()`` checks — is reported at once, each with its field path, in
    /// ``AsyncInferenceError/invalidSpec(problems:)``.
    public init(json: Data) throws(AsyncInferenceError) {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: json)
        } catch {
            // Foundation's localized text ("The data is not in the correct format") names no
            // place; its debug description says where the document went wrong.
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription
            throw .invalidSpec(problems: [.init(field: "(document)", requirement: "valid JSON (\(detail))")])
        }
        var reader = SpecJSONReader()
        let spec = Self.read(root, &reader)
        var problems = reader.problems
        if let spec {
            do throws(AsyncInferenceError) {
                try spec.validate()
            } catch {
                problems += error.specProblems
            }
        }
        guard let spec, problems.isEmpty else { throw .invalidSpec(problems: problems) }
        self = spec
    }

    private static func read(_ root: Any, _ r: inout SpecJSONReader) -> AsyncEndpointSpec? {
        let keys: Set = ["endpointName", "endpointConfigName", "model", "variants", "asyncInference", "scaling", "tags"]
        guard let object = r.object(root, "", allowed: keys) else {
            r.problem("(document)", "a JSON object")
            return nil
        }
        let endpointName = r.string(object, "endpointName", "", required: true)
        let configName = r.string(object, "endpointConfigName", "")
        if object["model"] == nil { r.problem("model", "required (an object)") }
        let model = r.object(object["model"], "model", allowed: [
            "name", "imageURI", "modelDataURL", "executionRoleARN", "environment", "vpc", "networkIsolation",
        ]).flatMap { readModel($0, &r) }
        var variants: [ProductionVariantSpec] = []
        if let list = object["variants"] as? [Any] {
            for (index, item) in list.enumerated() {
                let path = "variants[\(index)]"
                guard let variant = r.object(item, path, allowed: ["name", "instanceType", "initialInstanceCount", "weight"]) else { continue }
                guard let type = r.string(variant, "instanceType", path, required: true) else { continue }
                variants.append(ProductionVariantSpec(
                    name: r.string(variant, "name", path) ?? "AllTraffic", instanceType: type,
                    initialInstanceCount: r.integer(variant, "initialInstanceCount", path) ?? 1, weight: r.double(variant, "weight", path) ?? 1))
            }
        } else {
            r.problem("variants", object["variants"] == nil ? "required (a list of variants)" : "a list of variants")
        }
        if object["asyncInference"] == nil { r.problem("asyncInference", "required (an object)") }
        let settings = r.object(object["asyncInference"], "asyncInference", allowed: [
            "outputPath", "failurePath", "kmsKeyID", "successTopicARN", "errorTopicARN", "includeInferenceResponseIn",
            "maxConcurrentInvocationsPerInstance",
        ]).flatMap { readSettings($0, &r) }
        let scaling = readScaling(object["scaling"], &r)
        let tags = r.stringMap(object, "tags", "") ?? [:]
        guard let endpointName, let model, let settings else { return nil }
        return AsyncEndpointSpec(
            endpointName: endpointName, endpointConfigName: configName, model: model, variants: variants,
            asyncInference: settings, scaling: scaling, tags: tags)
    }

    private static func readModel(_ object: [String: Any], _ r: inout SpecJSONReader) -> ModelSpec? {
        let name = r.string(object, "name", "model", required: true)
        let image = r.string(object, "imageURI", "model", required: true)
        let role = r.string(object, "executionRoleARN", "model", required: true)
        var vpc: VPCSettings?
        if let settings = r.object(object["vpc"], "model.vpc", allowed: ["subnetIDs", "securityGroupIDs"]) {
            vpc = VPCSettings(
                subnetIDs: r.strings(settings, "subnetIDs", "model.vpc") ?? [],
                securityGroupIDs: r.strings(settings, "securityGroupIDs", "model.vpc") ?? [])
        }
        guard let name, let image, let role else { return nil }
        return ModelSpec(
            name: name, imageURI: image, modelDataURL: r.string(object, "modelDataURL", "model"), executionRoleARN: role,
            environment: r.stringMap(object, "environment", "model") ?? [:], vpc: vpc,
            networkIsolation: r.bool(object, "networkIsolation", "model") ?? false)
    }

    private static func readSettings(_ object: [String: Any], _ r: inout SpecJSONReader) -> AsyncInferenceSettings? {
        let path = "asyncInference"
        guard let output = r.string(object, "outputPath", path, required: true) else { return nil }
        return AsyncInferenceSettings(
            outputPath: output, failurePath: r.string(object, "failurePath", path), kmsKeyID: r.string(object, "kmsKeyID", path),
            successTopicARN: r.string(object, "successTopicARN", path), errorTopicARN: r.string(object, "errorTopicARN", path),
            includeInferenceResponseIn: r.strings(object, "includeInferenceResponseIn", path) ?? [],
            maxConcurrentInvocationsPerInstance: r.integer(object, "maxConcurrentInvocationsPerInstance", path))
    }

    /// `"scaling": "walkthrough"` is the walkthrough's policy; an object spells one out.
    private static func readScaling(_ value: Any?, _ r: inout SpecJSONReader) -> ScaleToZeroPolicy? {
        if let name = value as? String {
            guard name == "walkthrough" else {
                r.problem("scaling", "\"walkthrough\" or an object (got \"\(name)\")")
                return nil
            }
            return .walkthrough()
        }
        guard let object = r.object(value, "scaling", allowed: ["minimumInstances", "maximumInstances", "backlogTracking", "wakeUp"]) else {
            return nil
        }
        guard let maximum = r.integer(object, "maximumInstances", "scaling") else {
            if object["maximumInstances"] == nil { r.problem("scaling.maximumInstances", "required (a whole number)") }
            return nil
        }
        var tracking = ScaleToZeroPolicy.BacklogTracking()
        if let t = r.object(object["backlogTracking"], "scaling.backlogTracking", allowed: [
            "policyName", "targetBacklogPerInstance", "scaleInCooldownSeconds", "scaleOutCooldownSeconds",
        ]) {
            let path = "scaling.backlogTracking"
            tracking.policyName = r.string(t, "policyName", path)
            tracking.targetBacklogPerInstance = r.double(t, "targetBacklogPerInstance", path) ?? tracking.targetBacklogPerInstance
            tracking.scaleInCooldownSeconds = r.integer(t, "scaleInCooldownSeconds", path) ?? tracking.scaleInCooldownSeconds
            tracking.scaleOutCooldownSeconds = r.integer(t, "scaleOutCooldownSeconds", path) ?? tracking.scaleOutCooldownSeconds
        }
        var wakeUp = ScaleToZeroPolicy.WakeUp()
        if let w = r.object(object["wakeUp"], "scaling.wakeUp", allowed: [
            "policyName", "alarmName", "instancesToAdd", "cooldownSeconds", "periodSeconds", "evaluationPeriods",
            "datapointsToAlarm", "threshold",
        ]) {
            let path = "scaling.wakeUp"
            wakeUp.policyName = r.string(w, "policyName", path)
            wakeUp.alarmName = r.string(w, "alarmName", path)
            wakeUp.instancesToAdd = r.integer(w, "instancesToAdd", path) ?? wakeUp.instancesToAdd
            wakeUp.cooldownSeconds = r.integer(w, "cooldownSeconds", path) ?? wakeUp.cooldownSeconds
            wakeUp.periodSeconds = r.integer(w, "periodSeconds", path) ?? wakeUp.periodSeconds
            wakeUp.evaluationPeriods = r.integer(w, "evaluationPeriods", path) ?? wakeUp.evaluationPeriods
            wakeUp.datapointsToAlarm = r.integer(w, "datapointsToAlarm", path) ?? wakeUp.datapointsToAlarm
            wakeUp.threshold = r.double(w, "threshold", path) ?? wakeUp.threshold
        }
        return ScaleToZeroPolicy(
            minimumInstances: r.integer(object, "minimumInstances", "scaling") ?? 0, maximumInstances: maximum,
            backlogTracking: tracking, wakeUp: wakeUp)
    }
}
