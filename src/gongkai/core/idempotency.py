"""Idempotency keys and double submissions of the public forms and APIs.

Used by the applications (依申请公开), the messages (互动交流) and the
consultations' comments and entries (意见征集), in the same way:

* An ``Idempotency-Key`` (the API header, the web form's hidden token) only
  ever replays **the same request by the same client**. Next to the key each
  record stores the request's fingerprint (``request_fingerprint``: SHA-256 of
  the canonical submitted content, every field including the contact data, and
  of each attachment's bytes). The same key with the same fingerprint within
  ``lifetime()`` (``GONGKAI_IDEMPOTENCY_HOURS``, 24 by default) answers with the
  first record again; the same key with another body is refused
  (``KeyReused``, 422); a key older than its lifetime is refused whatever the
  body (``KeyExpired``, 422): keys stay unique per namespace in the database,
  a new submission needs a new key.
* The query password of a keyed submission is derived, not drawn
  (``Attempt.password``: an HMAC under a key derived from ``SECRET_KEY`` of the
  scope, the namespace, the key and the fingerprint), so a replay computes the
  same password in any process, with no shared cache, and it works: the owner's
  password is never replaced. A replay whose derived password does not match
  the stored hash (a record from before this scheme, a rotated secret key) is
  refused like a duplicate instead of being shown a password that does not work.
* The same content again without the same key (the content fingerprint each
  module defines, e.g. agency + ID number + description within minutes) is
  not accepted twice and answers nothing about the first record: no number,
  no name, no password (``AlreadySubmitted``, 409; a form error on the portal).
  Whoever cannot prove to be the first client learns only that such a
  submission was made, and when.

Callers hold a lock on the namespace's row (agency, channel, round) while they
look for the earlier record and insert, so identical concurrent requests make
one record, and all of them are shown the same working password.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Model, QuerySet
from django.utils import timezone

from . import passwords
from .dates import cn_date
from .errors import DomainError

KEY_MAX_LENGTH = 64
DEFAULT_HOURS = 24


class Refused(DomainError):
    """A submission refused by its key or as a repeat; ``status`` is the API's answer."""

    status = 422


class KeyReused(Refused):
    """The key was used before for a different request."""

    status = 422

    def __init__(self, message: str):
        super().__init__(message, code="idempotency_key_reused")


class KeyExpired(Refused):
    """The key was used longer ago than ``lifetime()``."""

    status = 422

    def __init__(self, message: str):
        super().__init__(message, code="idempotency_key_expired")


class AlreadySubmitted(Refused):
    """The same content was submitted before; nothing about it is told."""

    status = 409

    def __init__(self, message: str):
        super().__init__(message, code="duplicate")


def lifetime() -> timedelta:
    """How long a key replays its request (``GONGKAI_IDEMPOTENCY_HOURS``)."""
    return timedelta(hours=getattr(settings, "IDEMPOTENCY_HOURS", DEFAULT_HOURS))


def normal_key(key: str | None) -> str:
    return (key or "").strip()[:KEY_MAX_LENGTH]


def file_digest(f) -> str:
    """SHA-256 of an uploaded file's bytes; the file is left at its start."""
    digest = hashlib.sha256()
    f.seek(0)
    for chunk in f.chunks() if hasattr(f, "chunks") else iter(lambda: f.read(65536), b""):
        digest.update(chunk)
    f.seek(0)
    return digest.hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, Model):
        return [value._meta.label_lower, value.pk]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def request_fingerprint(scope: str, content: Mapping[str, Any], files: Iterable = ()) -> str:
    """SHA-256 of the canonical request: ``content`` (the cleaned fields) and ``files``
    (uploads, or ``(label, upload)`` pairs), each file by the SHA-256 of its bytes."""
    attached = []
    for item in files:
        label, f = item if isinstance(item, tuple) else ("", item)
        attached.append([str(label), file_digest(f)])
    canonical = json.dumps(
        {"scope": scope, "content": _plain(dict(content)), "files": sorted(attached)},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{cn_date(local.date())}{local:%H:%M}"


@dataclass(frozen=True)
class Attempt:
    """One submission: its ``scope`` (``"applications"``…), the ``namespace`` its key is
    unique in (the agency's, channel's or round's primary key), the key ("" when none)
    and the request's fingerprint. ``what`` names the record in messages (申请, 留言…)."""

    scope: str
    namespace: int
    key: str
    fingerprint: str
    what: str

    @classmethod
    def of(
        cls,
        scope: str,
        namespace: int,
        key: str | None,
        content: Mapping[str, Any],
        files: Iterable = (),
        *,
        what: str,
    ) -> Attempt:
        return cls(
            scope,
            namespace,
            normal_key(key),
            request_fingerprint(scope, content, files),
            what,
        )

    def password(self) -> str:
        """The query password of the record this attempt creates: derived when keyed
        (a replay shows it again, from any process), random otherwise."""
        if not self.key:
            return passwords.new_password()
        return passwords.derived_password(
            self.scope, str(self.namespace), self.key, self.fingerprint
        )

    def earlier(self, records: QuerySet, *, now: datetime | None = None) -> Model | None:
        """The record this key made when this request replays it; None for a new key.

        ``records``: the namespace's records (with ``idempotency_key``,
        ``request_fingerprint`` and ``submitted_at``); ``now``: the moment of this
        request (default: the clock's). Raises ``KeyExpired`` or ``KeyReused``;
        neither says anything about the record.
        """
        if not self.key:
            return None
        found = records.filter(idempotency_key=self.key).first()
        if found is None:
            return None
        if found.submitted_at < (now or timezone.now()) - lifetime():
            hours = int(lifetime().total_seconds() // 3600)
            raise KeyExpired(
                f"这个提交标识（Idempotency-Key）已在{hours}小时前使用过，已经失效，"
                f"不能再用于提交；新的{self.what}请使用新的提交标识。"
            )
        if not hmac.compare_digest(found.request_fingerprint or "", self.fingerprint):
            raise KeyReused(
                f"这个提交标识（Idempotency-Key）已用于另一次内容不同的提交，本次{self.what}"
                f"未被受理；同一提交标识只能重复提交完全相同的内容，新的{self.what}请使用新的提交标识。"
            )
        return found

    def replay_password(self, record: Model, *, hint: str) -> str:
        """The password shown when replaying ``record``: the one it was created with.

        Never a new one (the owner's password stays the only one). When the derived
        password does not match the stored hash, ``AlreadySubmitted`` instead.
        """
        password = self.password()
        if not passwords.password_matches(record.password_hash, password):
            self.refuse_repeat(record, hint=hint)
        return password

    def refuse_repeat(self, record: Model, *, hint: str) -> None:
        """The same content again without proof of being the same request: refused,
        telling only when the first one was made."""
        raise AlreadySubmitted(
            f"相同内容的{self.what}已于{when(record.submitted_at)}提交，未重复受理；{hint}"
        )


def refuse_on_form(form, refused: Refused, *, field: str = "idempotency_key") -> None:
    """``refused`` as the web form's error. A form whose token was used for another
    request (or has expired) gets a fresh token: sending it again, corrected, is a new
    submission, not a replay."""
    if isinstance(refused, AlreadySubmitted):
        form.add_error(None, refused.message)
        return
    form.add_error(
        None,
        "这份表单此前已经提交过（或已过期），不能再用它提交不同的内容，本次未被受理。"
        "如需另行提交，请核对页面上的内容后再次提交。",
    )
    data = form.data.copy()
    data[field] = secrets.token_urlsafe(24)
    form.data = data
