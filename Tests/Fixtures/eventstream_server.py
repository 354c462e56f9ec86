#!/usr/bin/env python3
"""A loopback SageMaker Runtime that answers InvokeEndpointWithResponseStream with real
`application/vnd.amazon.eventstream` frames, cut into chunks at awkward boundaries, and
InvokeEndpoint with streamed (chunked) answers.

  POST /endpoints/<scenario>/invocations-response-stream    answer as the scenario says:
      parts       PayloadPart events "Hel", "lo, " and the request body, then an event type the
                  model lacks (FutureEvent), then a last PayloadPart "!"
      held-<id>   one PayloadPart, then nothing until GET /release/<id>, then a second one: a
                  client that buffered the body would never see the first
      exception   one PayloadPart, then a ModelStreamError exception frame
      error-frame one PayloadPart, then an `error` frame (:error-code / :error-message)
      bad-prelude a frame whose prelude CRC is wrong
      bad-message a good frame, then one whose message CRC is wrong
      truncated   a good frame, then half a frame and the end of the body
      model-error HTTP 424 ModelError (JSON), as a failing container gets
  POST /endpoints/<scenario>/invocations                    InvokeEndpoint:
      echo        the request body back, byte for byte, in 64 KiB chunks, with the Accept header
                  as Content-Type; the custom attributes answered are the request's followed by
                  `;sha256=<X-Amz-Content-SHA256 received>;body=<SHA-256 of the body received>;
                  framing=<chunked|length>`, so a test sees what went over the wire
      held-<id>   a chunk "first", then nothing until GET /release/<id>, then "second"
      model-error HTTP 424 ModelError (JSON)
  GET /release/<id>                                          let held-<id> continue

Request bodies may be sent with Content-Length or chunked.

Frames are built with zlib's CRC-32, independently of the Swift decoder. Prints the port on its
first stdout line; exits when stdin closes.
"""
import argparse
import hashlib
import json
import struct
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RELEASES = {}
LOCK = threading.Lock()
CHUNK_SIZES = [1, 2, 3, 5, 7, 11, 13, 17, 64]


def release_event(key):
    with LOCK:
        return RELEASES.setdefault(key, threading.Event())


def header(name, value):
    encoded = name.encode()
    text = value.encode()
    return bytes([len(encoded)]) + encoded + b"\x07" + struct.pack(">H", len(text)) + text


def frame(headers, payload, corrupt_prelude=False, corrupt_message=False):
    header_bytes = b"".join(header(k, v) for k, v in headers)
    total = 12 + len(header_bytes) + len(payload) + 4
    prelude = struct.pack(">II", total, len(header_bytes))
    prelude_crc = zlib.crc32(prelude) ^ (1 if corrupt_prelude else 0)
    message = prelude + struct.pack(">I", prelude_crc) + header_bytes + payload
    message_crc = zlib.crc32(message) ^ (1 if corrupt_message else 0)
    return message + struct.pack(">I", message_crc)


def event(event_type, payload):
    return frame([(":message-type", "event"), (":event-type", event_type),
                  (":content-type", "application/octet-stream")], payload)


def chunks(data):
    """Cuts data at sizes that fall inside preludes, headers, payloads and CRCs alike."""
    out, offset, index = [], 0, 0
    while offset < len(data):
        size = CHUNK_SIZES[index % len(CHUNK_SIZES)]
        out.append(data[offset:offset + size])
        offset += size
        index += 1
    return out


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path.startswith("/release/"):
            release_event(self.path[len("/release/"):]).set()
            self._plain(200, b"released")
        else:
            self._plain(404, b"not found")

    def _request_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            pieces = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(pieces)
                pieces.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length", "0") or "0")
        return self.rfile.read(length) if length else b""

    def _invoke(self, scenario, body):
        if scenario == "model-error":
            return self._model_error()
        attributes = self.headers.get("X-Amzn-SageMaker-Custom-Attributes", "")
        framing = "chunked" if "chunked" in self.headers.get("Transfer-Encoding", "").lower() else "length"
        echoed = f"{attributes};sha256={self.headers.get('X-Amz-Content-SHA256', '')};" \
                 f"body={hashlib.sha256(body).hexdigest()};framing={framing}"
        self.send_response(200)
        self.send_header("Content-Type", self.headers.get("Accept") or "application/octet-stream")
        self.send_header("X-Amzn-Invoked-Production-Variant", "AllTraffic")
        self.send_header("X-Amzn-SageMaker-Custom-Attributes", echoed)
        self.send_header("x-amzn-RequestId", "req-invoke-" + scenario)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if scenario.startswith("held-"):
            self._chunk(b"first")
            release_event(scenario[len("held-"):]).wait(60)
            self._chunk(b"second")
        else:
            for offset in range(0, len(body), 65536):
                self._chunk(body[offset:offset + 65536])
        self._chunk(b"")

    def _model_error(self):
        payload = json.dumps({"ErrorCode": "ModelError", "Message": "the container said no", "OriginalStatusCode": 500,
                              "OriginalMessage": "no", "LogStreamArn": "arn:aws:logs:us-east-1:1:log-group:x"}).encode()
        self.send_response(424)
        self.send_header("Content-Type", "application/json")
        self.send_header("x-amzn-ErrorType", "ModelError:http://internal.amazon.com/coral/com.amazon.sagemaker/")
        self.send_header("x-amzn-RequestId", "req-model-error")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self):
        body = self._request_body()
        parts = self.path.split("/")
        if len(parts) == 4 and parts[1] == "endpoints" and parts[3] == "invocations":
            self._invoke(parts[2], body)
            return
        if len(parts) != 4 or parts[1] != "endpoints" or parts[3] != "invocations-response-stream":
            self._plain(404, b"not found")
            return
        scenario = parts[2]
        if scenario == "model-error":
            self._model_error()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.amazon.eventstream")
        self.send_header("X-Amzn-Invoked-Production-Variant", "AllTraffic")
        self.send_header("x-amzn-RequestId", "req-" + scenario)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if scenario == "parts":
            self._send(event("PayloadPart", b"Hel") + event("PayloadPart", b"lo, ") + event("PayloadPart", body)
                       + event("FutureEvent", b"{}") + event("PayloadPart", b"!"))
        elif scenario.startswith("held-"):
            self._send(event("PayloadPart", b"first"))
            release_event(scenario[len("held-"):]).wait(60)
            self._send(event("PayloadPart", b"second"))
        elif scenario == "exception":
            error = json.dumps({"Message": "the model stream broke", "ErrorCode": "ModelStreamError.Timeout"}).encode()
            self._send(event("PayloadPart", b"partial") + frame(
                [(":message-type", "exception"), (":exception-type", "ModelStreamError"),
                 (":content-type", "application/json")], error))
        elif scenario == "error-frame":
            self._send(event("PayloadPart", b"partial") + frame(
                [(":message-type", "error"), (":error-code", "InternalServerError"),
                 (":error-message", "the stream failed")], b""))
        elif scenario == "bad-prelude":
            self._send(frame([(":message-type", "event"), (":event-type", "PayloadPart")], b"x", corrupt_prelude=True))
        elif scenario == "bad-message":
            self._send(event("PayloadPart", b"ok") + frame(
                [(":message-type", "event"), (":event-type", "PayloadPart")], b"tampered", corrupt_message=True))
        elif scenario == "truncated":
            whole = event("PayloadPart", b"cut short")
            self._send(event("PayloadPart", b"ok") + whole[:len(whole) // 2])
        self._chunk(b"")

    def _send(self, data):
        for piece in chunks(data):
            self._chunk(piece)

    def _chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def _plain(self, status, body):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
