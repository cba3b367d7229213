"""The demo tells one story: the catalogue's notices and rules and the 意见征集 pages agree
on when each consultation ran and on what came of it (issue 14).

The world, the catalogue and the consultations, loaded once for the module inside a
transaction rolled back afterwards.
"""

import re
from datetime import date

import pytest
from django.utils import timezone

from gongkai.consultations.models import Consultation, Outcome
from gongkai.consultations.services.common import last_day
from gongkai.disclosure.models import InformationItem

PERIOD = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日至(\d{1,2})月(\d{1,2})日")


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    from django.core.cache import cache
    from django.db import transaction

    from gongkai.consultations.demo import load_consultations
    from gongkai.demo import loaders
    from gongkai.disclosure.demo import load_disclosure

    with django_db_blocker.unblock(), transaction.atomic():
        ctx = loaders.DemoContext(out=lambda line: None)
        for loader in (
            loaders.load_governments,
            loaders.load_departments_and_staff,
            loaders.load_calendar,
            load_disclosure,
            load_consultations,
        ):
            loader(ctx)
        yield
        transaction.set_rollback(True)
    cache.clear()  # the site profile a page cached is rolled back too


@pytest.fixture
def demo(demo_world, db):
    return demo_world


def item(title: str) -> InformationItem:
    return InformationItem.objects.public().get(title=title)


def stated_period(text: str) -> tuple[date, date]:
    """The one period a notice states, 2016年3月14日至4月13日."""
    (found,) = PERIOD.findall(text)
    year, m1, d1, m2, d2 = map(int, found)
    return date(year, m1, d1), date(year, m2, d2)


def period_of(consultation: Consultation) -> tuple[date, date]:
    round = consultation.current_round()
    return timezone.localtime(round.opens_at).date(), last_day(round.closes_at)


def published_on(moment) -> date:
    return timezone.localtime(moment).date()


def test_the_yellow_label_rules_follow_their_consultation(demo, client):
    rules = item("天水市淘汰尾气排放不达标黄标车和老旧机动车实施细则")
    call = item(
        "关于公开征求《天水市淘汰尾气排放不达标黄标车和老旧机动车实施细则（征求意见稿）》意见的公告"
    )
    consultation = Consultation.objects.get(title__contains="黄标车")
    round = consultation.current_round()
    opens, closes = period_of(consultation)

    # One comment period: the catalogue's notice, the consultation, its feedback page.
    assert stated_period(call.body) == (opens, closes)
    assert call.published_on == opens
    feedback_page = client.get(f"/zhengji/{consultation.pk}/feedback/").content.decode()
    assert f"{opens.year}年{opens.month}月{opens.day}日" in feedback_page
    assert f"{closes.month}月{closes.day}日" in feedback_page
    assert stated_period(round.feedback_summary) == (opens, closes)

    # Comments closed, then the feedback, then the rules, then their interpretation.
    assert closes < published_on(round.feedback_published_at) < rules.published_on
    assert rules.effective_on > rules.published_on
    interpretation = rules.interpretations.public().get()
    assert interpretation.published_on > rules.published_on

    # What the feedback says was adopted (the words it quotes) is in the rules.
    adopted = round.groups.filter(outcome__in=[Outcome.ADOPTED, Outcome.PARTLY])
    quoted = [q for group in adopted for q in re.findall(r"“([^”]+)”", group.reason)]
    assert len(quoted) >= adopted.count() >= 3
    for words in quoted:
        assert words in rules.body, words


def test_the_road_names_are_published_after_the_call_and_the_vote(demo):
    call = item("关于公开征集成纪新城19条道路名称的公告")
    publicity = item("成纪新城19条道路拟命名方案公示")
    consultation = Consultation.objects.get(title__startswith="成纪新城19条道路名称")
    round = consultation.current_round()
    opens, closes = period_of(consultation)

    assert stated_period(call.body) == (opens, closes)
    assert call.published_on == opens
    assert round.entries.exists() and all(
        opens <= published_on(e.submitted_at) <= closes for e in round.entries.all()
    )
    vote_closes = last_day(round.vote_closes_at)
    assert closes < published_on(round.vote_opens_at) <= vote_closes
    feedback_on = published_on(round.feedback_published_at)
    assert vote_closes < feedback_on < publicity.published_on


def test_every_call_in_the_catalogue_names_the_period_of_its_consultation(demo):
    periods = {period_of(c) for c in Consultation.objects.filter(published_at__year=2016)}
    calls = InformationItem.objects.public().filter(title__startswith="关于公开征")
    assert calls.count() >= 7
    for call in calls:
        opens, closes = stated_period(call.body)
        assert (opens, closes) in periods, call.title
        assert call.published_on == opens, call.title
