"""Small sites written like a county's, served on 127.0.0.1 by the tests themselves
(no other address is ever contacted)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: str = ""
    status: int = 200
    delay: float = 0.0
    charset: str = "utf-8"


@dataclass
class Site:
    routes: dict[str, Route]
    seen: list[tuple[str, str, float]] = field(default_factory=list)  # path, agent, time
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def paths(self) -> list[str]:
        return [path for path, _, _ in self.seen]


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that gave up (the slow page's timeout) is what the test wants


def serve(routes: dict[str, Route]) -> Site:
    site = Site(routes)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            site.seen.append((self.path, self.headers.get("User-Agent", ""), time.monotonic()))
            route = site.routes.get(self.path) or Route("<h1>404</h1>", status=404)
            if route.delay:
                time.sleep(route.delay)
            body = route.body.encode(route.charset)
            self.send_response(route.status)
            self.send_header("Content-Type", f"text/html; charset={route.charset}")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    site.server = QuietServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=site.server.serve_forever, daemon=True).start()
    return site


def page(title: str, *, nav: str = "", items: list[tuple[str, str, str]] = (), extra: str = ""):
    """A page of a county site: a header with the columns, a list of (date, title, href)."""
    rows = "".join(
        f'<li><a href="{href}">{text}</a><span class="date">{day}</span></li>'
        for day, text, href in items
    )
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body>"
        f"<header><nav>{nav}</nav></header><main><h1>{title}</h1>"
        f'<ul class="list">{rows}</ul>{extra}</main>'
        "<footer>主办：某某县人民政府办公室 电话：0938-1234567</footer></body></html>"
    )


def nav(columns: dict[str, str]) -> str:
    return '<a href="/">首页</a>' + "".join(
        f'<a href="{href}">{name}</a>' for name, href in columns.items()
    )
