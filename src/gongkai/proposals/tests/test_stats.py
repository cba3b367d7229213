"""Statistics by unit and the session summary sentence, on a small hand-built world."""

from datetime import date

import pytest

from gongkai.proposals import services
from gongkai.proposals.stats import by_unit, summary_sentence, totals

from .helpers import REPLY, congress_session, cppcc_session, imported, replied

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions(world):
    congress, cppcc = congress_session(world), cppcc_session(world)
    s1, s2, s3, _s4 = imported(world, congress, count=4)
    p1, p2, _p3 = imported(world, cppcc, count=3)
    # finance: s1 satisfied (A), s2 basically (B, late), s3 unsatisfied twice → closed (C),
    # p1 replied (D) not yet rated; environment: p2 in handling; s4, p3 not assigned yet.
    replied(world, s1, on=date(2026, 3, 2))
    services.record_satisfaction(s1, satisfaction="satisfied", actor=world.office)
    replied(world, s2, on=date(2026, 3, 2), grade="B", approve_on=date(2026, 6, 10))
    services.record_satisfaction(s2, satisfaction="basically", actor=world.office)
    replied(world, s3, on=date(2026, 3, 2), grade="C")
    services.record_satisfaction(
        s3,
        satisfaction="unsatisfied",
        comment="请再研究。",
        actor=world.office,
        on=date(2026, 4, 1),
    )
    services.submit_reply(
        s3, text=REPLY, grade="C", actor=world.handler_finance, on=date(2026, 4, 20)
    )
    services.approve_reply(s3, actor=world.reviewer_finance, on=date(2026, 4, 20))
    services.record_satisfaction(
        s3,
        satisfaction="unsatisfied",
        comment="仍不满意。",
        actor=world.office,
        on=date(2026, 5, 1),
    )
    replied(world, p1, on=date(2026, 3, 2), grade="D")
    services.assign(p2, lead=world.environment, actor=world.office, on=date(2026, 3, 2))
    return congress, cppcc


def test_statistics_by_lead_unit(world, sessions):
    from gongkai.proposals.models import Proposal

    rows = {r.name: r for r in by_unit(Proposal.objects.filter(session__in=sessions))}
    finance = rows["天水市财政局"]
    assert (finance.count, finance.done, finance.on_time) == (4, 4, 3)
    assert finance.grades == {"A": 1, "B": 1, "C": 1, "D": 1}
    assert (finance.satisfied, finance.basically, finance.unsatisfied) == (1, 1, 1)
    assert finance.satisfaction_rate == "66.7%"
    environment = rows["天水市环境保护局"]
    assert (environment.count, environment.done, environment.satisfaction_rate) == (1, 0, "—")
    assert rows["（尚未交办）"].count == 2
    total = totals(rows.values())
    assert (total.count, total.done, total.grades["A"]) == (7, 4, 1)


def test_the_summary_sentence_counts_items_done_and_satisfaction(world, sessions):
    assert summary_sentence(sessions) == "承办代表建议4件、政协提案3件，已办结4件，满意率66.7%"


def test_the_summary_sentence_without_ratings_or_items(world):
    congress = congress_session(world)
    assert summary_sentence([congress]) == "暂无承办的代表建议和政协提案。"
    imported(world, congress, count=2)
    assert summary_sentence([congress]) == "承办代表建议2件，已办结0件"
