import re

from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.audit.models import AuditEvent

from .conftest import code_for

URL = "/accounts/totp/"


def test_the_url_name(db):
    assert reverse("accounts:totp") == URL


def test_enrolment_shows_a_qr_code_and_the_secret_as_text(client, world):
    client.force_login(world.handler_finance)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    device = TOTPDevice.objects.get(user=world.handler_finance)
    assert not device.confirmed
    assert 'src="data:image/svg+xml' in html
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', html).group(1)
    from base64 import b32encode

    assert secret.replace(" ", "") == b32encode(device.bin_key).decode().rstrip("=")
    # the page is the same on reload: the pending secret is kept
    client.get(URL)
    assert TOTPDevice.objects.filter(user=world.handler_finance).count() == 1


def test_a_wrong_code_does_not_confirm_the_device(client, world):
    client.force_login(world.handler_finance)
    client.get(URL)
    device = TOTPDevice.objects.get(user=world.handler_finance)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(URL, {"action": "confirm", "otp_token": wrong})
    assert response.status_code == 200
    assert "动态验证码不正确" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_the_code_must_be_six_digits(client, world):
    client.force_login(world.handler_finance)
    client.get(URL)
    response = client.post(URL, {"action": "confirm", "otp_token": "12ab"})
    assert "动态验证码是 6 位数字" in response.content.decode()


def test_confirming_with_a_current_code_enrols_and_verifies_the_session(client, world):
    client.force_login(world.handler_finance)
    client.get(URL)
    device = TOTPDevice.objects.get(user=world.handler_finance)
    response = client.post(URL, {"action": "confirm", "otp_token": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert AuditEvent.objects.filter(action="accounts.totp_enrolled").count() == 1
    page = client.get(URL).content.decode()
    assert "两步验证已启用" in page
    # the session stays usable for staff pages
    assert client.get(reverse("workbench:home")).status_code == 200


def test_restart_draws_a_new_secret(client, world):
    client.force_login(world.handler_finance)
    client.get(URL)
    old = TOTPDevice.objects.get(user=world.handler_finance).key
    client.post(URL, {"action": "restart"})
    new = TOTPDevice.objects.get(user=world.handler_finance).key
    assert new != old


def test_removing_needs_a_current_code(client, world, totp_device):
    from .test_login import login

    login(client, "handler_finance", otp_token=code_for(totp_device))
    totp_device.refresh_from_db()
    wrong = f"{(int(code_for(totp_device, 1)) + 1) % 1_000_000:06d}"
    response = client.post(URL, {"action": "remove", "otp_token": wrong})
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=world.handler_finance).exists()


def test_removing_with_a_current_code_deletes_the_device(client, world, totp_device):
    from .test_login import login

    login(client, "handler_finance", otp_token=code_for(totp_device))
    totp_device.refresh_from_db()
    # the code just used for login cannot be replayed: take the next period's
    response = client.post(URL, {"action": "remove", "otp_token": code_for(totp_device, 1)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=world.handler_finance).exists()
    assert AuditEvent.objects.filter(action="accounts.totp_removed").count() == 1
    client.logout()
    from .test_login import login as again

    assert again(client, "handler_finance").status_code == 302


def test_the_totp_page_needs_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
