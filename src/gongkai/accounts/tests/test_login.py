import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from gongkai.audit.models import AuditEvent

from .conftest import code_for

PASSWORD = "Gongkai-Test-2026"


def login(client, username, password=PASSWORD, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password, **extra}
    )


def test_the_login_page_is_chinese_and_asks_for_the_code_only_optionally(client, db):
    html = client.get(reverse("accounts:login")).content.decode()
    assert "<h1>工作人员登录</h1>" in html
    assert "用户名" in html and "密码" in html and "动态验证码" in html
    assert "未启用的不必填写" in html


def test_a_handler_without_totp_logs_in_with_password_only(client, world):
    response = login(client, "handler_finance")
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench:home")
    assert client.session["_auth_user_id"] == str(world.handler_finance.pk)
    event = AuditEvent.objects.get(action="accounts.login")
    assert event.actor_id == world.handler_finance.pk
    assert event.after == {"two_factor": False}
    assert event.ip == "127.0.0.1"


def test_login_returns_to_the_page_asked_for_but_never_off_site(client, world):
    response = login(client, "handler_finance", next="/workbench/notices/")
    assert response["Location"] == "/workbench/notices/"
    client.logout()
    response = login(client, "handler_finance", next="https://evil.example/")
    assert response["Location"] == reverse("workbench:home")


def test_a_wrong_password_is_refused_in_chinese_and_audited(client, world):
    response = login(client, "handler_finance", password="wrong-password")
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action="accounts.login_failed")
    assert event.after == {"username": "handler_finance", "reason": "password"}
    assert event.actor_id is None


def test_a_totp_user_must_give_the_code(client, world, totp_device):
    response = login(client, "handler_finance")
    assert response.status_code == 200
    assert "请填写身份验证器上的 6 位动态验证码" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_totp_user_logs_in_with_password_and_current_code(client, world, totp_device):
    response = login(client, "handler_finance", otp_token=code_for(totp_device))
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.handler_finance.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == totp_device.persistent_id
    assert AuditEvent.objects.get(action="accounts.login").after == {"two_factor": True}
    assert client.get(reverse("workbench:home")).status_code == 200


def test_a_wrong_code_is_refused_and_counts_towards_the_lockout(client, world, totp_device):
    good = code_for(totp_device)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    response = login(client, "handler_finance", otp_token=wrong)
    assert response.status_code == 200
    assert "动态验证码不正确" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="handler_finance").failures_since_start == 1
    event = AuditEvent.objects.get(action="accounts.login_failed")
    assert event.after["reason"] == "otp"
    # the password is not echoed back into the page
    assert PASSWORD not in response.content.decode()


def test_an_unverified_session_of_a_totp_user_is_refused(client, world, totp_device):
    client.force_login(world.handler_finance)  # password only: no device in the session
    response = client.get(reverse("workbench:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    page = client.get(response["Location"]).content.decode()
    assert "本次会话尚未验证" in page


def test_staff_pages_send_anonymous_visitors_to_login(client, db):
    response = client.get(reverse("workbench:home"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=/workbench/"


def test_five_wrong_passwords_lock_the_login_with_a_chinese_page(client, world):
    for _ in range(4):
        assert login(client, "handler_finance", password="wrong").status_code == 200
    response = login(client, "handler_finance", password="wrong")
    assert response.status_code == 429
    html = response.content.decode()
    assert "登录已被暂时锁定" in html
    assert "30 分钟" in html
    assert "系统管理员" in html
    # even the right password is refused now
    response = login(client, "handler_finance")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("accounts.login_failed") == 4
    assert actions.count("accounts.locked_out") == 2


def test_logout_takes_post_only_and_returns_to_the_portal(client, world):
    client.force_login(world.handler_finance)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="accounts.logout").count() == 1


@pytest.mark.django_db
def test_zh_duration_filter():
    from datetime import timedelta

    from gongkai.accounts.templatetags.accounts_extras import zh_duration

    assert zh_duration(timedelta(minutes=30)) == "30 分钟"
    assert zh_duration(timedelta(minutes=90)) == "1 小时 30 分钟"
    assert zh_duration(timedelta(seconds=20)) == "不到 1 分钟"
    assert zh_duration(None) == ""


def test_a_stale_login_form_gets_a_chinese_csrf_page(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        reverse("accounts:login"), {"username": "x", "password": "y"}
    )
    assert response.status_code == 403
    assert "页面已过期，请重新提交" in response.content.decode()
