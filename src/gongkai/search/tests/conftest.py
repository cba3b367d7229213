"""Fixtures of the search tests: a real index on whichever database the suite runs on."""

from __future__ import annotations

import pytest

from gongkai.search.indexing import index_entries
from gongkai.search.registry import register_source, unregister_source
from gongkai.search.tests.data import SOURCE, entries


def pytest_collection_modifyitems(config, items):
    """A test marked ``engine("database")`` runs on that engine only."""
    kept = []
    for item in items:
        only = item.get_closest_marker("engine")
        param = getattr(getattr(item, "callspec", None), "params", {}).get("engine")
        if only is None or param is None or param in only.args:
            kept.append(item)
    items[:] = kept


@pytest.fixture(autouse=True, params=["tantivy", "database"])
def engine(request, settings):
    """Every search test runs on both engines: the embedded index (the default) and the
    database's own full text (SQLite FTS5 or PostgreSQL). Tests of one engine's rules
    say so with ``@pytest.mark.engine("database")``."""
    settings.SEARCH_ENGINE = request.param
    return request.param


@pytest.fixture
def corpus(db):
    """The test items indexed under ``test.item``."""
    index_entries(SOURCE, entries())
    return {item["object_id"]: item for item in entries()}


@pytest.fixture
def found():
    """``found(q, **kwargs)``: the object ids a search returns, in order."""
    from gongkai.search import search

    def found_(q, **kwargs):
        kwargs.setdefault("per_page", 100)
        return [hit.object_id for hit in search(q, **kwargs).hits]

    return found_


@pytest.fixture
def notice_source():
    """A registered source ``test.notice`` whose objects the test controls:
    ``objects`` maps an id to its entry dict (delete one to withdraw it)."""
    objects: dict[str, dict] = {}
    register_source(
        "test.notice",
        label="测试通知",
        iter_entries=lambda: (dict(entry) for entry in list(objects.values())),
        get_entry=lambda object_id: objects.get(object_id),
        count=lambda: len(objects),
    )
    yield objects
    unregister_source("test.notice")
