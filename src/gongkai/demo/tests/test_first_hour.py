"""When ``gongkai demo`` returns, the site is complete: no notices about 2016 went out, and
the search index and the formal notices' files are made (issue 14).

These tests commit (the actions enqueue their jobs on commit), so they use
``transactional_db`` and load only part of the world: the city, its staff, the
consultations (whose feedback reports text and mail the commenters) and the
proposals (a year of items, reply letters and two published 现场督办 news items).
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gongkai import search
from gongkai.demo import loaders
from gongkai.notices.models import Notice, NoticeChannel


@pytest.fixture
def part_of_the_world(transactional_db, monkeypatch):
    from importlib import import_module

    from django.apps import apps

    from gongkai.consultations.demo import load_consultations
    from gongkai.disclosure.models import SubjectCategory
    from gongkai.proposals.demo import load_proposals

    if not SubjectCategory.objects.exists():  # emptied by an earlier transactional test
        import_module("gongkai.disclosure.migrations.0002_reference_data").seed(apps, None)
    monkeypatch.setattr(
        loaders,
        "all_loaders",
        lambda: [
            loaders.load_governments,
            loaders.load_departments_and_staff,
            loaders.load_calendar,
            load_consultations,  # its feedback reports text and mail the commenters
            load_proposals,
        ],
    )
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def _queued(paths):
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path__in=paths)


def test_the_demo_sends_nothing_about_2016_and_its_search_is_complete_when_it_returns(
    part_of_the_world,
):
    from gongkai.proposals.models import DONE_STATES, Proposal

    assert not Notice.objects.exclude(channel=NoticeChannel.INAPP).exists()
    assert not DBTaskResult.objects.filter(task_path="gongkai.notices.jobs.deliver_notice").exists()
    # In-app notices only about items still open now, unread: what calls for attention today.
    about = set(Notice.objects.values_list("object_id", flat=True))
    still_open = {
        str(pk)
        for pk in Proposal.objects.exclude(state__in=DONE_STATES).values_list("pk", flat=True)
    }
    assert about and about <= still_open
    assert not Notice.objects.filter(read_at__isnull=False).exists()
    # The index jobs ran before the command returned: nothing is left for the worker.
    paths = [path for path, _label in loaders.jobs_before_serving()]
    assert DBTaskResult.objects.filter(task_path="gongkai.search.jobs.reindex_object_job").exists()
    assert not _queued(paths).exists()
    assert "后台任务：已完成" in part_of_the_world and "检索索引" in part_of_the_world
    assert "未写站内通知" in part_of_the_world
    # The search finds the published 现场督办 news by the leader who led the visit.
    results = search.search("赵明德")
    assert any("现场督办" in hit.title for hit in results.hits), [h.title for h in results.hits]


def test_a_document_job_that_fails_is_reported_and_the_demo_goes_on(transactional_db):
    from gongkai.applications.jobs import render_notice_files

    render_notice_files.enqueue(987654)  # no such notice: the job fails, its retry waits
    printed: list[str] = []
    loaders.run_jobs_before_serving(loaders.DemoContext(out=printed.append))
    (line,) = printed
    assert "告知书文件失败 1 项" in line and "后台任务进程将稍后重试" in line
    retry = _queued([render_notice_files.module_path]).get()
    assert retry.run_after > retry.enqueued_at
