"""Sources of searchable things, registered by the apps that own them.

A source is a kind of public object (``"disclosure.item"``) that knows how to
describe its objects as index entries::

    register_source(
        "disclosure.item",
        label="政府信息",
        iter_entries=lambda: (entry_for(item) for item in published_items().iterator()),
        get_entry=lambda object_id: entry_for_id(object_id),  # None: not public (any more)
        count=lambda: published_items().count(),
        facets={"department": "发布机构"},  # facet names of its own, if any
    )

Each entry is a dict of ``index_entry``'s arguments: ``object_id``, ``url``,
``title``, ``published_at`` and optionally ``summary``, ``body`` and
``facets``. ``iter_entries`` feeds ``gongkai search reindex``; ``get_entry``
feeds ``reindex_object_job`` (publishing and withdrawing enqueue that job with
ids); ``count`` (optional) lets the progress bar show a percentage.
Register in your ``AppConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .facets import register_facet

EntryDict = Mapping[str, Any]


@dataclass(frozen=True)
class SearchSource:
    name: str
    label: str
    iter_entries: Callable[[], Iterable[EntryDict]]
    get_entry: Callable[[str], EntryDict | None] | None = None
    count: Callable[[], int] | None = None
    # Relevance: the embedded engine multiplies a match's score by log2(2 + weight), so 0
    # leaves it, 2 doubles it: the government's own documents above messages quoting them.
    weight: float = 0.0


class UnknownSource(LookupError):
    def __init__(self, name: str):
        self.name = name
        super().__init__(f"未登记的检索来源“{name}”。")


_SOURCES: dict[str, SearchSource] = {}


def register_source(
    name: str,
    *,
    label: str,
    iter_entries: Callable[[], Iterable[EntryDict]],
    get_entry: Callable[[str], EntryDict | None] | None = None,
    count: Callable[[], int] | None = None,
    facets: Mapping[str, str] | None = None,
    weight: float = 0.0,
) -> SearchSource:
    """Register (or replace) the source ``name``; see the module docstring."""
    if not name or len(name) > 50:
        raise ValueError("A source name is 1–50 characters, e.g. 'disclosure.item'.")
    for facet, facet_label in (facets or {}).items():
        register_facet(facet, label=facet_label)
    if weight < 0:
        raise ValueError("A source's weight is 0 or more.")
    source = SearchSource(name, label, iter_entries, get_entry, count, weight)
    _SOURCES[name] = source
    return source


def queryset_functions(
    public: Callable[[], Any], entry_for: Callable[[Any], EntryDict], *, chunk: int = 500
) -> tuple[Callable[[], Iterable[EntryDict]], Callable[[str], EntryDict | None], Callable[[], int]]:
    """``iter_entries``, ``get_entry`` and ``count`` of a source whose public objects are
    the rows of a queryset: ``public()`` returns it (with what ``entry_for`` needs
    selected), ``entry_for(row)`` the row's entry. Full reindexes walk it by primary
    key; ``get_entry(id)`` answers None for a row no longer in it (withdrawn, closed,
    ended), so the job that indexed it removes it. A module binds them by name::

        iter_entries, get_entry, count = queryset_functions(_public, entry_for)
    """

    def iter_entries():
        for row in public().order_by("pk").iterator(chunk_size=chunk):
            yield entry_for(row)

    def get_entry(object_id: str):
        if not str(object_id).isdigit():
            return None
        row = public().filter(pk=int(object_id)).first()
        return entry_for(row) if row is not None else None

    def count() -> int:
        return public().count()

    return iter_entries, get_entry, count


def unregister_source(name: str) -> None:
    _SOURCES.pop(name, None)


def get_source(name: str) -> SearchSource:
    try:
        return _SOURCES[name]
    except KeyError:
        raise UnknownSource(name) from None


def registered_sources() -> list[SearchSource]:
    return list(_SOURCES.values())


def source_weight(name: str) -> float:
    source = _SOURCES.get(name)
    return source.weight if source else 0.0


def source_label(name: str) -> str:
    source = _SOURCES.get(name)
    return source.label if source else name
