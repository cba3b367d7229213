"""Query passwords for citizens without accounts (application and message lookup).

Eight characters from an alphabet without look-alikes (no 0/O, 1/I), about 40
bits: enough against online guessing, which callers rate-limit. Stored with
Django's password hasher (argon2), compared case-insensitively.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.hashers import check_password, make_password

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LENGTH = 8


def new_password() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def hash_password(password: str) -> str:
    return make_password(password.strip().upper())


def password_matches(stored_hash: str, password: str) -> bool:
    return bool(password) and check_password(password.strip().upper(), stored_hash)


def spend_equal_time() -> None:
    """What a failed lookup of an unknown number costs, so timing reveals nothing."""
    check_password("x", make_password("y"))
