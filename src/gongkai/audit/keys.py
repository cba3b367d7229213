"""The keys of the audit chain: HMAC-SHA256 with a secret kept outside the database.

``current()`` is the key new events are hashed with; ``known()`` maps every key
id the verifier accepts (current and ``AUDIT_PREVIOUS_KEYS``) to its key. A
key id is a short digest of the key, so it can be stored beside each event
without revealing anything about the key.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings

# An empty AUDIT_KEY derives the key from SECRET_KEY under this label, so the two
# are never the same bytes.
DERIVATION_LABEL = b"gongkai.audit.chain.v1"


@dataclass(frozen=True)
class Key:
    id: str
    secret: bytes

    def mac(self, payload: bytes) -> str:
        return hmac.new(self.secret, payload, hashlib.sha256).hexdigest()


def key_id(secret: bytes) -> str:
    return hashlib.sha256(b"gongkai.audit.key-id\x00" + secret).hexdigest()[:16]


def _key(raw: str, *, derived: bool = False) -> Key:
    if derived:
        secret = hmac.new(raw.encode(), DERIVATION_LABEL, hashlib.sha256).digest()
    else:
        secret = raw.encode()
    return Key(key_id(secret), secret)


def current() -> Key:
    if settings.AUDIT_KEY:
        return _key(settings.AUDIT_KEY)
    return _key(settings.SECRET_KEY, derived=True)


def known() -> dict[str, Key]:
    keys = [current()]
    for raw in settings.AUDIT_PREVIOUS_KEYS:
        keys += [_key(raw), _key(raw, derived=True)]
    return {key.id: key for key in keys}
