"""The consultation workbench pages render for the department's staff and the 公开办, not for
another department, and show the buttons each person may use."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.consultations.models import Kind

from .helpers import live
from .staff_helpers import closed_call, closed_with_comments, unpublished, url, with_comments

pytestmark = pytest.mark.django_db

PAGES = ["detail", "moderation", "feedback"]


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def get(client, user, name, *args, **params):
    client.force_login(user)
    response = client.get(url(name, *args), params)
    return response, response.content.decode()


@pytest.mark.parametrize("persona", ["handler_finance", "reviewer_finance", "office"])
def test_every_page_renders_for_the_department_and_the_office(client, world, persona):
    consultation, _ids, _waiting = closed_with_comments(world)
    user = getattr(world, persona)
    response, html = get(client, user, "index")
    assert response.status_code == 200
    assert consultation.title in html
    workbench_nav = html.split('class="wb-nav"')[1].split("</nav>")[0]
    assert f'href="{url("index")}" aria-current="page">意见征集</a>' in workbench_nav
    for name in PAGES:
        response, html = get(client, user, name, consultation.pk)
        assert response.status_code == 200, name
        assert consultation.title in html


def test_another_department_sees_neither_the_list_entry_nor_the_pages(client, world):
    consultation, _ids, _waiting = closed_with_comments(world)
    response, html = get(client, world.handler_environment, "index")
    assert response.status_code == 200
    assert consultation.title not in html
    for name in [*PAGES, "edit"]:
        assert get(client, world.handler_environment, name, consultation.pk)[0].status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client, world):
    consultation = unpublished(world)
    response = client.get(url("detail", consultation.pk))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_list_puts_what_needs_doing_first_with_its_counts(client, world):
    quiet = unpublished(world, title="尚未发布的草案")
    busy, _ids, _waiting = with_comments(world, approve=False, pending=2)
    _response, html = get(client, world.handler_finance, "index")
    assert html.index(busy.title) < html.index(quiet.title)
    # five unmoderated + two more pending: 7 to moderate, linked to the moderation page
    assert f'href="{url("moderation", busy.pk)}">7</a>' in html
    _response, html = get(client, world.handler_finance, "index", phase="todo")
    assert busy.title in html and quiet.title not in html


def test_the_list_counts_ungrouped_comments_and_filters_by_phase(client, world):
    closed, _ids, _waiting = closed_with_comments(world, pending=0)
    draft = unpublished(world, title="尚未发布的草案")
    _response, html = get(client, world.handler_finance, "index", phase="closed")
    assert closed.title in html and draft.title not in html
    assert f'href="{url("feedback", closed.pk)}">5</a>' in html  # five approved, none grouped
    _response, html = get(client, world.handler_finance, "index", phase="draft")
    assert draft.title in html and closed.title not in html


def test_the_list_counts_in_one_query_whatever_the_number_of_rows(client, world):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("index")).status_code == 200
        return len(captured.captured_queries)

    with_comments(world, approve=False)
    client.force_login(world.handler_finance)
    queries()  # warm the session
    few = queries()
    for i in range(4):
        with_comments(world, approve=bool(i % 2))
        unpublished(world, title=f"草案{i}")
    assert queries() == few


def test_an_unknown_phase_filter_is_ignored_with_a_message(client, world):
    consultation = unpublished(world)
    response, html = get(client, world.handler_finance, "index", phase="nonsense")
    assert response.status_code == 200
    assert consultation.title in html
    assert "所选阶段不正确" in html


def test_detail_shows_the_clauses_and_only_the_allowed_buttons(client, world):
    consultation = unpublished(world)
    _response, html = get(client, world.handler_finance, "detail", consultation.pk)
    assert "第三条" in html and "按车型给予一次性补贴" in html
    assert url("edit", consultation.pk) in html
    assert url("publish", consultation.pk) not in html  # publishing is the leader's
    _response, html = get(client, world.reviewer_finance, "detail", consultation.pk)
    assert url("publish", consultation.pk) in html
    _response, html = get(client, world.office, "detail", consultation.pk)
    assert url("publish", consultation.pk) not in html
    assert url("edit", consultation.pk) not in html


def test_the_office_may_extend_an_open_consultation_but_not_moderate(client, world):
    consultation, _ids, _waiting = with_comments(world)
    _response, html = get(client, world.office, "detail", consultation.pk)
    assert url("extend", consultation.pk) in html
    _response, html = get(client, world.office, "moderation", consultation.pk)
    assert "您可以查看，但不能审核" in html
    assert url("moderate", consultation.pk) in html  # the list is shown, the boxes disabled
    assert "disabled" in html


def test_a_closed_call_offers_the_vote_with_its_approved_entries(client, world):
    consultation, _ids = closed_call(world)
    _response, html = get(client, world.handler_finance, "detail", consultation.pk)
    assert url("schedule_vote", consultation.pk) in html
    assert "名称1" in html and "名称3" in html
    assert url("new_round", consultation.pk) not in html  # calls have no rounds


def test_the_feedback_page_lists_problems_and_the_publish_form_only_for_the_leader(client, world):
    consultation, _ids, _waiting = closed_with_comments(world)
    _response, html = get(client, world.handler_finance, "feedback", consultation.pk)
    assert "还有1条意见未审核。" in html
    assert "还有5条意见未归类" in html
    assert url("suggest", consultation.pk) in html
    assert url("publish_feedback", consultation.pk) not in html
    _response, html = get(client, world.reviewer_finance, "feedback", consultation.pk)
    assert url("publish_feedback", consultation.pk) in html
    _response, html = get(client, world.office, "feedback", consultation.pk)
    assert url("suggest", consultation.pk) not in html
    assert url("publish_feedback", consultation.pk) not in html


def test_an_open_consultation_has_no_feedback_tools_yet(client, world):
    consultation = live(world, Kind.DRAFT)
    _response, html = get(client, world.handler_finance, "feedback", consultation.pk)
    assert "征集期尚未结束。" in html
    assert url("suggest", consultation.pk) not in html


def test_moderation_does_not_show_the_senders_phone(client, world):
    consultation, _ids, _waiting = with_comments(world, approve=False)
    _response, html = get(client, world.handler_finance, "moderation", consultation.pk)
    assert "黄标车补贴标准偏低" in html
    assert "13800000001" not in html and "王小明" not in html
