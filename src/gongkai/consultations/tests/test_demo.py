"""The 意见征集 demo: the seed's consultations of 2016, made through the real actions.

Loaded once for the module inside a transaction rolled back afterwards."""

import pytest

from gongkai.consultations import demo as consultation_demo
from gongkai.consultations import services
from gongkai.consultations.models import Consultation, Kind, Moderation, Phase, Vote


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    from django.db import transaction

    from gongkai.demo.loaders import DemoContext, load_departments_and_staff, load_governments

    printed: list[str] = []
    with django_db_blocker.unblock(), transaction.atomic():
        ctx = DemoContext(out=printed.append)
        load_governments(ctx)
        load_departments_and_staff(ctx)
        consultation_demo.load_consultations(ctx)
        consultation_demo.load_consultations(ctx)  # a second run adds nothing
        yield printed
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_world, db):
    return demo_world


def by_title(start: str) -> Consultation:
    return Consultation.objects.get(title__startswith=start)


def test_the_seed_consultations_are_there_once(demo):
    titles = list(Consultation.objects.values_list("title", flat=True))
    assert len(titles) == 8
    for words in (
        "黄标车",
        "成纪新城19条道路名称",
        "西关片区",
        "伏羲庙标识",
        "伏羲大典",
        "吉祥物",
        "城市总体规划",
    ):
        assert sum(words in t for t in titles) == 1, words
    assert "演示征集已存在" in demo[-1]


def test_the_yellow_label_rules_have_a_published_feedback(demo):
    rules = by_title("《天水市淘汰尾气排放不达标黄标车")
    assert rules.kind == Kind.DRAFT and rules.phase() == Phase.FEEDBACK
    round = rules.current_round()
    report = services.report(round)
    assert report.rejected == 2 and report.received == report.approved + 2
    assert report.groups[0].group.title == "关于提高补贴标准的意见"
    assert all(g.group.outcome and g.group.reason for g in report.groups)
    assert report.by_outcome["未采纳"] > 0 and report.by_outcome["采纳"] > 0
    assert services.problems(round) == []


def test_the_road_names_went_to_a_vote(demo):
    roads = by_title("成纪新城19条道路名称")
    round = roads.current_round()
    assert round.entries.filter(shortlisted=True).count() == 19
    assert sorted(
        round.entries.filter(shortlisted=True).values_list("ballot_number", flat=True)
    ) == list(range(1, 20))
    votes = Vote.objects.filter(round=round)
    assert votes.count() > 500
    assert votes.values("phone").distinct().count() == votes.count()
    assert roads.phase() == Phase.FEEDBACK


def test_one_draft_is_open_today_with_comments_waiting(demo):
    open_now = [c for c in Consultation.objects.all() if c.phase() == Phase.OPEN]
    assert [c.title for c in open_now] == ["《天水市城市绿化管理办法（修订草案）》公开征求意见"]
    assert open_now[0].current_round().comments.filter(moderation=Moderation.PENDING).count() == 1


def test_the_2016_timeline_reads_in_order_and_in_2016(demo):
    rules = by_title("《天水市淘汰尾气排放不达标黄标车")
    lines = list(rules.timeline.order_by("id"))
    titles = [line.title for line in lines]
    assert titles[:2] == ["创建", "发布"] and titles[-1] == "发布反馈"
    assert "审核意见" in titles and "确认归类及采纳情况" in titles
    assert {line.on.year for line in lines} == {2016}
    moments = [line.at for line in lines]
    assert moments == sorted(moments)
    rejected = next(line for line in lines if line.kind == "moderate" and "不予采用" in line.text)
    assert rejected.text.startswith("不予采用：意见2条") and "理由：" in rejected.text
