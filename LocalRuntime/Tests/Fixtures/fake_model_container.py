#!/usr/bin/env python3
"""A SageMaker-style model container for the local runtime's tests.

Run as `fake_model_container.py serve`. It listens on SAGEMAKER_BIND_TO_PORT, or, when
FAKE_MODEL_FIXED_PORT is set, on that port whatever the variables say and with its model read
from /opt/ml/model, like a container written for SageMaker (which hard-codes 8080) and answers GET /ping and
POST /invocations. The model's Environment picks the behaviour:

  FAKE_MODEL_BEHAVIOUR = echo (default) | uppercase | fail | sleep | exit | noping | crash
                         | stream | mirror
  FAKE_MODEL_SLEEP_SECONDS   seconds `sleep` waits before answering (default 3)
  FAKE_MODEL_STREAM_PAUSE_SECONDS  seconds `stream` waits between pieces (default 0.2)
  FAKE_MODEL_MESSAGE         the message `fail` answers with (status 500)
  FAKE_MODEL_JOURNAL         a file every request body is appended to, one line each, so a
                             test can count how often each request reached a container
  FAKE_MODEL_JOURNAL_ATTRIBUTES  when set, the journal gets the request's custom attributes
                             instead of its body (requests that share one input stay distinct)

Every answer of echo, uppercase and sleep names the model file it read from the model directory
(`model.txt`), so tests see that the archive was unpacked where SM_MODEL_DIR (or /opt/ml/model)
says. The streaming behaviours answer with chunked transfer encoding, as a container serving
InvokeEndpointWithResponseStream does, and send the request's custom attributes back:

  stream   one chunk per whitespace-separated word of the body, FAKE_MODEL_STREAM_PAUSE_SECONDS
           apart. With `gate=<directory>` in the custom attributes, word n (from 2) waits instead
           until the file <directory>/<n> exists (up to 60 s), so a test can prove each piece
           reached it before the next was sent. The word `!break` ends the answer there by
           closing the connection without the last chunk, as a container that dies mid-stream.
  mirror   the request body byte for byte, in 64 KiB chunks, with the request's Content-Type.

Request bodies sent with chunked transfer encoding are read too; a request whose body ends
early (the client broke the connection) is neither answered nor journaled.
"""
import os
import socket
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BEHAVIOUR = os.environ.get("FAKE_MODEL_BEHAVIOUR", "echo")
FIXED_PORT = os.environ.get("FAKE_MODEL_FIXED_PORT")
MODEL_DIR = "/opt/ml/model" if FIXED_PORT else os.environ.get("SM_MODEL_DIR", "/opt/ml/model")


def model_text():
    try:
        with open(os.path.join(MODEL_DIR, "model.txt")) as handle:
            return handle.read().strip()
    except OSError as error:
        return f"no model: {error}"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        sys.stderr.write("fake-model: " + (format % args) + "\n")
        sys.stderr.flush()

    def _answer(self, status, body, content_type="text/plain"):
        payload = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self):
        if self.path != "/ping":
            return self._answer(404, "not found")
        if BEHAVIOUR == "noping":
            return self._answer(503, "never healthy")
        self._answer(200, "")

    def _request_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            pieces = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(pieces)
                piece = self.rfile.read(size)
                if len(piece) != size:
                    return None
                pieces.append(piece)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length", "0") or "0")
        body = self.rfile.read(length)
        # A client that went away mid-body sent no request: nothing is answered or journaled.
        return body if len(body) == length else None

    def _start_chunked(self, content_type):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Transfer-Encoding", "chunked")
        attributes = self.headers.get("X-Amzn-SageMaker-Custom-Attributes")
        if attributes:
            self.send_header("X-Amzn-SageMaker-Custom-Attributes", attributes)
        self.end_headers()

    def _chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def _stream_words(self, raw, attributes):
        gate = next((item[len("gate="):] for item in attributes.split(";") if item.startswith("gate=")), None)
        pause = float(os.environ.get("FAKE_MODEL_STREAM_PAUSE_SECONDS", "0.2"))
        self._start_chunked(self.headers.get("Accept") or "text/plain")
        for index, word in enumerate(raw.split(), start=1):
            if index > 1:
                if gate:
                    deadline = time.time() + 60
                    while not os.path.exists(os.path.join(gate, str(index))) and time.time() < deadline:
                        time.sleep(0.01)
                else:
                    time.sleep(pause)
            if word == b"!break":
                # Gone mid-answer: no last chunk, the connection just closes.
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self._chunk(word)
        self._chunk(b"")

    def _mirror(self, raw):
        self._start_chunked(self.headers.get("Content-Type") or "application/octet-stream")
        for offset in range(0, len(raw), 65536):
            self._chunk(raw[offset:offset + 65536])
        self._chunk(b"")

    def do_POST(self):
        if self.path != "/invocations":
            return self._answer(404, "not found")
        raw = self._request_body()
        if raw is None:
            sys.stderr.write("fake-model: the request body ended early; no answer\n")
            self.close_connection = True
            return
        body = raw.decode("utf-8", "replace")
        attributes = self.headers.get("X-Amzn-SageMaker-Custom-Attributes", "")
        journal = os.environ.get("FAKE_MODEL_JOURNAL")
        if journal:
            # One short O_APPEND write per request: lines from several instances never interleave.
            descriptor = os.open(journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            line = attributes if os.environ.get("FAKE_MODEL_JOURNAL_ATTRIBUTES") else body
            os.write(descriptor, (line + "\n").encode())
            os.close(descriptor)
        if BEHAVIOUR == "fail":
            return self._answer(500, os.environ.get("FAKE_MODEL_MESSAGE", "the model failed"))
        if BEHAVIOUR == "crash":
            sys.stderr.write("fake-model: crashing on purpose\n")
            sys.stderr.flush()
            os._exit(3)
        if BEHAVIOUR == "stream":
            return self._stream_words(raw, attributes)
        if BEHAVIOUR == "mirror":
            return self._mirror(raw)
        if BEHAVIOUR == "sleep":
            time.sleep(float(os.environ.get("FAKE_MODEL_SLEEP_SECONDS", "3")))
        text = body.upper() if BEHAVIOUR == "uppercase" else body
        answer = f"{model_text()}|{self.headers.get('Content-Type', '')}|{attributes}|{text}"
        self._answer(200, answer, self.headers.get("Accept") or "text/plain")


def main():
    if sys.argv[1:] != ["serve"]:
        sys.stderr.write(f"fake-model: expected the single argument 'serve', got {sys.argv[1:]}\n")
        return 2
    if BEHAVIOUR == "exit":
        sys.stderr.write("fake-model: exiting at start as asked (FAKE_MODEL_BEHAVIOUR=exit)\n")
        return 7
    port = int(FIXED_PORT) if FIXED_PORT else int(os.environ["SAGEMAKER_BIND_TO_PORT"])
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.request_queue_size = 256
    sys.stderr.write(f"fake-model: {BEHAVIOUR} serving on {port}, model dir {MODEL_DIR}\n")
    sys.stderr.flush()
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
