"""Pages of a public list, and the links of ``portal/_pagination.html``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils import timezone

from gongkai.core.pagination import CappedPaginator

PER_PAGE = 20


def paginate(request, items, per_page: int = PER_PAGE) -> Page:
    """The requested page; a page number that is not a number or too large gives
    the first or last page rather than an error. Counting stops at
    ``CappedPaginator``'s cap (10,000): a million-item catalogue is not counted
    on every page."""
    return CappedPaginator(items, per_page).get_page(request.GET.get("page"))


def url_with(request, **changes) -> str:
    """The current query string with ``changes`` applied (None removes a key)."""
    params = [
        (key, value)
        for key, values in request.GET.lists()
        if key not in changes
        for value in values
    ]
    for key, value in changes.items():
        if value is not None and value != "":
            params.append((key, str(value)))
    query = urlencode(params)
    return f"?{query}" if query else request.path


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: an ellipsis
    url: str = ""
    current: bool = False


def page_links(request, page: Page) -> dict:
    """Links for ``portal/_pagination.html``: previous, numbers (elided), next."""
    if page.paginator.num_pages <= 1:
        return {"page": page, "links": []}
    links = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == Paginator.ELLIPSIS:
            links.append(PageLink(None))
        else:
            links.append(PageLink(number, url_with(request, page=number), number == page.number))
    return {
        "page": page,
        "links": links,
        "previous": url_with(request, page=page.previous_page_number())
        if page.has_previous()
        else "",
        "next": url_with(request, page=page.next_page_number()) if page.has_next() else "",
    }


# -- seek ("keyset") pages of a list ordered by publication -------------------------------
#
# An offset page costs the rows before it: page 300 of the catalogue reads 6,000 rows
# to show 20. A list ordered by (published_at, id) can instead start where the page
# before it ended: ``?after=<published_at>-<id>`` (the last row shown) or
# ``?before=...`` (the first one), both read from the index like the first page. The
# first pages keep their numbers; links beyond ``NUMBERED_PAGES`` are seek links.

NUMBERED_PAGES = 10
SEEK_ORDERS = {("-published_at", "-id"): True, ("published_at", "id"): False}  # descending?
BAD_CURSOR = "翻页链接无效或已过期，已为您显示第一页。"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_CURSOR = re.compile(r"([0-9]{1,18})-([0-9]{1,18})")  # ASCII digits only


@dataclass(frozen=True)
class Cursor:
    """A position in the list: a row's publication time and id."""

    published_at: datetime
    pk: int

    @classmethod
    def of(cls, row) -> Cursor | None:
        return cls(row.published_at, row.pk) if row.published_at is not None else None

    def encode(self) -> str:
        return f"{(self.published_at - _EPOCH) // timedelta(microseconds=1)}-{self.pk}"

    @classmethod
    def decode(cls, text: str) -> Cursor | None:
        """The cursor written by ``encode``; None for anything else."""
        found = _CURSOR.fullmatch(text.strip())
        if found is None:
            return None
        micros, pk = int(found[1]), int(found[2])
        try:
            moment = _EPOCH + timedelta(microseconds=micros)
        except OverflowError:
            return None
        if moment.year > 9000 or not 0 < pk < 2**63:
            return None
        return cls(moment, pk)


def _beyond(items, cursor: Cursor, later_first: bool):
    """Rows after ``cursor`` in a list ordered newest first (``later_first``) or oldest
    first. The redundant bound on ``published_at`` gives the database an index range
    to start from; the OR only settles rows published at the cursor's very moment."""
    op = "lt" if later_first else "gt"
    at = cursor.published_at
    return items.filter(**{f"published_at__{op}e": at}).filter(
        Q(**{f"published_at__{op}": at}) | Q(**{f"id__{op}": cursor.pk})
    )


@dataclass
class SeekPage:
    """A page reached by a cursor: its rows and the paginator (for the total)."""

    object_list: list
    paginator: Paginator
    number: int | None = None

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


def _clean_url(request, **changes) -> str:
    return url_with(request, **{"page": None, "after": None, "before": None, **changes})


def _cursor_url(request, key: str, row) -> str:
    cursor = Cursor.of(row) if row is not None else None
    return _clean_url(request, **{key: cursor.encode()}) if cursor else ""


def _span(rows) -> str:
    """The status line of a seek page: the days its rows were published."""
    days = [timezone.localdate(r.published_at) for r in rows if r.published_at]
    if not days:
        return "没有更多信息"
    first, last = days[0].isoformat(), days[-1].isoformat()
    return f"本页为 {first} 至 {last} 发布的信息" if first != last else f"本页为 {first} 发布的信息"


def seek_paginate(request, items, per_page: int = PER_PAGE, *, remember=None) -> tuple:
    """``(page, links)`` of ``items``: numbered pages first, seek pages beyond.

    ``items`` must be ordered as in ``SEEK_ORDERS``; otherwise (or for an empty
    queryset) this is ``paginate`` and ``page_links``. ``remember`` keeps the count
    (``CappedPaginator``). A cursor that is not one of ours gives the first page and
    a notice, never an error.
    """
    paginator = CappedPaginator(items, per_page, remember=remember)
    later_first = SEEK_ORDERS.get(tuple(items.query.order_by))
    if later_first is None:
        page = paginator.get_page(request.GET.get("page"))
        return page, page_links(request, page)
    notice = ""
    for key in ("after", "before"):
        if key not in request.GET:
            continue
        cursor = Cursor.decode(request.GET[key])
        if cursor is None:
            notice = BAD_CURSOR
            break
        found = _seek_page(request, items, paginator, cursor, key == "after", later_first)
        if found is not None:
            return found
        break  # ``before`` reached the start: the first page
    number = 1 if notice or "before" in request.GET else request.GET.get("page")
    page = paginator.get_page(number)
    return page, {**_numbered_links(request, page), "notice": notice}


def _seek_page(request, items, paginator, cursor: Cursor, forward: bool, later_first: bool):
    """The page after (``forward``) or before ``cursor``; None when the page before
    reaches the start of the list (the first page, by number, shows it)."""
    per_page = paginator.per_page
    # One row more than the page says whether the list goes on in that direction; the
    # other direction goes on past the cursor's own row.
    if forward:
        rows = list(_beyond(items, cursor, later_first)[: per_page + 1])
        more_after = len(rows) > per_page
        rows = rows[:per_page]
    else:
        rows = list(_beyond(items.reverse(), cursor, not later_first)[: per_page + 1])
        if len(rows) <= per_page:
            return None
        more_after = True
        rows = list(reversed(rows[:per_page]))
    page = SeekPage(rows, paginator)
    first, last = (rows[0], rows[-1]) if rows else (None, None)
    links = {
        "page": page,
        "links": [],
        "status": _span(rows),
        "first": _clean_url(request),
        "previous": _cursor_url(request, "before", first),
        "next": _cursor_url(request, "after", last) if more_after else "",
        "notice": "",
    }
    return page, links


def _numbered_links(request, page: Page) -> dict:
    """``page_links`` with numbers up to ``NUMBERED_PAGES``; beyond, seek links."""
    paginator = page.paginator
    if paginator.num_pages <= 1:
        return {"page": page, "links": []}
    links: list[PageLink] = []
    for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == Paginator.ELLIPSIS or number > NUMBERED_PAGES:
            if links and links[-1].number is not None:
                links.append(PageLink(None))
        else:
            links.append(PageLink(number, _clean_url(request, page=number), number == page.number))
    if paginator.num_pages > NUMBERED_PAGES and (not links or links[-1].number is not None):
        links.append(PageLink(None))
    rows = list(page.object_list)
    previous = next_ = ""
    if page.has_previous():
        if page.number - 1 <= NUMBERED_PAGES:
            previous = _clean_url(request, page=page.previous_page_number())
        else:
            previous = _cursor_url(request, "before", rows[0] if rows else None)
    if page.has_next():
        if page.number + 1 <= NUMBERED_PAGES:
            next_ = _clean_url(request, page=page.next_page_number())
        else:
            next_ = _cursor_url(request, "after", rows[-1] if rows else None)
    return {"page": page, "links": links, "previous": previous, "next": next_}
