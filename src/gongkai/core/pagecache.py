"""The whole-page cache of the public site: anonymous GETs served as stored pages.

A page is stored under its URL, the visitor's display mode (larger text, high
contrast) and the **content version**, a number that every change the public can
see moves on ("bumps"): publishing, withdrawing or correcting an item, a reply
published, a consultation's feedback, reference data. A bump makes every stored
page old at once, on every process, because the version lives in the same shared
store as the pages: the ``pages`` cache, a directory under ``var/`` on the
embedded default and Redis when ``GONGKAI_CACHE_URL`` names one.

What is never stored, by construction rather than by a list of views:

* a request with a session or a message waiting (a citizen following their
  application, a signed-in member of staff), or not GET/HEAD;
* a response that is not 200, sets a cookie, used a CSRF token (it holds a form
  whose token is per visitor), or says ``private`` / ``no-store`` / ``no-cache``;
* anything under the staff sites, the API and the static files.

Stored pages answer with an ``ETag`` made from the version, ``Cache-Control:
public, no-cache`` (browsers may keep them but ask again; a 304 costs nothing) and
``Vary: Cookie`` (the display mode is a cookie).

Bumps: a module registers the models whose saves the public sees with
:func:`watch` (optionally with a predicate, so saving a draft bumps nothing),
and calls :func:`content_changed` where it writes in bulk. Pages that change with
time alone are handled too: the key holds today's date in Beijing (a deadline's
countdown, a year that has ended), and a module registers with
:func:`register_boundary` the next moment its pages change within a day (a
consultation closing at 17:00); once the clock passes it, the version moves on. A bump happens at once
*and* again when the transaction commits: the first keeps a request in the same
transaction from reading its own stale page, the second makes sure no page
rendered from the old rows by another process during the transaction survives.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers, quote_etag

from .middleware import DISPLAY_COOKIE, DISPLAY_OPTIONS, parse_display_cookie

VERSION_KEY = "content-version"
# Not the public site: never stored, never looked up.
EXCLUDED_PREFIXES = (
    "/workbench/",
    "/admin/",
    "/accounts/",
    "/api/",
    "/static/",
    "/media/",
    "/healthz",  # asks the database itself, every time
)
# A request carrying one of these may see something of its own.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
SAFE_METHODS = ("GET", "HEAD")


def _store():
    return caches["pages"]


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


# -- the content version -----------------------------------------------------------------


def version() -> int:
    """The current content version (starts at a random number, so a store that lost its
    version key never meets pages stored under an old number again)."""
    store = _store()
    current = store.get(VERSION_KEY)
    if current is None:
        store.add(VERSION_KEY, secrets.randbelow(2**48) * 1000, timeout=None)
        current = store.get(VERSION_KEY)
    return int(current)


def bump() -> None:
    store = _store()
    try:
        store.incr(VERSION_KEY)
    except ValueError:  # no version yet (or it was evicted): start a new series
        version()
        store.incr(VERSION_KEY)


def content_changed() -> None:
    """What the public sees has changed: every stored page is old, now and on commit."""
    if not enabled():
        return
    bump()
    transaction.on_commit(bump)


_BOUNDARIES: list[Callable] = []


def register_boundary(next_moment: Callable) -> None:
    """``next_moment(now)`` is the next moment after ``now`` at which the module's public
    pages change by the clock alone (None: none ahead)."""
    _BOUNDARIES.append(next_moment)


def _current_version() -> int:
    """The version, moved on first if a registered time boundary has passed."""
    store = _store()
    current = version()
    now = timezone.now()
    key = f"boundary:{current}"
    boundary = store.get(key)
    if boundary is None:
        moments = [m for m in (fn(now) for fn in _BOUNDARIES) if m is not None]
        boundary = min(moments).timestamp() if moments else float("inf")
        store.set(key, boundary, timeout=settings.PAGE_CACHE_SECONDS)
    if now.timestamp() >= boundary:
        bump()
        current = version()
    return current


def memo(name: str, compute: Callable[[], object]):
    """``compute()``, kept until the content version moves on: for what every visitor's
    page computes alike from data the public sees (a filter form's reference data).
    ``name`` must say everything the value depends on besides the content version."""
    if not enabled():
        return compute()
    key = f"memo:{version()}:{name}"
    store = _store()
    found = store.get(key)
    if found is None:
        found = compute()
        store.set(key, found, timeout=settings.PAGE_CACHE_SECONDS)
    return found


def watch(model, when: Callable[[object], bool] | None = None) -> None:
    """Saving or deleting a ``model`` row changes public pages (when ``when(row)`` holds)."""

    def changed(sender, instance, **kwargs):
        if when is None or when(instance):
            content_changed()

    uid = f"pagecache:{model._meta.label_lower}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":delete")


# -- the middleware ----------------------------------------------------------------------


def _cacheable_request(request) -> bool:
    if request.method not in SAFE_METHODS or not enabled():
        return False
    if request.path.startswith(EXCLUDED_PREFIXES):
        return False
    return not any(name in request.COOKIES for name in PERSONAL_COOKIES)


def _key(request, current: int) -> str:
    display = ",".join(
        o for o in DISPLAY_OPTIONS if o in parse_display_cookie(request.COOKIES.get(DISPLAY_COOKIE))
    )
    day = timezone.localdate().isoformat()
    raw = f"{request.get_host()}|{request.get_full_path()}|{display}|{day}"
    return f"page:{current}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if response.has_header("ETag"):  # validated by its own view (e.g. the report card PDF)
        return False
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def _etag(key: str) -> str:
    return quote_etag(key.split(":", 1)[1].replace(":", "-")[:40])


def _finish(request, response, key: str):
    response["ETag"] = _etag(key)
    if not response.has_header("Cache-Control"):  # a view's own (a favicon's max-age) stands
        response["Cache-Control"] = "public, no-cache"
    patch_vary_headers(response, ["Cookie"])
    return response


def _not_modified(request, key: str) -> bool:
    asked = request.headers.get("If-None-Match", "")
    return bool(asked) and _etag(key) in [tag.strip() for tag in asked.split(",")]


class PageCacheMiddleware:
    """Serves and stores the public site's anonymous pages (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request, _current_version())
        stored = _store().get(key)
        if stored is not None:
            if _not_modified(request, key):
                return _finish(request, HttpResponseNotModified(), key)
            stored["X-Page-Cache"] = "hit"
            return _finish(request, stored, key)
        response = self.get_response(request)
        if _storable(request, response):
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            _finish(request, response, key)
            response["X-Page-Cache"] = "miss"
            _store().set(key, response, timeout=settings.PAGE_CACHE_SECONDS)
        return response
