"""A loopback HTTP proxy in front of the real store that injects faults on demand.

Used only for fault injection (a dropped response, a 503, garbage, a slow peer); everything
else in the tests talks to the real store. A rule sees each request and returns an action:
"pass", "drop" (close without answering), "forward_then_drop" (the store does the work, the
answer is lost), "status:NNN", "garbage", "cut" (the answer streamed, then cut off midway,
as when the store fails in the middle of a page), "sleep:SECONDS" (then pass), "hold_request"
(wait for ``release`` before forwarding) and "hold_answer" (forward, then wait for
``release`` before answering); ``held`` is set when a hold is reached, so a test can kill the
client exactly there.
"""

from __future__ import annotations

import http.client
import ssl
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

# (method, path, n-th request) -> action, or a function that rewrites the store's answer
Rule = Callable[[str, str, int], "str | Callable[[bytes], bytes]"]


class FaultProxy:
    """``tls=(certfile, keyfile)`` serves HTTPS; requests in absolute form (as clients send
    them to a forward proxy) are forwarded too, so it also stands in for a QGIS proxy."""

    def __init__(self, upstream: str, tls: tuple[str, str] | None = None) -> None:
        self.upstream = urlsplit(upstream)
        self.rule: Rule = lambda method, path, n: "pass"
        self.requests: list[tuple[str, str, str]] = []  # (method, path, action)
        self.held = threading.Event()
        self.release = threading.Event()
        self.drop_held = False  # after release: drop the held exchange instead of going on
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output clean
                pass

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                n = len(proxy.requests)
                target = self.path
                if target.startswith("http://"):  # forward-proxy form
                    parts = urlsplit(target)
                    self.path = parts.path + (f"?{parts.query}" if parts.query else "")
                action = proxy.rule(self.command, self.path, n)
                proxy.requests.append((self.command, target, str(action)))
                if callable(action):
                    status, headers, answer = proxy.forward(
                        self.command, self.path, dict(self.headers), body
                    )
                    return self._reply(status, action(answer), headers)
                if action == "hold_request":
                    proxy.held.set()
                    proxy.release.wait(120)
                    action = "drop" if proxy.drop_held else "pass"
                if action.startswith("sleep:"):
                    time.sleep(float(action.split(":", 1)[1]))
                    action = "pass"
                if action == "drop":
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if action.startswith("status:"):
                    return self._reply(
                        int(action.split(":")[1]),
                        b'{"error": {"code": "injected", "message": "injected fault"}}',
                    )
                if action == "garbage":
                    return self._reply(200, b'{"type": "FeatureCollection", "features": [')
                status, headers, answer = proxy.forward(
                    self.command, self.path, dict(self.headers), body
                )
                if action == "hold_answer":
                    proxy.held.set()
                    proxy.release.wait(120)
                    if proxy.drop_held:
                        action = "forward_then_drop"
                if action == "cut":
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    half = answer[: len(answer) // 2]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(half), half))
                    action = "forward_then_drop"
                if action == "forward_then_drop":
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                self._reply(status, answer, headers)

            def _reply(self, status, body, headers=None):
                self.send_response(status)
                for key, value in (headers or {}).items():
                    if key.lower() not in (
                        "content-length",
                        "transfer-encoding",
                        "connection",
                        "date",
                        "server",
                    ):
                        self.send_header(key, value)
                if not headers:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        scheme = "http"
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def forward(self, method: str, path: str, headers: dict, body: bytes):
        conn = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=60)
        headers = {k: v for k, v in headers.items() if k.lower() != "host"}
        conn.request(method, path, body=body or None, headers=headers)
        resp = conn.getresponse()
        answer = resp.read()
        conn.close()
        return resp.status, dict(resp.getheaders()), answer

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
