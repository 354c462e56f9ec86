#!/usr/bin/env python3
"""A loopback proxy that loses responses: it forwards every request unchanged (Host included, so
SigV4 signatures still verify upstream) and relays the answer, except that for the first request
with each listed X-Amz-Target it lets the upstream act and then closes the connection without
answering — the "response lost after the service acted" fault a retried create must survive.
A target written `fail:NAME` is not forwarded at all: every such request gets a 400
`ValidationException` ("injected failure"), for a step that must fail; `fail-once:NAME` fails
only the first such request and forwards the rest (a rollback's own call then succeeds).

Usage: lost_response_proxy.py UPSTREAM_URL TARGET [TARGET ...]
Prints `port N` once listening on 127.0.0.1; stops when its standard input closes.
"""
import http.client
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UPSTREAM = urllib.parse.urlsplit(sys.argv[1])
TARGETS = {name for name in sys.argv[2:] if not name.startswith(("fail:", "fail-once:"))}
FAILING = {name[len("fail:"):] for name in sys.argv[2:] if name.startswith("fail:")}
FAILING_ONCE = {name[len("fail-once:"):] for name in sys.argv[2:] if name.startswith("fail-once:")}
dropped = set()
failed_once = set()
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def _forward(self):
        length = int(self.headers.get("Content-Length", "0") or "0")
        body = self.rfile.read(length) if length else b""
        operation = self.headers.get("X-Amz-Target", "").split(".")[-1]
        fail = operation in FAILING
        if operation in FAILING_ONCE:
            with lock:
                fail = operation not in failed_once
                failed_once.add(operation)
        if fail:
            payload = b'{"__type": "ValidationException", "message": "injected failure"}'
            self.send_response(400)
            self.send_header("Content-Type", "application/x-amz-json-1.0")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            return
        connection = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=60)
        connection.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
        for name, value in self.headers.items():
            connection.putheader(name, value)
        connection.endheaders(body)
        answer = connection.getresponse()
        payload = answer.read()
        target = self.headers.get("X-Amz-Target", "").split(".")[-1]
        with lock:
            lose = target in TARGETS and target not in dropped
            if lose:
                dropped.add(target)
        if lose:
            sys.stderr.write(f"lost-response-proxy: lost the answer to {target} (HTTP {answer.status})\n")
            sys.stderr.flush()
            self.close_connection = True
            return
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"port {server.server_address[1]}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
