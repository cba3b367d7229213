"""现场督办: recorded by the office, published as a news item through the disclosure review."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import DomainError
from gongkai.orgs.roles import Role
from gongkai.proposals import services
from gongkai.proposals.services.visits import VisitInvalid
from gongkai.testing.factories import staff

from .helpers import congress_session, imported

pytestmark = pytest.mark.django_db

SUMMARY = "督办组实地察看了城区老旧小区改造现场，听取了市财政局关于资金安排的汇报，要求加快进度。"


def test_a_visit_is_recorded_and_published_as_a_news_draft_in_review(world):
    session = congress_session(world)
    items = imported(world, session, count=2)
    visit = services.record_visit(
        session,
        actor=world.office,
        visited_on=date(2026, 6, 18),
        leaders="市人大常委会副主任张明",
        place="秦州区藉河南路老旧小区",
        summary=SUMMARY,
        proposals=items,
    )
    writer = staff("handler_office", (world.general_office, Role.HANDLER))

    news = services.publish_visit(visit, actor=writer)

    assert news.state == "submitted"
    assert news.title == "市人大常委会副主任张明现场督办市六届人大五次会议代表建议办理工作"
    assert "2026年6月18日" in news.body and "等2件建议" in news.body
    assert visit.news_item == news
    with pytest.raises(DomainError, match="已经生成新闻稿"):
        services.publish_visit(visit, actor=writer)


def test_the_same_visit_posted_twice_is_recorded_once(world):
    session = congress_session(world)
    items = imported(world, session)
    data = {
        "visited_on": date(2026, 6, 18),
        "leaders": "市人大常委会副主任张明",
        "place": "市财政局",
        "summary": SUMMARY,
        "proposals": items,
    }
    services.record_visit(session, actor=world.office, **data)
    with pytest.raises(DomainError, match="已经登记过"):
        services.record_visit(session, actor=world.office, **data)
    assert session.visits.count() == 1


def test_visit_fields_are_checked_and_only_the_office_records(world):
    session = congress_session(world)
    with pytest.raises(VisitInvalid) as refused:
        services.record_visit(
            session,
            actor=world.office,
            visited_on=date(2026, 6, 18),
            leaders="",
            place=" ",
            summary="短",
            proposals=[],
        )
    assert set(refused.value.errors) == {"leaders", "place", "summary", "proposals"}
    with pytest.raises(PermissionDenied):
        services.record_visit(
            session,
            actor=world.handler_finance,
            visited_on=date(2026, 6, 18),
            leaders="市人大常委会副主任张明",
            place="市财政局",
            summary=SUMMARY,
            proposals=imported(world, session),
        )
