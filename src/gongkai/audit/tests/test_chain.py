import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from gongkai.audit.models import AppendOnlyError, AuditEvent
from gongkai.audit.services import record, verify


def _trail(world, n=5):
    return [
        record(
            "department.update",
            actor=world.admin,
            obj=world.finance,
            before={"phone": f"0938-82100{i:02d}"},
            after={"phone": f"0938-82101{i:02d}"},
            ip="10.0.0.1",
        )
        for i in range(n)
    ]


def _raw(sql, params=()):
    """Tamper as someone with direct database access would: bypass the triggers."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_no_change")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_no_change")


def test_an_untouched_chain_verifies(world):
    _trail(world)
    result = verify()
    assert result.ok and result.checked == 5


def test_events_record_actor_object_values_and_address(world):
    event = _trail(world, 1)[0]
    event.refresh_from_db()
    assert event.actor_id == world.admin.pk
    assert event.object_type == "orgs.department"
    assert event.object_id == str(world.finance.pk)
    assert event.before == {"phone": "0938-8210000"}
    assert event.ip == "10.0.0.1"
    assert event.actor_label.startswith("sysadmin")


def test_altering_a_row_is_caught_at_that_row(world):
    events = _trail(world)
    _raw("UPDATE audit_auditevent SET after = %s WHERE id = %s", ['{"phone": "110"}', events[2].id])
    result = verify()
    assert not result.ok
    assert result.broken_event_id == events[2].id
    assert "被改动" in result.message


def test_removing_a_row_in_the_middle_is_caught_at_the_next_row(world):
    events = _trail(world)
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [events[1].id])
    result = verify()
    assert not result.ok
    assert result.broken_event_id == events[2].id


def test_removing_the_newest_row_is_caught_by_the_chain_head(world):
    events = _trail(world)
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].id])
    result = verify()
    assert not result.ok
    assert "链头" in result.message


def test_verify_command_exits_with_the_first_broken_link(world):
    events = _trail(world)
    call_command("audit", "verify")
    _raw("UPDATE audit_auditevent SET actor_label = %s WHERE id = %s", ["someone", events[0].id])
    with pytest.raises(CommandError, match=f"第 {events[0].id} 号事件"):
        call_command("audit", "verify")


def test_the_orm_refuses_to_change_or_delete_an_event(world):
    event = _trail(world, 1)[0]
    event.action = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_the_database_refuses_an_update_behind_the_orm(world):
    event = _trail(world, 1)[0]
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="changed")


def test_an_event_in_a_rolled_back_transaction_leaves_the_chain_whole(world):
    _trail(world, 2)
    with pytest.raises(RuntimeError), transaction.atomic():
        record("department.update", actor=world.admin, obj=world.finance)
        raise RuntimeError("the change failed")
    _trail(world, 1)
    assert verify().ok
    assert AuditEvent.objects.count() == 3
