"""The embedded index (ADR 0011): kept from the change log by one writer, read by others,
rebuilt from the entries, agreeing with the database engine."""

from __future__ import annotations

import time

import pytest

from gongkai.core import pagecache
from gongkai.search import embedded, index_entries, remove_entry, search
from gongkai.search.models import SearchChange, SearchSynonym
from gongkai.search.tests.data import SOURCE, entries

pytestmark = pytest.mark.engine("tantivy")


@pytest.fixture
def on_disk(settings, tmp_path):
    """The index in a directory, applied by the worker (as on a node), not by searches."""
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    settings.SEARCH_SYNC = "worker"
    embedded.reset()
    yield tmp_path / "index"
    embedded.reset()


def _eventually(check, seconds: float = 5.0):
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not seen in time"
        time.sleep(0.05)


def test_a_reader_sees_what_the_worker_applied_and_no_more(db, on_disk):
    writer = embedded.EmbeddedIndex(on_disk)  # the worker's process
    reader = embedded.get_index()  # a web process
    index_entries(SOURCE, entries())
    assert search("黄标车").total == 0  # written, not applied yet: the worker has not run
    assert reader.behind()

    assert writer.sync() == len(entries())
    reader.index.reload()
    _eventually(lambda: search("黄标车").total == 2)
    before = [h.object_id for h in search("黄标车").hits]
    assert "yellow-label-draft" in before

    remove_entry(SOURCE, "yellow-label-draft")
    # Not applied yet: it still matches, but its hit is read from the rows, which are gone.
    assert [h.object_id for h in search("黄标车").hits] == [
        o for o in before if o != "yellow-label-draft"
    ]
    writer.sync()
    reader.index.reload()
    _eventually(lambda: search("黄标车").total == 1)


def test_the_state_survives_a_restart_and_a_new_schema_rebuilds(db, on_disk):
    index_entries(SOURCE, entries())
    first = embedded.EmbeddedIndex(on_disk)
    first.sync()
    applied = first.state.applied
    del first
    again = embedded.EmbeddedIndex(on_disk)
    assert (again.state.applied, again.state.built) == (applied, True)
    assert not again.behind()
    del again

    current = f'"schema": {embedded.SCHEMA_VERSION}'
    older = f'"schema": {embedded.SCHEMA_VERSION - 1}'
    state_file = on_disk / f"v{embedded.SCHEMA_VERSION}" / embedded.STATE_FILE
    state_file.write_text(state_file.read_text().replace(current, older))
    renewed = embedded.EmbeddedIndex(on_disk)
    assert not renewed.state.built  # an index of another shape is not used …
    assert renewed.sync() == len(entries())  # … but built again from the entries
    assert renewed.searcher().num_docs == len(entries())


def test_a_new_schema_builds_beside_the_old_one_which_the_writer_then_removes(db, on_disk):
    old = on_disk / "v1"
    old.mkdir(parents=True)
    (old / "meta.json").write_text("{}")  # what an older release left
    index_entries(SOURCE, entries())
    index = embedded.EmbeddedIndex(on_disk)  # a reader: it removes nothing
    assert old.exists() and index.path == on_disk / f"v{embedded.SCHEMA_VERSION}"
    index.sync()  # the writer's first sync builds the index, then removes the old one
    assert not old.exists()
    assert index.searcher().num_docs == len(entries())


def test_a_change_committed_late_is_applied_when_it_appears(db, on_disk):
    index_entries(SOURCE, entries()[:2])
    index = embedded.EmbeddedIndex(on_disk)
    index.sync()

    def renumber_newest(to: int) -> None:
        newest = SearchChange.objects.exclude(pk__in=known).get()
        SearchChange.objects.filter(pk=newest.pk).update(id=to)
        known.add(to)

    known = set(SearchChange.objects.values_list("pk", flat=True))
    # Number `late` is taken by a transaction still open; `late + 1` commits first.
    # (Far above the sequence's next values, which PostgreSQL never moves back.)
    late = max(known) + 500
    index_entries(SOURCE, entries()[2:3])
    renumber_newest(late + 1)
    index.sync()
    assert late in index.state.gaps
    assert index.searcher().num_docs == 3

    index_entries(SOURCE, entries()[3:4])
    renumber_newest(late)
    assert index.behind()
    index.sync()
    assert late not in index.state.gaps
    assert index.searcher().num_docs == 4


def test_a_jump_in_the_change_numbers_is_not_remembered_number_by_number(db, on_disk):
    index_entries(SOURCE, entries()[:1])
    index = embedded.EmbeddedIndex(on_disk)
    index.sync()
    known = set(SearchChange.objects.values_list("pk", flat=True))
    index_entries(SOURCE, entries()[1:2])  # after a million rolled-back numbers
    SearchChange.objects.exclude(pk__in=known).update(id=max(known) + 1_000_000)
    index.sync()
    assert len(index.state.gaps) == embedded.GAP_WINDOW
    assert index.searcher().num_docs == 2


def test_a_rebuild_reports_progress_and_keeps_searching_the_old_index_until_it_commits(db, on_disk):
    index_entries(SOURCE, entries())
    index = embedded.get_index()
    seen = []
    assert index.rebuild(progress=lambda done, total: seen.append((done, total))) == len(entries())
    assert seen[0] == (0, len(entries())) and seen[-1] == (len(entries()), len(entries()))
    assert search("黄标车").total == 2


def test_the_worker_applies_the_changes_at_each_turn_and_moves_the_page_version(db, on_disk):
    from gongkai.jobs.worker import JobWorker

    index_entries(SOURCE, entries())
    before = pagecache.version()
    JobWorker(batch=True, schedules=False, quiet=True).tick()
    embedded.get_index().index.reload()
    assert search("黄标车").total == 2
    assert pagecache.version() > before


def test_both_engines_find_and_count_the_same(db, settings):
    settings.SEARCH_ENGINE = "database"
    index_entries(SOURCE, entries())  # the database engine's text and the change log
    queries = ["黄标车", "预算", "天水", "2026", "城", "三公经费", "公开 天水"]
    filters = [{}, {"department": ["12"]}, {"year": ["2026"], "source": [SOURCE]}]

    def answers():
        out = {}
        for q in queries:
            for f in filters:
                r = search(q, filters=f, per_page=100)
                out[(q, str(f))] = (r.total, sorted(h.object_id for h in r.hits), r.facet_counts)
        return out

    database = answers()
    settings.SEARCH_ENGINE = "tantivy"
    assert answers() == database
    assert any(total for total, _, _ in database.values())


def test_a_synonym_finds_the_other_way_of_writing_it(db, found):
    index_entries(
        SOURCE,
        [
            {
                **entries()[0],
                "object_id": "shanty",
                "title": "天水市2016年棚户区改造工作方案",
                "body": "全年计划改造棚户区住房6500套。",
            }
        ],
    )
    assert SearchSynonym.objects.filter(words="棚改 棚户区改造").exists()  # from the migration
    assert found("棚改") == ["shanty"]
    assert found("棚改工作") == ["shanty"]
    results = search("棚改")
    assert "<mark>棚户区改造</mark>" in results.hits[0].title_html
    assert results.widened == ["“棚改”同时检索了同义词“棚户区改造”。"]

    SearchSynonym.objects.filter(words="棚改 棚户区改造").delete()
    assert found("棚改") == []


def test_the_governments_own_document_outranks_the_messages_quoting_it(db, found):
    from gongkai.search.registry import register_source, unregister_source

    rules = "天水市淘汰尾气排放不达标黄标车和老旧机动车实施细则"
    register_source("test.rules", label="文件", iter_entries=list, weight=2.0)
    register_source("test.letters", label="留言", iter_entries=list)
    try:
        index_entries(
            "test.rules",
            [
                {
                    **entries()[0],
                    "object_id": "rules",
                    "title": rules,
                    "body": "第一条 为改善空气质量。",
                }
            ],
        )
        index_entries(
            "test.letters",
            [
                {
                    **entries()[0],
                    "object_id": f"letter-{i}",
                    "title": "黄标车补贴什么时候发",
                    "body": f"我按《{rules}》报废了黄标车，补贴还没到账。",
                }
                for i in range(5)
            ],
        )
        assert found("黄标车")[0] == "rules"
    finally:
        unregister_source("test.rules")
        unregister_source("test.letters")


def test_a_quiet_week_does_not_make_a_running_node_rebuild(db, on_disk, settings):
    index_entries(SOURCE, entries())
    index = embedded.get_index()
    index.sync()
    index.state.synced_at -= 8 * 24 * 3600  # the last change was applied eight days ago …
    embedded.sync_now()  # … but the worker has been running: nothing waits, the index is current
    assert not index._needs_rebuild()

    index.state.synced_at -= 8 * 24 * 3600  # a node whose worker was away that long
    index_entries(SOURCE, entries()[:1])
    assert index._needs_rebuild()


def test_a_synonym_group_needs_two_searchable_words(db):
    from django.core.exceptions import ValidationError

    for words, message in (
        ("棚改", "同义词组至少要有两个不同的词"),
        ("棚改 棚改", "同义词组至少要有两个不同的词"),
        ("棚改 “”", "不含文字或数字，无法检索"),
        ("  棚改   棚户区改造 ", "已存在"),  # the seeded group, however it is spaced
    ):
        with pytest.raises(ValidationError) as refused:
            SearchSynonym(words=words).full_clean()
        assert message in str(refused.value)
    group = SearchSynonym(words="  危旧房   危房 ")
    group.full_clean()
    assert group.words == "危旧房 危房"
    assert not SearchSynonym.objects.filter(words__contains="危旧房").exists()  # nothing saved
