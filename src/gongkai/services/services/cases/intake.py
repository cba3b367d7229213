"""Receiving cases: the online application and the counter's registration.

Both check the applicant (``validation.clean_applicant``), the item (published,
with its current guide: the case keeps that version) and the materials the guide
requires (a material shared from another department's certificate is not asked
for), then number the case from the government's pattern (``CaseSettings``),
give it a query password, and start the 补正 (correction notice) clock: 5
working days from receipt (Art. 32).

Double submissions of the online form (``gongkai.core.idempotency``): the same
form token with the same content answers with the first case and its password;
the same applicant for the same item within ``DUPLICATE_MINUTES`` under another
token is refused without telling anything about the first case.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai import access
from gongkai.core import idempotency, passwords
from gongkai.core.dates import cn_date
from gongkai.core.errors import DomainError
from gongkai.files.kinds import ALL_KINDS
from gongkai.numbering import next_value, render_pattern
from gongkai.workdays import working_days_between
from gongkai.workdays.clocks import start_clock

from ... import rules
from ...models import Case, CaseChannel, CaseMaterial, CaseSettings, ItemState, ServiceItem
from .common import CORRECTION_NOTICE, add_step, audit, staff_url, sync_due, today
from .validation import CaseInvalid, clean_applicant

DUPLICATE_MINUTES = 10
REPEAT_HINT = "请使用首次提交后获得的办件编号和查询密码查询。"
# Material uploads: documents and scans (PDF, OFD, Word, Excel, JPG, PNG).
MATERIAL_KINDS = ALL_KINDS


@dataclass(frozen=True)
class Submission:
    case: Case
    password: str
    created: bool


def case_number(item: ServiceItem, year: int) -> str:
    """The next number of ``item``'s government in ``year``, from its configured pattern."""
    government = item.government
    found = CaseSettings.objects.filter(government=government).first()
    pattern = (
        found.number_pattern if found else CaseSettings._meta.get_field("number_pattern").default
    )
    serial = next_value(f"services.case:{government.pk}", str(year))
    return render_pattern(pattern, {"年份": year, "政府代码": government.code, "流水号": serial})


def fingerprint(item_id: int, id_number: str) -> str:
    return hashlib.sha256(f"{item_id}|{id_number.strip().upper()}".encode()).hexdigest()


def required_materials(item_or_guide) -> list:
    """The guide's materials the applicant must upload (required, not shared)."""
    guide = getattr(item_or_guide, "current", item_or_guide)
    return [m for m in guide.materials.all() if m.required and not m.shareable]


def check_item(item: ServiceItem) -> None:
    if item.state != ItemState.PUBLISHED or item.current_id is None:
        raise DomainError("该事项目前不受理申请（未发布或已停止办理）。", code="item_closed")


def check_materials(item: ServiceItem, files: list) -> None:
    """Every required material has a file; ``files`` are ``(material, upload)`` pairs."""
    given = {material.pk for material, _ in files}
    known = {m.pk for m in item.current.materials.all()}
    errors = {}
    for material in required_materials(item):
        if material.pk not in given:
            errors[f"material_{material.pk}"] = [f"请上传必需的申请材料：{material.name}。"]
    for material, _ in files:
        if material.pk not in known:
            errors[f"material_{material.pk}"] = ["该材料不属于本事项的办事指南。"]
    if errors:
        raise CaseInvalid(errors)


def _create(
    item,
    cleaned,
    *,
    channel,
    received_on,
    submitted_at,
    password,
    files,
    actor=None,
    attempt=None,
    ip=None,
    joint=False,
    entered_late=False,
    late_reason="",
):
    from gongkai.files.services import store_upload

    case = Case.objects.create(
        item=item,
        guide=item.current,
        department=item.department,
        number=case_number(item, received_on.year),
        password_hash=passwords.hash_password(password),
        channel=channel,
        entered_late=entered_late,
        late_reason=late_reason,
        joint=joint,
        **cleaned,
        submitted_at=submitted_at,
        received_on=received_on,
        registered_by=actor if getattr(actor, "is_authenticated", False) else None,
        idempotency_key=attempt.key if attempt else "",
        request_fingerprint=attempt.fingerprint if attempt and attempt.key else "",
        fingerprint=fingerprint(item.pk, cleaned["id_number"]),
        source_ip=ip,
    )
    for material, upload in files:
        stored = store_upload(upload, allowed_kinds=MATERIAL_KINDS, uploaded_by=case.registered_by)
        CaseMaterial.objects.create(case=case, material=material, file=stored)
    start_clock(
        case,
        stage=CORRECTION_NOTICE,
        label=f"补正告知 {case.number}",
        department=case.department,
        start_date=received_on,
        limit_days=rules.CORRECTION_NOTICE_DAYS,
        url=staff_url(case),
        actor=actor,
    )
    sync_due(case)
    return case


def submit_online(
    item: ServiceItem,
    data: dict,
    *,
    files: list,
    idempotency_key: str = "",
    ip: str | None = None,
    received_on: date | None = None,
) -> Submission:
    """A citizen's online application, received today; the 补正 window starts.

    ``received_on`` (not today) is only for loading history (the demo's 2016, an
    import from the service centre's previous system): the portal never passes it.

    ``files`` are ``(Material, upload)`` pairs, already sniffed by the form and
    checked again when stored. Raises ``CaseInvalid`` (field by field) or
    ``idempotency.Refused``; writes nothing then.
    """
    check_item(item)
    cleaned = clean_applicant(data)
    files = list(files)
    check_materials(item, files)
    attempt = idempotency.Attempt.of(
        "services.cases",
        item.pk,
        idempotency_key,
        {"item": item, **cleaned},
        [(str(m.pk), f) for m, f in files],
        what="申请",
    )
    print_ = fingerprint(item.pk, cleaned["id_number"])
    for attempt_no in range(2):
        try:
            with transaction.atomic():
                ServiceItem.objects.select_for_update().filter(pk=item.pk).get()
                earlier = attempt.earlier(Case.objects.filter(item=item))
                if earlier is not None:
                    password = attempt.replay_password(earlier, hint=REPEAT_HINT)
                    return Submission(earlier, password, created=False)
                since = timezone.now() - timedelta(minutes=DUPLICATE_MINUTES)
                twin = (
                    Case.objects.filter(item=item, fingerprint=print_, submitted_at__gte=since)
                    .order_by("id")
                    .first()
                )
                if twin is not None:
                    attempt.refuse_repeat(twin, hint=REPEAT_HINT)
                password = attempt.password()
                received = received_on or today()
                case = _create(
                    item,
                    cleaned,
                    channel=CaseChannel.ONLINE,
                    received_on=received,
                    submitted_at=timezone.now() if received_on is None else _noon(received),
                    password=password,
                    files=files,
                    attempt=attempt,
                    ip=ip,
                )
                add_step(
                    case,
                    "submitted",
                    "网上提交申请",
                    on=received,
                    text=f"收到申请材料。如需补正，将在{cn_date(case.correction_notice_by)}前"
                    "一次性告知。",
                )
                audit(case, "submit", after={"channel": CaseChannel.ONLINE}, ip=ip)
            return Submission(case, password, created=True)
        except IntegrityError:
            if attempt_no == 1 or not attempt.key:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def register_at_counter(
    item: ServiceItem,
    data: dict,
    *,
    actor,
    received_on: date | None = None,
    files: list = (),
    joint: bool = False,
    late_reason: str = "",
    registered_on: date | None = None,
) -> Submission:
    """Staff register a case received at the counter (窗口).

    ``received_on`` before today means the case is entered after the fact (事后补录):
    a reason is required, the case is flagged (electronic supervision counts it as
    handled outside the system) and the clocks count from the real day of receipt,
    so a 补正 window already over is over.
    """
    access.require(actor, "services.register_case", item)
    check_item(item)
    cleaned = clean_applicant(data)
    files = list(files)
    check_materials(item, files)
    registered_on = min(registered_on or today(), today())  # an earlier day: loading history
    received_on = received_on or registered_on
    if received_on > registered_on:
        raise CaseInvalid({"received_on": ["收到申请之日晚于今天，不能登记。"]})
    late = received_on < registered_on
    late_reason = (late_reason or "").strip()
    if late and not late_reason:
        raise CaseInvalid(
            {
                "late_reason": [
                    f"收到申请之日（{cn_date(received_on)}）早于今天，属于事后补录，"
                    "请写明未及时登记的原因。"
                ]
            }
        )
    password = passwords.new_password()
    with transaction.atomic():
        case = _create(
            item,
            cleaned,
            channel=CaseChannel.COUNTER,
            received_on=received_on,
            submitted_at=timezone.now() if registered_on == today() else _noon(received_on),
            password=password,
            files=files,
            actor=actor,
            joint=joint,
            entered_late=late,
            late_reason=late_reason if late else "",
        )
        add_step(
            case,
            "registered",
            "窗口登记申请",
            on=received_on,
            actor=actor,
            text="在窗口收到申请材料。",
        )
        after = {"channel": CaseChannel.COUNTER, "received_on": received_on}
        if late:
            days = working_days_between(received_on, registered_on)
            add_step(
                case,
                "entered_late",
                "事后补录",
                on=registered_on,
                public=False,
                actor=actor,
                text=f"收到申请之日为{cn_date(received_on)}，登记时已过{days}个工作日。"
                f"补录原因：{late_reason}",
            )
            after.update(entered_late=True, late_reason=late_reason)
        audit(case, "register", actor=actor, after=after)
    return Submission(case, password, created=True)


def _noon(day: date):
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    return datetime.combine(day, time(12), tzinfo=ZoneInfo("Asia/Shanghai"))


def find_for_lookup(number: str, *, password: str = "", phone: str = "") -> Case | None:
    """The case if its number and (password or phone) match; None otherwise. Callers
    bound the attempts (``gongkai.core.lockout``)."""
    case = (
        Case.objects.select_related("item", "department")
        .filter(number=(number or "").strip().upper())
        .first()
    )
    if case is None:
        passwords.spend_equal_time()
        return None
    if password and passwords.password_matches(case.password_hash, password):
        return case
    if phone and secrets.compare_digest(phone.strip(), case.phone):
        return case
    return None
