"""全文检索: one site-wide search over everything public, on SQLite FTS5 or PostgreSQL.

The interface every module uses::

    from gongkai import search

    search.register_source("disclosure.item", label="政府信息", iter_entries=..., get_entry=...)
    search.index_entry("disclosure.item", item.pk, url=..., title=..., body=...,
                       published_at=..., facets={"department": [12], "year": 2026})
    search.remove_entry("disclosure.item", item.pk)
    search.schedule_reindex("disclosure.item", item.pk)   # on commit, via a job

    results = search.search("黄标车 实施细则", filters={"department": ["12"]}, order="relevance")
    results.total, results.hits, results.facet_counts, results.suggestions

Chinese is segmented in Python (``tokens.py``) before it reaches either
engine; the engine is chosen from the connection's vendor (``backends.py``).
Query rules: ``query.py``. ``gongkai search reindex`` rebuilds the index.

This module imports no models (it is imported while Django loads apps): the
names below are loaded on first use.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "index_entry": "indexing",
    "index_entries": "indexing",
    "remove_entry": "indexing",
    "clear_source": "indexing",
    "reindex": "indexing",
    "search": "searching",
    "raw_fulltext_sql": "searching",
    "SearchResults": "searching",
    "Hit": "searching",
    "Suggestion": "searching",
    "InvalidOrder": "searching",
    "register_source": "registry",
    "unregister_source": "registry",
    "registered_sources": "registry",
    "UnknownSource": "registry",
    "register_facet": "facets",
    "UnknownFilter": "facets",
    "UnknownFacet": "facets",
    "FACET_LABELS": "facets",
    "reindex_object_job": "jobs",
    "schedule_reindex": "jobs",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'gongkai.search' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
