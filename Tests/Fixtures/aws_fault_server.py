#!/usr/bin/env python3
"""A loopback server that answers like an AWS JSON service, following a script.

Tests queue the answers a scenario should get, send requests through the Ayame pipeline, then
read back what the server received. Scenarios are isolated by path (/s/<scenario>), so tests
can run in parallel against one server.

  POST /__control/<scenario>/queue     body: JSON list of steps, each one of
      {"status": 200, "headers": {...}, "body": "..."}    answer with this response
      {"action": "reset"}                                  close the connection without answering
      {"action": "stall", "seconds": 30}                   accept, then say nothing
      {"action": "truncate", "body": "...", "declared": N} claim N body bytes, send fewer, close
  GET  /__control/<scenario>/requests  the requests received so far (method, path, headers, body)
  anything else under /s/<scenario>    take the next step; with an empty queue, 200 "{}"

Prints the port on its first stdout line; exits when stdin closes.
"""
import argparse
import hashlib
import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
QUEUES = {}
RECEIVED = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _body(self):
        length = int(self.headers.get("Content-Length", "0") or "0")
        return self.rfile.read(length) if length else b""

    def _send(self, status, headers, body):
        payload = body.encode() if isinstance(body, str) else body
        # send_response would add its own Date; a scripted Date (clock-skew tests) must be the only one.
        self.send_response_only(status)
        if "Date" not in headers:
            self.send_header("Date", self.date_time_string())
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _handle(self):
        body = self._body()
        parts = self.path.split("?")[0].strip("/").split("/")
        if parts[0] == "__control" and len(parts) == 3:
            scenario, verb = parts[1], parts[2]
            with LOCK:
                if verb == "queue":
                    QUEUES.setdefault(scenario, []).extend(json.loads(body or b"[]"))
                    return self._send(204, {}, b"")
                if verb == "requests":
                    return self._send(200, {"Content-Type": "application/json"}, json.dumps(RECEIVED.get(scenario, [])))
            return self._send(404, {}, b"unknown control verb")
        if parts[0] != "s" or len(parts) < 2:
            return self._send(404, {}, b"use /s/<scenario>")
        scenario = parts[1]
        with LOCK:
            RECEIVED.setdefault(scenario, []).append({
                "method": self.command,
                "path": self.path,
                "headers": [[k, v] for k, v in self.headers.items()],
                "body": body.decode("utf-8", "replace"),
                "bodyLength": len(body),
                "bodySha256": hashlib.sha256(body).hexdigest(),
            })
            queue = QUEUES.get(scenario, [])
            step = queue.pop(0) if queue else {"status": 200, "body": "{}"}
        action = step.get("action")
        if action == "reset":
            self.close_connection = True
            try:
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            except OSError:
                pass
            self.connection.close()
            return
        if action == "stall":
            time.sleep(float(step.get("seconds", 30)))
            self.close_connection = True
            return
        headers = {"Content-Type": "application/x-amz-json-1.1", "x-amzn-RequestId": f"req-{scenario}-{len(RECEIVED[scenario])}"}
        if action == "truncate":
            payload = step.get("body", "").encode()
            self.send_response_only(200)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(int(step["declared"])))
            self.end_headers()
            self.wfile.write(payload)
            self.wfile.flush()
            self.close_connection = True
            return
        headers.update(step.get("headers", {}))
        self._send(int(step.get("status", 200)), headers, step.get("body", "{}"))

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle


class Server(ThreadingHTTPServer):
    # Parallel tests open many connections at once; socketserver's default backlog of 5
    # overflows and connections get reset.
    request_queue_size = 128


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = Server(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    sys.stdin.read()  # returns when the test process closes our stdin or dies
    server.shutdown()


if __name__ == "__main__":
    main()
