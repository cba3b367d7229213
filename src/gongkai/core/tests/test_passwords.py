from django.contrib.auth.hashers import make_password
from django.test import override_settings

from gongkai.core import passwords


def test_passwords_use_the_unambiguous_alphabet():
    for _ in range(50):
        password = passwords.new_password()
        assert len(password) == 8
        assert set(password) <= set(passwords.ALPHABET)
        assert not set(password) & set("01IO")


def test_matching_is_case_insensitive_and_wrong_ones_fail():
    stored = passwords.hash_password("AB34CD56")
    assert stored.startswith("$argon2id$")
    assert passwords.password_matches(stored, "ab34cd56 ")
    assert not passwords.password_matches(stored, "AB34CD57")
    assert not passwords.password_matches(stored, "")
    assert not passwords.password_matches("not a hash", "AB34CD56")


def test_cost_is_read_from_the_hash_so_a_changed_setting_still_verifies():
    with override_settings(
        QUERY_PASSWORD_ARGON2={"time_cost": 2, "memory_cost": 1024, "parallelism": 1}
    ):
        stored = passwords.hash_password("AB34CD56")
    assert "m=1024,t=2,p=1" in stored
    assert passwords.password_matches(stored, "AB34CD56")


def test_hashes_made_by_djangos_hasher_still_verify(settings):
    stored = make_password("AB34CD56")
    assert passwords.password_matches(stored, "ab34cd56")
