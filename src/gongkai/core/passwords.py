"""Query passwords for citizens without accounts (application and message lookup).

Eight characters from an alphabet without look-alikes (no 0/O, 1/I), about 40
bits: enough against online guessing, which callers rate-limit. Random
(``new_password``), or derived from a secret and the submission
(``derived_password``) when a keyed submission must be able to show the
same working password again, in any process (``gongkai.core.idempotency``).
Stored as
argon2id with the cost of ``settings.QUERY_PASSWORD_ARGON2`` (default
m=19 MiB, t=2, p=1, the OWASP minimum for argon2id): Django's staff-password
setting (100 MiB, 8 lanes) would make every citizen's submission — and
loading a year of demo applications — wait on the hash. The cost is stored in
each hash, so changing the setting later still verifies old ones. Compared
case-insensitively.
"""

from __future__ import annotations

import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.utils.crypto import salted_hmac

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LENGTH = 8
DEFAULT_COST = {"time_cost": 2, "memory_cost": 19 * 1024, "parallelism": 1}


@cache
def _hasher(time_cost: int, memory_cost: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)


def hasher() -> PasswordHasher:
    cost = {**DEFAULT_COST, **getattr(settings, "QUERY_PASSWORD_ARGON2", {})}
    return _hasher(cost["time_cost"], cost["memory_cost"], cost["parallelism"])


def new_password() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def derived_password(*parts: str) -> str:
    """A password computed from ``parts`` with a key derived from ``SECRET_KEY``.

    The same parts always give the same password; without the secret key it is
    as unpredictable as ``new_password``. 32 letters: each byte of the HMAC
    taken modulo 32 is unbiased.
    """
    digest = salted_hmac(
        "gongkai.core.passwords.derived", "\x1f".join(parts), algorithm="sha256"
    ).digest()
    return "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:LENGTH])


def hash_password(password: str) -> str:
    return hasher().hash(password.strip().upper())


def password_matches(stored_hash: str, password: str) -> bool:
    if not password or not stored_hash:
        return False
    candidate = password.strip().upper()
    if not stored_hash.startswith("$argon2"):
        # Hashes made with Django's hasher before this module had its own.
        return check_password(candidate, stored_hash)
    try:
        return hasher().verify(stored_hash, candidate)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def spend_equal_time() -> None:
    """What a failed lookup of an unknown number costs, so timing reveals nothing."""
    password_matches(hash_password("x"), "y")
