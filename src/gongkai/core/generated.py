"""Generated public documents (a PDF, a DOCX made on request) rendered once per version of
their content, kept through Django's storage API and served from there.

``document(name, render, ext=…)`` answers the stored document of ``name`` for the
current version, calling ``render()`` (which returns the bytes) only when there is none
yet. The version is the public **content version** of ``gongkai.core.pagecache`` (every
change the public sees moves it on, ADR 0010), or the caller's own when the content is
frozen (``version=``, e.g. a hash of an annual report's snapshot, with the platform's
release: an upgrade makes them again); ``dated=True`` adds
today's date in Beijing, as the page cache's key does, for a document that is only sure
to be right for a day. ``params`` holds whatever else the bytes depend on (a format, the
host name in absolute links); the caller's ``name`` says which document.

Layout, under the ``generated`` storage (``STORAGES["generated"]``, else the default
storage)::

    <name>/<version label>/<params hash>-<random>.<ext>   the document
    <name>/<version label>/<params hash>.json             its marker

(under ``generated/`` in the default storage).
A document is written under a name nobody has looked for yet, and its marker, which
names it, only after the whole file is saved: a request that finds the marker always
finds a complete file. While one request renders, others asking for the same document
wait for its marker (a lock in the page cache's store, so shared like the version;
atomic in Redis, best effort in the files store, where two renders at once only cost
time) instead of rendering it again; after ``WAIT_SECONDS`` they render it themselves. After a
render, only the ``KEEP`` most recently written versions of ``name`` stay.

``respond(request, doc, …)`` serves it: Content-Type, Content-Disposition (the Chinese
filename per RFC 6266 / 5987), an ``ETag`` made from the version (304 to a client that
has it) and ``Cache-Control: public, no-cache`` like the stored pages: browsers and
proxies may keep it but ask again, and a 304 costs one small read. With the page cache
off (``PAGE_CACHE_ENABLED``), nothing bumps the content version, so a document on that
version is rendered on every request, never stored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, quote_etag

import gongkai

from . import pagecache

log = logging.getLogger(__name__)

ROOT = "generated"
KEEP = 3
LOCK_SECONDS = 300  # longer than any render; a crashed renderer's lock runs out
WAIT_SECONDS = 60  # then render anyway
POLL_SECONDS = 0.1


def storage():
    """``STORAGES["generated"]`` when configured, else the default storage."""
    return storages["generated"] if "generated" in settings.STORAGES else default_storage


@dataclass(frozen=True)
class Document:
    """A generated document: stored under ``name`` in ``storage()``, or (page cache off)
    just rendered and held in ``content``."""

    name: str | None
    size: int
    etag: str  # quoted
    content: bytes | None = None

    def read(self) -> bytes:
        if self.content is not None:
            return self.content
        with storage().open(self.name, "rb") as handle:
            return handle.read()


class RenderCounter:
    """How many documents this process has rendered, by ``name`` (tests, the benchmark)."""

    def __init__(self):
        self.counts: dict[str, int] = {}

    def add(self, name: str) -> None:
        self.counts[name] = self.counts.get(name, 0) + 1

    def __getitem__(self, name: str) -> int:
        return self.counts.get(name, 0)


renders = RenderCounter()


def _segment(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._") or "_"


def _folder(name: str) -> str:
    parts = [_segment(part) for part in name.split("/") if part]
    if "generated" not in settings.STORAGES:  # in the default storage, a folder of its own
        parts.insert(0, ROOT)
    return "/".join(parts)


def _label(version: str | None, dated: bool) -> str:
    if version is None:
        label = f"v{pagecache.version()}"
    else:  # the platform's release too: an upgrade may change how documents look
        raw = f"{gongkai.__version__}|{version}"
        label = "c" + hashlib.sha256(raw.encode()).hexdigest()[:20]
    if dated:
        label += f"-{timezone.localdate():%Y%m%d}"
    return label


def _params_key(params: dict | None) -> str:
    raw = json.dumps(params or {}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def _etag(label: str, key: str) -> str:
    return quote_etag(f"{label}-{key[:16]}")


def _read_marker(store, marker: str, etag: str) -> Document | None:
    """The document a complete marker names, if it is still there."""
    try:
        if not store.exists(marker):
            return None
        with store.open(marker, "rb") as handle:
            found = json.loads(handle.read().decode())
        name, size = found["file"], int(found["size"])
        if not store.exists(name):  # pruned meanwhile
            return None
    except (OSError, ValueError, KeyError, TypeError):  # being written, or damaged
        return None
    return Document(name, size, etag)


def _wait(store, marker: str, etag: str) -> Document | None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        found = _read_marker(store, marker, etag)
        if found is not None:
            return found
    return None


def _render(name: str, render: Callable[[], bytes]) -> bytes:
    started = time.monotonic()
    content = render()
    renders.add(name)
    log.info("Rendered %s in %.2f s (%d bytes)", name, time.monotonic() - started, len(content))
    return content


def document(
    name: str,
    render: Callable[[], bytes],
    *,
    ext: str,
    params: dict | None = None,
    version: str | None = None,
    dated: bool = False,
) -> Document:
    """The stored document ``name`` of this version (see the module docstring), rendered
    by ``render()`` only if it is not stored yet."""
    key = _params_key(params)
    if version is None and not pagecache.enabled():
        content = _render(name, render)
        digest = hashlib.sha256(content).hexdigest()  # no version to name: the bytes
        return Document(None, len(content), _etag("b", digest), content)
    label = _label(version, dated)
    etag = _etag(label, key)
    store = storage()
    folder = _folder(name)
    marker = f"{folder}/{label}/{key}.json"
    found = _read_marker(store, marker, etag)
    if found is not None:
        return found
    locks = caches["pages"]
    lock = f"generated-lock:{marker}"
    owned = locks.add(lock, 1, timeout=LOCK_SECONDS)
    if not owned:  # someone is rendering it
        found = _wait(store, marker, etag)
        if found is not None:
            return found
    try:
        found = _read_marker(store, marker, etag)  # written just before we took the lock
        if found is not None:
            return found
        content = _render(name, render)
        token = secrets.token_hex(6)
        stored = store.save(f"{folder}/{label}/{key}-{token}.{_segment(ext)}", ContentFile(content))
        # The marker last: a reader finding it finds the whole file. (Two writers: the
        # second marker is saved under another name and never read; pruned later.)
        store.save(marker, ContentFile(json.dumps({"file": stored, "size": len(content)})))
    finally:
        if owned:
            locks.delete(lock)
    prune(name, current=label)
    return Document(stored, len(content), etag)


def _written(store, path: str) -> float:
    """When anything under ``path`` (a version's folder) was last written."""
    try:
        _dirs, files = store.listdir(path)
        return max((store.get_modified_time(f"{path}/{f}").timestamp() for f in files), default=0)
    except (OSError, NotImplementedError):
        return 0


def prune(name: str, *, current: str | None = None, keep: int = KEEP) -> None:
    """Keep the ``keep`` most recently written versions of ``name`` (and ``current``)."""
    store = storage()
    folder = _folder(name)
    try:
        labels, _files = store.listdir(folder)
    except (OSError, NotImplementedError):
        return
    if len(labels) <= keep:
        return
    others = sorted(
        (label for label in labels if label != current),
        key=lambda label: _written(store, f"{folder}/{label}"),
        reverse=True,
    )
    for label in others[keep - (1 if current in labels else 0) :]:
        path = f"{folder}/{label}"
        try:
            _dirs, files = store.listdir(path)
            for f in files:
                store.delete(f"{path}/{f}")
            store.delete(path)  # the folder itself, where the storage has folders
        except (OSError, NotImplementedError):
            log.warning("Could not prune %s", path, exc_info=True)


def respond(
    request, doc: Document, *, filename: str, content_type: str, inline: bool = False
) -> HttpResponse:
    """``doc`` as a response (or 304 for a client holding this version)."""
    from gongkai.files.downloads import content_disposition

    response = get_conditional_response(request, etag=doc.etag)
    if response is None:
        response = HttpResponse(doc.read(), content_type=content_type)
        response["Content-Disposition"] = content_disposition(filename, as_attachment=not inline)
        response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = doc.etag
    response["Cache-Control"] = "public, no-cache"
    return response


def serve(
    request,
    name: str,
    render: Callable[[], bytes],
    *,
    ext: str,
    filename: str | Callable[[], str],
    content_type: str,
    params: dict | None = None,
    version: str | None = None,
    dated: bool = False,
    inline: bool = False,
) -> HttpResponse:
    """``document(…)`` answered with ``respond(…)``."""
    doc = document(name, render, ext=ext, params=params, version=version, dated=dated)
    return respond(
        request,
        doc,
        filename=filename() if callable(filename) else filename,
        content_type=content_type,
        inline=inline,
    )
