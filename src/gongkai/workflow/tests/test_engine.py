"""The workflow mechanism, exercised on a real table.

The tests use a throw-away transition table over the clock states (the clock
is the kernel's one stateful model): the mechanism, not the clock rules, is
under test.
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from gongkai.audit.models import AuditEvent
from gongkai.workdays.clocks import start_clock
from gongkai.workflow import Transition, TransitionRefused, Workflow
from gongkai.workflow.models import Entry

FLOW = Workflow(
    "test.clock",
    states={"running": "计时中", "paused": "已暂停", "stopped": "已终止"},
    transitions=[
        Transition("pause", "running", "paused", "clock.pause", "暂停"),
        Transition("resume", "paused", "running", "clock.resume", "恢复"),
        Transition(
            "halt", {"running", "paused"}, "stopped", "clock.extend", "终止", comment_required=True
        ),
    ],
)


@pytest.fixture
def clock(world):
    return start_clock(
        world.finance,
        stage="reply",
        label="测试事项",
        department=world.finance,
        start_date=date(2026, 3, 2),
        limit_days=20,
    )


def test_a_table_with_an_unknown_state_or_a_repeated_action_is_refused_at_import():
    with pytest.raises(ValueError, match="unknown states"):
        Workflow("x", {"a": "A"}, [Transition("go", "a", "b", "clock.view", "走")])
    with pytest.raises(ValueError, match="declared twice"):
        Workflow(
            "x",
            {"a": "A", "b": "B"},
            [
                Transition("go", "a", "b", "clock.view", "走"),
                Transition("go", "b", "a", "clock.view", "回"),
            ],
        )


def test_apply_moves_the_state_and_leaves_history_and_an_audit_event(world, clock):
    FLOW.apply(clock, "pause", actor=world.handler_finance, ip="10.1.2.3")
    clock.refresh_from_db()
    assert clock.state == "paused"
    change = Entry.history_of(clock).get()
    assert (change.from_state, change.to_state, change.actor) == (
        "running",
        "paused",
        world.handler_finance,
    )
    event = AuditEvent.objects.filter(action="test.clock.pause").get()
    assert event.before == {"state": "running"} and event.ip == "10.1.2.3"


def test_a_transition_replayed_in_the_past_keeps_its_own_time_in_the_history(world, clock):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    then = datetime(2016, 3, 14, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    FLOW.apply(clock, "pause", actor=world.handler_finance, at=then)
    writing = timezone.now()
    FLOW.apply(clock, "resume", actor=world.handler_finance)
    paused, resumed = Entry.history_of(clock)
    assert paused.at == then
    assert resumed.at >= writing  # without ``at``: the time of writing


def test_the_wrong_state_is_refused_in_chinese(world, clock):
    with pytest.raises(TransitionRefused, match="当前状态为“计时中”，不能恢复"):
        FLOW.apply(clock, "resume", actor=world.handler_finance)


def test_a_comment_is_required_where_the_table_says_so(world, clock):
    with pytest.raises(TransitionRefused, match="须填写意见"):
        FLOW.apply(clock, "halt", actor=world.reviewer_finance, comment="  ")
    FLOW.apply(clock, "halt", actor=world.reviewer_finance, comment="申请人撤回申请")
    assert Entry.history_of(clock).get().comment == "申请人撤回申请"


def test_the_access_policy_decides_who_may(world, clock):
    with pytest.raises(PermissionDenied):
        FLOW.apply(clock, "pause", actor=world.handler_environment)
    assert [t.action for t in FLOW.available(clock, world.handler_finance)] == ["pause"]
    assert [t.action for t in FLOW.available(clock, world.reviewer_finance)] == ["pause", "halt"]
    assert FLOW.available(clock, world.handler_environment) == []


def test_a_stale_copy_cannot_repeat_a_transition_someone_else_made(world, clock):
    from gongkai.workdays.models import Clock

    stale = Clock.objects.get(pk=clock.pk)
    FLOW.apply(clock, "pause", actor=world.handler_finance)
    with pytest.raises(TransitionRefused, match="已被他人处理"):
        FLOW.apply(stale, "pause", actor=world.reviewer_finance)
    assert Entry.history_of(clock).count() == 1


def test_the_after_hook_runs_only_when_the_transaction_commits(
    world, clock, django_capture_on_commit_callbacks
):
    ran = []
    with pytest.raises(RuntimeError), transaction.atomic():
        FLOW.apply(clock, "pause", actor=world.handler_finance, after=lambda: ran.append(1))
        raise RuntimeError("rolled back")
    clock.refresh_from_db()
    assert clock.state == "running" and ran == [] and not Entry.history_of(clock).exists()
    with django_capture_on_commit_callbacks(execute=True):
        FLOW.apply(clock, "pause", actor=world.handler_finance, after=lambda: ran.append(1))
    assert ran == [1]


def test_history_cannot_be_rewritten(world, clock):
    FLOW.apply(clock, "pause", actor=world.handler_finance)
    change = Entry.history_of(clock).get()
    change.comment = "改写"
    with pytest.raises(ValueError, match="只能追加"):
        change.save()
