"""A polite fetcher for inspecting sites outside the platform.

It says who it is (``USER_AGENT``, ASCII as HTTP headers must be), asks each host's robots.txt first and keeps out
of what it disallows, waits ``min_interval`` seconds between two requests to the
same host, reads at most ``MAX_BYTES`` of a page, and gives up after ``timeout``
seconds (the indicators' 15). Nothing here raises for a site's failure: every
request gives a ``Fetched`` with its status (None: no answer), time and error.
"""

from __future__ import annotations

import re
import threading
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urlsplit

USER_AGENT = "gongkai-inspector/1.0 (government website inspection)"
MAX_BYTES = 2_000_000
CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([a-zA-Z0-9_-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int | None  # None: no answer (refused, timed out, not allowed)
    seconds: float
    text: str = ""
    error: str = ""
    allowed: bool = True  # False: robots.txt keeps us out (not fetched)


def _decode(body: bytes, header_charset: str | None) -> str:
    """Chinese sites declare GBK or GB2312 in a header or a meta tag, or nothing."""
    found = CHARSET.search(body[:4096])
    for charset in (header_charset, found.group(1).decode() if found else None, "utf-8"):
        if not charset:
            continue
        name = charset.lower()
        if name in ("gb2312", "gbk"):
            name = "gb18030"  # their superset: what the pages really hold
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("gb18030", errors="replace")


class Fetcher:
    def __init__(
        self,
        *,
        min_interval: float = 1.0,
        timeout: float = 15.0,
        user_agent: str = USER_AGENT,
        respect_robots: bool = True,
    ):
        self.min_interval = min_interval
        self.timeout = timeout
        self.user_agent = user_agent
        self.respect_robots = respect_robots
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()
        self.requests: list[str] = []  # every URL asked, in order (for reports and tests)

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            last = self._last.get(host)
            now = time.monotonic()
            if last is not None and now - last < self.min_interval:
                time.sleep(self.min_interval - (now - last))
            self._last[host] = time.monotonic()

    def _raw(self, url: str) -> Fetched:
        host = urlsplit(url).netloc
        self._wait_turn(host)
        self.requests.append(url)
        if urlsplit(url).scheme not in ("http", "https"):
            return Fetched(url, None, 0.0, error="只检查 http 和 https 地址", allowed=False)
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent})  # noqa: S310 (checked above)
        began = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (checked above)
                body = response.read(MAX_BYTES)
                charset = response.headers.get_content_charset()
                return Fetched(
                    url, response.status, time.monotonic() - began, _decode(body, charset)
                )
        except urllib.error.HTTPError as error:
            return Fetched(url, error.code, time.monotonic() - began, error=f"HTTP {error.code}")
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            reason = getattr(error, "reason", error)
            return Fetched(url, None, time.monotonic() - began, error=str(reason))

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self._robots:
            got = self._raw(f"{key}/robots.txt")
            parser = None
            if got.status == 200:
                parser = urllib.robotparser.RobotFileParser()
                parser.parse(got.text.splitlines())
            self._robots[key] = parser  # none (404, error): everything is allowed
        return self._robots[key]

    def allowed(self, url: str) -> bool:
        if not self.respect_robots:
            return True
        parser = self._robots_for(url)
        return parser is None or parser.can_fetch(self.user_agent, url)

    def get(self, url: str) -> Fetched:
        if urlsplit(url).scheme not in ("http", "https"):
            return Fetched(url, None, 0.0, error="只检查 http 和 https 地址", allowed=False)
        if not self.allowed(url):
            return Fetched(url, None, 0.0, error="robots.txt 不允许访问", allowed=False)
        return self._raw(url)
