"""Facets: the named values an entry can be filtered and counted by.

An entry's facets are a dict such as ``{"department": [12, 14], "subject":
"czjr", "genre": "tz", "year": 2026, "validity": "valid", "key_area":
"budget"}``: each value a string, an integer or a list of them. They are stored
twice: as given on ``SearchEntry.facets`` (shown with each hit) and as one
``SearchFacet`` row per value (filtered and counted), with the source itself
as the facet ``source``.

Only registered facet names may be indexed or filtered by; filtering by any
other name raises ``UnknownFilter`` (the API turns it into HTTP 400), indexing
with one raises ``UnknownFacet`` (a programming error). The names below are the
disclosure catalogue's; other modules add theirs with ``register_facet`` (or
``register_source(..., facets={...})``) when their app is ready.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# The longest facet value (a department id, a subject code, a year …).
MAX_VALUE_CHARS = 100

FACET_LABELS: dict[str, str] = {
    "source": "信息类别",
    "department": "发布机构",
    "subject": "主题分类",
    "genre": "体裁",
    "year": "年份",
    "validity": "效力状态",
    "key_area": "重点领域",
}


class UnknownFilter(ValueError):
    """A search was asked to filter by a facet nobody registered."""

    def __init__(self, name: str):
        self.name = name
        known = "、".join(sorted(FACET_LABELS))
        super().__init__(f"未知的筛选条件“{name}”。可用的筛选条件：{known}。")


class UnknownFacet(ValueError):
    """An entry was indexed with a facet name nobody registered."""

    def __init__(self, name: str):
        self.name = name
        super().__init__(
            f"Facet {name!r} is not registered; call gongkai.search.register_facet({name!r}, label=...) "
            "in your app's ready()."
        )


def register_facet(name: str, *, label: str) -> None:
    """Make ``name`` a facet entries may carry and searches may filter by."""
    if not name or not name.replace("_", "").isalnum() or not name.isascii() or len(name) > 40:
        raise ValueError(
            f"A facet name is 1–40 ASCII letters, digits or underscores, not {name!r}."
        )
    FACET_LABELS[name] = label


def facet_label(name: str) -> str:
    return FACET_LABELS.get(name, name)


def _values(value) -> list[str]:
    items = value if isinstance(value, list | tuple | set | frozenset) else [value]
    out: list[str] = []
    for item in items:
        if item is None or isinstance(item, bool):
            continue
        if not isinstance(item, str | int):
            raise TypeError(f"A facet value is a string or an integer, not {type(item).__name__}.")
        text = str(item).strip()
        if text and text not in out:
            out.append(text)
    return out


def facet_rows(facets: Mapping[str, object] | None) -> list[tuple[str, str]]:
    """(name, value) pairs to store for an entry's facets; validates names and values."""
    rows: list[tuple[str, str]] = []
    for name, value in (facets or {}).items():
        if name == "source":
            continue  # always the entry's own source
        if name not in FACET_LABELS:
            raise UnknownFacet(name)
        for text in _values(value):
            if len(text) > MAX_VALUE_CHARS:
                raise ValueError(
                    f"Facet value of {name!r} longer than {MAX_VALUE_CHARS} characters."
                )
            rows.append((name, text))
    return rows


def normalise_filters(filters: Mapping[str, object] | None) -> dict[str, list[str]]:
    """``{name: [values]}`` for the non-empty filters; unknown names raise ``UnknownFilter``.

    Values of one name are alternatives (ORed); names are combined with AND.
    Values that are not strings or integers are ignored (they match nothing).
    """
    out: dict[str, list[str]] = {}
    for name, value in (filters or {}).items():
        if name not in FACET_LABELS:
            raise UnknownFilter(str(name))
        items: Iterable = value if isinstance(value, list | tuple | set | frozenset) else [value]
        values = [
            text
            for text in (
                str(v).replace("\x00", "").strip()[:MAX_VALUE_CHARS]
                for v in items
                if isinstance(v, str | int) and not isinstance(v, bool)
            )
            if text
        ]
        if values:
            out[name] = list(dict.fromkeys(values))
    return out
