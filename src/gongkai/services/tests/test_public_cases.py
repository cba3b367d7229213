"""办件公示: the public list masks the applicant; the statistics per department count
on time against the promise and the law (the promise day is on time, a day later is
not), 好评率 and 差评整改率 (anonymous 差评 left out)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gongkai.services.models import Case
from gongkai.services.public_cases import statistics, totals
from gongkai.services.services import ratings

from .case_helpers import apply, published_item
from .helpers import item
from .rating_helpers import completed_case

pytestmark = pytest.mark.django_db

LIST = "/banshi/gongshi/"
STATS = "/banshi/gongshi/tongji/"


def test_the_list_masks_the_applicant_and_leaves_out_pending_cases(client, world):
    service = published_item(world)
    case, _ = completed_case(world, service, name="张三丰")
    waiting = apply(service, name="李四", id_number=_id(9)).case
    page = client.get(LIST).content.decode()
    assert case.number in page and "张**" in page and "张三丰" not in page
    assert case.id_number not in page
    assert waiting.number not in page and "李四" not in page
    assert "准予许可" in page


def test_the_list_by_department(client, world):
    case, _ = completed_case(world)
    page = client.get(LIST, {"dept": world.environment.pk}).content.decode()
    assert case.number not in page
    page = client.get(LIST, {"dept": world.finance.pk}).content.decode()
    assert case.number in page


def test_the_catalogue_links_the_public_list(client, world):
    page = client.get("/banshi/").content.decode()
    assert 'href="/banshi/gongshi/"' in page and 'href="/banshi/gongshi/tongji/"' in page


def _set(case, *, decided, promise, law):
    Case.objects.filter(pk=case.pk).update(
        decided_on=decided, promise_due=promise, decision_due=law, issued_on=decided
    )


def test_on_time_on_the_promise_day_and_late_a_day_after(world, today_is):
    today_is(date(2026, 12, 7))  # the statistics below are of 2026
    service = published_item(world)
    day = date(2026, 11, 20)
    on_the_day, _ = completed_case(world, service)
    a_day_late, _ = completed_case(world, service, id_number="11010519491231002X")
    _set(on_the_day, decided=day, promise=day, law=day + timedelta(days=10))
    _set(a_day_late, decided=day + timedelta(days=1), promise=day, law=day + timedelta(days=1))
    (row,) = statistics(2026)
    assert (row.name, row.accepted, row.completed) == ("天水市财政局", 2, 2)
    assert row.on_time_promise == 1 and row.promise_rate == "50.0%"
    assert row.on_time_law == 2 and row.law_rate == "100.0%"
    assert statistics(2025) == []


def test_good_rate_and_rectification_rate_per_department(world, today_is):
    today_is(date(2026, 12, 7))  # the statistics below are of 2026
    finance = published_item(world)
    cases = [completed_case(world, finance, id_number=_id(n))[0] for n in range(5)]
    ratings.rate(cases[0], grade=5)
    ratings.rate(cases[1], grade=3)
    bad_named = ratings.rate(cases[2], grade=2).follow_up
    ratings.rate(cases[3], grade=1)  # named, not yet rectified
    ratings.rate(cases[4], grade=1, anonymous=True)  # left out of the follow-up rate
    ratings.record_call(bad_named, actor=world.handler_finance, notes="回访")
    ratings.rectify(bad_named, actor=world.handler_finance, answer="已整改")
    ratings.rerate(bad_named, grade=5)  # a re-rating is not counted again
    (row,) = statistics(2026)
    assert row.ratings == 5 and row.good == 2 and row.good_rate == "40.0%"
    assert row.named_bad == 2 and row.rectified == 1 and row.rectified_rate == "50.0%"
    assert totals([row]).rectified_rate == "50.0%"


def _id(n: int) -> str:
    from .case_helpers import resident_id

    return resident_id(f"62050219900101{n:03d}")


def test_statistics_per_department_on_the_page(client, world, today_is):
    today_is(date(2026, 12, 7))  # the statistics below are of 2026
    completed_case(world)
    other = item(world, department=world.environment)
    assert other.department == world.environment
    page = client.get(STATS).content.decode()
    assert "2026年各部门办件统计" in page and "天水市财政局" in page
    assert "天水市环境保护局" not in page  # no cases there
    assert "好评率" in page and "差评整改率" in page
    assert client.get(STATS, {"year": "2025"}).status_code == 200
    assert "2025年暂无办件" in client.get(STATS, {"year": "2025"}).content.decode()
