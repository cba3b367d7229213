"""Public items for the portal tests, made through the real review path.

``publish(world, department=..., **fields)`` writes a draft as the
department's 经办人, passes 保密审查 and 领导审批 and returns the published
item; ``index(item)`` does what the search job does after commit.
"""

from __future__ import annotations

import itertools
from datetime import date

from gongkai.disclosure import actions
from gongkai.disclosure.models import Genre, InformationItem, SubjectCategory
from gongkai.orgs.roles import Role
from gongkai.search.indexing import index_from_source
from gongkai.testing.factories import staff

_serial = itertools.count(1)


def item_data(**fields) -> dict:
    n = next(_serial)
    data = {
        "title": f"天水市财政局关于2026年市级预算公开的通知（第{n}号）",
        "document_number": f"天财发〔2026〕{n}号",
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
    if isinstance(fields.get("subject"), str):
        fields["subject"] = SubjectCategory.objects.get(name=fields["subject"])
    if isinstance(fields.get("genre"), str):
        fields["genre"] = Genre.objects.get(name=fields["genre"])
    data.update(fields)
    return data


def personas(department):
    """经办人, 保密审查员 and 审核人 of ``department``."""
    key = department.pk
    return (
        staff(f"portal_handler_{key}", (department, Role.HANDLER)),
        staff(f"portal_secrecy_{key}", (department, Role.CONFIDENTIALITY)),
        staff(f"portal_reviewer_{key}", (department, Role.REVIEWER)),
    )


def draft(world, *, department=None, **fields) -> InformationItem:
    department = department or world.finance
    handler, _, _ = personas(department)
    return actions.create_draft(actor=handler, department=department, data=item_data(**fields))


def publish(world, *, department=None, now=None, **fields) -> InformationItem:
    department = department or world.finance
    item = draft(world, department=department, **fields)
    handler, secrecy, reviewer = personas(department)
    actions.submit_item(item, actor=handler)
    actions.pass_confidentiality_review(item, actor=secrecy)
    actions.approve_item(item, actor=reviewer, now=now)
    item.refresh_from_db()
    return item


def withdraw(item: InformationItem, reason: str = "信息有误，撤回。") -> InformationItem:
    _, _, reviewer = personas(item.department)
    actions.withdraw_item(item, actor=reviewer, reason=reason)
    item.refresh_from_db()
    return item


def correct(item: InformationItem, *, reason: str, **changes) -> InformationItem:
    _, _, reviewer = personas(item.department)
    item.refresh_from_db()
    actions.correct_item(
        item, actor=reviewer, expected_version=item.version, data=changes, reason=reason
    )
    item.refresh_from_db()
    return item


def index(*items: InformationItem) -> None:
    """What the reindex job does once the publishing transaction commits."""
    for item in items:
        index_from_source("disclosure.item", str(item.pk))
