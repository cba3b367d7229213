"""The migration that moved the modules' own ``Step`` tables into the one timeline.

An installation upgraded from a release with ``applications.Step`` keeps every
line of every application's history: a step written with a transition
completes that transition's entry, any other step becomes a note, nothing is
lost and nothing is written twice.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from gongkai.applications.tests.helpers import received
from gongkai.workflow.models import Entry

BEFORE = [
    ("workflow", "0002_alter_statechange_at"),
    ("applications", "0007_delete_extensionrequest"),
    ("interaction", "0004_delete_extensionrequest"),
]
DAY = date(2026, 11, 2)
NOON = datetime(2026, 11, 2, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.django_db(transaction=True)
def test_old_steps_join_their_transitions_or_become_notes(world):
    from django.db.migrations.executor import MigrationExecutor

    application = received(world.finance, DAY, world.handler_finance)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    StateChange = old.get_model("workflow", "StateChange")
    Step = old.get_model("applications", "Step")
    ContentType = old.get_model("contenttypes", "ContentType")
    ct = ContentType.objects.get(app_label="applications", model="application")

    StateChange.objects.all().delete()
    StateChange.objects.create(
        content_type=ct,
        object_id=str(application.pk),
        workflow="applications.application",
        action="reply",
        from_state="processing",
        to_state="replied",
        actor_id=world.handler_finance.pk,
        comment="",
        at=NOON,
    )
    # Written one second after the transition, by the same clerk: the same act.
    Step.objects.create(
        application_id=application.pk,
        kind="replied",
        at=NOON + timedelta(seconds=1),
        on=DAY,
        text="政府信息公开申请答复书（2026）第1号",
        public=True,
        actor_id=world.handler_finance.pk,
    )
    # A note a day later: no transition to join.
    Step.objects.create(
        application_id=application.pk,
        kind="delivered",
        at=NOON + timedelta(days=1),
        on=DAY + timedelta(days=1),
        text="邮寄送达（EMS 1234）",
        public=True,
        actor_id=world.handler_finance.pk,
    )
    # Before any transition: a note too, private as it was.
    Step.objects.create(
        application_id=application.pk,
        kind="note",
        at=NOON - timedelta(hours=3),
        on=DAY,
        text="申请人电话询问进度",
        public=False,
        actor_id=None,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    rows = list(
        Entry.objects.filter(object_id=str(application.pk), content_type__model="application")
        .order_by("at", "id")
        .values_list("kind", "label", "action", "to_state", "on", "text", "public")
    )
    assert rows == [
        ("note", "备注", "", "", DAY, "申请人电话询问进度", False),
        (
            "replied",
            "作出答复",
            "reply",
            "replied",
            DAY,
            "政府信息公开申请答复书（2026）第1号",
            True,
        ),
        ("delivered", "送达", "", "", DAY + timedelta(days=1), "邮寄送达（EMS 1234）", True),
    ]
