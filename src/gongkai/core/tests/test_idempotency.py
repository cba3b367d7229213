"""gongkai.core.idempotency: the request fingerprint, the derived password, the key's
lifetime and the refusals that tell nothing about the earlier record."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from gongkai.core import idempotency, passwords


def attempt(key="k1", content=None, files=(), namespace=1):
    return idempotency.Attempt.of(
        "test", namespace, key, content or {"name": "张三", "text": "同一请求"}, files, what="申请"
    )


def test_the_fingerprint_covers_every_field_and_file_and_ignores_order():
    base = idempotency.request_fingerprint("s", {"a": "1", "b": "2"})
    assert base == idempotency.request_fingerprint("s", {"b": "2", "a": "1"})
    assert base != idempotency.request_fingerprint("s", {"a": "1", "b": "3"})
    assert base != idempotency.request_fingerprint("other", {"a": "1", "b": "2"})
    one = SimpleUploadedFile("a.txt", b"one")
    with_file = idempotency.request_fingerprint("s", {"a": "1", "b": "2"}, [("id", one)])
    assert with_file != base
    assert one.read() == b"one"  # left at its start for storing
    other = SimpleUploadedFile("a.txt", b"two")
    assert with_file != idempotency.request_fingerprint("s", {"a": "1", "b": "2"}, [("id", other)])


def test_the_password_is_derived_from_key_and_request_and_unpredictable_without_the_secret():
    password = attempt().password()
    assert password == attempt().password()
    assert len(password) == passwords.LENGTH and set(password) <= set(passwords.ALPHABET)
    assert password != attempt(key="k2").password()
    assert password != attempt(namespace=2).password()
    assert password != attempt(content={"name": "李四", "text": "同一请求"}).password()
    with override_settings(SECRET_KEY="another-secret-key-" + "x" * 40):
        assert attempt().password() != password
    # without a key: random
    assert attempt(key="").password() != attempt(key="").password()


@pytest.mark.django_db
def test_earlier_replays_the_same_request_refuses_another_and_expires(settings):
    from django.utils import timezone

    class Record:
        pass

    first = attempt()
    record = Record()
    record.request_fingerprint = first.fingerprint
    record.submitted_at = timezone.now()
    record.password_hash = passwords.hash_password(first.password())

    class Records:
        def __init__(self, found):
            self.found = found

        def filter(self, idempotency_key):
            return self

        def first(self):
            return self.found

    assert first.earlier(Records(None)) is None
    assert attempt(key="").earlier(Records(record)) is None
    assert first.earlier(Records(record)) is record
    assert first.replay_password(record, hint="") == first.password()
    changed = attempt(content={"name": "李四", "text": "同一请求"})
    with pytest.raises(idempotency.KeyReused) as reused:
        changed.earlier(Records(record))
    assert reused.value.status == 422
    settings.IDEMPOTENCY_HOURS = 1
    later = timezone.now() + timedelta(hours=1, seconds=1)
    with pytest.raises(idempotency.KeyExpired):
        first.earlier(Records(record), now=later)
    # a record whose password was not derived from this request: refused, no new password
    record.password_hash = passwords.hash_password("ABCDEFGH")
    with pytest.raises(idempotency.AlreadySubmitted) as repeat:
        first.replay_password(record, hint="请使用首次提交后获得的查询密码。")
    assert repeat.value.status == 409 and "未重复受理" in repeat.value.message
    assert Group.objects.count() == 0  # nothing written


def test_lifetime_reads_the_setting(settings):
    settings.IDEMPOTENCY_HOURS = 6
    assert idempotency.lifetime() == timedelta(hours=6)
