"""The comment period in Beijing time: 征集期 6月1日至6月30日 means 00:00 on 1 June to 24:00 on 30 June."""

from datetime import date

import pytest

from gongkai.consultations import services
from gongkai.consultations.models import Comment, Phase
from gongkai.consultations.services.common import period_from_dates, period_text
from gongkai.core.errors import DomainError

from .helpers import at, comment_data, draft, published

pytestmark = pytest.mark.django_db


def test_period_runs_from_midnight_to_midnight_in_shanghai():
    opens_at, closes_at = period_from_dates(date(2026, 6, 1), date(2026, 6, 30))
    assert opens_at.isoformat() == "2026-06-01T00:00:00+08:00"
    assert closes_at.isoformat() == "2026-07-01T00:00:00+08:00"
    assert period_text(opens_at, closes_at) == "2026年6月1日至2026年6月30日"


def test_phases_follow_the_clock(world):
    consultation = published(world)
    round = consultation.current_round()
    assert round.phase(at(2026, 5, 31, 23, 59, 59)) == Phase.PLANNED
    assert round.phase(at(2026, 6, 1)) == Phase.OPEN
    assert round.phase(at(2026, 6, 30, 23, 59, 59, 999999)) == Phase.OPEN
    assert round.phase(at(2026, 7, 1)) == Phase.CLOSED


def test_last_second_accepted_first_second_after_refused(world):
    consultation = published(world)
    round = consultation.current_round()
    receipt = services.submit_comment(round, comment_data(), now=at(2026, 6, 30, 23, 59, 59))
    assert receipt.created
    with pytest.raises(DomainError) as refused:
        services.submit_comment(
            round, comment_data(text="第二条意见，关于补贴发放的时间安排。"), now=at(2026, 7, 1)
        )
    assert refused.value.code == "closed"
    assert "2026年6月30日截止" in refused.value.message
    assert Comment.objects.count() == 1


def test_before_opening_refused_with_the_period(world):
    round = published(world).current_round()
    with pytest.raises(DomainError) as refused:
        services.submit_comment(round, comment_data(), now=at(2026, 5, 31, 23, 59, 59))
    assert refused.value.code == "not_open"
    assert "2026年6月1日至2026年6月30日" in refused.value.message


def test_unpublished_consultation_accepts_nothing(world):
    consultation = services.create(world.finance, draft(), actor=world.handler_finance)
    with pytest.raises(DomainError) as refused:
        services.submit_comment(consultation.current_round(), comment_data(), now=at(2026, 6, 2))
    assert refused.value.code == "not_published"


def test_extension_moves_the_boundary(world):
    consultation = published(world)
    services.extend(
        consultation,
        date(2026, 7, 10),
        actor=world.reviewer_finance,
        reason="应群众要求延长征集期",
        now=at(2026, 6, 20),
    )
    round = consultation.current_round()
    round.refresh_from_db()
    assert services.submit_comment(round, comment_data(), now=at(2026, 7, 10, 23, 59)).created
    with pytest.raises(DomainError):
        services.submit_comment(
            round, comment_data(text="延长后截止时刻的意见。"), now=at(2026, 7, 11)
        )


def test_publishing_after_the_period_is_refused(world):
    consultation = services.create(world.finance, draft(), actor=world.handler_finance)
    with pytest.raises(DomainError) as refused:
        services.publish(consultation, actor=world.reviewer_finance, now=at(2026, 7, 1))
    assert refused.value.code == "period_past"
