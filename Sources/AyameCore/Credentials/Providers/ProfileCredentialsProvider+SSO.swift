// Reading a profile's SSO settings, merged with its `[sso-session]` when it names one.
extension ProfileCredentialsProvider {
    /// The SSO settings, `nil` when the profile does not use SSO for credentials (no
    /// `sso_account_id` and no `sso_role_name`, as in botocore).
    func ssoSettings(_ profile: AWSProfile) throws(AyameError) -> SSOCredentialsProvider.Settings? {
        guard profile.ssoAccountID != nil || profile.ssoRoleName != nil else { return nil }
        var startURL = profile.ssoStartURL
        var region = profile.ssoRegion
        if let sessionName = profile.ssoSession {
            guard let session = configFile.ssoSession(named: sessionName) else {
                throw failure("sso_session \"\(sessionName)\" of profile \(profile.name) has no [sso-session \(sessionName)] section")
            }
            // The profile may repeat a session value, but not contradict it.
            for (key, profileValue, sessionValue) in [
                ("sso_start_url", startURL, session.startURL), ("sso_region", region, session.region),
            ] {
                if let profileValue, let sessionValue, profileValue != sessionValue {
                    throw failure(
                        "\(key) differs between profile \(profile.name) (\(profileValue)) and sso-session \(sessionName) (\(sessionValue))")
                }
            }
            startURL = session.startURL ?? startURL
            region = session.region ?? region
        }
        let required: [(String, String?)] = [
            ("sso_start_url", startURL), ("sso_region", region), ("sso_account_id", profile.ssoAccountID),
            ("sso_role_name", profile.ssoRoleName),
        ]
        let missing = required.filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty, let startURL, let region, let account = profile.ssoAccountID,
            let role = profile.ssoRoleName
        else {
            throw failure("profile \(profile.name) is configured for SSO but lacks \(missing.joined(separator: ", "))")
        }
        return SSOCredentialsProvider.Settings(
            startURL: startURL, region: region, accountID: account, roleName: role, sessionName: profile.ssoSession)
    }
}
