"""Pages of a public list, and the links of ``portal/_pagination.html``."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator

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
