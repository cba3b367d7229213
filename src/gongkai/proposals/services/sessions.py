"""Creating a session (届次) whose items the government handles."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction

from gongkai import access
from gongkai.core.errors import InvalidFields

from ..models import Body, Session
from .common import audit


def create_session(*, actor, office, body: str, name: str, opened_on: date) -> Session:
    """A new session run by ``office`` (the department that imports and assigns its items)."""
    access.require(actor, "proposals.import", office)
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = "请填写届次名称，如“市六届人大五次会议”。"
    elif len(name) > 100:
        errors["name"] = "届次名称不能超过100个字。"
    if body not in Body.values:
        errors["body"] = "请选择人大或政协。"
    if opened_on is None:
        errors["opened_on"] = "请填写开幕日期。"
    if errors:
        raise SessionInvalid(errors)
    government = office.government
    if Session.objects.filter(government=government, name=name).exists():
        raise SessionInvalid({"name": f"“{name}”已经存在。"})
    try:
        with transaction.atomic():
            session = Session.objects.create(
                government=government, body=body, name=name, opened_on=opened_on, office=office
            )
            audit(session, "session.create", actor=actor, after={"name": name, "body": body})
    except IntegrityError:
        raise SessionInvalid({"name": f"“{name}”已经存在。"}) from None
    return session


class SessionInvalid(InvalidFields):
    """Refused field by field; the message joins the fields' messages."""
