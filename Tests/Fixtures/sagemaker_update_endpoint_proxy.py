#!/usr/bin/env python3
"""A loopback proxy in front of moto that adds the one SageMaker call moto 5.2.1 lacks:
UpdateEndpoint.

Every request is forwarded to moto byte for byte (headers included, so moto still verifies the
SigV4 signature against the Host the client signed). `SageMaker.UpdateEndpoint` is answered here:
the proxy remembers the endpoint's new configuration and writes it into later DescribeEndpoint
answers for that endpoint, which is all a client can observe of an update. The endpoint must
exist in moto (checked with a forwarded DescribeEndpoint).

Usage: sagemaker_update_endpoint_proxy.py --upstream http://127.0.0.1:PORT --port 0
Prints its port on the first stdout line; exits when stdin closes.
"""
import argparse
import http.client
import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
CONFIGS = {}  # endpoint name -> endpoint config name set by UpdateEndpoint
UPSTREAM = None


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _forward(self, body, target_override=None):
        connection = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=60)
        headers = {name: value for name, value in self.headers.items()}
        if target_override is not None:
            headers["X-Amz-Target"] = target_override
        connection.request(self.command, self.path, body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        result = (response.status, response.getheaders(), payload)
        connection.close()
        return result

    def _answer(self, status, headers, payload):
        self.send_response_only(status)
        for name, value in headers:
            if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _handle(self):
        length = int(self.headers.get("Content-Length", "0") or "0")
        body = self.rfile.read(length) if length else b""
        target = self.headers.get("X-Amz-Target", "")
        if target == "SageMaker.UpdateEndpoint":
            request = json.loads(body or b"{}")
            name, config = request.get("EndpointName"), request.get("EndpointConfigName")
            status, headers, payload = self._forward(body)  # a 500 from moto: only the signature check matters
            if status in (401, 403):
                return self._answer(status, headers, payload)
            with LOCK:
                CONFIGS[name] = config
            region = self.headers.get("Authorization", "").split("/")[2] if "/" in self.headers.get("Authorization", "") else "us-east-1"
            arn = f"arn:aws:sagemaker:{region}:123456789012:endpoint/{name.lower()}"
            answer = json.dumps({"EndpointArn": arn}).encode()
            return self._answer(200, [("Content-Type", "application/x-amz-json-1.1")], answer)
        status, headers, payload = self._forward(body)
        if target == "SageMaker.DescribeEndpoint" and status == 200:
            document = json.loads(payload)
            with LOCK:
                override = CONFIGS.get(document.get("EndpointName"))
            if override:
                document["EndpointConfigName"] = override
                payload = json.dumps(document).encode()
        if target == "SageMaker.DeleteEndpoint" and status == 200:
            with LOCK:
                CONFIGS.pop(json.loads(body or b"{}").get("EndpointName"), None)
        self._answer(status, headers, payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle


def main():
    global UPSTREAM
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    UPSTREAM = urllib.parse.urlparse(args.upstream)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Proxy)
    server.daemon_threads = True
    server.request_queue_size = 128
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
