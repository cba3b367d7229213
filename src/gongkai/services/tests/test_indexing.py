"""Published items in the site search (source ``services.item``): indexed by a job when
a guide is published, removed when the item is withdrawn, never while a draft."""

from datetime import date

import pytest

from gongkai import search
from gongkai.jobs.testing import run_jobs
from gongkai.services.indexing import SEARCH_SOURCE, count, get_entry, iter_entries
from gongkai.services.services import guides

from .helpers import complete_guide, item
from .public_helpers import published

pytestmark = pytest.mark.django_db


def hits(words):
    return search.search(words, filters={"source": [SEARCH_SOURCE]}).hits


def test_a_published_item_is_found_and_a_withdrawn_one_is_not(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        service = published(world, name="排污许可证核发", department=world.environment)
    run_jobs()
    found = hits("排污许可证")
    assert [h.url for h in found] == [f"/banshi/{service.code}/"]
    assert found[0].title == "排污许可证核发"
    with django_capture_on_commit_callbacks(execute=True):
        guides.withdraw(service, actor=world.office, on=date(2026, 12, 1), reason="已取消")
    run_jobs()
    assert hits("排污许可证") == []


def test_the_materials_asked_for_are_searchable(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        published(world, name="政府采购代理机构资格认定")
    run_jobs()
    assert len(hits("营业执照")) == 1  # a material of the guide, not in its name


def test_a_draft_is_never_an_entry(world):
    draft = item(world, name="尚未发布的事项")
    complete_guide(draft)
    assert get_entry(str(draft.pk)) is None
    assert get_entry("not-a-number") is None
    assert list(iter_entries()) == [] and count() == 0


def test_a_full_reindex_lists_the_public_items(world):
    service = published(world, name="政府采购代理机构资格认定")
    item(world, name="尚未发布的事项")
    entries = list(iter_entries())
    assert [e["object_id"] for e in entries] == [str(service.pk)] and count() == 1
    entry = entries[0]
    assert entry["summary"] == f"{service.code} · 实施主体：天水市财政局 · 承诺10个工作日办结"
    assert entry["facets"] == {"department": world.finance.pk, "year": 2026}
