"""Public API of cases (办件): the applicant's status lookup, no account.

``POST /api/v1/services/cases/lookup`` — the case number (办件编号) and its query
password (查询密码): the stage, the dates the law counts from, each due date with
how it was computed, the public steps, the documents issued and what is asked of
the applicant. 404 when the number and password do not match, without saying
which part was wrong; wrong passwords lock the number from the guessing address
as on the portal (``gongkai.services.case_lookup.LOOKUP_LOCKOUT``, HTTP 429 with
``Retry-After``).
"""

from __future__ import annotations

from datetime import date, datetime

from ninja import Router, Schema, Status
from pydantic import Field

from gongkai.api.errors import Problem, problem, too_many
from gongkai.core.net import client_key

from ..case_lookup import LOOKUP_LOCKOUT, applicant_view
from ..services.cases import find_for_lookup

router = Router(tags=["政务服务"])


class CaseLookupIn(Schema):
    number: str = Field(max_length=40, description="办件编号")
    password: str = Field(max_length=40, description="查询密码（申请回执上）")


class ItemRef(Schema):
    code: str = Field(description="事项编码")
    name: str = Field(description="事项名称")


class DepartmentRef(Schema):
    id: int
    name: str


class CaseDueOut(Schema):
    stage: str = Field(
        description="correction_notice 补正告知、decision 法定办结、promise 承诺办结、"
        "certificate 制证送达"
    )
    label: str
    due_date: date | None = Field(description="到期日（暂停计时时为空）")
    state: str = Field(description="running 计时中、paused 已暂停、met 按期完成、overdue 已超期")
    state_label: str
    explanation: str = Field(description="如何计算：起算日、工作日数、暂停、延长")


class CaseStepOut(Schema):
    label: str
    on: date
    text: str


class CaseDocumentOut(Schema):
    title: str
    issued_on: date
    text: str


class CaseCorrectionOut(Schema):
    issued_on: date
    missing: list[str] = Field(description="需补正的材料和内容（一次性告知）")


class CaseLookupOut(Schema):
    number: str
    item: ItemRef
    department: DepartmentRef
    state: str = Field(
        description="pending 待受理、correction 待补正、review 审查中、"
        "decided 已决定、completed 已办结、delivered 已送达、rejected 不予受理"
    )
    state_label: str
    submitted_at: datetime
    received_on: date
    accepted_on: date | None
    deemed_accepted: bool = Field(description="逾期未告知补正，自收到申请之日起视为受理")
    decided_on: date | None
    outcome: str = Field(description="granted 准予许可、denied 不予许可；未决定时为空")
    outcome_label: str
    issued_on: date | None
    delivered_on: date | None
    dues: list[CaseDueOut]
    steps: list[CaseStepOut]
    documents: list[CaseDocumentOut]
    correction: CaseCorrectionOut | None = Field(description="待申请人补正的内容（在查询页面提交）")


def lookup_body(case) -> dict:
    view = applicant_view(case)
    return {
        "number": case.number,
        "item": {"code": case.item.code, "name": case.item.name},
        "department": {"id": case.department_id, "name": case.department.name},
        "state": case.state,
        "state_label": case.get_state_display(),
        "submitted_at": case.submitted_at,
        "received_on": case.received_on,
        "accepted_on": case.accepted_on,
        "deemed_accepted": case.deemed_accepted,
        "decided_on": case.decided_on,
        "outcome": case.outcome,
        "outcome_label": case.get_outcome_display() if case.outcome else "",
        "issued_on": case.issued_on,
        "delivered_on": case.delivered_on,
        "dues": [
            {
                "stage": d.stage,
                "label": d.label,
                "due_date": d.due_date,
                "state": d.state,
                "state_label": d.state_label,
                "explanation": d.summary,
            }
            for d in view.dues
        ],
        "steps": [{"label": s.title, "on": s.on, "text": s.text} for s in view.steps],
        "documents": [
            {"title": d.title, "issued_on": d.issued_on, "text": d.text} for d in view.documents
        ],
        "correction": {
            "issued_on": view.correction.issued_on,
            "missing": view.correction.missing_items,
        }
        if view.correction
        else None,
    }


@router.post(
    "/services/cases/lookup",
    operation_id="lookUpServiceCase",
    response={200: CaseLookupOut, 404: Problem, 422: Problem, 429: Problem},
    summary="凭办件编号和查询密码查询办件办理情况",
    url_name="services_cases_lookup",
)
def lookup_case(request, payload: CaseLookupIn):
    number = payload.number.strip().upper()
    password = payload.password.strip()
    if not number or not password:
        return problem(request, 422, "invalid-fields", "请填写办件编号和查询密码。")
    outcome = LOOKUP_LOCKOUT.look_up(
        client_key(request), number, password=password, find=find_for_lookup
    )
    if outcome.refused is not None:
        return too_many(
            request, LOOKUP_LOCKOUT.message(outcome.refused), outcome.refused.retry_after
        )
    if outcome.found is None:
        return problem(request, 404, "not-found", f"办件编号与查询密码不匹配。{outcome.warning}")
    return Status(200, lookup_body(outcome.found))
