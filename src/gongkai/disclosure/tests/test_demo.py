"""``gongkai demo`` loads Tianshui's 2016 catalogue through the real actions."""

from __future__ import annotations

import pytest

from gongkai.demo import loaders
from gongkai.demo.tianshui import KEY_AREA_UNITS
from gongkai.disclosure.demo import load_disclosure
from gongkai.disclosure.models import InformationItem, ItemState, ItemType, KeyArea, Validity
from gongkai.disclosure.queries import major_policies_without_interpretation


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """Load the demo once for the module (it takes a while), timed, inside a
    transaction that is rolled back afterwards so no other test sees it."""
    from django.core.cache import cache
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            lines: list[str] = []
            # The world and the catalogue: the later modules' loaders have their own tests.
            chain = [*loaders.LOADERS, load_disclosure]
            ctx = loaders.DemoContext(out=lines.append)
            for loader in chain:
                with transaction.atomic():
                    loader(ctx)
            yield {"ctx": ctx, "lines": lines}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()  # the site profile a page cached is rolled back too


@pytest.fixture
def demo(demo_world, db):
    return demo_world


def test_a_year_of_items_across_departments_subjects_and_key_areas(demo):
    items = InformationItem.objects.filter(government__code="620500")
    assert 300 <= items.count() <= 600
    public = items.public()
    assert public.count() >= 300
    assert public.values("department").distinct().count() >= 25
    assert public.values("subject").distinct().count() >= 10
    # The catalogue of 2016; the 2016 annual reports (gongkai.reports) come out in 2017.
    of_2016 = public.filter(annual_report__isnull=True)
    assert all(item.published_on.year == 2016 for item in of_2016.only("published_at"))
    assert {i.published_on.year for i in public.filter(annual_report__isnull=False)} <= {2017}
    for area in KeyArea.objects.all():
        assert public.filter(key_areas=area).exists(), area.name


def test_each_key_area_has_its_responsible_unit(demo):
    from gongkai.demo.tianshui import CITY_DEPARTMENTS

    full_names = {slug: name for slug, name, *_ in CITY_DEPARTMENTS}
    for name, slug in KEY_AREA_UNITS.items():
        area = KeyArea.objects.get(name=name)
        assert area.responsible_department.name == full_names[slug]


def test_the_seeds_own_examples_are_there(demo):
    public = InformationItem.objects.public()
    rules = public.get(title="天水市淘汰尾气排放不达标黄标车和老旧机动车实施细则")
    assert rules.item_type == ItemType.NORMATIVE and rules.effective_on and rules.expires_on
    assert rules.validity in (Validity.VALID, Validity.EXPIRED)
    assert rules.interpretations.public().exists()
    assert public.filter(title__contains="黄标车和老旧机动车实施细则（征求意见稿）").exists()
    assert public.filter(title__contains="成纪新城19条道路名称").exists()
    powers = public.get(title="天水市市级政府部门权责清单公布")
    assert (
        "行政权力2900项" in powers.body
        and "责任事项19595项" in powers.body
        and "追责情形25788项" in powers.body
    )
    assert public.filter(department__short_name="市扶贫办", title__contains="扶贫").count() >= 5
    assert public.filter(title__startswith="《天水市人民政府公报》2016年").count() == 12
    assert public.filter(department__short_name="市财政局", title__contains="三公").count() >= 2
    assert public.filter(item_type=ItemType.RESPONSE).count() >= 10
    assert public.filter(item_type=ItemType.INSPECTION).count() >= 10


def test_interpretations_some_missing_withdrawn_corrected_and_late(demo):
    from datetime import date

    from gongkai.orgs.models import Government

    city = Government.objects.get(code="620500")
    assert (
        InformationItem.objects.public()
        .filter(item_type=ItemType.INTERPRETATION, interprets__isnull=False)
        .count()
        >= 5
    )
    assert len(major_policies_without_interpretation(city, date(2017, 3, 1))) >= 3
    assert InformationItem.objects.filter(state=ItemState.WITHDRAWN).count() >= 1
    assert (
        InformationItem.objects.public().filter(revision__gt=1, versions__kind="corrected").exists()
    )
    assert InformationItem.objects.public().filter(late_publication=True).count() >= 3
    assert InformationItem.objects.filter(
        validity=Validity.REVISED, replaced_by__isnull=False
    ).exists()


def test_running_it_again_adds_nothing(demo):
    from gongkai.demo.loaders import DemoContext

    before = InformationItem.objects.count()
    lines: list[str] = []
    load_disclosure(DemoContext(out=lines.append))
    assert InformationItem.objects.count() == before
    assert len(lines) == 1 and "新增 0 条" in lines[0]
    assert any("主动公开" in line for line in demo["lines"])


def test_the_publication_history_of_2016_items_carries_their_2016_dates(demo, client):
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.disclosure.models import ItemVersion, VersionKind
    from gongkai.disclosure.review import REVIEW
    from gongkai.workflow.models import Entry

    items = InformationItem.objects.filter(government__code="620500", annual_report__isnull=True)
    versions = ItemVersion.objects.filter(item__in=items).select_related("item")
    # Documents that lapsed after 2016 became 失效 the night after their last day.
    lapsed = versions.filter(kind=VersionKind.VALIDITY, reason__contains="届满")
    assert lapsed.exists()
    for v in lapsed:
        assert timezone.localdate(v.at) == v.item.expires_on + timedelta(days=1)
    of_2016 = versions.exclude(pk__in=lapsed.values("pk"))
    assert {v.at.year for v in of_2016} == {2016}
    for v in versions.filter(kind=VersionKind.PUBLISHED):
        assert v.at == v.item.published_at
    assert of_2016.filter(kind=VersionKind.CORRECTED).exists()
    assert of_2016.filter(kind=VersionKind.VALIDITY).exists()  # the revised 暂行办法
    history = Entry.objects.filter(
        workflow=REVIEW.name, object_id__in=[str(pk) for pk in items.values_list("pk", flat=True)]
    )
    assert {change.at.year for change in history} == {2016}
    withdrawn = items.get(state=ItemState.WITHDRAWN)
    assert withdrawn.withdrawn_at.year == 2016 and withdrawn.withdrawn_at > withdrawn.published_at

    corrected = items.public().filter(versions__kind=VersionKind.CORRECTED).first()
    page = client.get(corrected.get_public_url()).content.decode()
    for version in corrected.versions.all():
        assert f"{timezone.localtime(version.at):%Y-%m-%d %H:%M}" in page
