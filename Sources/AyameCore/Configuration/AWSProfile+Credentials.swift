// Typed accessors for the credential provider layer, so it never has to
// repeat key spellings.
extension AWSProfile {
    /// `aws_access_key_id`.
    public var accessKeyID: String? { self["aws_access_key_id"] }
    /// `aws_secret_access_key` (secret).
    public var secretAccessKey: String? { self["aws_secret_access_key"] }
    /// `aws_session_token` (secret).
    public var sessionToken: String? { self["aws_session_token"] }
    /// `role_arn`, the role to assume.
    public var roleARN: String? { self["role_arn"] }
    /// `source_profile`, the profile whose credentials assume `role_arn`.
    public var sourceProfile: String? { self["source_profile"] }
    /// `credential_source` (`Environment`, `Ec2InstanceMetadata`, `EcsContainer`).
    public var credentialSource: String? { self["credential_source"] }
    /// `external_id` for AssumeRole.
    public var externalID: String? { self["external_id"] }
    /// `mfa_serial` for AssumeRole with MFA.
    public var mfaSerial: String? { self["mfa_serial"] }
    /// `role_session_name` for AssumeRole.
    public var roleSessionName: String? { self["role_session_name"] }
    /// `duration_seconds` as written; the credentials layer validates it.
    public var durationSeconds: String? { self["duration_seconds"] }
    /// `web_identity_token_file`, a path to an OIDC token.
    public var webIdentityTokenFile: String? { self["web_identity_token_file"] }
    /// `sso_session`, naming an `[sso-session x]` section.
    public var ssoSession: String? { self["sso_session"] }
    /// `sso_start_url` (legacy, non-session SSO configuration).
    public var ssoStartURL: String? { self["sso_start_url"] }
    /// `sso_region`.
    public var ssoRegion: String? { self["sso_region"] }
    /// `sso_account_id`.
    public var ssoAccountID: String? { self["sso_account_id"] }
    /// `sso_role_name`.
    public var ssoRoleName: String? { self["sso_role_name"] }
    /// `credential_process`, an external command printing credentials.
    public var credentialProcess: String? { self["credential_process"] }
}
