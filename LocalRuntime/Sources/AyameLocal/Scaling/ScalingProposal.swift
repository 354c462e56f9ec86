/// A capacity a policy asks for in one evaluation, and why.
struct ScalingProposal: Sendable, Equatable {
    var desired: Int
    var policyArn: String
    /// Application Auto Scaling's activity cause: `monitor alarm X in state ALARM triggered policy Y`.
    var cause: String

    /// Of several proposals for one variant, the one Application Auto Scaling carries out: the
    /// largest scale-out if any policy scales out, otherwise the most conservative scale-in.
    static func winner(_ proposals: [ScalingProposal], capacity: Int) -> ScalingProposal? {
        let outs = proposals.filter { $0.desired > capacity }
        if let out = outs.max(by: { $0.desired < $1.desired }) { return out }
        return proposals.filter { $0.desired < capacity }.max { $0.desired < $1.desired }
    }
}
