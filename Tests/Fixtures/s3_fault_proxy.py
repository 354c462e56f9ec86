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

Two rules act on GetObject answers instead:

  part-gets:SIZE    answers GetObject with partNumber=N as S3 does, for objects uploaded in parts
                    of SIZE bytes (the last one shorter): 206, the part's bytes, Content-Range,
                    x-amz-mp-parts-count, and the part's own checksum in place of the object's
                    composite one. The request still goes upstream unchanged (so its signature
                    holds); upstreams that ignore partNumber, like moto 5.2.1, send the whole
                    object, which is cut here. Logs `part-get N`.
  trickle:MS        reads every request body and writes every response body in 64 KiB pieces
                    with MS milliseconds between them, so a transfer is slow enough to be watched
                    in flight.
  corrupt-byte:OFFSET  flips the object's byte at OFFSET in every GetObject answer that carries
                    it (whole, ranged or per part), after any checksum was computed, as a
                    corruption in transit would. Logs `fault corrupt byte OFFSET`.

With `--tls CERT KEY` before the upstream it listens with TLS (the certificate and key in PEM),
a loopback HTTPS endpoint in front of a plain-HTTP upstream.

Usage: s3_fault_proxy.py [--tls CERT KEY] UPSTREAM_URL [RULE ...]
Prints `port N` once listening on 127.0.0.1; logs each fault as `fault <rule> part N`, and each
PUT's payload hash as `put <X-Amz-Content-SHA256> <Content-Encoding>`, on standard error; stops
when its standard input closes.
"""
import base64
import hashlib
import http.client
import re
import ssl
import sys
import threading
import time
import urllib.parse
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARGS = sys.argv[1:]
TLS = None
if ARGS[:1] == ["--tls"]:
    TLS, ARGS = (ARGS[1], ARGS[2]), ARGS[3:]
UPSTREAM = urllib.parse.urlsplit(ARGS[0])
RULES = {}
PART_SIZE = None
CORRUPT_OFFSETS = []
TRICKLE = None
PIECE = 64 * 1024
for rule in ARGS[1:]:
    kind, _, number = rule.partition(":")
    if kind == "part-gets":
        PART_SIZE = int(number)
    elif kind == "corrupt-byte":
        CORRUPT_OFFSETS.append(int(number))
    elif kind == "trickle":
        TRICKLE = int(number) / 1000
    else:
        RULES[int(number)] = kind
reset_done = set()
lock = threading.Lock()

DENIED = (b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
          b'<Message>injected failure</Message><RequestId>fault-proxy</RequestId></Error>')


def _crc32c_table():
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
        table.append(crc)
    return table


CRC32C_TABLE = _crc32c_table()


def crc32c(data):
    crc = 0xFFFFFFFF
    table = CRC32C_TABLE
    for byte in data:
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


CHECKSUM_HEADERS = {"x-amz-checksum-crc32", "x-amz-checksum-crc32c", "x-amz-checksum-sha1", "x-amz-checksum-sha256"}


def checksum(algorithm, data):
    """The base64 value of an x-amz-checksum-<algorithm> header."""
    if algorithm == "crc32":
        return base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()
    if algorithm == "crc32c":
        return base64.b64encode(crc32c(data).to_bytes(4, "big")).decode()
    return base64.b64encode(hashlib.new(algorithm, data).digest()).decode()


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
        body = self._read(length)
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
        status, headers = answer.status, answer.getheaders()
        if self.command == "GET" and 200 <= status < 300:
            status, headers, payload = self._shape_get(status, headers, payload)
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(name, value)
        # A HEAD answer announces the object's length without carrying it.
        self.send_header("Content-Length", answer.getheader("Content-Length", "0") if self.command == "HEAD" else str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            try:
                self._write(payload)
            except (BrokenPipeError, ConnectionResetError):
                # The client refused the answer (a whole object where it asked for a part).
                self.close_connection = True

    def _read(self, length):
        if not TRICKLE:
            return self.rfile.read(length) if length else b""
        pieces = []
        while length > 0:
            piece = self.rfile.read(min(PIECE, length))
            if not piece:
                break
            pieces.append(piece)
            length -= len(piece)
            time.sleep(TRICKLE)
        return b"".join(pieces)

    def _write(self, payload):
        if not TRICKLE:
            self.wfile.write(payload)
            return
        for start in range(0, len(payload), PIECE):
            self.wfile.write(payload[start:start + PIECE])
            self.wfile.flush()
            time.sleep(TRICKLE)

    def _shape_get(self, status, headers, payload):
        """A GetObject answer as S3 would give it under the part-gets and corrupt-byte rules."""
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        named = {name.lower(): value for name, value in headers}
        start = 0
        content_range = named.get("content-range")
        if content_range:
            start = int(re.match(r"bytes (\d+)-", content_range).group(1))
        elif PART_SIZE and "partNumber" in query:
            number = int(query["partNumber"][0])
            total = len(payload)
            count = max(1, -(-total // PART_SIZE))
            start = (number - 1) * PART_SIZE
            payload = payload[start:start + PART_SIZE]
            composite = [(name, value) for name, value in headers if name.lower() in CHECKSUM_HEADERS]
            headers = [(name, value) for name, value in headers
                       if name.lower() not in CHECKSUM_HEADERS | {"x-amz-checksum-type", "content-range"}]
            for name, _ in composite:
                headers.append((name, checksum(name.lower()[len("x-amz-checksum-"):], payload)))
            if composite:
                headers.append(("x-amz-checksum-type", "COMPOSITE"))
            headers.append(("Content-Range", f"bytes {start}-{start + len(payload) - 1}/{total}"))
            headers.append(("x-amz-mp-parts-count", str(count)))
            status = 206
            log(f"part-get {number}")
        for offset in CORRUPT_OFFSETS:
            if start <= offset < start + len(payload):
                corrupted = bytearray(payload)
                corrupted[offset - start] ^= 0xFF
                payload = bytes(corrupted)
                log(f"fault corrupt byte {offset}")
        return status, headers, payload

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
