"""Pagination that does not count a million rows for every page.

Django's ``Paginator`` runs ``COUNT(*)`` over the whole result, which at the
scale of a city's full catalogue (a million items) costs seconds per page on
PostgreSQL. ``CappedPaginator`` counts at most ``cap + 1`` rows (a
``COUNT(*)`` over a ``LIMIT`` subquery, which stops early): beyond the cap
the page says "more than N" and offers the first ``cap / per_page`` pages; a
reader narrows the list with the filters, as nobody pages past page 500.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.paginator import Paginator
from django.utils.functional import cached_property

DEFAULT_CAP = 10_000


class CappedPaginator(Paginator):
    """``remember``, when given, is called with the function that counts and returns
    its value, possibly kept from an earlier request (``pagecache.memo``)."""

    def __init__(
        self,
        object_list,
        per_page,
        *,
        cap: int = DEFAULT_CAP,
        remember: Callable[[Callable[[], int]], int] | None = None,
        **kwargs,
    ):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        self.remember = remember

    def _count_head(self) -> int:
        head = self.object_list[: self.cap + 1]
        counter = getattr(head, "count", None)
        if callable(counter) and not isinstance(head, (list, tuple)):
            return counter()
        return len(head)

    @cached_property
    def _bounded_count(self) -> int:
        if self.remember is not None:
            return self.remember(self._count_head)
        return self._count_head()

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.cap)

    @property
    def capped(self) -> bool:
        """True when there are more rows than the cap (the count shown is a floor)."""
        return self._bounded_count > self.cap
