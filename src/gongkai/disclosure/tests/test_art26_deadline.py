"""条例 Art. 26: publish within 20 working days of the information being formed
or changed; later publication is flagged. 2026: 中秋 (25 Sep) and 国庆 (1–7 Oct)
are holidays, Sunday 20 Sep and Saturday 10 Oct are make-up working days."""

from datetime import date

from gongkai.disclosure import actions
from gongkai.disclosure.models import InformationItem
from gongkai.workdays.models import Clock

from .conftest import base_data, beijing


def _clocks(item):
    return list(Clock.objects.for_subject(item).order_by("id"))


def test_formed_on_20_september_is_due_on_23_october_after_national_day(world, draft):
    item = draft(formed_or_changed_on=date(2026, 9, 20))
    (clock,) = _clocks(item)
    assert clock.stage == "publish" and clock.limit_days == 20
    assert clock.department == world.finance and clock.due_date == date(2026, 10, 23)
    assert item.publish_due_on == date(2026, 10, 23)


def test_published_on_the_due_day_is_on_time(world, draft, publish_through_review):
    item = publish_through_review(
        draft(formed_or_changed_on=date(2026, 9, 20)), now=beijing(2026, 10, 23, 17, 30)
    )
    assert item.late_publication is False
    (clock,) = _clocks(item)
    assert clock.state == "met" and clock.finished_on == date(2026, 10, 23)


def test_published_on_the_next_working_day_is_late(world, draft, publish_through_review):
    item = publish_through_review(
        draft(formed_or_changed_on=date(2026, 9, 20)), now=beijing(2026, 10, 26, 9, 0)
    )
    item.refresh_from_db()
    assert item.late_publication is True
    assert list(InformationItem.objects.late()) == [item]
    (clock,) = _clocks(item)
    assert clock.state == "overdue" and clock.finished_on == date(2026, 10, 26)


def test_the_due_day_is_counted_in_beijing_time(world, draft, publish_through_review):
    # 23 Oct 23:30 in Beijing is still 23 Oct there (15:30 UTC): on time.
    item = publish_through_review(
        draft(formed_or_changed_on=date(2026, 9, 20)), now=beijing(2026, 10, 23, 23, 30)
    )
    assert item.late_publication is False


def test_a_later_date_restarts_the_clock_and_an_earlier_one_starts_a_fresh_one(world, draft):
    item = draft(formed_or_changed_on=date(2026, 9, 20))
    item = actions.update_draft(
        item,
        actor=world.handler_finance,
        expected_version=item.version,
        data=base_data(formed_or_changed_on=date(2026, 9, 28)),
    )
    (clock,) = _clocks(item)
    assert clock.restarted_on == date(2026, 9, 28) and clock.due_date == item.publish_due_on
    item = actions.update_draft(
        item,
        actor=world.handler_finance,
        expected_version=item.version,
        data=base_data(formed_or_changed_on=date(2026, 9, 1)),
    )
    old, new = _clocks(item)
    assert old.state == "stopped" and new.state in ("running", "overdue")
    assert new.stage == "publish-2" and new.start_date == date(2026, 9, 1)


def test_information_not_disclosed_proactively_has_no_publication_deadline(world, draft):
    item = draft(disclosure_attribute="on_request", exemption_reason="art16_process")
    assert _clocks(item) == [] and item.publish_due_on is None
    item = actions.update_draft(
        item, actor=world.handler_finance, expected_version=item.version, data=base_data()
    )
    assert len(_clocks(item)) == 1 and item.publish_due_on == date(2026, 10, 23)
