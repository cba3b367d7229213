"""One page of public items for ``GET /api/v1/documents``, with its next cursor.

Without ``q`` the page is a keyset query on the catalogue: ordered by
(published_at, id), the cursor holds the last row's pair, and the next page
is the rows strictly beyond it.

With ``q`` the matches come from the site-wide search (``gongkai.search``),
which pages by number, newest first. To keep the cursor stable under inserts
and withdrawals anyway, the cursor holds the last hit's publication time, the
ids already returned at exactly that time, and a hint of where it was; the
next page re-reads the search from a little before the hint and keeps only
hits strictly beyond the cursor. Newly published items (newer than the
cursor) are skipped, withdrawn ones leave no gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from gongkai.api import cursors
from gongkai.api.params import BadParameter
from gongkai.core.dates import in_years
from gongkai.orgs.models import Department

from ..effects import SEARCH_SOURCE
from ..models import VALIDITY_TYPES, Genre, InformationItem, KeyArea, SubjectCategory
from .params import ListQuery
from .serialize import with_summary_relations

SCAN_PAGE = 100  # search page size used while scanning (its maximum)
MAX_SCAN_PAGES = 30


@dataclass
class Resolved:
    """Filter values checked against the reference data (unknown ones are 400s)."""

    departments: list[int]
    subjects: list[int]
    genres: list[int]
    key_areas: list[str]


def _missing(name: str, wanted, found, what: str) -> None:
    missing = [str(v) for v in wanted if v not in found]
    if missing:
        raise BadParameter(name, f"参数 {name}：未找到{what}“{missing[0]}”。")


def resolve(query: ListQuery) -> Resolved:
    departments: list[int] = []
    if query.department:
        usccs = [v for v in query.department if len(v) == 18]
        ids = [int(v) for v in query.department if len(v) < 18]
        rows = list(
            Department.objects.filter(Q(pk__in=ids) | Q(uscc__in=usccs)).values_list("pk", "uscc")
        )
        found = {str(pk) for pk, _ in rows} | {uscc for _, uscc in rows}
        _missing("department", query.department, found, "部门")
        departments = sorted({pk for pk, _ in rows})
    subjects = query.subject
    if subjects:
        found = set(SubjectCategory.objects.filter(pk__in=subjects).values_list("pk", flat=True))
        _missing("subject", subjects, found, "编号为以下值的主题分类：")
    genres = query.genre
    if genres:
        found = set(Genre.objects.filter(pk__in=genres).values_list("pk", flat=True))
        _missing("genre", genres, found, "编号为以下值的体裁：")
    if query.key_area:
        found = set(KeyArea.objects.filter(slug__in=query.key_area).values_list("slug", flat=True))
        _missing("key_area", query.key_area, found, "重点领域")
    return Resolved(departments, subjects, genres, query.key_area)


@dataclass
class Page:
    items: list[InformationItem]
    next_cursor: str | None


# -- the catalogue (no q) ------------------------------------------------------------


def _filtered(query: ListQuery, resolved: Resolved):
    items = InformationItem.objects.public()
    if resolved.departments:
        co_published = InformationItem.publishing_departments.through.objects.filter(
            department_id__in=resolved.departments
        ).values("informationitem_id")
        items = items.filter(Q(department_id__in=resolved.departments) | Q(pk__in=co_published))
    if resolved.subjects:
        items = items.filter(subject_id__in=resolved.subjects)
    if resolved.genres:
        items = items.filter(genre_id__in=resolved.genres)
    if query.type:
        items = items.filter(item_type__in=query.type)
    if query.year:
        items = items.filter(in_years("published_at", query.year))
    if query.validity:
        items = items.filter(item_type__in=VALIDITY_TYPES, validity__in=query.validity)
    if resolved.key_areas:
        in_areas = InformationItem.key_areas.through.objects.filter(
            keyarea__slug__in=resolved.key_areas
        ).values("informationitem_id")
        items = items.filter(pk__in=in_areas)
    return items


def catalogue_page(query: ListQuery, resolved: Resolved) -> Page:
    key = query.filter_key()
    items = _filtered(query, resolved)
    newest = query.order == "newest"
    if query.cursor:
        position = cursors.decode(query.cursor, key=key)
        if position.get("m") != "db":
            raise BadParameter("cursor", "参数 cursor 与当前的筛选条件不一致，请从第一页重新开始。")
        at = cursors.parse_timestamp(position.get("t"))
        last_id = position.get("i")
        if not isinstance(last_id, int):
            raise BadParameter("cursor", "参数 cursor 无效，请从第一页重新开始。")
        if newest:
            items = items.filter(Q(published_at__lt=at) | Q(published_at=at, pk__lt=last_id))
        else:
            items = items.filter(Q(published_at__gt=at) | Q(published_at=at, pk__gt=last_id))
    ordering = ("-published_at", "-pk") if newest else ("published_at", "pk")
    rows = list(with_summary_relations(items.order_by(*ordering))[: query.limit + 1])
    next_cursor = None
    if len(rows) > query.limit:
        rows = rows[: query.limit]
        last = rows[-1]
        next_cursor = cursors.encode(
            {"m": "db", "t": cursors.timestamp(last.published_at), "i": last.pk}, key=key
        )
    return Page(rows, next_cursor)


# -- full text (q) ---------------------------------------------------------------------


def search_filters(query: ListQuery, resolved: Resolved) -> dict[str, list[str]]:
    filters: dict[str, list[str]] = {"source": [SEARCH_SOURCE]}
    if resolved.departments:
        filters["department"] = [str(pk) for pk in resolved.departments]
    if resolved.subjects:
        filters["subject"] = [str(pk) for pk in resolved.subjects]
    if resolved.genres:
        filters["genre"] = [str(pk) for pk in resolved.genres]
    if query.type:
        filters["item_type"] = list(query.type)
    if query.year:
        filters["year"] = [str(y) for y in query.year]
    if query.validity:
        filters["validity"] = list(query.validity)
    if resolved.key_areas:
        filters["key_area"] = list(resolved.key_areas)
    return filters


class _Scanner:
    """Reads the search's date-ordered pages, caching each page once."""

    def __init__(self, query: ListQuery, filters):
        self.query, self.filters = query, filters
        self.pages: dict[int, list] = {}
        self.total = None
        self.reads = 0

    def page(self, number: int) -> list:
        if number not in self.pages:
            from gongkai import search

            self.reads += 1
            try:
                results = search.search(
                    self.query.q,
                    filters=self.filters,
                    order="date",
                    page=number,
                    per_page=SCAN_PAGE,
                )
            except search.UnknownFilter as error:
                raise BadParameter(getattr(error, "name", "q"), str(error)) from None
            # Above the search's candidate cap the total is unknown: read on until a short page.
            self.total = None if results.capped else results.total
            self.pages[number] = results.hits
        return self.pages[number]


def search_page(query: ListQuery, resolved: Resolved) -> Page:
    key = query.filter_key()
    at: datetime | None = None
    seen: set[str] = set()
    hint = 0
    if query.cursor:
        position = cursors.decode(query.cursor, key=key)
        if position.get("m") != "q":
            raise BadParameter("cursor", "参数 cursor 与当前的筛选条件不一致，请从第一页重新开始。")
        at = cursors.parse_timestamp(position.get("t"))
        seen = {str(v) for v in position.get("s") or []}
        hint = position.get("o")
        if not isinstance(hint, int) or hint < 0:
            raise BadParameter("cursor", "参数 cursor 无效，请从第一页重新开始。")

    def beyond(hit) -> bool:
        if at is None:
            return True
        return hit.published_at < at or (hit.published_at == at and hit.object_id not in seen)

    scanner = _Scanner(query, search_filters(query, resolved))
    number = max(1, hint // SCAN_PAGE)  # one page before the hint: room for withdrawals
    step = 1
    while number > 1 and scanner.reads < MAX_SCAN_PAGES // 2:
        hits = scanner.page(number)
        if hits and not beyond(hits[0]):
            break
        number, step = max(1, number - step), step * 2  # the page starts too late: go back
    taken: list[tuple[int, object]] = []
    exhausted = False
    while True:
        if scanner.reads >= MAX_SCAN_PAGES and number not in scanner.pages:
            exhausted = True  # read enough for one request: the cursor continues from here
            break
        hits = scanner.page(number)
        for index, hit in enumerate(hits):
            if beyond(hit):
                taken.append(((number - 1) * SCAN_PAGE + index, hit))
                if len(taken) > query.limit:
                    break
        known_end = scanner.total is not None and number * SCAN_PAGE >= scanner.total
        if len(taken) > query.limit or len(hits) < SCAN_PAGE or known_end:
            break
        number += 1
    more = len(taken) > query.limit
    taken = taken[: query.limit]
    next_cursor = None
    if taken and (more or exhausted):
        offset, last = taken[-1]
        same_time = [h.object_id for _, h in taken if h.published_at == last.published_at]
        if at is not None and last.published_at == at:
            same_time = [*seen, *same_time]
        next_cursor = cursors.encode(
            {
                "m": "q",
                "t": cursors.timestamp(last.published_at),
                "s": sorted(set(same_time)),
                "o": offset + 1,
            },
            key=key,
        )
    elif exhausted and at is not None:
        position = {
            "m": "q",
            "t": cursors.timestamp(at),
            "s": sorted(seen),
            "o": (number - 1) * SCAN_PAGE,
        }
        next_cursor = cursors.encode(position, key=key)
    ids = [int(h.object_id) for _, h in taken if h.object_id.isdigit()]
    found = with_summary_relations(InformationItem.objects.public().filter(pk__in=ids)).in_bulk()
    # The index can lag behind a withdrawal by a moment: only what is public now.
    return Page([found[pk] for pk in ids if pk in found], next_cursor)
