"""Creating items and editing a draft guide, safely for two clerks at once.

Every edit of a draft (its elements, its materials, steps or questions) goes
through ``edit``: the policy's ``services.edit_guide`` (a draft of one's own
department), the row locked, the version the clerk opened claimed
(``gongkai.core.concurrency``: a colleague's save in between refuses this one
and nothing is written) and an audit event naming what was edited.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import transaction

from gongkai import access
from gongkai.audit.services import record
from gongkai.core.concurrency import claim_version
from gongkai.core.errors import DomainError, InvalidFields

from ..models import GuideState, GuideVersion, ServiceItem, Theme
from . import guides


def create_item(
    *,
    department,
    code: str,
    name: str,
    level: str,
    audiences: list[str],
    themes: list[Theme],
    power_code: str,
    actor,
) -> ServiceItem:
    """A new item of ``department`` with an empty first draft of its guide."""
    access.require(actor, "services.new_guide", department)
    code = code.strip()
    with transaction.atomic():
        if ServiceItem.objects.filter(government=department.government, code=code).exists():
            raise InvalidFields({"code": "该编码已被使用。"}, f"事项编码“{code}”已被使用。")
        item = ServiceItem.objects.create(
            government=department.government,
            department=department,
            code=code,
            name=name.strip(),
            level=level,
            audiences=",".join(audiences),
            power_code=power_code.strip(),
        )
        item.themes.set(themes)
        GuideVersion.objects.create(item=item, number=1, prepared_by=actor)
        record("services.item.create", actor=actor, obj=item, after={"code": code, "name": name})
    return item


@contextmanager
def edit(guide: GuideVersion, *, actor, expected_version: int | None, what: str):
    """Inside: save the draft's changes. Refused unless ``actor`` may edit this draft
    now and nobody saved it since ``expected_version``."""
    access.require(actor, "services.edit_guide", guide)
    with transaction.atomic():
        locked = GuideVersion.objects.select_for_update().get(pk=guide.pk)
        if locked.state != GuideState.DRAFT:
            raise DomainError("该办事指南已送审或发布，不能再修改。", code="wrong_state")
        if expected_version is None:
            raise DomainError("页面缺少版本信息，请重新打开后再保存。", code="stale_edit")
        claim_version(guide, expected_version)
        yield guide
        record(f"services.guide.edit_{what}", actor=actor, obj=guide)


def save_fields(form, guide: GuideVersion) -> None:
    """The guide's own elements from a valid ``GuideForm`` (inside ``edit``)."""
    names = {f.name for f in guide._meta.fields}
    fields = [f for f in form.cleaned_data if f in names]
    for name in fields:
        setattr(guide, name, form.cleaned_data[name])
    guide.save(update_fields=[*fields, "version"])


UPLOADS = (("blank_form_upload", "blank_form"), ("sample_upload", "sample"))


def save_rows(formset, guide: GuideVersion, *, actor) -> None:
    """Materials, steps or questions from a valid inline formset (inside ``edit``):
    deleted rows go, changed rows are saved, new rows are appended, uploads of blank
    forms and samples are stored, and positions are renumbered 1, 2, 3… in order."""
    from gongkai.files.kinds import DOCUMENT_KINDS
    from gongkai.files.services import store_upload

    model = formset.model
    for form in formset.deleted_forms:
        if form.instance.pk is not None:
            form.instance.delete()
    last = model.objects.filter(guide=guide).order_by("-position").first()
    position = last.position if last else 0
    for form in formset.forms:
        if form in formset.deleted_forms or not form.has_changed():
            continue
        row = form.save(commit=False)
        for field, attribute in UPLOADS:
            upload = form.cleaned_data.get(field)
            if upload:
                stored = store_upload(upload, allowed_kinds=DOCUMENT_KINDS, uploaded_by=actor)
                setattr(row, attribute, stored)
        if row.pk is None:
            position += 1
            row.guide, row.position = guide, position
        row.save()
    for number, row in enumerate(model.objects.filter(guide=guide).order_by("position"), 1):
        if row.position != number:
            model.objects.filter(pk=row.pk).update(position=number)


__all__ = ["create_item", "edit", "guides", "save_fields", "save_rows"]
