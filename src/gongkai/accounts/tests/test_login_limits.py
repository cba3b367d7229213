"""Login limits beyond axes' lock per account and address (gongkai.accounts.limits).

* password spraying (a few passwords on many accounts from one address) stops
  at the address limit, and the sprayed accounts are not let in from there;
* one account guessed from many addresses is throttled, briefly, and never in
  a browser that has logged in to it before;
* the lock of one address never locks the owner out at another;
* every address is the client's real one behind the proxy (``GONGKAI_PROXY_COUNT``).
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.accounts import limits
from gongkai.audit.models import AuditEvent
from gongkai.testing import factories

PASSWORD = "Gongkai-Test-2026"
SPRAYER = "203.0.113.9"


def login(client, username, password=PASSWORD, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **extra
    )


@pytest.fixture(autouse=True)
def _numbers(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 30
    settings.LOGIN_ADDRESS_WINDOW = 3600
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 20
    settings.LOGIN_ACCOUNT_WINDOW = 900
    settings.PROXY_COUNT = 0


def test_password_spraying_from_one_address_is_stopped_at_the_address_limit(db):
    """Issue 15: 120 wrong passwords over 30 accounts from one address locked nothing,
    and all 30 then logged in from there."""
    users = [factories.staff(f"clerk{n:02d}") for n in range(30)]
    sprayer = Client(REMOTE_ADDR=SPRAYER)
    statuses = [
        login(sprayer, user.username, password=f"Spring-2026-{round_}").status_code
        for round_ in range(4)
        for user in users
    ]
    assert statuses[:30] == [200] * 30  # checked and wrong
    assert set(statuses[30:]) == {429}  # not even checked
    assert AuditEvent.objects.filter(action="accounts.login_failed").count() == 30
    # none of the 30 gets in from there, even with the right password, for the window
    for user in users[:3]:
        response = login(sprayer, user.username)
        assert response.status_code == 429 and "_auth_user_id" not in sprayer.session
        assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "这个网络地址近期登录失败的次数过多" in html and "登录已暂停" in html
    event = AuditEvent.objects.filter(action="accounts.login_throttled").last()
    assert event.ip == SPRAYER and event.after["reason"] == "address"
    # the owners, at their own addresses, are not affected
    owner = Client(REMOTE_ADDR="10.20.0.1")
    assert login(owner, users[0].username).status_code == 302


def test_one_account_guessed_from_many_addresses_is_throttled_not_locked(world, settings):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 6
    # the owner logs in once from the office browser, which remembers it
    office = Client(REMOTE_ADDR="10.20.0.1")
    assert login(office, "handler_finance").status_code == 302
    office.post(reverse("accounts:logout"))
    # three guesses from each of two addresses: below axes' 5 per address
    for n in range(6):
        guesser = Client(REMOTE_ADDR=f"198.51.100.{n // 3}")
        assert login(guesser, "handler_finance", password=f"guess-{n}").status_code == 200
    # now the account pauses, for a stranger's browser too, with a Chinese message
    stranger = Client(REMOTE_ADDR="198.51.100.50")
    refused = login(stranger, "handler_finance")
    assert refused.status_code == 429
    assert "这个账号近期在多处登录失败的次数过多" in refused.content.decode()
    assert 0 < int(refused["Retry-After"]) <= 900
    # but the owner's own browser still gets in: a stranger cannot lock a known person out
    assert login(office, "handler_finance").status_code == 302
    # other accounts are not touched
    assert login(Client(REMOTE_ADDR="198.51.100.50"), "reviewer_finance").status_code == 302


def test_a_lock_at_one_address_does_not_lock_the_owner_out_at_another(world):
    guesser = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(5):
        login(guesser, "handler_finance", password="wrong")
    assert login(guesser, "handler_finance").status_code == 429
    owner = Client(REMOTE_ADDR="10.20.0.1")
    assert login(owner, "handler_finance").status_code == 302


def test_a_burst_is_counted_before_the_passwords_are_checked(world, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    first = [limits.begin(None, SPRAYER, f"user{n}") for n in range(3)]
    limits.succeeded(first[0])  # a right password is given back
    assert limits.begin(None, SPRAYER, "user8").refused == ""
    # five more arrive before any is checked: none passes the door
    assert {limits.begin(None, SPRAYER, f"user{n}").refused for n in range(5)} == {"address"}


def test_behind_the_proxy_the_real_address_counts_and_is_audited(world, settings):
    settings.PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    guesser = Client(HTTP_X_FORWARDED_FOR="10.20.0.1, 198.51.100.7", **proxy)  # forged left
    for _ in range(5):
        login(guesser, "handler_finance", password="wrong")
    assert login(guesser, "handler_finance").status_code == 429
    assert set(AuditEvent.objects.values_list("ip", flat=True)) == {"198.51.100.7"}
    # the owner behind the same proxy, at the address the guesser forged, gets in
    owner = Client(HTTP_X_FORWARDED_FOR="10.20.0.1", **proxy)
    assert login(owner, "handler_finance").status_code == 302
    assert AuditEvent.objects.get(action="accounts.login").ip == "10.20.0.1"
