"""The 互动交流 demo: Tianshui's boards and a year of messages, made through the real actions.

Loaded once for the module, inside a transaction rolled back afterwards:
governments, departments and staff (the demo's own loaders), then the
messages — without the ordinary messages that ``gongkai demo`` adds (the
scripted cases, one message per channel × type and the bulletin month are
all there), to keep the suite quick.
"""

from datetime import date

import pytest
from django.utils import timezone

from gongkai import search
from gongkai.interaction import demo as message_demo
from gongkai.interaction.indexing import SEARCH_SOURCE
from gongkai.interaction.models import (
    Assignment,
    AssignmentRole,
    Channel,
    Message,
    MessageState,
    MessageType,
    RefusalReason,
    RoutingRule,
    Satisfaction,
    StepKind,
    SupervisionMark,
    SupervisionPoint,
)
from gongkai.interaction.routing import suggest
from gongkai.interaction.supervision import bulletin, open_reply_clocks, supervision_list
from gongkai.orgs.models import Department, Government
from gongkai.search.models import SearchEntry
from gongkai.workdays.models import ClockState, ExtensionRequest
from gongkai.workflow import timeline
from gongkai.workflow.models import Entry


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    from django.db import transaction

    from gongkai.demo.loaders import DemoContext, load_departments_and_staff, load_governments

    printed: list[str] = []
    with django_db_blocker.unblock(), transaction.atomic():
        ctx = DemoContext(out=printed.append)
        load_governments(ctx)
        load_departments_and_staff(ctx)
        message_demo.load_messages(ctx, ordinary=0)
        yield printed
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_world, db):
    return demo_world


def demo_messages():
    return Message.objects.filter(idempotency_key__startswith=message_demo.KEY_PREFIX)


def test_the_boards_mailbox_and_hotline_are_data_with_their_offices(demo):
    city = Government.objects.get(code="620500")
    general_office = Department.objects.get(government=city, name="天水市人民政府办公室")
    city_channels = {c.name: c for c in Channel.objects.filter(government=city)}
    assert set(city_channels) == {"市委书记留言板", "市长留言板", "市长信箱", "市长热线"}
    assert all(c.office == general_office for c in city_channels.values())
    assert city_channels["市长信箱"].private_by_nature
    assert (
        city_channels["市长热线"].staff_recorded
        and "12345" in city_channels["市长热线"].description
    )
    assert not city_channels["市长留言板"].private_by_nature
    for county in city.children.all():
        board = Channel.objects.get(government=county)
        assert board.name.startswith(county.name) and board.name.endswith("长留言板")
        assert board.office == Department.objects.get(
            government=county, name=f"{county.name}人民政府办公室"
        )
    assert all("受理范围" in c.description for c in Channel.objects.all())


def test_every_channel_has_messages_of_every_type(demo):
    made = set(demo_messages().values_list("channel_id", "message_type_id"))
    for channel in Channel.objects.all():
        for kind in MessageType.objects.all():
            assert (channel.pk, kind.pk) in made, (channel.name, kind.name)
    assert 100 <= demo_messages().count() <= 200
    assert any("互动交流" in line and "件2016年留言" in line for line in demo)


def test_routing_rules_suggest_the_department(demo):
    assert RoutingRule.objects.count() >= 12
    message = demo_messages().filter(text__contains="黄标车").first()
    suggestion = suggest(message)
    assert suggestion.lead.name == "天水市环境保护局"
    assert [d.name for d in suggestion.co] == ["天水市公安局"]


def test_each_way_a_message_can_go_is_there(demo):
    messages = demo_messages()
    states = set(messages.values_list("state", flat=True))
    assert states == set(MessageState.values) - {MessageState.REPLIED}  # all rated or closed
    # refusals with every reason, duplicates merged into their originals, held messages
    for reason in RefusalReason.objects.filter(is_duplicate=False):
        assert messages.filter(state=MessageState.REFUSED, refusal_reason=reason).exists(), reason
    merged = messages.filter(state=MessageState.MERGED)
    assert merged.count() == 8 and all(m.duplicate_of_id for m in merged)
    held = messages.filter(timeline.having(Message, kind=StepKind.HELD))
    assert held.filter(
        timeline.having(Message, kind=StepKind.RELEASED), state=MessageState.CLOSED
    ).exists()
    assert held.filter(state=MessageState.REFUSED).exists()
    # misrouted, returned within the window, assigned again elsewhere
    returned = Assignment.objects.filter(returned_on__isnull=False, message__in=messages)
    assert returned.count() == 6
    for row in returned:
        assert row.returned_on <= row.return_by and row.return_reason
        again = row.message.lead_assignment()
        assert again.department != row.department and again.assigned_on >= row.returned_on
    # co-handling opinions; one extension each way at least
    co = Assignment.objects.filter(role=AssignmentRole.CO, message__in=messages)
    assert co.exclude(opinion="").exists()
    assert ExtensionRequest.objects.filter(approved=True).exists()
    assert ExtensionRequest.objects.filter(approved=False).exclude(comment="").exists()
    # replies returned by the office, then approved
    returned_replies = messages.filter(
        timeline.having(Message, kind=StepKind.REPLY_RETURNED)
    ).distinct()
    assert returned_replies.exists()
    for m in returned_replies.exclude(state=MessageState.REPLY_REVIEW):
        assert m.timeline.filter(kind=StepKind.REPLIED).exists()


def test_ratings_call_backs_reopening_and_unrated_closing(demo):
    messages = demo_messages()
    for value in Satisfaction.values:
        assert messages.filter(satisfaction=value).exists(), value
    assert messages.filter(rated_by_callback__isnull=False).exists()
    reopened = messages.filter(round=2)
    assert reopened.exists()
    for m in reopened:  # answered again after 不满意
        assert m.timeline.filter(kind=StepKind.REOPENED).count() == 1
        assert m.timeline.filter(kind=StepKind.REPLIED).count() == 2
    unrated = messages.filter(state=MessageState.CLOSED, satisfaction="")
    assert unrated.filter(timeline.having(Message, kind=StepKind.CLOSED)).exists()


def test_only_public_messages_are_published_masked_and_indexed(demo):
    messages = demo_messages()
    published = messages.filter(published_at__isnull=False)
    assert published.count() >= 25
    assert not [m for m in published if m.is_confidential]
    assert not published.filter(message_type__code="report").exists()
    assert not published.filter(channel__private_by_nature=True).exists()
    # private replies: 举报, the mailbox, writers who said no
    private = messages.filter(replied_at__isnull=False, published_at__isnull=True)
    assert private.filter(message_type__code="report").exists()
    assert private.filter(channel__code="ts-mayor-mailbox").exists()
    for m in published:
        assert m.writer_phone not in m.masked_text and m.writer_name not in m.masked_text
    assert published.filter(text__contains="单元", masked_text__contains="××××").exists()
    # the index holds exactly the published messages, masked
    entries = SearchEntry.objects.filter(source=SEARCH_SOURCE)
    assert set(entries.values_list("object_id", flat=True)) == {str(pk) for pk in published.values_list("pk", flat=True)}  # fmt: skip
    phones = set(published.values_list("writer_phone", flat=True))
    assert not [e for e in entries if any(p in e.body for p in phones)]
    subject = published.order_by("pk").first().masked_subject
    hits = search.search(subject).hits
    assert any(hit.source == SEARCH_SOURCE and hit.title == subject for hit in hits)


def test_the_year_happened_on_its_dates(demo):
    messages = demo_messages()
    assert {m.submitted_at.year for m in messages} == {2016}
    assert all(code.startswith("LY2016") for code in messages.values_list("query_code", flat=True))
    years = set(
        Entry.objects.about_each(Message, messages.values_list("pk", flat=True)).values_list(
            "on__year", flat=True
        )
    )
    assert years <= {2016, 2017}
    for m in messages.filter(published_at__isnull=False)[:20]:
        assert m.published_at.year in (2016, 2017) and m.published_at >= m.submitted_at
    # notices on their dates; staff have read those of the messages that are done
    from django.contrib.contenttypes.models import ContentType

    from gongkai.notices.models import Notice

    notices = Notice.objects.filter(content_type=ContentType.objects.get_for_model(Message))
    assert {n.created_at.year for n in notices} <= {2016, 2017}
    unread = notices.filter(channel="inapp", read_at__isnull=True)
    open_ids = {str(m.pk) for m in messages.exclude(state__in=["closed", "refused", "merged"])}
    assert unread.exists() and set(unread.values_list("object_id", flat=True)) <= open_ids


def test_reminders_escalations_overdue_items_and_the_bulletin(demo):
    city = Government.objects.get(code="620500")
    points = set(SupervisionMark.objects.values_list("point", flat=True))
    assert points == set(SupervisionPoint.values)
    # replies approved late, and messages still open and overdue now (escalated)
    assert open_reply_clocks().filter(due_date__lt=timezone.localdate()).exists()
    assert supervision_list(city).exists()
    late = [m.reply_clock() for m in demo_messages().filter(state=MessageState.CLOSED)]
    assert any(c and c.state == ClockState.OVERDUE and c.finished_on for c in late)
    # the 督办专报 of the chosen month lists overdue and unsatisfied messages by department
    year, month = message_demo.BULLETIN_MONTH
    report = bulletin(city, date(year, month, 1), date(year, month, 30))
    assert report.overdue_count >= 3 and report.unsatisfied_count >= 1
    assert len(report.departments) >= 2


def test_loading_again_adds_nothing(demo):
    from gongkai.demo.loaders import DemoContext
    from gongkai.notices.models import Notice

    def counts():
        return [
            model.objects.count()
            for model in (Message, Channel, RoutingRule, Entry, Notice, SupervisionMark)
        ]

    before = counts()
    printed: list[str] = []
    message_demo.load_messages(DemoContext(out=printed.append))
    assert counts() == before
    assert "已存在" in printed[0]
