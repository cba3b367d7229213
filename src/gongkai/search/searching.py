"""Searching the index: one page of hits, the total, facet counts, suggestions.

``search(q, filters=..., order=..., page=..., per_page=...)`` runs, against
either engine:

1. one statement over the candidates, found once (a ``MATERIALIZED`` CTE):
   the newest ``SEARCH_CANDIDATES`` matches (default 2,000) plus one to tell
   whether there are more. From them the page, by relevance (only the
   candidates are ranked) or by date, and the count of every facet value
   among them (one ``GROUP BY`` over small integers). Below the cap
   everything is exact; above it ``total`` is the cap and ``capped`` is set
   (pages say 超过 N 条), the facet counts are those of the newest N, and a
   broad query costs what N matches cost, not what all of them would (ADR
   0005: at a million entries a common word matches hundreds of thousands);
2. for each filtered facet, its counts among the candidates of the *other*
   filters (one more statement each), so the sidebar shows what choosing
   another value would give;
3. the hits of the page, with highlighted titles and snippets;
4. only when nothing is found: suggestions, each counted (``suggestions.py``).

An empty query (nothing but spaces, punctuation or emoji) finds nothing.
A filter value no entry has finds nothing (and suggests dropping the filters).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Q

from . import embedded
from .backends import Match, get_backend
from .facets import normalise_filters
from .models import FacetValue, SearchEntry
from .query import ParsedQuery, parse
from .registry import source_label
from .snippets import highlighter, mark, snippet

MAX_PER_PAGE = 100
# When a query's phrases find fewer than this, its compound terms also match as their
# words apart (财政预算: 财政…预算), ranked below the phrases. Not above: a compound's
# words are common (部门, 预算, 公开), and matching them apart costs what they match.
RELAX_BELOW = 10
ORDERS = ("relevance", "date")


class InvalidOrder(ValueError):
    def __init__(self, order: object):
        super().__init__(f"排序方式只能是 relevance（相关度）或 date（日期），不是“{order}”。")


@dataclass(frozen=True)
class Hit:
    source: str
    source_label: str
    object_id: str
    url: str
    title: str
    title_html: str  # escaped, terms marked
    snippet: str  # escaped, terms marked
    published_at: datetime
    facets: dict[str, Any]


@dataclass(frozen=True)
class Suggestion:
    query: str  # the query to run instead
    filters: dict[str, list[str]]  # the filters to run it with
    total: int  # how many it finds
    label: str  # what to tell the user


@dataclass
class SearchResults:
    query: str
    filters: dict[str, list[str]]
    order: str
    page: int
    per_page: int
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facet_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestions: list[Suggestion] = field(default_factory=list)
    # More matches than the candidates: ``total`` is the cap, the facet counts
    # are among the newest ``total`` matches, and relevance ranks only them.
    capped: bool = False
    # What else was searched for, in words a visitor reads (synonyms, a compound's parts).
    widened: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _resolve(filters: dict[str, list[str]]) -> dict[str, list[int]] | None:
    """The facet value numbers of each filter; None when a filter names only
    values no entry has (nothing can match)."""
    if not filters:
        return {}
    query = Q()
    for name, values in filters.items():
        query |= Q(name=name, value__in=values)
    resolved: dict[str, list[int]] = {}
    for name, pk in FacetValue.objects.filter(query).values_list("name", "pk"):
        resolved.setdefault(name, []).append(pk)
    return resolved if len(resolved) == len(filters) else None


def _filtered(match: Match, resolved: dict[str, list[int]], exclude: str | None = None):
    """The match's SQL with the filters appended (values of a name ORed, names ANDed)."""
    sql, params = [match.sql], list(match.params)
    for name, ids in resolved.items():
        if name == exclude:
            continue
        marks = ", ".join(["%s"] * len(ids))
        sql.append(
            f"AND {match.id_column} IN "  # noqa: S608 (constants and placeholders only)
            f"(SELECT entry_id FROM search_searchfacet WHERE facet_id IN ({marks}))"
        )
        params += ids
    return " ".join(sql), params


def candidate_cap() -> int:
    """How many of the newest matches are ranked, counted and faceted (``SEARCH_CANDIDATES``)."""
    return max(1, int(getattr(settings, "SEARCH_CANDIDATES", 2000)))


def _candidates(parsed: ParsedQuery, resolved, exclude: str | None = None):
    """The ids of the newest ``cap + 1`` matches (the backend's ``NEWEST``):
    one more than the cap tells that there are more."""
    backend = get_backend()
    sql, params = _filtered(backend.matching(parsed), resolved, exclude=exclude)
    return f"{sql} ORDER BY {backend.NEWEST} LIMIT %s", [*params, candidate_cap() + 1]


def count(parsed: ParsedQuery, filters: dict[str, list[str]]) -> int:
    """How many entries the query finds with these (normalised) filters, counted
    up to the cap plus one (more than ``candidate_cap()`` means "more")."""
    resolved = _resolve(filters)
    if parsed.empty or resolved is None:
        return 0
    if embedded.enabled():
        return embedded.count(parsed, resolved)
    sql, params = _candidates(parsed, resolved)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql}) m", params)  # noqa: S608
        return cursor.fetchone()[0]


def _named(by_id: dict[int, int], only: str | None = None) -> dict[str, dict[str, int]]:
    """``{name: {value: count}}`` from counts by facet value number, most frequent first."""
    values = FacetValue.objects.filter(pk__in=list(by_id))
    if only is not None:
        values = values.filter(name=only)
    counts: dict[str, dict[str, int]] = {}
    rows = sorted(
        values.values_list("pk", "name", "value"), key=lambda r: (r[1], -by_id[r[0]], r[2])
    )
    for pk, name, value in rows:
        counts.setdefault(name, {})[value] = by_id[pk]
    return counts


_FACETS_SQL = (
    "SELECT facet_id, count(*) AS n FROM search_searchfacet "
    "WHERE entry_id IN (SELECT id FROM m) GROUP BY facet_id"
)
# The first ``cap`` of the candidates (the one beyond only says "more"), with their dates.
_WITHIN_CAP = (
    "SELECT c.id, e.published_at FROM c JOIN search_searchentry e ON e.id = c.id "
    "ORDER BY e.published_at DESC, e.id DESC LIMIT %s"
)


def _facet_counts(parsed: ParsedQuery, resolved, only: str) -> dict[str, dict[str, int]]:
    """The counts of one filtered facet among the candidates of all the other filters."""
    sql, params = _candidates(parsed, resolved, exclude=only)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH c AS MATERIALIZED ({sql}), m AS ({_WITHIN_CAP}) {_FACETS_SQL}",
            [*params, candidate_cap()],
        )
        return _named(dict(cursor.fetchall()), only=only)


def _page_and_facets(
    parsed: ParsedQuery, resolved, order: str, offset: int, limit: int
) -> tuple[list[int], dict[int, int], int]:
    """One statement over the candidates, found once (``MATERIALIZED``): the ids
    of the page, in order, the count of each facet value among the candidates,
    and how many matches there are, counted up to the cap plus one.

    By date the candidates are the page's source as they stand (newest first);
    a page reaching past them is read straight from the matches. By relevance
    only the candidates are ranked: the best of the newest ``cap`` matches.
    """
    backend = get_backend()
    sql, params = _candidates(parsed, resolved)
    if order == "date":
        page = "SELECT id, row_number() OVER (ORDER BY published_at DESC, id DESC) AS pos FROM m"
        page_params: list = []
    else:
        match = backend.ranked(parsed, among="m")
        order_by = f"score DESC, {match.tiebreak}"
        page = f"SELECT id, row_number() OVER (ORDER BY {order_by}) AS pos FROM ({match.sql}) r"  # noqa: S608
        page_params = list(match.params)
    cap = candidate_cap()
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH c AS MATERIALIZED ({sql}), m AS MATERIALIZED ({_WITHIN_CAP}), "  # noqa: S608
            f"page AS ({page} ORDER BY pos LIMIT %s OFFSET %s), "
            f"facets AS ({_FACETS_SQL}) "
            "SELECT 0, id, pos FROM page UNION ALL SELECT 1, facet_id, n FROM facets "
            "UNION ALL SELECT 2, count(*), 0 FROM c",
            [*params, cap, *page_params, limit, offset],
        )
        rows = cursor.fetchall()
    page_ids = [pk for _, pk, _ in sorted((r for r in rows if r[0] == 0), key=lambda r: r[2])]
    by_id = {pk: n for kind, pk, n in rows if kind == 1}
    found = next(n for kind, n, _ in rows if kind == 2)
    if order == "date" and found > cap and offset + limit > cap:
        page_ids = _date_page_beyond(parsed, resolved, offset, limit)
    return page_ids, by_id, found


def _date_page_beyond(parsed: ParsedQuery, resolved, offset: int, limit: int) -> list[int]:
    """A page by date reaching past the candidates (deep paging, e.g. the documents API)."""
    sql, params = _filtered(get_backend().matching(parsed), resolved)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT m.id FROM ({sql}) m JOIN search_searchentry e ON e.id = m.id "  # noqa: S608
            "ORDER BY e.published_at DESC, e.id DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()]


def _hits(ids: list[int], parsed: ParsedQuery) -> list[Hit]:
    entries = SearchEntry.objects.in_bulk(ids)
    pattern = highlighter(parsed.terms)
    hits = []
    for pk in ids:
        entry = entries.get(pk)
        if entry is None:
            continue
        text = " ".join(part for part in (entry.summary, entry.body) if part)
        hits.append(
            Hit(
                source=entry.source,
                source_label=source_label(entry.source),
                object_id=entry.object_id,
                url=entry.url,
                title=entry.title,
                title_html=mark(entry.title, pattern),
                snippet=snippet(text, pattern),
                published_at=entry.published_at,
                facets=entry.facets,
            )
        )
    return hits


def search(
    q: str | None,
    *,
    filters: dict[str, Any] | None = None,
    order: str = "relevance",
    page: int = 1,
    per_page: int = 20,
) -> SearchResults:
    """Search everything public; see the module docstring.

    Raises ``UnknownFilter`` for a filter name nobody registered and
    ``InvalidOrder`` for an order other than ``relevance``/``date`` (both
    ``ValueError``); any query text is accepted.
    """
    if order not in ORDERS:
        raise InvalidOrder(order)
    normalised = normalise_filters(filters)
    page = max(1, int(page))
    per_page = min(MAX_PER_PAGE, max(1, int(per_page)))
    relaxed = parse(q, synonyms=True)
    parsed = relaxed.strict()  # compounds' words apart only when the phrases find little
    results = SearchResults(
        query=parsed.text(), filters=normalised, order=order, page=page, per_page=per_page
    )
    if parsed.empty:
        return results
    resolved = _resolve(normalised)
    page_ids: list[int] = []
    counts: dict[str, dict[str, int]] = {}
    found = 0
    offset = (page - 1) * per_page
    if resolved is not None:
        page_ids, counts, found = _matches(parsed, resolved, order, offset, per_page)
        if found < RELAX_BELOW and relaxed is not parsed:
            parsed = relaxed
            page_ids, counts, found = _matches(parsed, resolved, order, offset, per_page)
    results.widened = _widened(parsed)
    cap = found if embedded.enabled() else candidate_cap()
    results.capped = found > cap
    results.total = min(found, cap)
    if results.total == 0:
        from .suggestions import suggest

        results.suggestions = suggest(parsed, normalised)
        return results
    for name in normalised:
        if embedded.enabled():
            by_id = embedded.facet_counts(parsed, resolved, exclude=name)
            counts.update(_named(by_id, only=name))
        else:
            counts.update(_facet_counts(parsed, resolved, only=name))
    results.facet_counts = counts
    results.hits = _hits(page_ids, parsed)
    return results


def _matches(parsed: ParsedQuery, resolved, order: str, offset: int, limit: int):
    """The page's entry ids, the facet counts and the number of matches, on either engine."""
    if embedded.enabled():  # exact: every match ranked, counted and faceted (ADR 0011)
        page_ids, found, by_id = embedded.page_and_facets(parsed, resolved, order, offset, limit)
        return page_ids, _named(by_id) if found else {}, found
    page_ids, by_id, found = _page_and_facets(parsed, resolved, order, offset, limit)
    return page_ids, _named(by_id), found


def _widened(parsed: ParsedQuery) -> list[str]:
    notes = []
    for term in parsed.terms:
        if term.synonyms:
            others = "、".join(f"“{t.text}”" for t in term.synonyms)
            notes.append(f"“{term.text}”同时检索了同义词{others}。")
        if term.parts:
            parts = "".join(f"“{t.text}”" for t in term.parts)
            notes.append(f"“{term.text}”也检索了分开出现的{parts}，排在完整出现的之后。")
    return notes


def raw_fulltext_sql(q: str, *, limit: int = 20) -> tuple[str, tuple] | None:
    """The bare full-text SQL (and its parameters) that ``search`` wraps: the ids
    of the best ``limit`` matches, no filters, facets or snippets. None for a
    query with no terms. For benchmarks: ``cursor.execute(*raw_fulltext_sql(q))``."""
    parsed = parse(q, synonyms=True).strict()
    if parsed.empty:
        return None
    return get_backend().raw_sql(parsed, limit)
