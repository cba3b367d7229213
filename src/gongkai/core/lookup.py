"""Looking up one's own record (查询) with its code and a password or phone.

The citizen-facing portals (applications, messages) share the same pattern:

* ``CodeLookupForm``: the record's code plus the query password, or the phone
  given when submitting (one of the two is needed);
* ``SessionTicket``: what the browser session remembers (never the URL): the
  receipt of a new record (its id for a while, and its query password only
  until the receipt page has shown it once: a one-time flash, so no plaintext
  password stays in the session store) and the record whose password or phone
  was just verified (for ``APPLICATION_LOOKUP_SESSION_SECONDS``);
* ``post_lookup``: the POST of the lookup page: validate, ask the portal's
  ``gongkai.core.lockout.LookupLockout`` what may be checked, find the record,
  count a failure of the code guessed (429 once it is locked) or verify and
  redirect.

Each portal keeps its own wording, models, limits and URLs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, NamedTuple

from django import forms
from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect

from .lockout import LookupLockout

RECEIPT_SECONDS = 30 * 60


class CodeLookupForm(forms.Form):
    """The code, then the query password or the phone given when submitting.

    A subclass declares the code field itself, names it in ``code_field`` and
    says what the citizen did (``submitted_as``: 申请, 留言) for the phone's
    wording; ``receipt_hint`` describes the query password on the receipt.
    """

    code_field = "code"
    submitted_as = "提交"
    receipt_hint = "回执上的查询密码。"

    password = forms.CharField(
        label="查询密码",
        max_length=40,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([self.code_field, "password", "phone"])
        self.fields["password"].help_text = self.receipt_hint
        self.fields["phone"].label = f"或：{self.submitted_as}时填写的联系电话"
        self.fields[
            "phone"
        ].help_text = f"忘记查询密码时，可以用{self.submitted_as}时填写的联系电话代替。"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(self.code_field):
            cleaned[self.code_field] = cleaned[self.code_field].strip().upper()
        if not (cleaned.get("password") or "").strip() and not (cleaned.get("phone") or "").strip():
            self.add_error("password", f"请填写查询密码，或者{self.submitted_as}时填写的联系电话。")
        return cleaned

    @property
    def code_label(self) -> str:
        return self.fields[self.code_field].label


class Receipt(NamedTuple):
    object: Model
    password: str
    repeated: bool


class SessionTicket:
    """The receipt and the verified lookup of one portal, in the session.

    ``receipts`` and ``lookups`` are the querysets the record is read back
    from (with what each page shows ``select_related``).
    """

    def __init__(
        self,
        prefix: str,
        *,
        receipts: QuerySet,
        lookups: QuerySet,
        receipt_seconds: int = RECEIPT_SECONDS,
    ):
        self.receipt_key = f"{prefix}.receipt"
        self.lookup_key = f"{prefix}.lookup"
        self.receipts = receipts
        self.lookups = lookups
        self.receipt_seconds = receipt_seconds

    def remember_receipt(self, request, obj: Model, password: str, *, repeated: bool = False):
        """The receipt of ``obj`` for the next page: its id, and ``password`` until shown."""
        request.session[self.receipt_key] = {
            "id": obj.pk,
            "password": password,
            "repeated": repeated,
            "until": time.time() + self.receipt_seconds,
        }

    def receipt(self, request) -> Receipt | None:
        """The receipt remembered, with its password the first time only ("" afterwards).

        The password leaves the session as it is read: the session saved with this
        response no longer holds it, and a reload shows the receipt without it.
        """
        stored = self._current(request, self.receipt_key)
        if stored is None:
            return None
        obj = self.receipts.filter(pk=stored["id"]).first()
        if obj is None:
            return None
        password = stored.get("password", "")
        if password:
            request.session[self.receipt_key] = {**stored, "password": ""}
        return Receipt(obj, password, stored.get("repeated", False))

    def verify(self, request, obj: Model) -> None:
        """The citizen proved who they are: a new session id, then the record."""
        request.session.cycle_key()
        request.session[self.lookup_key] = {
            "id": obj.pk,
            "until": time.time() + settings.APPLICATION_LOOKUP_SESSION_SECONDS,
        }

    def verified(self, request) -> Any | None:
        stored = self._current(request, self.lookup_key)
        return None if stored is None else self.lookups.filter(pk=stored["id"]).first()

    def forget(self, request) -> None:
        request.session.pop(self.lookup_key, None)

    @staticmethod
    def _current(request, key: str) -> dict | None:
        """What is stored under ``key`` unless it has expired (then it is dropped)."""
        stored = request.session.get(key)
        if stored and stored.get("until", 0) < time.time():
            request.session.pop(key, None)
            return None
        return stored or None


def post_lookup(
    request,
    form: CodeLookupForm,
    *,
    find: Callable[..., Any],
    lockout: LookupLockout,
    ip: str,
    ticket: SessionTicket,
    too_many: Callable[[Any, str, int], HttpResponse],
    invalid: Callable[[CodeLookupForm], HttpResponse],
    success: str,
) -> HttpResponse:
    """The lookup form's POST: the record verified and ``success`` shown, or why not.

    ``find(code, password=, phone=)`` returns the record or None; ``lockout`` decides
    what may be checked and counts the failures (of the code guessed, not of ``ip``);
    ``invalid`` renders the form again with its errors; ``too_many`` the 429 page.
    """
    if not form.is_valid():
        return invalid(form)
    outcome = lockout.look_up(
        ip,
        form.cleaned_data[form.code_field],
        password=form.cleaned_data.get("password", ""),
        phone=form.cleaned_data.get("phone", ""),
        find=find,
    )
    if outcome.refused is not None:
        return too_many(request, lockout.message(outcome.refused), outcome.refused.retry_after)
    if outcome.found is None:
        form.add_error(
            None,
            f"{form.code_label}与查询密码（或联系电话）不匹配，请核对后重新输入。{outcome.warning}",
        )
        return invalid(form)
    ticket.verify(request, outcome.found)
    return redirect(success)
