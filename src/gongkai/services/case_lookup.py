"""What the applicant sees of a case, and the lock-out of their lookups; shared by the
portal's status page and ``POST /api/v1/services/cases/lookup``.

Only what is meant for the applicant: the stage, the dates, each due date with how
it was computed (``services.cases.due_views``), the public lines of the timeline,
the documents issued (the 补正 notice, the decision) and what is asked of them now
(the correction to supply). Wrong passwords lock the number guessed from the
address guessing (``gongkai.core.lockout``), as in the other portals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gongkai.core.lockout import LookupLockout
from gongkai.workflow import timeline

from .models import Case, CaseState, Correction
from .services.cases import due_views
from .services.cases.explain import DueView

LOOKUP_LOCKOUT = LookupLockout(
    scope="services.cases.lookup",
    code_word="办件编号",
    person="申请人",
    phone_hint="申请时填写的联系电话",
    contact="，或联系办理部门",
)


@dataclass(frozen=True)
class Document:
    title: str
    issued_on: date
    text: str


@dataclass
class ApplicantView:
    case: Case
    dues: list[DueView]
    steps: list = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    correction: Correction | None = None  # waiting for the applicant's supply

    @property
    def stage(self) -> str:
        return self.case.get_state_display()


def documents(case: Case) -> list[Document]:
    found = []
    correction = Correction.objects.filter(case=case).first()
    if correction is not None:
        found.append(
            Document(
                "补正材料通知书",
                correction.issued_on,
                "经审查，您的申请材料不齐全或者不符合法定形式，请补正以下材料或内容"
                "（本通知一次性告知全部需要补正的内容）：\n" + correction.missing,
            )
        )
    if case.refused_on:
        found.append(
            Document(
                "不予受理决定书",
                case.refused_on,
                f"您的申请不予受理。理由：{case.refusal_reasons}\n"
                "如不服本决定，可以依法申请行政复议或者提起行政诉讼。",
            )
        )
    if case.decided_on:
        title = "准予行政许可决定书" if case.outcome == "granted" else "不予行政许可决定书"
        text = case.outcome_reasons
        if case.outcome != "granted":
            text += "\n如不服本决定，可以依法申请行政复议或者提起行政诉讼。"
        found.append(Document(title, case.decided_on, text))
    return found


def applicant_view(case: Case) -> ApplicantView:
    correction = None
    if case.state == CaseState.CORRECTION:
        correction = Correction.objects.filter(case=case).first()
    return ApplicantView(
        case=case,
        dues=due_views(case),
        steps=list(timeline.public_of(case).order_by("on", "at", "pk")),
        documents=documents(case),
        correction=correction,
    )
