"""Writing the index: upsert, remove, clear, rebuild. The only code that writes it.

Every write keeps the three parts of an entry together in one transaction:
the ``SearchEntry`` row, its ``SearchFacet`` rows and its full-text row (or
vectors). Tokenising (jieba) happens before the transaction opens.

Only the first ``BODY_INDEX_CHARS`` characters of summary plus body are made
searchable (the whole body is kept for snippets): a PostgreSQL tsvector holds
at most 1 MB. Its positions also stop counting at 16,383, so on PostgreSQL a
term is found as a contiguous phrase within roughly the first 16,000
characters of a text, and beyond that as all of its bigrams anywhere
(``PostgresBackend.LONG_TEXT``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from . import embedded, tokens
from .backends import TextRow, get_backend
from .facets import facet_rows
from .models import FacetValue, SearchEntry, SearchFacet
from .registry import get_source, registered_sources

BODY_INDEX_CHARS = 50_000
TITLE_MAX_CHARS = 500
URL_MAX_CHARS = 500

_ENTRY_FIELDS = ["url", "title", "summary", "body", "published_at", "facets", "indexed_at"]


@dataclass
class _Prepared:
    entry: SearchEntry
    facets: list[tuple[str, str]]
    text: TextRow | None  # the database engine's tokens; entry_id filled in after saving


def searchable_text(summary: str, body: str) -> str:
    """What of an entry's summary and body is matched (both engines)."""
    return "\n".join(part for part in (summary, body) if part)[:BODY_INDEX_CHARS]


def _clean(value: object) -> str:
    """Text without NUL characters (PDF extraction leaves them; PostgreSQL refuses them)."""
    return str(value or "").replace("\x00", "")


def _prepare(source: str, data: Mapping[str, Any]) -> _Prepared:
    """Validate one entry dict and tokenise it (no database access)."""
    unknown = set(data) - {
        "source",
        "object_id",
        "url",
        "title",
        "summary",
        "body",
        "published_at",
        "facets",
    }
    if unknown:
        raise TypeError(f"Unexpected search entry fields: {', '.join(sorted(unknown))}")
    if data.get("source", source) != source:
        raise ValueError(f"Entry of source {data['source']!r} given for source {source!r}.")
    object_id = str(data["object_id"]).strip()
    if not object_id or len(object_id) > 64:
        raise ValueError(f"object_id must be 1–64 characters, not {object_id!r}.")
    published_at = data["published_at"]
    if not isinstance(published_at, datetime):
        raise TypeError("published_at must be a datetime.")
    if timezone.is_naive(published_at):
        published_at = timezone.make_aware(published_at)
    title = _clean(data["title"]).strip()[:TITLE_MAX_CHARS]
    summary = _clean(data.get("summary"))
    body = _clean(data.get("body"))
    url = _clean(data["url"])
    if not url or len(url) > URL_MAX_CHARS:
        raise ValueError(f"url must be 1–{URL_MAX_CHARS} characters.")
    facets = {
        name: sorted(value) if isinstance(value, set | frozenset) else value
        for name, value in dict(data.get("facets") or {}).items()
    }
    facets = {name: list(v) if isinstance(v, tuple) else v for name, v in facets.items()}
    rows = facet_rows(facets)
    entry = SearchEntry(
        source=source,
        object_id=object_id,
        url=url,
        title=title,
        summary=summary,
        body=body,
        published_at=published_at,
        facets=facets,
    )
    # The embedded engine tokenises when it applies the change (embedded.py).
    text = None if embedded.enabled() else text_row(title, searchable_text(summary, body))
    return _Prepared(entry, [("source", source), *rows], text)


def text_row(title: str, searchable: str, entry_id: int = 0) -> TextRow:
    return TextRow(
        entry_id=entry_id,
        title_grams=" ".join(tokens.grams(title)),
        body_grams=" ".join(tokens.grams(searchable)),
        title_words=" ".join(tokens.words(title)),
        body_words=" ".join(tokens.words(searchable)),
    )


def _facet_ids(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The numbers of these (name, value) pairs, numbering the new ones."""
    # In a fixed order, so concurrent writers never wait for each other in a cycle.
    FacetValue.objects.bulk_create(
        [FacetValue(name=name, value=value) for name, value in sorted(pairs)],
        ignore_conflicts=True,
    )
    rows = FacetValue.objects.filter(
        name__in={name for name, _ in pairs}, value__in={value for _, value in pairs}
    ).values_list("name", "value", "pk")
    return {(name, value): pk for name, value, pk in rows}


def _write(source: str, prepared: list[_Prepared]) -> None:
    by_id = {p.entry.object_id: p for p in prepared}  # the last of duplicates wins
    prepared = [by_id[object_id] for object_id in sorted(by_id)]  # fixed lock order
    now = timezone.now()
    for p in prepared:
        p.entry.indexed_at = now
    backend = get_backend()
    with transaction.atomic(), connection.cursor() as cursor:
        if prepared[0].text is None:  # the embedded engine: the entry rows only
            _upsert_entries(source, prepared)
        elif backend.upsert is not None:  # PostgreSQL: entries and vectors in one statement
            ids = backend.upsert(cursor, [p.entry for p in prepared], [p.text for p in prepared])
            for p in prepared:
                p.entry.pk = ids[p.entry.object_id]
        else:
            _upsert_entries(source, prepared)
            backend.write(cursor, [replace(p.text, entry_id=p.entry.pk) for p in prepared])
        facet_ids = _facet_ids({pair for p in prepared for pair in p.facets})
        SearchFacet.objects.filter(entry_id__in=[p.entry.pk for p in prepared]).delete()
        SearchFacet.objects.bulk_create(
            [
                SearchFacet(entry_id=p.entry.pk, facet_id=facet_ids[pair])
                for p in prepared
                for pair in p.facets
            ]
        )
        embedded.record_changes(p.entry.pk for p in prepared)


def _upsert_entries(source: str, prepared: list[_Prepared]) -> None:
    """Insert or update the entry rows with the ORM, setting their pks."""
    entries = SearchEntry.objects.bulk_create(
        [p.entry for p in prepared],
        update_conflicts=True,
        unique_fields=["source", "object_id"],
        update_fields=_ENTRY_FIELDS,
    )
    if any(e.pk is None for e in entries):  # a database that returns no ids on upsert
        ids = dict(
            SearchEntry.objects.filter(
                source=source, object_id__in=[e.object_id for e in entries]
            ).values_list("object_id", "pk")
        )
        for e in entries:
            e.pk = ids[e.object_id]


def index_entry(
    source: str,
    object_id: str | int,
    *,
    url: str,
    title: str,
    summary: str = "",
    body: str = "",
    published_at: datetime,
    facets: Mapping[str, str | int | list] | None = None,
) -> None:
    """Add the object to the index, or replace what the index held for it."""
    data = {
        "object_id": object_id,
        "url": url,
        "title": title,
        "summary": summary,
        "body": body,
        "published_at": published_at,
        "facets": facets or {},
    }
    _write(source, [_prepare(source, data)])


def index_entries(source: str, entries: Iterable[Mapping[str, Any]]) -> int:
    """Upsert many entry dicts (``index_entry``'s arguments) in one transaction; return how many."""
    prepared = [_prepare(source, data) for data in entries]
    if prepared:
        _write(source, prepared)
    return len(prepared)


def _delete(queryset) -> int:
    ids = list(queryset.values_list("pk", flat=True))
    deleted = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            SearchFacet.objects.filter(entry_id__in=chunk).delete()
            get_backend().delete(cursor, chunk)
            deleted += SearchEntry.objects.filter(pk__in=chunk).delete()[0]
            embedded.record_changes(chunk)
    return deleted


def remove_entry(source: str, object_id: str | int) -> bool:
    """Take the object out of the index; False when it was not there."""
    return bool(_delete(SearchEntry.objects.filter(source=source, object_id=str(object_id))))


def clear_source(source: str) -> int:
    """Take every object of a source out of the index; return how many."""
    return _delete(SearchEntry.objects.filter(source=source))


def index_from_source(source: str, object_id: str | int) -> str:
    """Ask the registered source for one object and index or remove it.

    Returns ``"indexed"`` or ``"removed"`` (the source answered None: the
    object is not public, or no longer exists).
    """
    registered = get_source(source)
    if registered.get_entry is None:
        raise ValueError(f"Search source {source!r} was registered without get_entry.")
    data = registered.get_entry(str(object_id))
    if data is None:
        remove_entry(source, object_id)
        return "removed"
    _write(source, [_prepare(source, {**data, "object_id": data.get("object_id", object_id)})])
    return "indexed"


@dataclass
class ReindexResult:
    source: str
    indexed: int = 0
    removed: int = 0


Progress = Callable[[str, int, int | None], None]


def reindex(
    source: str | None = None, *, batch_size: int = 500, progress: Progress | None = None
) -> list[ReindexResult]:
    """Rebuild the index of one registered source, or of all of them.

    Entries are written in batches, one transaction per batch, so searches keep
    working throughout; entries the source no longer yields (not written
    during this run) are removed at the end. ``progress(source, done, total)``
    is called after each batch (``total`` is None when the source cannot count).

    A withdrawal committed while its object's batch is between being read and
    being written (about a second) can be undone by that batch; the next
    ``reindex_object_job`` for the object, or the next rebuild, puts it right.
    """
    sources = [get_source(source)] if source else registered_sources()
    results = []
    for registered in sources:
        result = ReindexResult(registered.name)
        started = timezone.now()
        total = registered.count() if registered.count else None
        if progress:
            progress(registered.name, 0, total)
        entries = iter(registered.iter_entries())
        while batch := list(itertools.islice(entries, batch_size)):
            result.indexed += index_entries(registered.name, batch)
            if progress:
                progress(registered.name, result.indexed, total)
        result.removed = _delete(
            SearchEntry.objects.filter(source=registered.name, indexed_at__lt=started)
        )
        results.append(result)
    with connection.cursor() as cursor:
        if source is None:
            get_backend().delete_orphans(cursor)
        get_backend().optimise(cursor)
    return results
