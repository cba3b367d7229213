"""Password hashing and session lifetime as production runs them."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.utils import timezone

PRODUCTION_HASHERS = [h for h in settings.PASSWORD_HASHERS if "MD5" not in h]


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_passwords_are_stored_as_argon2(world):
    user = world.handler_finance
    user.set_password("Gongkai-Another-2026")
    user.save()
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password("Gongkai-Another-2026")


def test_the_test_suites_fast_hasher_is_not_in_production_settings():
    assert PRODUCTION_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_an_idle_session_ends_and_the_next_request_asks_for_login(client, world):
    client.force_login(world.handler_finance)
    assert client.get("/workbench/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/workbench/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_each_request_pushes_the_idle_expiry_forward(client, world):
    client.force_login(world.handler_finance)
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))
    client.get("/workbench/")
    expiry = Session.objects.get().expire_date
    assert expiry > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_a_cookie_naming_no_session_is_deleted_not_turned_into_a_new_session(client, world):
    for cookie in ("made-up-by-a-client", "a" * 32):  # invalid, and well-formed but unknown
        client.cookies["sessionid"] = cookie
        response = client.get("/xxgk/")
        assert response.status_code == 200
        assert response.cookies["sessionid"].value == ""  # deleted
        assert response.cookies["sessionid"]["max-age"] == 0
        assert "Cookie" in response["Vary"]
    assert not Session.objects.exists()


def test_a_signed_in_session_is_still_saved_on_each_request(client, world):
    client.force_login(world.handler_finance)
    key = client.cookies["sessionid"].value
    response = client.get("/xxgk/")
    assert response.cookies["sessionid"].value == key
    assert Session.objects.filter(session_key=key).exists()
