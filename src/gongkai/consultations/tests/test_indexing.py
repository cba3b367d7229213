"""Published consultations in the site-wide search: the draft's clauses, then the feedback."""

from __future__ import annotations

from gongkai import search
from gongkai.consultations import services
from gongkai.consultations.indexing import SEARCH_SOURCE, get_entry
from gongkai.jobs.testing import run_jobs
from gongkai.search.models import SearchEntry

from .helpers import at, comment_data, draft, published


def test_unpublished_has_no_entry(world):
    hidden = services.create(world.finance, draft(), actor=world.handler_finance)
    assert get_entry(str(hidden.pk)) is None and get_entry("x") is None


def test_publishing_indexes_and_feedback_reindexes(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        consultation = published(world)
    run_jobs()
    stored = SearchEntry.objects.get(source=SEARCH_SOURCE, object_id=str(consultation.pk))
    assert "三千元至一万八千元" in stored.body
    results = search.search("黄标车 补贴", filters={"source": [SEARCH_SOURCE]})
    assert [hit.object_id for hit in results.hits] == [str(consultation.pk)]
    assert results.hits[0].source_label == "意见征集"

    round = consultation.current_round()
    comment = services.submit_comment(round, comment_data(), now=at(2026, 6, 5)).record
    services.moderate(
        consultation, comment_ids=[comment.pk], approve=True, actor=world.handler_finance
    )
    group = services.create_group(consultation, "补贴标准", actor=world.handler_finance)
    services.move_comments(consultation, [comment.pk], group, actor=world.handler_finance)
    services.decide_group(
        group,
        title="补贴标准",
        outcome="adopted",
        reason="上限提高到两万元",
        actor=world.handler_finance,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_feedback(consultation, "采纳意见1条。", actor=world.reviewer_finance)
    run_jobs()
    stored.refresh_from_db()
    assert "上限提高到两万元" in stored.body
    assert comment.text not in stored.body  # the public's words are not indexed


def test_the_site_search_finds_a_consultation_by_a_word_of_its_clauses(
    client, world, django_capture_on_commit_callbacks
):
    hidden = services.create(
        world.finance, draft(title="未发布的征求意见稿"), actor=world.handler_finance
    )
    with django_capture_on_commit_callbacks(execute=True):
        consultation = published(world)
    run_jobs()
    page = client.get("/xxgk/search/", {"q": "车辆报废"}).content.decode()  # only in 第四条
    assert f'href="/zhengji/{consultation.pk}/"' in page
    assert f'href="/zhengji/{hidden.pk}/"' not in page
    assert [h.object_id for h in search.search("车辆报废").hits if h.source == SEARCH_SOURCE] == [
        str(consultation.pk)
    ]
