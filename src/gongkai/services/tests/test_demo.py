"""The demo catalogue: one item per city licensing, confirmation and benefit power of
1 January 2016, every guide complete and published through the real actions on its
2016 dates, July's compressed promises as second versions, and the items of the
powers the 2016 adjustments took away stopped with the decision named."""

from datetime import date

import pytest
from django.db.models import Count

from gongkai.services.checking import missing_elements
from gongkai.services.models import GuideState, GuideVersion, ItemState, ServiceItem
from gongkai.workflow import timeline


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    from django.db import transaction

    from gongkai.demo.loaders import DemoContext, load_departments_and_staff, load_governments
    from gongkai.powers.demo import load_powers
    from gongkai.services.demo import load_services

    printed: list[str] = []
    with django_db_blocker.unblock(), transaction.atomic():
        ctx = DemoContext(out=printed.append)
        load_governments(ctx)
        load_departments_and_staff(ctx)
        load_powers(ctx)
        load_services(ctx)
        load_services(ctx)  # a second run adds nothing
        yield ctx, printed
        transaction.set_rollback(True)


def test_one_item_per_power_and_every_guide_complete(demo_world, db):
    from gongkai.powers.models import Power

    ctx, printed = demo_world
    powers = Power.objects.as_of(date(2016, 1, 4)).filter(
        government=ctx.city, power_type__abbreviation__in=("XK", "QR", "JF")
    )
    items = ServiceItem.objects.filter(government=ctx.city)
    assert 200 <= items.count() == powers.count()
    assert set(items.values_list("power_code", flat=True)) == set(
        powers.values_list("code", flat=True)
    )
    for guide in GuideVersion.objects.filter(item__government=ctx.city).select_related("item")[:60]:
        assert missing_elements(guide) == [], guide
    current = GuideVersion.objects.filter(state=GuideState.PUBLISHED, item__government=ctx.city)
    assert current.count() == items.count()  # a stopped item keeps its last guide on record
    assert any("政务服务事项" in line for line in printed)


def test_published_through_the_workflow_on_their_2016_dates(demo_world, db):
    ctx, _ = demo_world
    guide = GuideVersion.objects.filter(item__government=ctx.city, number=1).first()
    entries = list(timeline.of(guide))
    assert [e.action for e in entries][:2] == ["submit", "publish"]
    assert entries[1].at.date() == date(2016, 1, 4)
    assert guide.published_on == date(2016, 1, 4)
    assert guide.power is not None and guide.power.code == guide.item.power_code


def test_july_compressions_are_second_versions_with_a_shorter_promise(demo_world, db):
    ctx, _ = demo_world
    revised = (
        ServiceItem.objects.filter(government=ctx.city).annotate(n=Count("guides")).filter(n=2)
    )
    assert revised.count() >= 20
    for item in revised[:20]:
        first, second = item.guides.order_by("number")
        assert second.published_on == date(2016, 7, 1) and first.superseded_on == date(2016, 7, 1)
        assert second.promised_limit < first.promised_limit <= first.legal_limit


def test_the_2016_adjustments_stopped_the_items_of_cancelled_and_devolved_powers(demo_world, db):
    ctx, _ = demo_world
    stopped = ServiceItem.objects.filter(government=ctx.city, state=ItemState.WITHDRAWN)
    assert stopped.count() == 36
    assert {i.withdrawn_on for i in stopped} == {date(2016, 5, 16), date(2016, 9, 19)}
    assert all(i.withdrawn_reason.startswith("依据天政发〔2016〕") for i in stopped)
    assert stopped.filter(withdrawn_reason__contains="下放至").exists()


def test_the_steps_times_fit_within_the_promise(demo_world, db):
    ctx, _ = demo_world
    for guide in GuideVersion.objects.filter(item__government=ctx.city).prefetch_related("steps"):
        total = sum(s.limit or 0 for s in guide.steps.all())
        assert total <= max(guide.promised_limit, 1), (guide, total, guide.promised_limit)


def test_a_year_of_cases_in_every_state_played_on_their_2016_dates(demo_world, db):
    from gongkai.services.models import Case, Correction, SpecialProcedure
    from gongkai.workdays.models import ExtensionRequest
    from gongkai.workflow.models import Entry

    ctx, printed = demo_world
    cases = Case.objects.filter(item__government=ctx.city)
    assert cases.count() >= 280
    states = set(cases.values_list("state", flat=True))
    assert {"delivered", "rejected", "review"} <= states
    assert cases.filter(outcome="denied").exists() and cases.filter(deemed_accepted=True).exists()
    assert cases.filter(entered_late=True).exists()
    assert Correction.objects.filter(case__in=cases, supplied_on__isnull=False).count() >= 10
    assert SpecialProcedure.objects.filter(case__in=cases, ended_on__isnull=False).exists()
    assert ExtensionRequest.objects.filter(approved=True).count() >= 5
    late = [c for c in cases.filter(decided_on__isnull=False) if c.decided_on > c.decision_due]
    assert late, "some decisions after the legal limit, for the supervision cards"
    entries = Entry.objects.about_each(Case, cases.values_list("pk", flat=True))
    assert not entries.filter(on__year__gt=2017).exists()  # every line dated in its own year
    assert any("政务服务办件" in line for line in printed)


def test_ratings_with_named_bad_ones_followed_up(demo_world, db):
    from gongkai.services.models import Rating, RatingFollowUp

    ctx, _ = demo_world
    ratings = Rating.objects.filter(case__item__government=ctx.city)
    assert ratings.count() >= 100
    assert not ratings.filter(rated_at__year__gt=2017).exists()
    follow_ups = RatingFollowUp.objects.filter(rating__case__item__government=ctx.city)
    assert follow_ups.exists() and not follow_ups.filter(rectified_on__isnull=True).exists()


def test_supervision_cards_on_the_late_cases_explained_and_judged(demo_world, db):
    from gongkai.services.models import SupervisionCard

    ctx, printed = demo_world
    cards = SupervisionCard.objects.filter(case__item__government=ctx.city)
    assert cards.filter(colour="red", limit="legal").exists()
    assert cards.filter(colour="yellow").exists()
    assert cards.filter(reason="outside_system").exists()  # the cases entered after the fact
    assert cards.filter(state="confirmed").exists() and cards.filter(state="withdrawn").exists()
    assert not cards.filter(colour="red", state="issued", issued_on__lt="2016-12-30").exists()
    assert not cards.filter(issued_on__year__gt=2016).exists()
    assert any("电子监察黄牌、红牌" in line for line in printed)
