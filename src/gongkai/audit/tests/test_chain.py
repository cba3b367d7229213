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


# -- keyed chain and signed heads outside the database (issue 15, point 10) ----------------


@pytest.fixture(autouse=True)
def _anchor_storage(settings, tmp_path):
    """Signed heads go to file storage: a fresh directory per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _rewrite_newest(events, *, key):
    """What an insider with database access does: rewrite the newest event's
    content, recompute its hash (with ``key``, or plain SHA-256 when None) and the
    chain head, so that every link and the head agree again."""
    from gongkai.audit.services import stored_event_hash

    newest = AuditEvent.objects.get(pk=events[-1].pk)
    after = {"phone": "0938-0000000"}
    digest = stored_event_hash(newest, key=key, after=after)
    import json

    _raw(
        "UPDATE audit_auditevent SET after = %s, hash = %s, key_id = %s WHERE id = %s",
        [json.dumps(after), digest, key.id if key else None, newest.pk],
    )
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_chainhead SET last_hash = %s WHERE id = 1", [digest])
    return newest.pk


def test_events_are_keyed_with_the_audit_key(world, settings):
    from gongkai.audit import keys

    settings.AUDIT_KEY = "k" * 40
    event = _trail(world, 1)[0]
    assert event.key_id == keys.current().id
    assert len(event.hash) == 64


def test_rewriting_the_newest_event_and_its_plain_hash_is_caught(world):
    """The probe's attack: trigger off, newest event rewritten, SHA-256 and head recomputed."""
    events = _trail(world)
    forged = _rewrite_newest(events, key=None)
    result = verify()
    assert not result.ok
    assert result.broken_event_id == forged
    assert "没有密钥签名" in result.message


def test_rewriting_with_a_guessed_key_is_caught(world):
    from gongkai.audit.keys import _key

    events = _trail(world)
    guessed = _key("the attacker's guess")
    forged = _rewrite_newest(events, key=guessed)
    result = verify()
    assert not result.ok and result.broken_event_id == forged
    assert "不在配置中" in result.message


def test_rewriting_with_the_right_key_under_another_id_is_still_a_content_change(world):
    """Even claiming the real key id, a hash made without the key does not match."""
    from gongkai.audit import keys

    events = _trail(world)
    real = keys.current()
    wrong = keys.Key(real.id, b"not the secret")
    forged = _rewrite_newest(events, key=wrong)
    result = verify()
    assert not result.ok and result.broken_event_id == forged
    assert "被改动" in result.message


def _rehash(events, key_for, change=lambda event: event.after):
    """Recompute every link from the start, each event under ``key_for(position)``
    (None: unkeyed), with ``change(event)`` as its new ``after``; head included."""
    import json

    from gongkai.audit.services import stored_event_hash

    prev = "0" * 64
    for position, event in enumerate(AuditEvent.objects.order_by("id"), 1):
        key = key_for(position)
        after = change(event)
        digest = stored_event_hash(event, key=key, prev_hash=prev, after=after)
        _raw(
            "UPDATE audit_auditevent SET after = %s, prev_hash = %s, hash = %s, key_id = %s "
            "WHERE id = %s",
            [json.dumps(after), prev, digest, key.id if key else None, event.pk],
        )
        prev = digest
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_chainhead SET last_hash = %s WHERE id = 1", [prev])


def test_events_from_before_the_chain_was_keyed_verify_only_as_its_beginning(world):
    from gongkai.audit import keys

    _trail(world, 3)
    # The first two as the chain held them before it was keyed.
    _rehash(None, lambda position: None if position <= 2 else keys.current())
    result = verify()
    assert result.ok, result.message
    assert result.unkeyed == 2
    assert "启用密钥之前" in result.message


def test_a_changed_key_needs_the_previous_one_to_verify_older_events(world, settings):
    settings.AUDIT_KEY = "old-key-" * 6
    _trail(world, 2)
    settings.AUDIT_KEY = "new-key-" * 6
    _trail(world, 2)
    result = verify()
    assert not result.ok and "GONGKAI_AUDIT_PREVIOUS_KEYS" in result.message
    settings.AUDIT_PREVIOUS_KEYS = ["old-key-" * 6]
    assert verify().ok


def test_a_signed_head_catches_a_rewrite_by_someone_holding_the_key(world):
    """With the key and the database, an insider can rewrite an event and every later
    hash; the head signed the day before still names the old hash at its position."""
    from gongkai.audit import anchors, keys

    events = _trail(world, 4)
    anchor = anchors.write()
    assert anchor.count == 4
    _trail(world, 2)
    assert verify().ok and verify().anchors == 1

    key = keys.current()
    changed = {"phone": "0938-0000000"}
    _rehash(None, lambda position: key, lambda e: changed if e.pk == events[1].pk else e.after)
    result = verify()
    assert not result.ok
    assert "第 4 条事件" in result.message and "改写" in result.message


def test_a_signed_head_catches_removed_newest_events(world):
    from gongkai.audit import anchors

    events = _trail(world, 3)
    anchors.write()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_no_change")
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_no_change")
        cursor.execute(
            "UPDATE audit_chainhead SET count = 2, last_hash = %s WHERE id = 1", [events[1].hash]
        )
    result = verify()
    assert not result.ok and "事件被删除" in result.message


def test_an_edited_signed_head_is_refused(world):
    from django.core.files.storage import default_storage

    from gongkai.audit import anchors

    _trail(world, 2)
    anchor = anchors.write()
    path = f"{anchors.DIRECTORY}/{anchor.name}"
    with default_storage.open(path, "rb") as handle:
        text = handle.read().decode().replace('"count": 2', '"count": 1')
    default_storage.delete(path)
    default_storage.save(path, __import__("io").BytesIO(text.encode()))
    result = verify()
    assert not result.ok and "签名不符" in result.message


def test_the_daily_job_stores_and_mails_the_signed_head(world, settings, mailoutbox):
    from gongkai.audit import anchors
    from gongkai.audit.jobs import anchor_head
    from gongkai.jobs.registry import SCHEDULES

    assert SCHEDULES["audit.anchor_head"].cron == "30 0 * * *"
    settings.AUDIT_ANCHOR_EMAILS = ["gkb@tianshui.gov.cn"]
    _trail(world, 3)
    assert anchor_head.call() == 3
    (stored,) = anchors.load_all()
    assert stored.count == 3 and stored.signature
    (mail,) = mailoutbox
    assert mail.to == ["gkb@tianshui.gov.cn"]
    assert '"count": 3' in mail.body and stored.signature in mail.body


def test_anchor_command_signs_and_verify_reports_the_heads(world, capsys):
    _trail(world, 2)
    call_command("audit", "anchor")
    assert "已签署链头：2 条事件" in capsys.readouterr().out
    call_command("audit", "verify")
    assert "与 1 个库外签名链头一致" in capsys.readouterr().out


def test_deploy_checks_ask_for_a_separate_key_and_recipients(settings):
    from gongkai.audit.checks import audit_key

    settings.AUDIT_KEY, settings.AUDIT_ANCHOR_EMAILS = "", []
    assert {c.id for c in audit_key(None)} == {"gongkai.W101", "gongkai.W103"}
    settings.AUDIT_KEY = "short"
    assert "gongkai.E102" in {c.id for c in audit_key(None)}
    settings.AUDIT_KEY, settings.AUDIT_ANCHOR_EMAILS = "x" * 40, ["audit@example.gov.cn"]
    assert audit_key(None) == []
