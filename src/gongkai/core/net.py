"""The client's address: the one place the platform reads it.

Every limit (login lockout, rate limits, lookup lockouts) and every audit event
takes the address from ``client_address(request)``; no other module reads
``REMOTE_ADDR`` or ``X-Forwarded-For`` (a test checks).

``settings.PROXY_COUNT`` (``GONGKAI_PROXY_COUNT``) is the number of reverse
proxies of our own in front of the site. Each appends the address it received
the request from to ``X-Forwarded-For`` (nginx:
``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;``), so of that
header only the last N entries were written by proxies we trust; anything to
their left was sent by the client and may be forged. So:

* ``PROXY_COUNT = 0``: the socket's address (``REMOTE_ADDR``); ``X-Forwarded-For``
  is ignored entirely;
* ``PROXY_COUNT = N``: the N-th entry from the right, the address the outermost
  of our proxies saw. Entries further left are never read.

A value that is not an IP address, or a header with fewer than N entries (a
request that did not come through all our proxies), falls back to
``REMOTE_ADDR``. Addresses are normalised (``::ffff:10.0.0.1`` → ``10.0.0.1``,
IPv6 compressed) so one client is one key.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"
SOCKET_ADDRESS = "REMOTE_ADDR"


def normal_address(value: str | None) -> str | None:
    """``value`` as a normalised IP address, or None if it is not one."""
    text = (value or "").strip()
    if not text or len(text) > 64:
        return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return str(address)


def proxy_count() -> int:
    return max(int(getattr(settings, "PROXY_COUNT", 0) or 0), 0)


def client_address(request) -> str | None:
    """The address of the client that sent ``request`` (see the module's text).

    None only when not even the socket's address is a valid IP address.
    """
    if request is None:
        return None
    meta = request.META
    count = proxy_count()
    if count:
        entries = [entry.strip() for entry in str(meta.get(FORWARDED_FOR, "")).split(",")]
        entries = [entry for entry in entries if entry]
        if len(entries) >= count:
            address = normal_address(entries[-count])
            if address is not None:
                return address
    return normal_address(meta.get(SOCKET_ADDRESS))


def client_key(request) -> str:
    """``client_address`` for counting: never empty (``unknown`` when there is none)."""
    return client_address(request) or "unknown"


def same_origin(request) -> bool:
    """Did this request come from a page of this site? For a form that must not carry a
    per-visitor token (the display toggle on every stored page), so a cross-site post
    is refused by what the browser says instead: ``Sec-Fetch-Site``, else ``Origin``,
    else ``Referer``; with none of them, no."""
    from urllib.parse import urlsplit

    host = request.get_host()
    trusted = {urlsplit(origin).netloc for origin in settings.CSRF_TRUSTED_ORIGINS}
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    for header in ("Origin", "Referer"):
        value = request.headers.get(header)
        if value and value != "null":
            netloc = urlsplit(value).netloc
            return netloc == host or netloc in trusted
    return False
