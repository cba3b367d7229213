"""A consultation's history is its timeline: one line per staff action, in words, on its page;
the consultations of an upgraded installation get theirs from the audit trail."""

from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from gongkai.consultations import services
from gongkai.workflow.models import Entry

from .helpers import at, published

CONSULTATION = [("consultations", "0002_participation_request_fingerprint")]


def _lines(consultation):
    return [(e.title, e.on, e.text, e.actor_id) for e in consultation.timeline.order_by("id")]


@pytest.mark.django_db
def test_each_staff_action_is_a_line_dated_when_it_took_effect(client, world):
    consultation = published(world)
    services.extend(
        consultation,
        date(2026, 7, 10),
        actor=world.reviewer_finance,
        reason="应群众要求延长征集期",
        now=at(2026, 6, 20),
    )
    lines = _lines(consultation)
    assert [line[0] for line in lines] == ["创建", "发布", "调整截止时间"]
    assert lines[1][1] == date(2026, 5, 20) and lines[2][1] == date(2026, 6, 20)
    assert lines[2][2] == (
        "征集期：2026年6月1日至2026年6月30日 → 2026年6月1日至2026年7月10日；"
        "理由：应群众要求延长征集期"
    )
    assert lines[2][3] == world.reviewer_finance.pk

    client.force_login(world.handler_finance)
    page = client.get(reverse("workbench:consultations_staff:detail", args=[consultation.pk]))
    html = page.content.decode()
    assert "办理记录" in html and "应群众要求延长征集期" in html


@pytest.mark.django_db(transaction=True)
def test_an_upgraded_installation_reads_its_history_from_the_audit_trail(world):
    from django.db.migrations.executor import MigrationExecutor

    consultation = published(world)
    services.extend(
        consultation,
        date(2026, 7, 10),
        actor=world.reviewer_finance,
        reason="应群众要求延长征集期",
        now=at(2026, 6, 20),
    )
    written = _lines(consultation)

    executor = MigrationExecutor(connection)
    executor.migrate(CONSULTATION)  # before the timeline: the lines go, the audit trail stays
    assert not Entry.objects.filter(workflow="consultations.consultation").exists()
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    copied = _lines(consultation)
    # The audit trail keeps when each event was written, not the moment it took effect.
    assert [(t, text, who) for t, _, text, who in copied] == [
        (t, text, who) for t, _, text, who in written
    ]


@pytest.mark.django_db
def test_each_moderated_comment_has_its_own_line_and_audit_event(world):
    from gongkai.audit.models import AuditEvent
    from gongkai.consultations.models import Comment, Moderation

    from .helpers import comment_data

    consultation = published(world)
    round = consultation.current_round()
    ids = [
        services.submit_comment(round, comment_data(text=text), now=at(2026, 6, 2)).record.pk
        for text in ("建议提高补贴标准，三千元太低，群众积极性不高。", "买车加微信有优惠xxxxxx")
    ]
    services.moderate(consultation, comment_ids=ids[:1], approve=True, actor=world.handler_finance)
    services.moderate(
        consultation, comment_ids=ids, approve=False, note="广告", actor=world.handler_finance
    )

    good, advert = Comment.objects.filter(pk__in=ids).order_by("pk")
    assert (good.moderation, advert.moderation) == (Moderation.REJECTED, Moderation.REJECTED)
    history = [
        (e.from_state, e.to_state, e.comment) for e in Entry.objects.about(good).order_by("id")
    ]
    assert history == [("pending", "approved", ""), ("approved", "rejected", "广告")]
    assert [(e.from_state, e.to_state) for e in Entry.objects.about(advert)] == [
        ("pending", "rejected")
    ]
    events = AuditEvent.objects.filter(object_type="consultations.comment", object_id=str(good.pk))
    assert list(events.order_by("id").values_list("action", flat=True)) == [
        "consultations.comment.submit",
        "consultations.comment.approve",
        "consultations.comment.reject",
    ]
    # Rejecting again changes nothing.
    assert (
        services.moderate(
            consultation,
            comment_ids=ids[:1],
            approve=False,
            note="广告",
            actor=world.handler_finance,
        )
        == 0
    )
