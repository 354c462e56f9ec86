#!/usr/bin/env python3
"""A minimal S3-compatible sink and source for `ayame-bench transfer`, on loopback.

Uploads (PutObject, UploadPart, in any framing: Content-Length, chunked transfer encoding,
aws-chunked inside either) are read and thrown away; only their sizes are remembered. Downloads
serve an object of the remembered size filled with a fixed pattern, ranges included. No
signature is checked and no body is decoded: the point is to measure the client, so the server
does as little as it can.

Usage: s3_sink_server.py      prints `port N` once listening on 127.0.0.1; stops when standard
input closes.
"""
import sys
import threading
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BLOCK = bytes(range(256)) * 4096  # 1 MiB
LAST_MODIFIED = "Wed, 02 Dec 2026 00:00:00 GMT"
sizes = {}
uploads = {}
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def _drain(self):
        """Reads and discards the body; returns its length on the wire."""
        total = 0
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return total
                remaining = size
                while remaining:
                    got = len(self.rfile.read(min(remaining, 1 << 20)))
                    if got == 0:
                        return total
                    remaining -= got
                total += size
                self.rfile.readline()
        remaining = int(self.headers.get("Content-Length", "0") or "0")
        while remaining:
            got = len(self.rfile.read(min(remaining, 1 << 20)))
            if got == 0:
                break
            remaining -= got
            total += got
        return total

    def _reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _target(self):
        parts = urllib.parse.urlsplit(self.path)
        return parts.path, urllib.parse.parse_qs(parts.query, keep_blank_values=True)

    def _decoded_size(self, wire):
        declared = self.headers.get("x-amz-decoded-content-length")
        return int(declared) if declared else wire

    def do_PUT(self):
        path, query = self._target()
        wire = self._drain()
        size = self._decoded_size(wire)
        if "uploadId" in query:
            with lock:
                uploads.setdefault(query["uploadId"][0], {})[int(query["partNumber"][0])] = size
        else:
            with lock:
                sizes[path] = size
        self._reply(200, headers=[("ETag", '"%s"' % uuid.uuid4().hex)])

    def do_POST(self):
        path, query = self._target()
        self._drain()
        if "uploads" in query:
            upload = uuid.uuid4().hex
            body = ("<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>%s</UploadId>"
                    "</InitiateMultipartUploadResult>" % upload).encode()
            self._reply(200, body, [("Content-Type", "application/xml")])
        elif "uploadId" in query:
            with lock:
                parts = uploads.pop(query["uploadId"][0], {})
                sizes[path] = sum(parts.values())
            body = ('<CompleteMultipartUploadResult><ETag>"%s-%d"</ETag></CompleteMultipartUploadResult>'
                    % (uuid.uuid4().hex, len(parts))).encode()
            self._reply(200, body, [("Content-Type", "application/xml")])
        else:
            self._reply(400)

    def do_DELETE(self):
        self._reply(204)

    def do_HEAD(self):
        path, _ = self._target()
        with lock:
            size = sizes.get(path)
        if size is None:
            self._reply(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(size))
        self.send_header("ETag", '"bench"')
        self.send_header("Last-Modified", LAST_MODIFIED)
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()

    def do_GET(self):
        path, query = self._target()
        if "list-type" in query or path.count("/") <= 1:
            self._reply(200, b"<ListBucketResult></ListBucketResult>", [("Content-Type", "application/xml")])
            return
        with lock:
            size = sizes.get(path)
        if size is None:
            self._reply(404, b"<Error><Code>NoSuchKey</Code></Error>")
            return
        start, end, status = 0, size - 1, 200
        wanted = self.headers.get("Range")
        if wanted and wanted.startswith("bytes="):
            first, _, last = wanted[6:].partition("-")
            start = int(first)
            end = min(int(last), size - 1) if last else size - 1
            status = 206
        length = max(0, end - start + 1)
        self.send_response(status)
        self.send_header("Content-Length", str(length))
        self.send_header("ETag", '"bench"')
        self.send_header("Last-Modified", LAST_MODIFIED)
        if status == 206:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, end, size))
        self.end_headers()
        view = memoryview(BLOCK)
        while length:
            piece = min(length, len(BLOCK))
            self.wfile.write(view[:piece])
            length -= piece


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"port {server.server_address[1]}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
