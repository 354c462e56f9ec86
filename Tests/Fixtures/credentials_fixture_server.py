#!/usr/bin/env python3
"""A loopback stand-in for the credential endpoints: EC2 IMDS, the ECS/EKS container endpoint,
the IAM Identity Center portal and SSO-OIDC.

Scenarios are isolated by path prefix (/s/<scenario>/...), so tests run in parallel against one
server. A test first configures its scenario, then points Ayame at the prefixes:

  POST /__control/<scenario>/configure   body: JSON, any of
      {"imds": {"mode": "v2" | "token403" | "token404" | "token405" | "token400",
                "role": "name" or null, "credentials": {...}, "region": "eu-west-1"},
       "container": {"authorization": "expected header" or null, "credentials": {...},
                     "fail_first": 0, "delay": 0.0},
       "sso": {"bearer": ["accepted tokens"], "account_id": "...", "role_name": "...",
               "credentials": {"accessKeyId": ..., "expiration": <ms>}},
       "oidc": {"client_id": "...", "client_secret": "...", "refresh_token": "...",
                "access_token": "new token", "expires_in": 3600, "new_refresh_token": "..." or null,
                "status": 200}}
  GET  /__control/<scenario>/requests    what the scenario received (method, path, headers, body)

  /s/<scenario>/imds/latest/...          IMDS: PUT api/token needs the TTL header; in v2 mode
                                         every GET needs x-aws-ec2-metadata-token (else 401)
  /s/<scenario>/container/...            any GET: checks Authorization, answers the credentials
  /s/<scenario>/sso/federation/credentials   checks x-amz-sso_bearer_token, role_name, account_id
  /s/<scenario>/oidc/token               POST refresh_token grant

Prints the port on its first stdout line; exits when stdin closes.
"""
import argparse
import json
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LOCK = threading.Lock()
CONFIG = {}
RECEIVED = {}
COUNTERS = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _body(self):
        length = int(self.headers.get("Content-Length", "0") or "0")
        return self.rfile.read(length) if length else b""

    def _send(self, status, body=b"", headers=None):
        payload = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _json(self, status, obj, headers=None):
        merged = {"Content-Type": "application/json"}
        merged.update(headers or {})
        self._send(status, json.dumps(obj), merged)

    def _handle(self):
        body = self._body()
        url = urlsplit(self.path)
        parts = url.path.strip("/").split("/")
        if parts[0] == "__control" and len(parts) == 3:
            scenario, verb = parts[1], parts[2]
            with LOCK:
                if verb == "configure":
                    CONFIG[scenario] = json.loads(body or b"{}")
                    return self._send(204)
                if verb == "requests":
                    return self._json(200, RECEIVED.get(scenario, []))
            return self._send(404, "unknown control verb")
        if parts[0] != "s" or len(parts) < 3:
            return self._send(404, "use /s/<scenario>/<service>/...")
        scenario, service, rest = parts[1], parts[2], "/".join(parts[3:])
        with LOCK:
            RECEIVED.setdefault(scenario, []).append({
                "method": self.command, "path": self.path,
                "headers": [[k, v] for k, v in self.headers.items()],
                "body": body.decode("utf-8", "replace"),
            })
            config = CONFIG.get(scenario, {})
            count = COUNTERS.get((scenario, service), 0) + 1
            COUNTERS[(scenario, service)] = count
        handler = {"imds": self._imds, "container": self._container, "sso": self._sso, "oidc": self._oidc}.get(service)
        if handler is None:
            return self._send(404, "unknown service")
        return handler(config.get(service, {}), rest, url, body, count)

    def _imds(self, config, rest, url, body, count):
        mode = config.get("mode", "v2")
        if rest == "latest/api/token":
            if self.command != "PUT":
                return self._send(405)
            if mode.startswith("token"):
                return self._send(int(mode[5:]))
            if not self.headers.get("x-aws-ec2-metadata-token-ttl-seconds"):
                return self._send(400, "missing TTL header")
            token = "imds-token-" + uuid.uuid4().hex
            with LOCK:
                config.setdefault("_tokens", []).append(token)
            return self._send(200, token, {"x-aws-ec2-metadata-token-ttl-seconds":
                                            self.headers["x-aws-ec2-metadata-token-ttl-seconds"]})
        if self.command != "GET":
            return self._send(405)
        if mode == "v2":
            with LOCK:
                valid = self.headers.get("x-aws-ec2-metadata-token") in config.get("_tokens", [])
            if not valid:
                return self._send(401, "missing or invalid token")
        if rest == "latest/meta-data/placement/region":
            return self._send(200, config.get("region", "")) if config.get("region") else self._send(404)
        prefix = "latest/meta-data/iam/security-credentials"
        role = config.get("role")
        if rest == prefix:
            return self._send(200, role) if role else self._send(404, "no role")
        if role and rest == prefix + "/" + role:
            return self._json(200, config.get("credentials", {}))
        return self._send(404)

    def _container(self, config, rest, url, body, count):
        if config.get("delay"):
            time.sleep(config["delay"])
        if count <= config.get("fail_first", 0):
            return self._send(500, "try again")
        expected = config.get("authorization")
        if expected is not None and self.headers.get("Authorization") != expected:
            return self._json(401, {"message": "bad authorization"})
        return self._json(200, config.get("credentials", {}))

    def _sso(self, config, rest, url, body, count):
        if rest != "federation/credentials" or self.command != "GET":
            return self._send(404)
        if self.headers.get("x-amz-sso_bearer_token") not in config.get("bearer", []):
            return self._json(401, {"message": "Session token not found or invalid"},
                              {"x-amzn-ErrorType": "UnauthorizedException:http://internal.amazon.com/"})
        query = parse_qs(url.query)
        if query.get("role_name") != [config.get("role_name")] or query.get("account_id") != [config.get("account_id")]:
            return self._json(403, {"message": "No access"}, {"x-amzn-ErrorType": "ForbiddenException"})
        return self._json(200, {"roleCredentials": config.get("credentials", {})})

    def _oidc(self, config, rest, url, body, count):
        if rest != "token" or self.command != "POST":
            return self._send(404)
        request = json.loads(body or b"{}")
        expected = {"grantType": "refresh_token", "clientId": config.get("client_id"),
                    "clientSecret": config.get("client_secret"), "refreshToken": config.get("refresh_token")}
        if any(request.get(k) != v for k, v in expected.items()) or config.get("status", 200) != 200:
            return self._json(config.get("status", 400) if config.get("status", 200) != 200 else 400,
                              {"error": "invalid_grant", "error_description": "refresh refused"})
        answer = {"accessToken": config["access_token"], "expiresIn": config.get("expires_in", 3600),
                  "tokenType": "Bearer"}
        if config.get("new_refresh_token"):
            answer["refreshToken"] = config["new_refresh_token"]
        return self._json(200, answer)

    do_GET = _handle
    do_PUT = _handle
    do_POST = _handle


class Server(ThreadingHTTPServer):
    # Parallel test suites open many connections at once; the default backlog of 5 resets some.
    request_queue_size = 256
    daemon_threads = True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = Server(("127.0.0.1", args.port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    main()
