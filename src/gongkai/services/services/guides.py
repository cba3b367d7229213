"""Writing, reviewing and publishing guides (办事指南) as versions.

``new_draft`` opens the next version of an item's guide as a copy of the newest
one (materials, steps and questions too); only drafts are edited. ``submit``
refuses a guide that lacks a required element and names them; ``publish``
checks again, supersedes the current version and points the item at the new
one in one transaction. ``changes`` says what a version changed against the one
before it, for the public page's 修订记录.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import Max

from gongkai import access
from gongkai.core.dates import today
from gongkai.core.errors import DomainError

from ..checking import missing_elements
from ..flow import GUIDE_FLOW
from ..indexing import schedule as schedule_index
from ..models import GuideState, GuideVersion, ItemState, ServiceItem

# Fields copied to a new version and compared by ``changes`` (model field names).
GUIDE_FIELDS = (
    "basis",
    "conditions",
    "free",
    "fee_basis",
    "fee_standard",
    "legal_limit",
    "promised_limit",
    "visits",
    "place",
    "hours",
    "online_url",
    "consult_phone",
    "complaint_phone",
)
MATERIAL_FIELDS = (
    "position",
    "name",
    "required",
    "medium",
    "original",
    "copies",
    "blank_form_id",
    "sample_id",
    "shared_from",
    "note",
)
STEP_FIELDS = ("position", "name", "actor", "limit", "description")
QUESTION_FIELDS = ("position", "question", "answer")


class IncompleteGuide(DomainError):
    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__(
            "办事指南缺少以下要素，不能送审或发布：" + "、".join(missing), code="incomplete"
        )


def open_draft(item: ServiceItem) -> GuideVersion | None:
    return item.guides.filter(state__in=[GuideState.DRAFT, GuideState.REVIEW]).first()


def new_draft(item: ServiceItem, *, actor, change_note: str = "") -> GuideVersion:
    """The next version of ``item``'s guide, a copy of its newest version; refused
    while a draft or a version under review is open."""
    access.require(actor, "services.new_guide", item)
    with transaction.atomic():
        ServiceItem.objects.select_for_update().filter(pk=item.pk).get()
        if open_draft(item) is not None:
            raise DomainError(
                "该事项已有编辑中或待审核的办事指南，请在其上修改。", code="open_draft"
            )
        newest = item.guides.order_by("-number").first()
        number = (item.guides.aggregate(m=Max("number"))["m"] or 0) + 1
        draft = GuideVersion(item=item, number=number, prepared_by=actor, change_note=change_note)
        if newest is not None:
            for name in GUIDE_FIELDS:
                setattr(draft, name, getattr(newest, name))
        draft.save()
        if newest is not None:
            _copy_children(newest, draft)
    return draft


def _copy_children(source: GuideVersion, target: GuideVersion) -> None:
    for related, fields in (
        ("materials", MATERIAL_FIELDS),
        ("steps", STEP_FIELDS),
        ("questions", QUESTION_FIELDS),
    ):
        manager = getattr(source, related)
        model = manager.model
        model.objects.bulk_create(
            model(guide=target, **{f: getattr(row, f) for f in fields}) for row in manager.all()
        )


def _require_complete(guide: GuideVersion) -> None:
    missing = missing_elements(guide)
    if missing:
        raise IncompleteGuide(missing)


def submit(guide: GuideVersion, *, actor, at: datetime | None = None) -> GuideVersion:
    """``at``: when it happened, for the history, when that is not now (the demo's 2016)."""
    GUIDE_FLOW.check(guide, "submit", actor)
    _require_complete(guide)
    return GUIDE_FLOW.apply(guide, "submit", actor=actor, at=at)


def send_back(guide: GuideVersion, *, actor, comment: str) -> GuideVersion:
    return GUIDE_FLOW.apply(guide, "return", actor=actor, comment=comment)


def _power_in_force(item: ServiceItem, on: date):
    from django.apps import apps

    if not item.power_code:
        return None
    Power = apps.get_model("powers", "Power")
    return (
        Power.objects.as_of(on)
        .filter(government_id=item.government_id, code=item.power_code)
        .order_by("-valid_from")
        .first()
    )


def publish(
    guide: GuideVersion, *, actor, on: date | None = None, at: datetime | None = None
) -> GuideVersion:
    """Publish ``guide`` on ``on`` (today by default): it becomes the item's current
    guide, the one before it is superseded, and the item is published."""
    on = on or today()
    GUIDE_FLOW.check(guide, "publish", actor)
    _require_complete(guide)
    item = guide.item
    if item.state == ItemState.WITHDRAWN:
        raise DomainError("该事项已停止办理，不能发布办事指南。", code="withdrawn")
    with transaction.atomic():
        item = ServiceItem.objects.select_for_update().get(pk=item.pk)
        previous = item.current
        if previous is not None:
            GUIDE_FLOW.apply(
                previous, "supersede", actor=actor, at=at, changes={"superseded_on": on}
            )
        GUIDE_FLOW.apply(
            guide,
            "publish",
            actor=actor,
            at=at,
            changes={"published_on": on, "power": _power_in_force(item, on)},
        )
        item.current = guide
        item.state = ItemState.PUBLISHED
        item.save(update_fields=["current", "state"])
        schedule_index(item)  # the site search, by a job once this commits
    guide.item = item
    return guide


def withdraw(item: ServiceItem, *, actor, on: date, reason: str) -> ServiceItem:
    """停止办理: the item leaves the public catalogue; its guides stay on record."""
    from gongkai.audit.services import record

    access.require(actor, "services.withdraw_item", item)
    if not reason.strip():
        raise DomainError("请说明停止办理的原因（如权责清单取消、下放的决定文件）。", code="reason")
    with transaction.atomic():
        locked = ServiceItem.objects.select_for_update().get(pk=item.pk)
        if locked.state != ItemState.PUBLISHED:
            raise DomainError("只有已发布的事项可以停止办理。", code="wrong_state")
        locked.state = ItemState.WITHDRAWN
        locked.withdrawn_on = on
        locked.withdrawn_reason = reason.strip()
        locked.save(update_fields=["state", "withdrawn_on", "withdrawn_reason"])
        schedule_index(locked)  # leaves the site search, by a job once this commits
        record(
            "services.item.withdraw",
            actor=actor,
            obj=locked,
            before={"state": ItemState.PUBLISHED},
            after={"state": ItemState.WITHDRAWN, "reason": locked.withdrawn_reason},
        )
    return locked


@dataclass(frozen=True)
class Change:
    label: str  # the element's Chinese name
    before: str
    after: str


def _text(guide: GuideVersion, name: str) -> str:
    value = getattr(guide, name)
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else str(value)


def changes(before: GuideVersion | None, after: GuideVersion) -> list[Change]:
    """What ``after`` changed against ``before`` (element by element, then the
    materials, steps and questions by name)."""
    if before is None:
        return []
    found = [
        Change(
            str(GuideVersion._meta.get_field(name).verbose_name),
            _text(before, name),
            _text(after, name),
        )
        for name in GUIDE_FIELDS
        if getattr(before, name) != getattr(after, name)
    ]
    for related, label, key in (
        ("materials", "申请材料", "name"),
        ("steps", "办理环节", "name"),
        ("questions", "常见问题", "question"),
    ):
        old = [getattr(r, key) for r in getattr(before, related).all()]
        new = [getattr(r, key) for r in getattr(after, related).all()]
        removed = [x for x in old if x not in new]
        added = [x for x in new if x not in old]
        if removed or added:
            found.append(Change(label, "、".join(removed), "、".join(added)))
    return found
