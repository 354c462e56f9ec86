"""A plain-HTTP forward proxy on a free loopback port, for tests of the proxy variables.

Prints `port N` on standard output once listening; writes `proxied <METHOD> <absolute URL>` to
standard error for every request it forwards; stops when its standard input closes.

Only absolute-form requests to http:// targets on loopback are forwarded (what a client sends to
an HTTP proxy); anything else gets 400, so a client that talks to it as if it were the origin
server is noticed. Bodies are forwarded by Content-Length; the response is read whole and sent
back with its length, hop-by-hop headers left out.
"""

import http.client
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {
    "connection", "keep-alive", "proxy-connection", "proxy-authorization", "proxy-authenticate",
    "te", "trailer", "transfer-encoding", "upgrade",
}
LOG_LOCK = threading.Lock()


class ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def forward(self):
        target = urllib.parse.urlsplit(self.path)
        if target.scheme != "http" or target.hostname not in ("127.0.0.1", "localhost"):
            self.send_error(400, "not an absolute http:// URL on loopback: %s" % self.path)
            return
        with LOG_LOCK:
            sys.stderr.write("proxied %s %s\n" % (self.command, self.path))
            sys.stderr.flush()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {name: value for name, value in self.headers.items() if name.lower() not in HOP_BY_HOP}
        path = target.path or "/"
        if target.query:
            path += "?" + target.query
        upstream = http.client.HTTPConnection(target.hostname, target.port or 80, timeout=60)
        try:
            upstream.request(self.command, path, body=body, headers=headers)
            response = upstream.getresponse()
            payload = response.read()
        except OSError as error:
            self.send_error(502, "upstream failed: %s" % error)
            return
        finally:
            upstream.close()
        self.send_response(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = forward


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), ProxyHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdout.write("port %d\n" % server.server_address[1])
    sys.stdout.flush()
    sys.stdin.read()  # until the test closes it
    server.shutdown()


if __name__ == "__main__":
    main()
