"""Behind a real reverse proxy: nginx in front of the live server.

nginx (Debian's ``nginx-light`` in CI; ``/usr/sbin/nginx``) runs as an
unprivileged child process with a configuration of its own in a temporary
directory, appending the address it received each request from to
``X-Forwarded-For`` as the documentation recommends. Two clients connect to it
from distinct loopback addresses (127.0.0.2, 127.0.0.3), each sending an
``X-Forwarded-For`` that forges the other's address. With
``GONGKAI_PROXY_COUNT=1`` they must be told apart by their real addresses:
the lookup lockout and the login lockout of one never touch the other, and
the audit trail records the real address, never the forged one. With
``GONGKAI_PROXY_COUNT=0`` every request is the proxy's, whatever it forges.
"""

from __future__ import annotations

import http.client
import json
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest

from gongkai.audit.models import AuditEvent

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
A, B = "127.0.0.2", "127.0.0.3"
PASSWORD = "Gongkai-Test-2026"

CONFIG = """
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_set_header Host localhost;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def nginx(live_server, tmp_path):
    if not Path(NGINX).exists():
        pytest.skip(f"{NGINX} is missing: the proxy tests need nginx (apt-get install nginx-light)")
    port, upstream = _free_port(), urlparse(live_server.url).port
    config = tmp_path / "nginx.conf"
    config.write_text(CONFIG.format(tmp=tmp_path, port=port, upstream=upstream))
    process = subprocess.Popen(
        [NGINX, "-p", str(tmp_path), "-c", str(config), "-e", str(tmp_path / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                error = process.stderr.read().decode(errors="replace")
                log = (
                    (tmp_path / "error.log").read_text()
                    if (tmp_path / "error.log").exists()
                    else ""
                )
                pytest.fail(f"nginx did not start: {error}{log}")
            time.sleep(0.05)
    yield port
    process.terminate()
    process.wait(timeout=10)


class Browser:
    """A client at one loopback address, talking to nginx, forging X-Forwarded-For."""

    def __init__(self, port: int, source: str, forged: str):
        self.port, self.source, self.forged = port, source, forged
        self.cookies: dict[str, str] = {}

    def send(self, method: str, path: str, body: bytes = b"", headers=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.source, 0)
        )
        all_headers = {"X-Forwarded-For": self.forged, **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        connection.close()
        return response.status, dict(response.getheaders()), content

    def api(self, path: str, payload: dict):
        body = json.dumps(payload, ensure_ascii=False).encode()
        status, _headers, content = self.send(
            "POST", path, body, {"Content-Type": "application/json"}
        )
        return status, json.loads(content or b"{}")

    def log_in(self, username: str, password: str) -> int:
        _status, _headers, page = self.send("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urlencode(
            {"csrfmiddlewaretoken": token.decode(), "username": username, "password": password}
        ).encode()
        status, _headers, _content = self.send(
            "POST",
            "/accounts/login/",
            form,
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        return status


@pytest.fixture
def clients(nginx):
    # each forges the other's address in the header nginx appends to
    return Browser(nginx, A, forged=B), Browser(nginx, B, forged=A)


def test_lookup_lockout_tells_the_clients_apart_by_their_real_addresses(clients, world, settings):
    from gongkai.applications import services
    from gongkai.applications.tests.helpers import applicant_data

    settings.PROXY_COUNT = 1
    settings.APPLICATION_LOOKUP_FAILURE_LIMIT = 5
    guesser, owner = clients
    submission = services.submit_online(applicant_data(world.finance))
    number = submission.application.tracking_number
    lookup = "/api/v1/applications/lookup"
    statuses = [
        guesser.api(lookup, {"tracking_number": number, "password": f"WRONG{n:03d}"})[0]
        for n in range(6)
    ]
    assert statuses == [404, 404, 404, 404, 429, 429]
    # the guesser is refused even with the right password; the owner, whose address the
    # guesser forged, gets in from the owner's own address
    assert (
        guesser.api(lookup, {"tracking_number": number, "password": submission.password})[0] == 429
    )
    status, body = owner.api(lookup, {"tracking_number": number, "password": submission.password})
    assert status == 200, body
    assert body["tracking_number"] == number


def test_login_lockout_and_audit_trail_use_the_real_address(clients, world, settings):
    settings.PROXY_COUNT = 1
    guesser, owner = clients
    for _ in range(5):
        guesser.log_in("handler_finance", "wrong-password")
    assert guesser.log_in("handler_finance", PASSWORD) == 429  # locked from A
    assert owner.log_in("handler_finance", PASSWORD) == 302  # not from B
    addresses = {
        action: set(AuditEvent.objects.filter(action=action).values_list("ip", flat=True))
        for action in ("accounts.login_failed", "accounts.locked_out", "accounts.login")
    }
    assert addresses == {
        "accounts.login_failed": {A},
        "accounts.locked_out": {A},
        "accounts.login": {B},
    }


def test_without_a_proxy_count_the_header_is_ignored(clients, world, settings):
    settings.PROXY_COUNT = 0
    guesser, _owner = clients
    guesser.log_in("handler_finance", "wrong-password")
    event = AuditEvent.objects.get(action="accounts.login_failed")
    assert event.ip == "127.0.0.1"  # nginx's address: nothing the client wrote is used
