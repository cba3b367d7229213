"""Rebuilding the index from registered sources, and the job that updates one object."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from gongkai.jobs.testing import run_jobs
from gongkai.search import reindex_object_job, schedule_reindex, search
from gongkai.search.models import SearchEntry

TITLES = ["关于{}的通知", "{}工作方案", "{}实施细则"]
TOPICS = ["春季植树造林", "防汛抗旱", "秸秆禁烧", "冬季供暖保障", "义务教育招生", "城乡医疗救助"]


def notice(i: int) -> dict:
    topic = TOPICS[i % len(TOPICS)]
    return {
        "object_id": str(i),
        "url": f"/tz/{i}/",
        "title": TITLES[i % len(TITLES)].format(topic) + f"（第{i}号）",
        "body": f"各县区人民政府：现就{topic}有关事项通知如下，请认真贯彻落实。",
        "published_at": datetime(2026, 1, 1 + i % 28, tzinfo=ZoneInfo("Asia/Shanghai")),
        "facets": {"department": [20], "year": 2026},
    }


def test_reindex_indexes_every_object_in_batches_with_progress(db, notice_source):
    notice_source.update({str(i): notice(i) for i in range(120)})
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "search", "reindex", "--source", "test.notice", "--batch-size", "25", stdout=out, stderr=err
    )
    assert "[测试通知] 已索引 120/120 (100%)" in err.getvalue()
    assert "\r" in err.getvalue()
    assert "索引 120 条" in out.getvalue()
    assert search("防汛抗旱").total == 20
    assert search("防汛抗旱", filters={"source": "test.notice"}).total == 20


def test_reindex_removes_what_the_source_no_longer_has(db, notice_source):
    notice_source.update({str(i): notice(i) for i in range(12)})
    call_command("search", "reindex", stdout=io.StringIO(), stderr=io.StringIO())
    del notice_source["0"], notice_source["6"]
    out = io.StringIO()
    call_command("search", "reindex", stdout=out, stderr=io.StringIO())
    assert "移除已不存在的 2 条" in out.getvalue()
    assert set(SearchEntry.objects.values_list("object_id", flat=True)) == {
        str(i) for i in range(12) if i not in (0, 6)
    }
    assert search("春季植树造林").total == 0  # only notices 0 and 6 were about it


def test_reindex_of_an_unknown_source_is_refused(db):
    with pytest.raises(CommandError, match="未登记的检索来源"):
        call_command(
            "search", "reindex", "--source", "nope", stdout=io.StringIO(), stderr=io.StringIO()
        )


def test_the_job_indexes_and_removes_one_object_as_its_source_says(db, notice_source):
    notice_source["7"] = notice(7)
    reindex_object_job.enqueue("test.notice", "7")
    assert run_jobs() == 1
    assert [h.object_id for h in search("第7号").hits] == ["7"]

    notice_source["7"] = {**notice(7), "title": "关于防汛抗旱的紧急通知（第7号）"}
    reindex_object_job.enqueue("test.notice", "7")
    run_jobs()
    assert search("紧急通知").total == 1

    del notice_source["7"]  # withdrawn
    reindex_object_job.enqueue("test.notice", "7")
    run_jobs()
    assert search("第7号").total == 0


def test_schedule_reindex_enqueues_the_job_when_the_transaction_commits(
    db, notice_source, django_capture_on_commit_callbacks
):
    notice_source["3"] = notice(3)
    with django_capture_on_commit_callbacks(execute=True):
        schedule_reindex("test.notice", 3)
    run_jobs()
    assert search("第3号").total == 1


def test_stats_and_query_commands(db, notice_source):
    notice_source.update({str(i): notice(i) for i in range(6)})
    call_command("search", "reindex", stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()
    call_command("search", "stats", stdout=out)
    assert "测试通知（test.notice）：6 条" in out.getvalue()
    out = io.StringIO()
    call_command("search", "query", "防汛抗旱", "--filter", "year=2026", stdout=out)
    assert "“防汛抗旱”：1 条" in out.getvalue()
    assert "/tz/1/" in out.getvalue()
    with pytest.raises(CommandError, match="未知的筛选条件"):
        call_command("search", "query", "防汛", "--filter", "colour=red", stdout=io.StringIO())


def test_an_entry_the_index_refuses_fails_the_job_at_once(db, notice_source):
    from gongkai.jobs.failures import failed_jobs

    notice_source["5"] = {**notice(5), "facets": {"colour": "red"}}
    reindex_object_job.enqueue("test.notice", "5")
    assert run_jobs(skip_delays=True) == 1
    [failed] = failed_jobs()
    assert failed.args == ["test.notice", "5"]
    assert "colour" in failed.error
