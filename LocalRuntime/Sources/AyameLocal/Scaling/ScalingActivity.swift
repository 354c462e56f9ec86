import Foundation

/// One scaling action, as Application Auto Scaling's DescribeScalingActivities reports it.
struct ScalingActivity: Sendable {
    enum Status: String, Sendable {
        case pending = "Pending", inProgress = "InProgress", successful = "Successful"
        case overridden = "Overridden", unfulfilled = "Unfulfilled", failed = "Failed"
    }

    var activityId: String
    var resourceId: String
    var description: String
    var cause: String
    var startTime: Date
    var endTime: Date?
    var status: Status
    var statusMessage: String?

    /// The activity in the API's JSON shape (times as epoch seconds, as awsJson1_1 sends them).
    var document: [String: Any] {
        var document: [String: Any] = [
            "ActivityId": activityId, "ServiceNamespace": "sagemaker", "ResourceId": resourceId,
            "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "Description": description, "Cause": cause,
            "StartTime": startTime.timeIntervalSince1970, "StatusCode": status.rawValue,
        ]
        if let endTime { document["EndTime"] = endTime.timeIntervalSince1970 }
        if let statusMessage { document["StatusMessage"] = statusMessage }
        return document
    }
}

/// Every scaling activity of the runtime's endpoints, newest first, kept in memory (the backend
/// has no way to record them).
actor ScalingActivityLog {
    private var activities: [ScalingActivity] = []
    /// The most activities kept (the oldest go first); AWS keeps six weeks of them.
    static let limit = 8000

    @discardableResult
    func begin(resourceId: String, description: String, cause: String, status: ScalingActivity.Status = .inProgress, message: String? = nil) -> String {
        let activity = ScalingActivity(
            activityId: UUID().uuidString.lowercased(), resourceId: resourceId, description: description, cause: cause,
            startTime: Date(), endTime: status == .inProgress ? nil : Date(), status: status, statusMessage: message)
        activities.insert(activity, at: 0)
        if activities.count > Self.limit { activities.removeLast(activities.count - Self.limit) }
        return activity.activityId
    }

    func finish(_ id: String, status: ScalingActivity.Status, message: String) {
        guard let index = activities.firstIndex(where: { $0.activityId == id }) else { return }
        activities[index].status = status
        activities[index].statusMessage = message
        activities[index].endTime = Date()
    }

    /// The activities of `resourceId` (all when nil), newest first.
    func list(resourceId: String?) -> [ScalingActivity] {
        guard let resourceId else { return activities }
        return activities.filter { $0.resourceId == resourceId }
    }
}
