#!/usr/bin/env python3
"""Signs `ayame sign` JSON Lines inputs with botocore, for AyameCommandLineTests.

Reads one input object per line on stdin and writes one result per line on stdout with the
same fields `ayame sign` produces (canonicalRequest, stringToSign, signature, headers, url), so
the two can be compared field by field. Exits 3 with a message on stderr if botocore is missing.
"""
import base64
import datetime
import json
import sys

try:
    import botocore
    import botocore.auth as auth
    from botocore.awsrequest import AWSRequest
    from botocore.config import Config
    from botocore.credentials import Credentials
except ImportError as error:  # the test turns this into a failure with this message
    sys.stderr.write(f"botocore is not importable by {sys.executable}: {error}\n")
    sys.exit(3)

FROZEN = {"now": None}


def frozen_now(*args, **kwargs):
    return FROZEN["now"]


# botocore reads the signing time from get_current_datetime() (older releases called
# datetime.datetime.utcnow() directly); freezing it makes the timestamp an input.
auth.get_current_datetime = frozen_now


def recording(base):
    class Recording(base):
        def canonical_request(self, request):
            self.recorded_canonical_request = super().canonical_request(request)
            return self.recorded_canonical_request

        def string_to_sign(self, request, canonical_request):
            self.recorded_string_to_sign = super().string_to_sign(request, canonical_request)
            return self.recorded_string_to_sign

        def signature(self, string_to_sign, request):
            self.recorded_signature = super().signature(string_to_sign, request)
            return self.recorded_signature

    return Recording


def sign(case):
    FROZEN["now"] = datetime.datetime.strptime(case["timestamp"], "%Y-%m-%dT%H:%M:%SZ")
    creds = case["credentials"]
    credentials = Credentials(creds["accessKeyId"], creds["secretAccessKey"], creds.get("sessionToken"))
    if "bodyBase64" in case:
        body = base64.b64decode(case["bodyBase64"])
    else:
        body = case.get("body", "").encode("utf-8")
    query = case.get("signatureType", "header") == "query"
    s3 = case.get("s3", False)
    signed_payload = case.get("payload", "signed") == "signed"

    request = AWSRequest(method=case["method"], url=case["url"], data=body)
    for name, value in case.get("headers", []):
        request.headers[name] = value  # HTTPHeaders appends, so repeated names are kept
    if s3:
        request.context["client_config"] = Config(s3={"payload_signing_enabled": signed_payload})
    if not signed_payload:
        request.context["payload_signing_enabled"] = False

    if query:
        base = auth.S3SigV4QueryAuth if s3 else auth.SigV4QueryAuth
        signer = recording(base)(credentials, case["service"], case["region"], expires=case.get("expires", 3600))
    else:
        base = auth.S3SigV4Auth if s3 else auth.SigV4Auth
        signer = recording(base)(credentials, case["service"], case["region"])
    signer.add_auth(request)

    headers = [[name, value] for name, value in request.headers.items()]
    if not any(name.lower() == "host" for name, _ in headers):
        headers.insert(0, ["Host", auth._host_from_url(case["url"])])
    return {
        "canonicalRequest": signer.recorded_canonical_request,
        "stringToSign": signer.recorded_string_to_sign,
        "signature": signer.recorded_signature,
        "headers": headers,
        "url": request.url,
    }


def main():
    for line in sys.stdin:
        if line.strip():
            sys.stdout.write(json.dumps(sign(json.loads(line)), sort_keys=True) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
