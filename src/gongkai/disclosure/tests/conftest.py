"""Fixtures of the disclosure tests: drafts written by the world's personas.

``draft(**fields)`` creates a draft through the real action as
``handler_finance`` (市财政局), with complete metadata unless told otherwise;
``publish_through_review(item)`` takes it through both review steps.
``frozen_now(datetime)`` fixes the platform's clock (``timezone.now`` and so
``localdate``) for rules that depend on today.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.disclosure import actions
from gongkai.disclosure.models import Genre, SubjectCategory

BEIJING = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _reference_data(request):
    """The reference rows of the data migration, also after a transactional test
    elsewhere flushed the tables (seeding is idempotent)."""
    if "transactional_db" in request.fixturenames:
        request.getfixturevalue("transactional_db")
    elif "db" in request.fixturenames:
        request.getfixturevalue("db")
    else:
        return
    from importlib import import_module

    from django.apps import apps

    from gongkai.disclosure.models import SubjectCategory

    if not SubjectCategory.objects.exists():
        import_module("gongkai.disclosure.migrations.0002_reference_data").seed(apps, None)


def beijing(*args) -> datetime:
    return datetime(*args, tzinfo=BEIJING)


@pytest.fixture
def frozen_now(monkeypatch):
    def freeze(moment: datetime) -> datetime:
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
        return moment

    return freeze


def base_data(**fields):
    data = {
        "title": "天水市财政局关于2026年市级预算公开的通知",
        "document_number": "天财发〔2026〕12号",
        "written_on": date(2026, 9, 18),
        "subject": SubjectCategory.objects.get(name="财政、金融、审计"),
        "genre": Genre.objects.get(name="通知"),
        "keywords": "预算 公开",
        "summary": "公开2026年市级部门预算。",
        "body": "<p>各县区财政局：现将2026年市级预算公开。</p>",
        "source": "天水市财政局",
        "disclosure_attribute": "proactive",
        "item_type": "general",
        "formed_or_changed_on": date(2026, 9, 20),
    }
    data.update(fields)
    return data


@pytest.fixture
def draft(world):
    def make(*, actor=None, department=None, **fields):
        return actions.create_draft(
            actor=actor or world.handler_finance,
            department=department or world.finance,
            data=base_data(**fields),
        )

    return make


@pytest.fixture
def publish_through_review(world):
    def run(item, *, now=None, reviewer=None, secrecy=None):
        actions.submit_item(item, actor=item.created_by)
        actions.pass_confidentiality_review(item, actor=secrecy or world.secrecy_finance)
        return actions.approve_item(item, actor=reviewer or world.reviewer_finance, now=now)

    return run
