"""Extension requests on clocks (``gongkai.workdays.extensions``): the clock's caps, one
pending request at a time, one decision, audit events in every module, and the
migration that moved the modules' own requests onto their clocks."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections

from gongkai.applications import services as application_services
from gongkai.applications.tests.helpers import received
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import DomainError
from gongkai.interaction import services as message_services
from gongkai.interaction.tests.helpers import assigned
from gongkai.orgs.models import Department
from gongkai.workdays import extensions
from gongkai.workdays.extensions import ExtensionRules, decide_extension, request_extension
from gongkai.workdays.models import ClockEvent, ClockEventKind, ExtensionRequest

DAY = date(2026, 12, 1)


@pytest.fixture
def department_rules(monkeypatch):
    """Clocks of a department (the ``start`` fixture's subject) may be extended in these tests."""
    calls = []
    rules = ExtensionRules(
        request_permission="consultations.create",
        decide_permission="applications.supervise",
        audit_prefix="tests",
        requested=lambda request, subject, actor: calls.append(("requested", request.pk)),
        decided=lambda request, subject, clock, actor: calls.append(
            ("decided", request.pk, request.approved, clock.due_date)
        ),
    )
    monkeypatch.setitem(extensions._RULES, Department._meta.label_lower, rules)
    return calls


def events(action: str, obj) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action=action, object_type=obj._meta.label_lower, object_id=str(obj.pk)
        )
    )


# -- the clock's caps --------------------------------------------------------------------


def test_the_clock_caps_the_number_of_extensions_and_their_days(world, start, department_rules):
    clock = start(DAY, max_extensions=2, max_extension_days=10)
    with pytest.raises(DomainError, match="1至10个工作日") as refused:
        request_extension(clock, days=11, reason="调取档案", actor=world.handler_finance)
    assert refused.value.code == "days"
    first = request_extension(clock, days=6, reason="调取档案", actor=world.handler_finance)
    decide_extension(first, approve=True, actor=world.office)
    # 4 of the 10 days are left
    with pytest.raises(DomainError, match="1至4个工作日"):
        request_extension(clock, days=5, reason="再调档案", actor=world.handler_finance)
    second = request_extension(clock, days=4, reason="再调档案", actor=world.handler_finance)
    decide_extension(second, approve=True, actor=world.office)
    clock.refresh_from_db()
    assert clock.extension_days() == 10
    with pytest.raises(DomainError, match="最多延长2次") as refused:
        request_extension(clock, days=1, reason="又要延长", actor=world.handler_finance)
    assert refused.value.code == "extension_once"
    assert not extensions.extension_possible(clock)
    assert [c[0] for c in department_rules] == ["requested", "decided"] * 2


def test_a_clock_without_extensions_and_a_finished_clock_are_not_extended(
    world, start, department_rules
):
    none_allowed = start(DAY, max_extensions=0, max_extension_days=0)
    with pytest.raises(DomainError, match="不得延长"):
        request_extension(none_allowed, days=1, reason="调取档案", actor=world.handler_finance)
    from gongkai.workdays.clocks import complete_clock

    finished = complete_clock(start(DAY), on=date(2026, 12, 3), actor=world.handler_finance)
    with pytest.raises(DomainError, match="已经结束") as refused:
        request_extension(finished, days=1, reason="调取档案", actor=world.handler_finance)
    assert refused.value.code == "clock_finished"
    assert not extensions.extension_possible(finished)
    assert ExtensionRequest.objects.count() == 0


def test_the_request_needs_a_reason_and_the_access_rule(world, start, department_rules):
    clock = start(DAY)
    with pytest.raises(DomainError, match="理由"):
        request_extension(clock, days=5, reason="  ", actor=world.handler_finance)
    with pytest.raises(PermissionDenied):
        request_extension(clock, days=5, reason="调取档案", actor=world.office)
    request = request_extension(clock, days=5, reason="调取档案", actor=world.handler_finance)
    with pytest.raises(PermissionDenied):
        decide_extension(request, approve=True, actor=world.handler_finance)
    with pytest.raises(DomainError, match="请填写意见"):
        decide_extension(request, approve=False, actor=world.office, comment=" ")


def test_a_clock_of_a_model_without_rules_cannot_be_extended(world, start):
    clock = start(DAY)
    with pytest.raises(DomainError, match="不能申请延长"):
        request_extension(clock, days=5, reason="调取档案", actor=world.handler_finance)


# -- one pending request, one decision -------------------------------------------------


def test_a_second_pending_request_is_refused(world, start, department_rules):
    clock = start(DAY, max_extensions=2)
    first = request_extension(clock, days=5, reason="调取档案", actor=world.handler_finance)
    assert extensions.extension_possible(clock) is False
    with pytest.raises(DomainError, match="等待审批") as refused:
        request_extension(clock, days=3, reason="再调档案", actor=world.handler_finance)
    assert refused.value.code == "extension_pending"
    decide_extension(first, approve=False, actor=world.office, comment="原期限内可以办结")
    # refused: the clock is unchanged and a new request may be made
    assert clock.extensions.count() == 0
    again = request_extension(clock, days=3, reason="再调档案", actor=world.handler_finance)
    assert again.is_pending


def test_a_pending_application_request_is_not_doubled(world):
    application = received(world.finance, DAY, world.handler_finance)
    application_services.request_extension(
        application, days=10, reason="需要调取档案", actor=world.handler_finance
    )
    with pytest.raises(DomainError, match="等待审批"):
        application_services.request_extension(
            application, days=5, reason="需要调取档案", actor=world.handler_finance
        )
    assert ExtensionRequest.objects.for_subject(application).count() == 1


def test_a_stale_second_decision_loses_to_the_first(world, start, department_rules):
    clock = start(DAY)
    request = request_extension(clock, days=5, reason="调取档案", actor=world.handler_finance)
    stale = ExtensionRequest.objects.get(pk=request.pk)  # opened by a second person
    decide_extension(request, approve=True, actor=world.office)
    with pytest.raises(DomainError, match="已被他人审批") as refused:
        decide_extension(stale, approve=False, actor=world.office, comment="不同意")
    assert refused.value.code == "decided"
    with pytest.raises(DomainError, match="已经审批"):
        decide_extension(request, approve=True, actor=world.office)
    request.refresh_from_db()
    assert request.approved is True and request.comment == ""
    assert clock.extensions.count() == 1
    assert ClockEvent.objects.filter(clock=clock, kind=ClockEventKind.EXTEND).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_decisions_extend_the_clock_once(world, start, department_rules):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    ):
        pytest.skip("in-memory SQLite shares one connection between threads")
    clock = start(DAY)
    request = request_extension(clock, days=5, reason="调取档案", actor=world.handler_finance)
    won, lost, errors = [], [], []
    barrier = threading.Barrier(2)

    def decide(approve: bool) -> None:
        try:
            mine = ExtensionRequest.objects.get(pk=request.pk)
            barrier.wait()
            decide_extension(
                mine, approve=approve, actor=world.office, comment="" if approve else "不同意"
            )
            won.append(approve)
        except DomainError as exc:
            lost.append(exc.code)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(approve,)) for approve in (True, False)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(won) == 1 and lost == ["decided"]
    request.refresh_from_db()
    assert request.approved is won[0]
    assert clock.extensions.count() == (1 if won[0] else 0)
    assert len(events("tests.decide_extension", world.finance)) == 1


# -- audit events in every module ----------------------------------------------------------


def test_an_application_extension_writes_its_audit_events(world):
    application = received(world.finance, DAY, world.handler_finance)
    request = application_services.request_extension(
        application, days=10, reason="需要调取档案", actor=world.handler_finance
    )
    assert request.clock == application.reply_clock()
    [asked] = events("applications.request_extension", application)
    assert asked.after == {"days": 10} and asked.actor_id == world.handler_finance.pk
    application_services.decide_extension(request, approve=True, actor=world.office)
    [decided] = events("applications.decide_extension", application)
    assert decided.after == {"approved": True} and decided.actor_id == world.office.pk
    assert application.notices.filter(kind="extension").count() == 1


def test_a_message_extension_writes_its_audit_events(world):
    message = assigned(world, DAY)
    message_services.sign(message, actor=world.handler_finance, on=DAY)
    request = message_services.request_extension(
        message, days=5, reason="需要两部门核对名单", actor=world.handler_finance
    )
    assert request.clock == message.reply_clock()
    [asked] = events("interaction.request_extension", message)
    assert asked.after == {"days": 5} and asked.actor_id == world.handler_finance.pk
    message_services.decide_extension(
        request, approve=False, actor=world.office, comment="该事项不复杂，请在原期限内办结。"
    )
    [decided] = events("interaction.decide_extension", message)
    assert decided.after == {"approved": False}
    # refused: the message may ask again, once
    again = message_services.request_extension(
        message, days=5, reason="仍需核对名单", actor=world.handler_finance
    )
    message_services.decide_extension(again, approve=True, actor=world.office)
    with pytest.raises(DomainError, match="只能申请延期一次"):
        message_services.request_extension(
            message, days=1, reason="再延", actor=world.handler_finance
        )
    assert len(events("interaction.request_extension", message)) == 2


# -- queues and to-dos ---------------------------------------------------------------------


def test_queues_and_todos_find_what_waits_for_a_decision(world):
    from django.utils import timezone

    from gongkai.applications.models import Application
    from gongkai.applications.staff.todos import todos as application_todos
    from gongkai.interaction.models import Message
    from gongkai.interaction.staff.todos import todos as message_todos

    waiting = received(world.finance, DAY, world.handler_finance)
    received(world.finance, DAY, world.handler_finance)  # nothing asked
    request = application_services.request_extension(
        waiting, days=10, reason="需要调取档案", actor=world.handler_finance
    )
    message = assigned(world, DAY)
    message_services.sign(message, actor=world.handler_finance, on=DAY)
    message_services.request_extension(
        message, days=5, reason="需要两部门核对名单", actor=world.handler_finance
    )
    assigned(world, DAY)  # nothing asked

    def pending(model):
        by_pk = set(model.objects.filter(pk__in=extensions.with_pending_extension(model)))
        by_exists = set(model.objects.filter(extensions.pending_extension(model)))
        assert by_pk == by_exists
        return by_pk

    assert pending(Application) == {waiting}
    assert pending(Message) == {message}
    since = Application.objects.annotate(since=extensions.pending_extension_since(Application))
    assert {a.pk: a.since for a in since} == {
        waiting.pk: request.requested_at,
        **{a.pk: None for a in Application.objects.exclude(pk=waiting.pk)},
    }
    now = timezone.now()
    mine = [
        t.subject
        for t in application_todos(world.office, world.general_office, now=now, limit=10)
        if t.action == "审批延期"
    ]
    assert mine == [f"{waiting.tracking_number} {waiting.name}"]
    mine = [
        t.subject
        for t in message_todos(world.office, world.general_office, now=now, limit=10)
        if t.action == "审批延期"
    ]
    assert mine == [f"{message.query_code} {message.subject}"]
    decide_extension(request, approve=True, actor=world.office)
    assert pending(Application) == set()


# -- the migration ---------------------------------------------------------------------------

BEFORE = [
    ("workdays", "0003_extensionrequest"),
    ("applications", "0006_application_request_fingerprint"),
    ("interaction", "0003_message_request_fingerprint"),
]


def _rows() -> list[tuple]:
    return list(
        ExtensionRequest.objects.order_by("requested_at", "id").values_list(
            "clock_id",
            "days",
            "reason",
            "requested_by_id",
            "requested_at",
            "approved",
            "decided_by_id",
            "decided_at",
            "comment",
        )
    )


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_the_modules_requests_onto_their_clocks(world):
    from django.db.migrations.executor import MigrationExecutor

    application = received(world.finance, DAY, world.handler_finance)
    approved = application_services.request_extension(
        application, days=10, reason="需要调取档案", actor=world.handler_finance
    )
    application_services.decide_extension(approved, approve=True, actor=world.office)
    message = assigned(world, DAY)
    message_services.sign(message, actor=world.handler_finance, on=DAY)
    refused = message_services.request_extension(
        message, days=5, reason="需要两部门核对名单", actor=world.handler_finance
    )
    message_services.decide_extension(refused, approve=False, actor=world.office, comment="不同意")
    message_services.request_extension(
        message, days=3, reason="仍需核对名单", actor=world.handler_finance
    )
    moved = _rows()
    assert len(moved) == 3

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)  # back: the rows return to the modules' own tables
    old = executor.loader.project_state(BEFORE).apps
    OldApplicationRequest = old.get_model("applications", "ExtensionRequest")
    OldMessageRequest = old.get_model("interaction", "ExtensionRequest")
    assert list(
        OldApplicationRequest.objects.values_list("application_id", "days", "approved")
    ) == [(application.pk, 10, True)]
    assert list(
        OldMessageRequest.objects.order_by("id").values_list("message_id", "days", "approved")
    ) == [(message.pk, 5, False), (message.pk, 3, None)]
    assert ExtensionRequest.objects.count() == 0

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # forward: onto the same clocks
    assert _rows() == moved
