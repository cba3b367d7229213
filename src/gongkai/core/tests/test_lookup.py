"""gongkai.core.lookup: the lookup form, the session ticket and the lookup's POST."""

from __future__ import annotations

from importlib import import_module

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from gongkai.core.lockout import LookupLockout
from gongkai.core.lookup import CodeLookupForm, SessionTicket, post_lookup

pytestmark = pytest.mark.django_db


class TicketForm(CodeLookupForm):
    code_field = "ticket"
    submitted_as = "登记"

    ticket = forms.CharField(label="登记号", max_length=20)


def a_request(data=None):
    request = RequestFactory().post("/lookup/", data or {})
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    request.session.save()
    return request


def a_ticket(receipt_seconds=600):
    groups = Group.objects.all()
    return SessionTicket("test", receipts=groups, lookups=groups, receipt_seconds=receipt_seconds)


@pytest.fixture
def group():
    return Group.objects.create(name="lookup-test")


def test_the_code_and_either_the_password_or_the_phone_are_needed():
    neither = TicketForm({"ticket": " ab-1 ", "password": " ", "phone": ""})
    assert not neither.is_valid()
    assert neither.errors["password"] == ["请填写查询密码，或者登记时填写的联系电话。"]
    assert TicketForm({"ticket": "ab-1", "password": "x"}).is_valid()
    with_phone = TicketForm({"ticket": " ab-1 ", "phone": "13800000000"})
    assert with_phone.is_valid()
    assert with_phone.cleaned_data["ticket"] == "AB-1"
    assert not TicketForm({"password": "x"}).is_valid()


def test_the_form_words_the_phone_after_what_was_submitted_and_puts_the_code_first():
    form = TicketForm()
    assert list(form.fields) == ["ticket", "password", "phone"]
    assert form.fields["phone"].label == "或：登记时填写的联系电话"
    assert "登记时填写的联系电话代替" in form.fields["phone"].help_text
    assert form.code_label == "登记号"


def test_a_receipt_is_read_back_until_it_expires_and_its_password_only_once(group):
    request = a_request()
    a_ticket().remember_receipt(request, group, "PW123456", repeated=True)
    assert a_ticket().receipt(request) == (group, "PW123456", True)
    # the password left the session as it was read; the receipt itself stays
    assert a_ticket().receipt(request) == (group, "", True)
    request.session.save()
    stored = type(request.session)(request.session.session_key).load()
    assert "PW123456" not in repr(stored) and stored["test.receipt"]["id"] == group.pk

    expired = a_ticket(receipt_seconds=-1)
    expired.remember_receipt(request, group, "PW123456")
    assert expired.receipt(request) is None
    assert expired.receipt_key not in request.session


def test_a_receipt_of_a_record_gone_since_shows_nothing(group):
    request = a_request()
    ticket = a_ticket()
    ticket.remember_receipt(request, group, "PW123456")
    group.delete()
    assert ticket.receipt(request) is None


def test_verify_gives_a_new_session_id_and_remembers_the_record(group):
    request = a_request()
    before = request.session.session_key
    ticket = a_ticket()
    assert ticket.verified(request) is None
    ticket.verify(request, group)
    assert request.session.session_key != before
    assert ticket.verified(request) == group
    ticket.forget(request)
    assert ticket.verified(request) is None


def test_a_verified_lookup_expires(group, settings):
    settings.APPLICATION_LOOKUP_SESSION_SECONDS = -1
    request = a_request()
    ticket = a_ticket()
    ticket.verify(request, group)
    assert ticket.verified(request) is None
    assert ticket.lookup_key not in request.session


class TestPostLookup:
    @pytest.fixture(autouse=True)
    def _clear(self):
        cache.clear()
        yield
        cache.clear()

    def post(self, group, data, ip="10.0.0.1"):
        ticket = a_ticket()
        request = a_request(data)

        def find(code, *, password="", phone=""):
            return group if (code, password) == ("G-1", "right") else None

        def too_many(request, message, retry_after):
            return HttpResponse(message, status=429)

        lockout = LookupLockout(
            scope="test.lookup", code_word="登记号", person="登记人", phone_hint="登记时的电话"
        )
        response = post_lookup(
            request,
            TicketForm(request.POST),
            find=find,
            lockout=lockout,
            ip=ip,
            ticket=ticket,
            too_many=too_many,
            invalid=lambda form: HttpResponse(str(form.non_field_errors()), status=400),
            success="/status/",
        )
        return response, ticket.verified(request)

    def test_the_right_password_verifies_and_redirects(self, group):
        response, verified = self.post(group, {"ticket": "g-1", "password": "right"})
        assert (response.status_code, response["Location"], verified) == (302, "/status/", group)

    def test_a_wrong_password_says_how_many_tries_remain_then_refuses(self, group, settings):
        settings.APPLICATION_LOOKUP_FAILURE_LIMIT = 2
        response, verified = self.post(group, {"ticket": "G-1", "password": "wrong"})
        assert response.status_code == 400 and verified is None
        assert "登记号与查询密码（或联系电话）不匹配" in response.content.decode()
        assert "再错1次，从这个网络地址凭查询密码查询这个登记号将暂停" in response.content.decode()
        response, _ = self.post(group, {"ticket": "G-1", "password": "wrong"})
        assert response.status_code == 429
        assert "登记号 G-1 的查询密码错误次数过多" in response.content.decode()
        response, verified = self.post(group, {"ticket": "G-1", "password": "right"})
        assert response.status_code == 429 and verified is None
        # the owner, at another address, is not locked out by the guesser
        response, verified = self.post(group, {"ticket": "G-1", "password": "right"}, "10.1.1.1")
        assert (response.status_code, verified) == (302, group)

    def test_wrong_passwords_of_another_code_do_not_lock_this_one(self, group, settings):
        settings.APPLICATION_LOOKUP_FAILURE_LIMIT = 2
        for n in range(2):
            self.post(group, {"ticket": "G-2", "password": f"wrong-{n}"})
        response, verified = self.post(group, {"ticket": "G-1", "password": "right"})
        assert (response.status_code, verified) == (302, group)
