#!/usr/bin/env python3
"""A loopback proxy in front of an S3 endpoint that injects faults into multipart uploads. It
forwards every request unchanged (Host included, so SigV4 signatures still verify upstream) and
relays the answer, except for UploadPart requests (PUT with partNumber and uploadId) whose part
number a rule names:

  reset:N   the first such request is read and its connection closed without an answer (a
            transient failure the client must retry); later ones pass
  deny:N    every such request gets 403 AccessDenied without reaching upstream (a lasting failure)
  hold:N    every such request is held for 60 s before it is forwarded (to cancel a transfer
            while a part is in flight)

With `--tls CERT KEY` before the upstream it listens with TLS (the certificate and key in PEM),
a loopback HTTPS endpoint in front of a plain-HTTP upstream.

Usage: s3_fault_proxy.py [--tls CERT KEY] UPSTREAM_URL [RULE ...]
Prints `port N` once listening on 127.0.0.1; logs each fault as `fault <rule> part N`, and each
PUT's payload hash as `put <X-Amz-Content-SHA256> <Content-Encoding>`, on standard error; stops
when its standard input closes.
"""
import http.client
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARGS = sys.argv[1:]
TLS = None
if ARGS[:1] == ["--tls"]:
    TLS, ARGS = (ARGS[1], ARGS[2]), ARGS[3:]
UPSTREAM = urllib.parse.urlsplit(ARGS[0])
RULES = {}
for rule in ARGS[1:]:
    kind, _, number = rule.partition(":")
    RULES[int(number)] = kind
reset_done = set()
lock = threading.Lock()

DENIED = (b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
          b'<Message>injected failure</Message><RequestId>fault-proxy</RequestId></Error>')


def log(text):
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def _part_number(self):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        if self.command != "PUT" or "uploadId" not in query or "partNumber" not in query:
            return None
        return int(query["partNumber"][0])

    def _forward(self):
        length = int(self.headers.get("Content-Length", "0") or "0")
        body = self.rfile.read(length) if length else b""
        if self.command == "PUT":
            log(f"put {self.headers.get('X-Amz-Content-SHA256', '-')} {self.headers.get('Content-Encoding', '-')}")
        part = self._part_number()
        kind = RULES.get(part) if part is not None else None
        if kind == "reset":
            with lock:
                first = part not in reset_done
                reset_done.add(part)
            if first:
                log(f"fault reset part {part}")
                self.close_connection = True
                return
        elif kind == "deny":
            log(f"fault deny part {part}")
            self.send_response(403)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(DENIED)))
            self.end_headers()
            self.wfile.write(DENIED)
            return
        elif kind == "hold":
            log(f"fault hold part {part}")
            time.sleep(60)
        connection = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=120)
        connection.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
        for name, value in self.headers.items():
            connection.putheader(name, value)
        connection.endheaders(body)
        answer = connection.getresponse()
        payload = answer.read()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(name, value)
        # A HEAD answer announces the object's length without carrying it.
        self.send_header("Content-Length", answer.getheader("Content-Length", "0") if self.command == "HEAD" else str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if TLS:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(TLS[0], TLS[1])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(f"port {server.server_address[1]}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
