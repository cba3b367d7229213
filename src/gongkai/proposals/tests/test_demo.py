"""The proposals demo: the 2016 sessions with 183 suggestions and 221 proposals in every state.

Loaded once for the module (the demo's own loaders for the city, its
departments and staff), inside a transaction rolled back afterwards.
"""

import pytest

from gongkai.proposals import demo as proposals_demo
from gongkai.proposals.models import Proposal, ReplyLetter, Session, SupervisionVisit
from gongkai.proposals.stats import summary_sentence


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    from django.db import transaction

    from gongkai.demo.loaders import DemoContext, load_departments_and_staff, load_governments

    printed: list[str] = []
    with django_db_blocker.unblock(), transaction.atomic():
        from importlib import import_module

        from django.apps import apps

        from gongkai.disclosure.models import SubjectCategory

        if not SubjectCategory.objects.exists():
            import_module("gongkai.disclosure.migrations.0002_reference_data").seed(apps, None)
        ctx = DemoContext(out=printed.append)
        load_governments(ctx)
        load_departments_and_staff(ctx)
        proposals_demo.load_proposals(ctx)
        yield ctx, printed
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_world, db):
    return demo_world


def test_the_two_sessions_hold_the_seed_s_numbers(demo):
    congress = Session.objects.get(name="市六届人大五次会议")
    cppcc = Session.objects.get(name="市政协六届五次会议")
    assert (congress.items.count(), cppcc.items.count()) == (183, 221)
    sentence = summary_sentence([congress, cppcc])
    assert sentence.startswith("承办代表建议183件、政协提案221件，已办结")
    _ctx, printed = demo
    assert sentence in printed[-1]


def test_every_state_grade_and_satisfaction_is_present(demo):
    for session in Session.objects.all():
        states = set(session.items.values_list("state", flat=True))
        assert states == {"pending", "handling", "approval", "replied", "closed"}, session
    assert set(Proposal.objects.values_list("grade", flat=True)) >= {"A", "B", "C", "D"}
    assert set(Proposal.objects.values_list("satisfaction", flat=True)) >= {
        "satisfied",
        "basically",
        "unsatisfied",
    }
    assert Proposal.objects.filter(round=2, state="handling").exists()
    assert Proposal.objects.filter(round=2, state="closed").exists()
    assert Proposal.objects.filter(replied_on_time=False).exists()
    assert ReplyLetter.objects.filter(public=False).exclude(not_public_reason="").exists()
    assert (
        ReplyLetter.objects.filter(state="returned").exists()
        or ReplyLetter.objects.filter(return_comment__gt="").exists()
    )


def test_visits_are_recorded_and_two_are_published_as_news(demo):
    assert SupervisionVisit.objects.count() == 3
    published = SupervisionVisit.objects.exclude(news_item=None)
    assert published.count() == 2
    assert all(v.news_item.state == "published" for v in published)
    # Submitted, reviewed and published on the days after the visit, in 2016.
    from gongkai.workflow.models import Entry

    for v in published:
        history = Entry.history_of(v.news_item)
        assert [c.action for c in history] == ["submit", "pass_confidentiality", "approve"]
        assert all(c.at.year == 2016 and c.at.date() >= v.visited_on for c in history)


def test_only_items_still_open_have_notices_and_they_call_for_attention(demo):
    from django.contrib.contenttypes.models import ContentType

    from gongkai.notices.models import Notice

    kind = ContentType.objects.get_for_model(Proposal)
    about = set(Notice.objects.filter(content_type=kind).values_list("object_id", flat=True))
    still_open = Proposal.objects.exclude(state__in=["replied", "closed"])
    assert about
    assert about <= {str(pk) for pk in still_open.values_list("pk", flat=True)}
    assert not Notice.objects.exclude(channel="inapp").exists()
    assert not Notice.objects.filter(read_at__isnull=False).exists()


def test_the_public_column_links_the_published_visits(demo, client):
    from django.urls import reverse

    html = client.get(reverse("proposals_portal:index")).content.decode()
    assert "现场督办" in html
    for visit in SupervisionVisit.objects.exclude(news_item=None):
        assert visit.news_item.title in html


def test_loading_again_adds_nothing(demo):
    ctx, printed = demo
    before = Proposal.objects.count()
    proposals_demo.load_proposals(ctx)
    assert Proposal.objects.count() == before
    assert printed[-1] == "  建议提案：已存在，未重复载入"


def test_each_item_s_timeline_tells_its_2016_story_in_order(demo):
    items = Proposal.objects.exclude(state="pending").order_by("pk")[:60]
    for item in items:
        lines = list(item.timeline)
        assert lines[0].kind == "imported" and lines[0].on == item.session.opened_on
        assert [line.on for line in lines] == sorted(line.on for line in lines), item.number
        assert {line.at.year for line in lines} <= {2016, 2017}, [
            (x.kind, x.at.year) for x in lines if x.at.year > 2017
        ]
        kinds = [line.kind for line in lines]
        if "co_opinion" in kinds and "submit_reply" in kinds:
            assert kinds.index("co_opinion") < kinds.index("submit_reply"), item.number
