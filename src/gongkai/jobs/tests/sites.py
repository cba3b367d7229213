"""Real sites in subprocesses: ``gongkai serve`` on a free port, its own VAR dir and database.

The database is an SQLite file (several processes share it), copied from one
migrated template per test session so each site starts from a fresh, migrated
database in a fraction of a second. Subprocesses run at the real time, not
the test run's frozen instant.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path


def base_env(var: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GONGKAI_", "DJANGO_SETTINGS"))
    }
    env.update(
        {
            "GONGKAI_ENV": "development",
            "GONGKAI_VAR_DIR": str(var),
            "GONGKAI_DATABASE_URL": f"sqlite:///{var / 'gongkai.sqlite3'}",
            "GONGKAI_LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


def migrate_template(var: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "gongkai", "migrate", "--noinput", "-v", "0"],
        env=base_env(var),
        check=True,
        timeout=300,
    )
    return var / "gongkai.sqlite3"


def new_site(template: Path, var: Path, **extra: str) -> dict[str, str]:
    """A VAR dir holding a copy of the migrated template database; the site's environment."""
    var.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(template)
    target = sqlite3.connect(var / "gongkai.sqlite3")
    with target:
        source.backup(target)
    source.close()
    target.close()
    return base_env(var, **extra)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Serve:
    """A running ``gongkai serve``; its standard error collected line by line."""

    process: subprocess.Popen
    port: int
    web_pid: int
    worker_pid: int
    stderr: list[str] = field(default_factory=list)

    @classmethod
    def start(cls, env: dict[str, str]) -> Serve:
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "gongkai", "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        banner = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in banner, banner
        web_pid, worker_pid = (
            int(part.split()[-1]) for part in banner.split("（", 1)[1].rstrip("）\n").split("，")
        )
        serve = cls(process, port, web_pid, worker_pid)
        threading.Thread(target=serve._read_stderr, daemon=True).start()
        return serve

    def _read_stderr(self) -> None:
        for line in self.process.stderr:
            self.stderr.append(line)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self, timeout: float = 60) -> tuple[int, str]:
        """SIGTERM, wait; the return code and what it wrote on standard output."""
        import signal

        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            out, _ = self.process.communicate(timeout=timeout)
        finally:
            self.process.kill()
        return self.process.returncode, out or ""

    def wait_for_stderr(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.stderr):
                if text in line:
                    return line
            time.sleep(0.1)
        raise AssertionError(f"serve never wrote {text!r}; it wrote: {''.join(self.stderr)}")


def get(url: str, timeout: float = 5):
    """(status, headers) of a GET; an HTTP error status is an answer too."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def wait_for_http(url: str, timeout: float = 30) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return get(url, timeout=2)[0]
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the web server did not answer")


class Prober:
    """Asks the site every ``every`` seconds in a thread; every answer kept (status or error)."""

    def __init__(self, urls: list[str], every: float = 0.25):
        self.urls = urls
        self.every = every
        self.answers: list[tuple[str, object]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Prober:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.is_set():
            for url in self.urls:
                try:
                    self.answers.append((url, get(url)[0]))
                except OSError as error:
                    self.answers.append((url, repr(error)))
            self._stop.wait(self.every)

    def failures(self) -> list[tuple[str, object]]:
        return [(url, answer) for url, answer in self.answers if answer != 200]


def is_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False
