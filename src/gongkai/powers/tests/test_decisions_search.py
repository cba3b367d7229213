"""Published enforcement decisions in the site search: in when published, out when
withdrawn or when the display period ends (the daily job), a person's name masked."""

from datetime import date

import pytest

from gongkai import search
from gongkai.jobs.testing import run_jobs
from gongkai.powers.indexing_decisions import SEARCH_SOURCE
from gongkai.powers.jobs import reindex_ended_decisions
from gongkai.powers.services.decisions import publish_decision, withdraw_decision

from .enforcement_helpers import body, finance_powers, penalty

pytestmark = pytest.mark.django_db


def hits(words: str):
    return search.search(words, filters={"source": [SEARCH_SOURCE]}).hits


@pytest.fixture
def published(world, django_capture_on_commit_callbacks, today_is):
    today_is(date(2026, 12, 7))  # a 2026 decision, on display for a year
    licence, punish, inspect = finance_powers(world)
    the_body = body(world, powers=[licence, punish, inspect])
    decision = penalty(world, the_body, punish, date(2026, 6, 1), person=True)
    with django_capture_on_commit_callbacks(execute=True):
        publish_decision(decision, actor=world.handler_finance, on=date(2026, 6, 3))
    run_jobs()
    return decision


def test_a_published_decision_is_found_with_the_person_masked(published):
    found = hits("代理记账")
    assert [h.object_id for h in found] == [str(published.pk)]
    assert "张三丰" not in found[0].snippet + found[0].title
    assert hits("张三丰") == []  # the full name is not in the index at all


def test_a_withdrawn_decision_leaves_the_search(
    world, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_decision(published, revoked_on=date(2026, 12, 4), reason="复议撤销",
                          actor=world.reviewer_finance, on=date(2026, 12, 7))  # fmt: skip
    run_jobs()
    assert hits("代理记账") == []


def test_the_daily_job_takes_out_a_decision_whose_display_ended(published, today_is):
    ends = published.display_ends
    today_is(ends)
    assert reindex_ended_decisions.call() == 1
    assert hits("代理记账") == []
