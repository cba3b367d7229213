"""What the applicant sees of an application, for the lookup page and the API.

Only what is meant for the applicant: public steps, issued public notices,
the files disclosed once the reply is issued, and what is asked of them now
(补正 correction, 信息处理费 fee, 第三十五条 reasons). Downloads go through
signed, short-lived links (``download_token``) tied to the application, so
they work from the page and for API clients alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core import signing
from django.urls import reverse

from gongkai.workdays.models import Clock, ClockState
from gongkai.workflow import timeline

from ..flow import FLOW
from ..models import (
    Application,
    ApplicationFile,
    ApplicationState,
    Art35Review,
    CorrectionRequest,
    CorrectionState,
    FeeNotice,
    FeeState,
    FilePurpose,
    FormalNotice,
    FormalNoticeState,
    NoticeKind,
)

DOWNLOAD_SALT = "applications.portal.download"
DOWNLOAD_MAX_AGE = 3600  # seconds a download link stays valid

WITHDRAWABLE = next(t for t in FLOW.transitions if t.action == "withdraw").sources


# -- downloads ------------------------------------------------------------------------


def download_token(application: Application, what: str, pk: int, fmt: str = "") -> str:
    """A signed token for one file of ``application``: ``what`` is notice or file."""
    return signing.dumps([application.pk, what, pk, fmt], salt=DOWNLOAD_SALT, compress=True)


def read_download_token(token: str) -> tuple[int, str, int, str] | None:
    try:
        app_id, what, pk, fmt = signing.loads(token, salt=DOWNLOAD_SALT, max_age=DOWNLOAD_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return int(app_id), str(what), int(pk), str(fmt)


def download_url(application, what, pk, fmt="") -> str:
    return reverse(
        "applications_portal:download", args=[download_token(application, what, pk, fmt)]
    )


def public_notices(application: Application):
    return application.notices.filter(public=True, state=FormalNoticeState.ISSUED).order_by(
        "issued_on", "id"
    )


def reply_issued(application: Application) -> bool:
    return public_notices(application).filter(kind=NoticeKind.REPLY).exists()


def disclosed_files(application: Application):
    """Files the agency disclosed: only once the reply is issued (not while under review)."""
    if not reply_issued(application):
        return ApplicationFile.objects.none()
    return application.files.filter(purpose=FilePurpose.DISCLOSED).select_related("file")


# -- the reply clock in plain words ---------------------------------------------------------


def _d(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass
class DueDate:
    due_date: date | None
    state: str
    state_label: str
    lines: list[str] = field(default_factory=list)
    detail: str = ""  # the day-by-day count (Clock.explain_text)

    @property
    def summary(self) -> str:
        return "".join(self.lines)


def explain_due(application: Application) -> DueDate | None:
    """The reply deadline and how it was computed, or None before receipt."""
    clock: Clock | None = application.reply_clock()
    if clock is None:
        return None
    lines = []
    if clock.stage == "reply_art35":
        lines.append(
            f"受理机关依《政府信息公开条例》第三十五条另行确定了答复期限，"
            f"自{_d(clock.start_date)}次日起计算{clock.limit_days}个工作日。"
        )
    else:
        received = application.received_on or clock.start_date
        lines.append(
            f"自收到申请之日（{_d(received)}）的次日起计算{clock.limit_days}个工作日"
            "（条例第三十三条），周末和法定节假日不计，调休上班日计入。"
        )
    if clock.restarted_on:
        lines.append(f"收到补正后的申请，自{_d(clock.restarted_on)}次日起重新计算。")
    for pause in clock.pauses.order_by("starts_on", "id"):
        if pause.ends_on:
            lines.append(
                f"{_d(pause.starts_on)}至{_d(pause.ends_on)}期间暂停计算（{pause.reason}）。"
            )
        else:
            lines.append(f"自{_d(pause.starts_on)}起暂停计算（{pause.reason}），恢复后顺延。")
    for extension in clock.extensions.order_by("approved_at", "id"):
        lines.append(f"经批准延长{extension.days}个工作日（{extension.reason}）。")
    if clock.due_date:
        lines.append(f"答复期限至{_d(clock.due_date)}。")
    elif clock.state == ClockState.PAUSED:
        lines.append("暂停期间到期日待定，恢复计算后重新确定。")
    return DueDate(
        due_date=clock.due_date,
        state=clock.state,
        state_label=clock.get_state_display(),
        lines=lines,
        detail=clock.explain_text(),
    )


# -- the whole picture ------------------------------------------------------------------------


@dataclass
class NoticeView:
    notice: FormalNotice
    downloads: list[tuple[str, str]]  # (format label, url)


@dataclass
class ApplicantView:
    application: Application
    steps: list
    due: DueDate | None
    correction: CorrectionRequest | None
    fee: FeeNotice | None
    art35: Art35Review | None
    notices: list[NoticeView]
    disclosed: list[tuple[ApplicationFile, str]]
    own_files: list[ApplicationFile]
    can_withdraw: bool

    @property
    def has_requests(self) -> bool:
        return bool(self.correction or self.fee or self.art35)


def applicant_view(application: Application) -> ApplicantView:
    correction = CorrectionRequest.objects.filter(
        application=application, state=CorrectionState.PENDING
    ).first()
    if application.state != ApplicationState.AWAITING_CORRECTION:
        correction = None
    fee = FeeNotice.objects.filter(
        application=application, state__in=[FeeState.PENDING, FeeState.DECLARED]
    ).first()
    if application.state != ApplicationState.AWAITING_FEE:
        fee = None
    art35 = Art35Review.objects.filter(
        application=application, decision="", reasons_received_on__isnull=True
    ).first()
    if not application.is_open:
        art35 = None
    notices = []
    for notice in public_notices(application):
        downloads = []
        if notice.docx_id:
            downloads.append(
                ("Word 文档（DOCX）", download_url(application, "notice", notice.pk, "docx"))
            )
        if notice.pdf_id:
            downloads.append(("PDF", download_url(application, "notice", notice.pk, "pdf")))
        notices.append(NoticeView(notice, downloads))
    return ApplicantView(
        application=application,
        steps=list(timeline.public_of(application)),
        due=explain_due(application),
        correction=correction,
        fee=fee,
        art35=art35,
        notices=notices,
        disclosed=[
            (f, download_url(application, "file", f.pk)) for f in disclosed_files(application)
        ],
        own_files=list(
            application.files.filter(from_applicant=True)
            .select_related("file")
            .order_by("added_at")
        ),
        can_withdraw=application.state in WITHDRAWABLE,
    )
