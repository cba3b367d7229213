"""好差评: the five grades, one rating per case and stage, a named 差评's follow-up on
its working-day clock (2026 Spring Festival: off Feb 15–23, make-up Sat Feb 14 and
Feb 28), the re-rating, anonymous 差评 left out of the follow-up."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import DomainError, InvalidFields
from gongkai.services.models import (
    FollowUpState,
    Grade,
    Rating,
    RatingChannel,
    RatingFollowUp,
    RatingSettings,
    RatingStage,
)
from gongkai.services.services import ratings
from gongkai.workdays.models import ClockState

from .case_helpers import apply, published_item
from .rating_helpers import completed_case

pytestmark = pytest.mark.django_db


def test_the_five_grades_in_order():
    assert [g.label for g in sorted(Grade, reverse=True)] == [
        "非常满意",
        "满意",
        "基本满意",
        "不满意",
        "非常不满意",
    ]


@pytest.mark.parametrize(
    "grade, follows_up",
    [(5, False), (4, False), (3, False), (2, True), (1, True)],
)
def test_only_the_two_bad_grades_open_a_follow_up(world, grade, follows_up):
    case, _ = completed_case(world)
    rating = ratings.rate(case, grade=grade, comment="意见")
    assert rating.get_grade_display() == Grade(grade).label
    assert RatingFollowUp.objects.filter(rating=rating).exists() == follows_up


def test_an_unknown_grade_is_refused(world):
    case, _ = completed_case(world)
    with pytest.raises(InvalidFields):
        ratings.rate(case, grade=6)
    with pytest.raises(InvalidFields):
        ratings.rate(case, grade="好")


def test_a_case_is_rated_after_completion_only(world):
    service = published_item(world)
    case = apply(service).case
    assert not ratings.can_rate(case)
    with pytest.raises(DomainError):
        ratings.rate(case, grade=5)


def test_one_rating_per_case_and_stage(world):
    case, _ = completed_case(world)
    assert ratings.can_rate(case)
    ratings.rate(case, grade=4)
    with pytest.raises(ratings.AlreadyRated):
        ratings.rate(case, grade=1)
    assert Rating.objects.filter(case=case).count() == 1
    assert not ratings.can_rate(case)
    # the acceptance stage is another stage
    ratings.rate(case, grade=5, stage=RatingStage.ACCEPTANCE)
    assert Rating.objects.filter(case=case).count() == 2


def test_a_named_bad_rating_runs_on_a_5_working_day_clock_over_the_spring_festival(world, today_is):
    today_is(date(2026, 2, 13))  # Friday before the holiday
    case, _ = completed_case(world)
    rating = ratings.rate(case, grade=Grade.DISSATISFIED, comment="窗口人员态度差")
    follow_up = rating.follow_up
    assert follow_up.state == FollowUpState.CALLBACK
    # Sat Feb 14 (make-up) 1, Feb 15–23 off, Feb 24 2, 25 3, 26 4, 27 5
    assert follow_up.rectify_due == date(2026, 2, 27)
    clock = ratings.rectification_clock(follow_up)
    assert clock.limit_days == 5 and clock.state == ClockState.RUNNING


def test_the_limit_is_data(world, today_is):
    RatingSettings.objects.create(government=world.finance.government, rectify_days=6)
    today_is(date(2026, 2, 13))
    case, _ = completed_case(world)
    follow_up = ratings.rate(case, grade=1).follow_up
    # the sixth working day is the make-up Saturday Feb 28
    assert follow_up.rectify_due == date(2026, 2, 28)


def test_call_rectify_and_rerate(world, today_is):
    today_is(date(2026, 2, 13))
    case, _ = completed_case(world)
    follow_up = ratings.rate(case, grade=1, comment="多跑了两次").follow_up
    with pytest.raises(InvalidFields):
        ratings.record_call(follow_up, actor=world.handler_finance, notes="")
    today_is(date(2026, 2, 24))
    ratings.record_call(
        follow_up, actor=world.handler_finance, notes="申请人反映材料要求前后不一致"
    )
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.RECTIFYING
    assert follow_up.called_on == date(2026, 2, 24)
    assert follow_up.called_by == world.handler_finance
    with pytest.raises(DomainError):
        ratings.rerate(follow_up, grade=5)
    today_is(date(2026, 2, 27))  # the last day: met
    ratings.rectify(follow_up, actor=world.reviewer_finance, answer="已统一材料清单并培训窗口人员")
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.RECTIFIED
    assert ratings.rectification_clock(follow_up).state == ClockState.MET
    assert ratings.pending_rerating(case) == follow_up
    second = ratings.rerate(follow_up, grade=Grade.SATISFIED, comment="已解决")
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.RERATED and follow_up.rerating == second
    assert second.stage == RatingStage.RERATING
    assert not RatingFollowUp.objects.filter(rating=second).exists()
    labels = [e.label for e in follow_up.timeline]
    assert labels == ["记录回访", "答复整改情况", "申请人复评"]


def test_a_rectification_a_day_late_is_overdue(world, today_is):
    today_is(date(2026, 2, 13))
    case, _ = completed_case(world)
    follow_up = ratings.rate(case, grade=2).follow_up
    ratings.record_call(follow_up, actor=world.handler_finance, notes="回访")
    today_is(date(2026, 2, 28))  # make-up Saturday, the day after the due date
    ratings.rectify(follow_up, actor=world.handler_finance, answer="已整改")
    assert ratings.rectification_clock(follow_up).state == ClockState.OVERDUE


def test_other_departments_may_not_follow_up(world):
    case, _ = completed_case(world)
    follow_up = ratings.rate(case, grade=1).follow_up
    with pytest.raises(PermissionDenied):
        ratings.record_call(follow_up, actor=world.office, notes="回访")


def test_an_anonymous_bad_rating_opens_no_follow_up(world):
    case, _ = completed_case(world)
    rating = ratings.rate(case, grade=1, anonymous=True)
    assert not RatingFollowUp.objects.filter(rating=rating).exists()


def test_the_counter_records_who_entered_it(world):
    case, _ = completed_case(world)
    rating = ratings.rate(case, grade=5, channel=RatingChannel.COUNTER, actor=world.handler_finance)
    assert rating.channel == "counter" and rating.recorded_by == world.handler_finance
