"""Receiving applications: the online form, staff registration, receipt confirmation (Art. 31).

``submit_online`` is what the public form and ``POST /api/v1/applications``
call. It validates everything first (``validation.clean_applicant``), so an
invalid submission writes nothing. Double submissions (``gongkai.core.idempotency``):

* the same idempotency key with the same request (every field, every
  attachment) within ``GONGKAI_IDEMPOTENCY_HOURS`` answers with the
  application the first one created and the same, working query password
  (``Submission.created`` is False); the same key with another request, or an
  expired key, is refused (``idempotency.KeyReused`` / ``KeyExpired``);
* the same ID number asking the same thing of the same agency within
  ``duplicate_window_minutes`` under another key (or none) is refused
  (``idempotency.AlreadySubmitted``) without saying anything about the first
  application, whose password never changes.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core import idempotency, passwords
from gongkai.core.dates import cn_date
from gongkai.core.errors import DomainError
from gongkai.core.passwords import hash_password, new_password
from gongkai.numbering import next_value
from gongkai.orgs.models import Department
from gongkai.workdays import add_working_days, working_days_between
from gongkai.workdays.clocks import start_clock

from ..flow import FLOW
from ..models import (
    CORRECTION_NOTICE_DAYS,
    EXTENSION_MAX_DAYS,
    REPLY_LIMIT_DAYS,
    Application,
    ApplicationFile,
    ApplicationRules,
    ApplicationState,
    Channel,
    StepKind,
)
from ..models.taxonomy import CONFIRMED_CHANNELS
from ..validation import ApplicationInvalid, clean_applicant
from .common import REPLY, add_step, audit, check_date, notify_applicant, notify_staff, today

REPEAT_HINT = "请使用首次提交后获得的受理编号和查询密码查询。"


@dataclass(frozen=True)
class Submission:
    application: Application
    password: str
    created: bool


def password_matches(application: Application, password: str) -> bool:
    return passwords.password_matches(application.password_hash, password)


def tracking_number_for(department: Department, year: int) -> str:
    """YSQ2026-0012-00035: 依申请, year, agency number, serial within the agency and year."""
    serial = next_value(f"applications.tracking:{department.pk}", str(year))
    return f"YSQ{year}-{department.pk:04d}-{serial:05d}"


def fingerprint(department_id: int, id_number: str, description: str) -> str:
    text = " ".join(description.split())
    raw = f"{department_id}|{id_number.strip().upper()}|{text}"
    return hashlib.sha256(raw.encode()).hexdigest()


def _content_twin(department, print_: str, window_minutes: int) -> Application | None:
    """An application with the same content made within ``window_minutes``."""
    since = timezone.now() - timedelta(minutes=window_minutes)
    return (
        Application.objects.filter(
            department=department, fingerprint=print_, submitted_at__gte=since
        )
        .order_by("id")
        .first()
    )


# What the applicant states: copied from the form, and from an application
# forwarded to the responsible agency.
APPLICANT_FIELDS = (
    "applicant_kind",
    "org_subtype",
    "name",
    "id_type",
    "id_number",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "preferred_form",
    "delivery_method",
)


def _create(
    cleaned: dict,
    *,
    channel: str,
    state: str,
    received_on,
    ip,
    actor,
    files,
    attempt: idempotency.Attempt | None = None,
):
    department: Department = cleaned["department"]
    year = (received_on or timezone.localdate()).year
    password = attempt.password() if attempt else new_password()
    application = Application.objects.create(
        department=department,
        tracking_number=tracking_number_for(department, year),
        year=year,
        password_hash=hash_password(password),
        state=state,
        **{name: cleaned.get(name, "") for name in APPLICANT_FIELDS},
        channel=channel,
        idempotency_key=attempt.key if attempt else "",
        request_fingerprint=attempt.fingerprint if attempt and attempt.key else "",
        fingerprint=fingerprint(department.pk, cleaned["id_number"], cleaned["description"]),
        source_ip=ip,
        registered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    for purpose, stored in files:
        ApplicationFile.objects.create(
            application=application,
            file=stored,
            purpose=purpose,
            from_applicant=True,
            added_by=application.registered_by,
        )
    return application, password


def submit_online(
    data: dict,
    *,
    files: list | None = None,
    idempotency_key: str = "",
    ip: str | None = None,
) -> Submission:
    """A citizen's online application: validated, numbered, waiting for receipt confirmation.

    ``files`` are ``(purpose, uploaded_file)`` pairs, checked and stored here.
    Raises ``ApplicationInvalid`` (per-field Chinese messages) and writes nothing
    when anything is wrong; ``idempotency.Refused`` (``KeyReused``, ``KeyExpired``,
    ``AlreadySubmitted``) for a double submission that is not a replay.
    """
    from gongkai.files.services import ALL_KINDS, store_upload

    cleaned = clean_applicant(data)
    department = cleaned["department"]
    files = list(files or [])
    attempt = idempotency.Attempt.of(
        "applications",
        department.pk,
        idempotency_key,
        {"department": department, **{name: cleaned.get(name, "") for name in APPLICANT_FIELDS}},
        files,
        what="申请",
    )
    rules = ApplicationRules.for_government(department.government)
    print_ = fingerprint(department.pk, cleaned["id_number"], cleaned["description"])
    for attempt_no in range(2):
        try:
            with transaction.atomic():
                # One submission at a time per agency: the duplicate check below
                # and the insert cannot interleave with a concurrent twin.
                Department.objects.select_for_update().filter(pk=department.pk).get()
                earlier = attempt.earlier(Application.objects.filter(department=department))
                if earlier is not None:
                    password = attempt.replay_password(earlier, hint=REPEAT_HINT)
                    return Submission(earlier, password, created=False)
                twin = _content_twin(department, print_, rules.duplicate_window_minutes)
                if twin is not None:
                    attempt.refuse_repeat(twin, hint=REPEAT_HINT)
                stored = [
                    (purpose, store_upload(f, allowed_kinds=ALL_KINDS)) for purpose, f in files
                ]
                application, password = _create(
                    cleaned,
                    channel=Channel.ONLINE,
                    state=ApplicationState.AWAITING_CONFIRMATION,
                    received_on=None,
                    ip=ip,
                    actor=None,
                    files=stored,
                    attempt=attempt,
                )
                add_step(
                    application, StepKind.SUBMITTED, text="网上提交申请，等待受理机关确认收到。"
                )
                audit(application, "submit", after={"channel": Channel.ONLINE}, ip=ip)
                notify_staff(application, "新的政府信息公开申请", "网上申请待确认收到。")
                notify_applicant(
                    application,
                    "申请已提交",
                    "您的政府信息公开申请已提交，受理机关确认收到后开始计算答复期限",
                )
            return Submission(application, password, created=True)
        except IntegrityError:
            # A twin with the same idempotency key committed first: answer as its replay.
            if attempt_no == 1 or not attempt.key:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _start_reply_period(application: Application, received_on: date, actor) -> None:
    start_clock(
        application,
        stage=REPLY,
        label=f"答复申请 {application.tracking_number}",
        department=application.department,
        start_date=received_on,
        limit_days=REPLY_LIMIT_DAYS,
        max_extensions=1,
        max_extension_days=EXTENSION_MAX_DAYS,
        assignee=application.assignee,
        url=f"/workbench/applications/{application.pk}/",
        actor=actor,
    )
    application.correction_notice_by = add_working_days(received_on, CORRECTION_NOTICE_DAYS)
    application.save(update_fields=["correction_notice_by", "updated_at"])


def late_registration_days() -> int:
    """N of ``GONGKAI_APPLY_LATE_REGISTRATION_DAYS``: more working days late needs a reason."""
    from django.conf import settings

    return getattr(settings, "APPLICATION_LATE_REGISTRATION_DAYS", 3)


def check_received_on(received_on: date, late_reason: str, registered_on: date) -> dict:
    """Per-field problems of a paper application's receipt date (empty when none).

    In the future: refused. More than ``late_registration_days()`` working days
    before the day of registration: a written reason is required (补登记原因).
    """
    if received_on > registered_on:
        return {"received_on": [f"收到申请之日（{cn_date(received_on)}）晚于今天，不能登记。"]}
    limit = late_registration_days()
    late = working_days_between(received_on, registered_on)
    if late > limit and not (late_reason or "").strip():
        return {
            "late_reason": [
                f"收到申请之日（{cn_date(received_on)}）距今已{late}个工作日，超过{limit}个工作日，"
                "请写明补登记的原因（如：挂号信转交延误、登记遗漏），原因将记入办理记录和审计日志。"
            ]
        }
    return {}


def registration_warnings(application: Application, on: date) -> list[str]:
    """What the person registering must know at once: the 补正 window (Art. 30) already
    over, the reply period (Art. 33) over or nearly over. Empty when all is well."""
    warnings = []
    notice_by = application.correction_notice_by
    if notice_by is not None and notice_by < on:
        warnings.append(
            f"补正告知期限（收到申请之日起{CORRECTION_NOTICE_DAYS}个工作日内，第三十条）已于"
            f"{cn_date(notice_by)}届满：本申请不能再告知补正。"
        )
    clock = application.reply_clock()
    if clock is not None and clock.due_date is not None:
        left = working_days_between(on, clock.due_date)
        if left < 0:
            warnings.append(
                f"答复期限已于{cn_date(clock.due_date)}届满，登记时已超期{-left}个工作日，"
                "请尽快答复。"
            )
        elif notice_by is not None and notice_by < on:
            warnings.append(f"答复期限至{cn_date(clock.due_date)}，还剩{left}个工作日。")
    return warnings


def register_offline(
    data: dict,
    *,
    channel: str,
    actor,
    received_on: date | None = None,
    files: list | None = None,
    late_reason: str = "",
    registered_on: date | None = None,
) -> Submission:
    """Staff register an application that came in person, by post, fax or ordinary letter.

    In person: received the day submitted. Registered post / courier: the day
    signed for. Ordinary letter and fax: received only when the office has
    confirmed with the applicant, so they wait for ``confirm_receipt`` like
    online ones (Art. 31).

    A receipt date more than ``GONGKAI_APPLY_LATE_REGISTRATION_DAYS`` working
    days before the registration needs ``late_reason``, which goes into the
    audit event and onto the timeline with what is already late (the 补正
    window, the reply period: ``registration_warnings``). ``registered_on`` is
    the day of registration: today, unless past events are replayed (the demo).
    """
    from gongkai import access
    from gongkai.files.services import ALL_KINDS, store_upload

    if channel not in Channel.values or channel == Channel.ONLINE:
        raise ApplicationInvalid({"channel": ["请选择申请渠道：当面提交、邮寄、平信或传真。"]})
    cleaned = clean_applicant(data)
    access.require(actor, "applications.intake", cleaned["department"])
    registered_on = registered_on or today()
    late_reason = (late_reason or "").strip()
    needs_confirmation = channel in CONFIRMED_CHANNELS
    late = 0
    if not needs_confirmation:
        if received_on is None:
            raise ApplicationInvalid(
                {"received_on": ["请填写收到申请之日：当面提交为提交当日，邮寄为签收之日。"]}
            )
        problems = check_received_on(received_on, late_reason, registered_on)
        if problems:
            raise ApplicationInvalid(problems)
        late = working_days_between(received_on, registered_on)
    with transaction.atomic():
        stored = [
            (purpose, store_upload(f, allowed_kinds=ALL_KINDS)) for purpose, f in (files or [])
        ]
        application, password = _create(
            cleaned,
            channel=channel,
            state=(
                ApplicationState.AWAITING_CONFIRMATION
                if needs_confirmation
                else ApplicationState.IN_PROGRESS
            ),
            received_on=None if needs_confirmation else received_on,
            ip=None,
            actor=actor,
            files=stored,
        )
        label = Channel(channel).label
        add_step(application, StepKind.REGISTERED, text=f"登记{label}的申请。", actor=actor)
        registered = {"channel": channel}
        if not needs_confirmation:
            application.received_on = received_on
            application.confirmed_at = timezone.now()
            application.save(update_fields=["received_on", "confirmed_at", "updated_at"])
            _start_reply_period(application, received_on, actor)
            add_step(
                application,
                StepKind.CONFIRMED,
                on=received_on,
                text=f"收到申请（{label}），自次日起计算答复期限。",
                actor=actor,
            )
            notify_applicant(application, "申请已收到", "受理机关已收到您的政府信息公开申请")
            warnings = registration_warnings(application, registered_on)
            registered.update(
                received_on=received_on,
                working_days_late=late,
                correction_notice_by=application.correction_notice_by,
                warnings=warnings,
            )
            if late > late_registration_days():
                registered["late_reason"] = late_reason
                add_step(
                    application,
                    StepKind.LATE_REGISTRATION,
                    on=registered_on,
                    text=(
                        f"收到申请之日为{cn_date(received_on)}，登记时已过{late}个工作日。"
                        f"补登记原因：{late_reason}" + "".join(f"\n{w}" for w in warnings)
                    ),
                    public=False,
                    actor=actor,
                )
        audit(application, "register", actor=actor, after=registered)
    return Submission(application, password, created=True)


def confirm_receipt(application: Application, *, actor, on: date | None = None) -> Application:
    """Both sides have confirmed the application (Art. 31): the receipt date is ``on``.

    The reply period (20 working days) starts counting the next day, and the
    applicant is told.
    """
    on = on or today()
    check_date(on, not_before=timezone.localtime(application.submitted_at).date(), what="提交日期")
    with transaction.atomic():
        FLOW.apply(
            application,
            "confirm",
            actor=actor,
            changes={"received_on": on, "confirmed_at": timezone.now()},
        )
        _start_reply_period(application, on, actor)
        add_step(
            application,
            StepKind.CONFIRMED,
            on=on,
            text="受理机关确认收到申请，自次日起计算答复期限（20个工作日）。",
            actor=actor,
        )
        notify_applicant(
            application,
            "申请已确认收到",
            f"受理机关已于{cn_date(on)}确认收到您的申请，将在法定期限内答复",
        )
    return application


def discard(application: Application, *, actor, reason: str) -> Application:
    """An online submission that is not an application (test, spam, duplicate): never received."""
    with transaction.atomic():
        FLOW.apply(application, "discard", actor=actor, comment=reason)
        add_step(application, StepKind.DISCARDED, text=reason.strip(), actor=actor, public=True)
    return application


def assign(application: Application, *, assignee, actor) -> Application:
    """Make ``assignee`` (a handler of the agency) responsible for the application."""
    from gongkai import access

    access.require(actor, "applications.intake", application)
    if not access.can(assignee, "applications.view", application):
        raise DomainError(
            f"{assignee}不是{application.department.name}的工作人员，不能指定为经办人。"
        )
    with transaction.atomic():
        Application.objects.filter(pk=application.pk).update(
            assignee=assignee, updated_at=timezone.now()
        )
        application.assignee = assignee
        from gongkai.workdays.models import Clock

        Clock.objects.for_subject(application).open().update(assignee=assignee)
        add_step(
            application,
            StepKind.ASSIGNED,
            text=f"经办人：{assignee.full_name or assignee.username}",
            public=False,
            actor=actor,
        )
        audit(application, "assign", actor=actor, after={"assignee": assignee.pk})
        notify_staff(application, "您有新的依申请公开事项", "已指定您为经办人。")
    return application


def find_for_lookup(
    tracking_number: str, *, password: str = "", phone: str = ""
) -> Application | None:
    """The application if the tracking number and (password or phone) match; None otherwise.

    Callers rate-limit attempts (``gongkai.applications.lookup``).
    """
    application = (
        Application.objects.select_related("department")
        .filter(tracking_number=(tracking_number or "").strip().upper())
        .first()
    )
    if application is None:
        passwords.spend_equal_time()
        return None
    if password and password_matches(application, password):
        return application
    if phone and secrets.compare_digest(phone.strip(), application.phone):
        return application
    return None
