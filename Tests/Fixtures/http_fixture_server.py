#!/usr/bin/env python3
"""Loopback HTTP/1.1 fixture server for the AyameHTTP tests and benchmarks.

Prints the port it listens on as its first stdout line and exits when its stdin closes, so
it never outlives the process that started it. Standard library only.
"""
import argparse
import hashlib
import json
import os
import random
import select
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

BLOCK = random.Random(1234).randbytes(1 << 20)
_digests = {}
_lock = threading.Lock()
_next_connection = [0]
_closed_connections = set()
_events = {}


def large_block(index):
    # Each MiB differs in its first 8 bytes, so misordered blocks change the digest.
    return struct.pack("<Q", index) + BLOCK[8:]


def large_body_chunks(size):
    index = 0
    remaining = size
    while remaining > 0:
        block = large_block(index)[: min(remaining, len(BLOCK))]
        yield block
        remaining -= len(block)
        index += 1


def large_body_digest(size):
    with _lock:
        if size in _digests:
            return _digests[size]
    digest = hashlib.sha256()
    for block in large_body_chunks(size):
        digest.update(block)
    with _lock:
        _digests[size] = digest.hexdigest()
    return _digests[size]


def record(tag, event):
    if tag:
        with _lock:
            _events.setdefault(tag, set()).add(event)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle on, the body waits for the
    # client's delayed ACK (about 40 ms per request).
    disable_nagle_algorithm = True

    def log_message(self, format, *args):
        pass

    def setup(self):
        super().setup()
        with _lock:
            _next_connection[0] += 1
            self.connection_id = _next_connection[0]
        self.requests_on_connection = 0

    def finish(self):
        try:
            super().finish()
        finally:
            with _lock:
                _closed_connections.add(self.connection_id)

    # -- helpers ---------------------------------------------------------------

    def read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts = []
            while True:
                line = self.rfile.readline()
                if not line:
                    raise ConnectionAbortedError("client went away mid-body")
                size = int(line.split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length", "0") or "0")
        return self.rfile.read(length) if length else b""

    def send_json(self, payload, status=200):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def wait_for_client_close(self, limit=120):
        sock = self.connection
        deadline = time.time() + limit
        while time.time() < deadline:
            readable, _, _ = select.select([sock], [], [], 0.1)
            if readable:
                try:
                    if not sock.recv(65536):
                        return
                except OSError:
                    return
        self.close_connection = True

    # -- routing ---------------------------------------------------------------

    def handle_any(self):
        self.requests_on_connection += 1
        url = urlsplit(self.path)
        query = {key: values[-1] for key, values in parse_qs(url.query).items()}
        route = getattr(self, "route_" + url.path.strip("/").replace("-", "_"), None)
        if route is None:
            self.read_body()
            self.send_json({"error": "no route " + url.path}, status=404)
            return
        try:
            route(query)
        except (OSError, ValueError):
            # Clients that abort mid-request are part of the tests, not server errors.
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = handle_any

    def route_echo(self, query):
        body = self.read_body()
        self.send_json({
            "method": self.command,
            "path": self.path,
            "headers": [[name, value] for name, value in self.headers.items()],
            "body_sha256": hashlib.sha256(body).hexdigest(),
            "body_length": len(body),
            "chunked": "chunked" in self.headers.get("Transfer-Encoding", "").lower(),
            "connection_id": self.connection_id,
        })

    route_upload = route_echo

    def route_conn(self, query):
        self.read_body()
        self.send_json({
            "connection_id": self.connection_id,
            "client_port": self.client_address[1],
            "requests_on_connection": self.requests_on_connection,
        })

    def route_connection_closed(self, query):
        with _lock:
            closed = int(query.get("id", "0")) in _closed_connections
        self.send_json({"closed": closed})

    def route_events(self, query):
        with _lock:
            events = sorted(_events.get(query.get("tag", ""), set()))
        self.send_json({"events": events})

    def route_status(self, query):
        self.read_body()
        body = query.get("body", "status body").encode()
        self.send_response(int(query.get("code", "200")))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def route_multi_header(self, query):
        self.read_body()
        self.send_response(200)
        self.send_header("X-Multi", "first")
        self.send_header("X-Other", "middle")
        self.send_header("X-Multi", "second")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route_chunked(self, query):
        self.read_body()
        count, size = int(query.get("count", "5")), int(query.get("size", "1000"))
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for index in range(count):
            chunk = bytes([index % 256]) * size
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")

    def route_slow(self, query):
        self.read_body()
        count, size = int(query.get("count", "10")), int(query.get("size", "100"))
        delay = int(query.get("delay_ms", "50")) / 1000
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            for index in range(count):
                chunk = bytes([index % 256]) * size
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.flush()
                time.sleep(delay)
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            self.close_connection = True

    def route_abort(self, query):
        self.read_body()
        declared, sent = int(query.get("declared", "100000")), int(query.get("send", "1000"))
        self.send_response(200)
        self.send_header("Content-Length", str(declared))
        self.end_headers()
        self.wfile.write(b"x" * sent)
        self.wfile.flush()
        if query.get("reset") == "1":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        else:
            self.connection.shutdown(socket.SHUT_RDWR)
        self.close_connection = True

    def route_stall(self, query):
        tag = query.get("tag", "")
        self.read_body()
        record(tag, "started")
        self.wait_for_client_close()
        record(tag, "closed")
        self.close_connection = True

    def route_stall_body(self, query):
        tag = query.get("tag", "")
        self.read_body()
        self.send_response(200)
        self.send_header("Content-Length", "1000000")
        self.end_headers()
        self.wfile.write(b"y" * int(query.get("send", "100")))
        self.wfile.flush()
        record(tag, "started")
        self.wait_for_client_close()
        record(tag, "closed")
        self.close_connection = True

    def route_large(self, query):
        self.read_body()
        size = int(query.get("size", str(64 << 20)))
        self.send_response(200)
        self.send_header("Content-Length", str(size))
        self.send_header("X-Body-Sha256", large_body_digest(size))
        self.end_headers()
        if self.command == "HEAD":
            return
        try:
            for block in large_body_chunks(size):
                self.wfile.write(block)
        except OSError:
            self.close_connection = True

    def route_redirect(self, query):
        self.read_body()
        self.send_response(int(query.get("status", "307")))
        self.send_header("Location", query.get("to", "/echo"))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route_status_line(self, query):
        # Writes the status line exactly as given (which BaseHTTPRequestHandler would not).
        self.read_body()
        line = query.get("line", "HTTP/1.1 200 OK").encode("latin-1")
        self.wfile.write(line + b"\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
        self.wfile.flush()
        self.close_connection = True

    def route_ok(self, query):
        self.read_body()
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024


def exit_when_stdin_closes():
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        os._exit(0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--no-stdin-watch", action="store_true")
    arguments = parser.parse_args()
    server = Server(("127.0.0.1", arguments.port), Handler)
    print(server.server_address[1], flush=True)
    if not arguments.no_stdin_watch:
        threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
