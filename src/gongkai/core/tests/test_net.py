"""gongkai.core.net.client_address: the one reader of the client's address."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import RequestFactory

from gongkai.core.net import client_address, client_key

SRC = Path(__file__).resolve().parents[2]  # src/gongkai


def request(remote="127.0.0.1", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(
    ("count", "remote", "forwarded", "expected"),
    [
        # no proxy: the socket's address; whatever the client writes is ignored
        (0, "198.51.100.7", "10.0.0.1", "198.51.100.7"),
        (0, "198.51.100.7", None, "198.51.100.7"),
        # one proxy: the entry it appended, never the client's forged ones to its left
        (1, "127.0.0.1", "198.51.100.7", "198.51.100.7"),
        (1, "127.0.0.1", "10.0.0.1, 198.51.100.7", "198.51.100.7"),
        (1, "127.0.0.1", "10.0.0.1,10.0.0.2 ,  198.51.100.7", "198.51.100.7"),
        # two proxies (a load balancer, then nginx): second from the right
        (2, "127.0.0.1", "10.0.0.1, 198.51.100.7, 172.16.0.2", "198.51.100.7"),
        # fewer entries than proxies: not through all of ours, the socket's address
        (2, "127.0.0.1", "198.51.100.7", "127.0.0.1"),
        (1, "127.0.0.1", None, "127.0.0.1"),
        (1, "127.0.0.1", "", "127.0.0.1"),
        # not an address: the socket's address
        (1, "127.0.0.1", "10.0.0.1, evil<script>", "127.0.0.1"),
        (1, "127.0.0.1", "10.0.0.1, 198.51.100.7:4431", "127.0.0.1"),
        (1, "127.0.0.1", "unknown", "127.0.0.1"),
        # normalised: one client, one key
        (1, "127.0.0.1", "::ffff:198.51.100.7", "198.51.100.7"),
        (1, "127.0.0.1", "2001:DB8:0:0::1", "2001:db8::1"),
        (0, "::ffff:10.1.2.3", None, "10.1.2.3"),
    ],
)
def test_client_address(settings, count, remote, forwarded, expected):
    settings.PROXY_COUNT = count
    assert client_address(request(remote, forwarded)) == expected


def test_no_valid_address_at_all(settings):
    settings.PROXY_COUNT = 1
    assert client_address(request("", "nonsense")) is None
    assert client_key(request("", "nonsense")) == "unknown"
    assert client_address(None) is None


def test_axes_and_the_audit_trail_use_it(settings):
    from axes.helpers import get_client_ip_address

    from gongkai.audit.services import client_ip

    settings.PROXY_COUNT = 1
    forged = request("127.0.0.1", "10.0.0.1, 198.51.100.7")
    assert settings.AXES_CLIENT_IP_CALLABLE == "gongkai.core.net.client_address"
    assert get_client_ip_address(forged) == "198.51.100.7"
    assert client_ip(forged) == "198.51.100.7"


READS = re.compile(r"REMOTE_ADDR|X[-_]FORWARDED[-_]FOR|ipware|get_client_ip", re.IGNORECASE)


def test_no_other_module_reads_the_address():
    """Every limit and every audit event takes the address from client_address: a module
    reading REMOTE_ADDR or X-Forwarded-For itself would count behind the proxy wrongly."""
    allowed = {SRC / "core" / "net.py"}
    readers = [
        f"{path.relative_to(SRC)}:{number}: {line.strip()}"
        for path in sorted(SRC.rglob("*.py"))
        if path not in allowed
        and "tests" not in path.relative_to(SRC).parts
        and path.relative_to(SRC).parts[0] != "testing"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if READS.search(line.split("#")[0]) and "AXES_CLIENT_IP_CALLABLE" not in line
    ]
    assert readers == []
