"""Public API of 依申请公开 (disclosure on application): apply and look up, no account.

* ``POST /api/v1/applications`` — JSON with the same fields and the same
  validation as the form at /ysqgk/apply/ (``portal.forms.ApplyForm``, itself
  ``validation.ApplicationDataForm``); optional attachments as base64.
  201 with the tracking number (受理编号) and the query password (查询密码);
  200 with the same application and the same password for a replay (the same
  ``Idempotency-Key`` header with the same body); 422 for a key used before
  with another body or expired; 409, telling nothing about the first one, for
  the same applicant and content within minutes under another key
  (``gongkai.core.idempotency``). Invalid input: 400 (not JSON) or 422 with
  ``errors`` — field → Chinese messages — and nothing created.
* ``POST /api/v1/applications/lookup`` — tracking number + password (or the
  phone number given): status, public steps, the due date and how it was
  computed, what is asked of the applicant, notices and disclosed files with
  short-lived download links. 404 when they do not match.

Both share the portal's rate limits (HTTP 429 with ``Retry-After``).
"""

from __future__ import annotations

import base64
import binascii
from datetime import date, datetime
from typing import Literal

from django.core.files.base import ContentFile
from ninja import Router, Schema, Status
from pydantic import BaseModel, ConfigDict, Field

from gongkai.api.errors import Problem, problem
from gongkai.api.helpers import (
    Refused,
    idempotency_key,
    idempotency_refusal,
    json_body_with_idempotency_key,
    json_object,
    too_many,
)
from gongkai.core import idempotency
from gongkai.core.net import client_key
from gongkai.files.kinds import ALL_KINDS
from gongkai.files.services import FileRejected, inspect_upload
from gongkai.workdays import is_provisional

from .models import (
    ApplicantKind,
    ApplicationState,
    DeliveryMethod,
    FilePurpose,
    IdType,
    OrgSubtype,
    PreferredForm,
)
from .portal import limits
from .portal.forms import ApplyForm, LookupForm
from .portal.submitting import submit
from .portal.summary import applicant_view
from .services import find_for_lookup
from .validation import ApplicationInvalid

router = Router(tags=["依申请公开"])

MAX_ATTACHMENTS = 2
TEXT_FIELDS = (
    "department",
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
ATTACHMENT_PURPOSES = {"id_copy": FilePurpose.ID_COPY, "authorisation": FilePurpose.AUTHORISATION}


# -- schemas (what /api/v1/openapi.json shows) -------------------------------------------------


class AttachmentIn(BaseModel):
    purpose: Literal["id_copy", "authorisation"] = Field(
        description="用途：id_copy 身份证明，authorisation 授权委托书"
    )
    filename: str = Field(max_length=255, description="文件名，如 身份证.pdf（扩展名须与内容相符）")
    content_base64: str = Field(
        description="文件内容（Base64）。支持 PDF、OFD、DOC/DOCX、XLS/XLSX、JPG、PNG"
    )


class ApplicationIn(BaseModel):
    """政府信息公开申请。字段与网上申请表相同，校验规则相同。"""

    model_config = ConfigDict(extra="forbid")

    department: int = Field(description="受理机关编号（见 /api/v1/departments）")
    applicant_kind: Literal[tuple(ApplicantKind.values)] = Field(  # type: ignore[valid-type]
        description="申请人类型：natural 自然人，organisation 法人或其他组织"
    )
    org_subtype: Literal[("", *OrgSubtype.values)] = Field(  # type: ignore[valid-type]
        "",
        description="组织类型（法人或其他组织必填）：commercial 商业企业、research 科研机构、"
        "welfare 社会公益组织、legal 法律服务机构、other 其他",
    )
    name: str = Field(max_length=100, description="申请人姓名或名称")
    id_type: Literal[tuple(IdType.values)] = Field(  # type: ignore[valid-type]
        description="证件类型：resident_id 居民身份证（核对校验位）、uscc 统一社会信用代码"
        "（核对校验位）、passport 护照、hk_macao、taiwan、other"
    )
    id_number: str = Field(max_length=40, description="证件号码")
    contact_person: str = Field("", max_length=50, description="联系人（法人或其他组织必填）")
    phone: str = Field(max_length=40, description="联系电话，如 13800000000 或 0938-8212345")
    email: str = Field("", description="电子邮箱（选择电子邮件获取时必填）")
    address: str = Field("", max_length=200, description="通信地址（选择邮寄时必填）")
    postcode: str = Field("", description="邮政编码，6位数字（选择邮寄时必填）")
    description: str = Field(
        max_length=2000, description="所需政府信息的名称、文号或者便于查询的其他特征性描述"
    )
    preferred_form: Literal[tuple(PreferredForm.values)] = Field(  # type: ignore[valid-type]
        "electronic", description="提供形式：paper 纸质，electronic 电子"
    )
    delivery_method: Literal[tuple(DeliveryMethod.values)] = Field(  # type: ignore[valid-type]
        "online",
        description="获取方式：post 邮寄、email 电子邮件、collect 当面领取、online 网上下载",
    )
    attachments: list[AttachmentIn] = Field(
        [], max_length=MAX_ATTACHMENTS, description="附件（可选）：身份证明、授权委托书"
    )


class DepartmentRef(Schema):
    id: int
    name: str


class SubmittedOut(Schema):
    tracking_number: str = Field(description="受理编号")
    password: str = Field(description="查询密码：请妥善保存，只在此返回")
    created: bool = Field(description="false 表示重复提交，返回的是第一次提交的申请")
    state: str
    state_label: str
    department: DepartmentRef
    submitted_at: datetime
    lookup_url: str = Field(description="网上查询页面")


class LookupIn(Schema):
    tracking_number: str = Field(max_length=40, description="受理编号")
    password: str = Field("", max_length=40, description="查询密码（不区分大小写）")
    phone: str = Field("", max_length=40, description="或：申请时填写的联系电话")


class StepOut(Schema):
    kind: str
    label: str = Field(description="环节名称")
    on: date = Field(description="日期")
    text: str = Field(description="说明")


class DueOut(Schema):
    due_date: date | None = Field(description="答复期限（暂停时为空）")
    provisional: bool = Field(
        description="答复期限按尚未导入正式安排的年度预估（法定节假日推算，不含调休），正式安排导入后可能变化"
    )
    state: str = Field(description="running 计时中、paused 已暂停、met 按期完成 …")
    state_label: str
    explanation: str = Field(description="答复期限如何计算（起算日、暂停、延长、重新计算）")
    days: str = Field(description="逐日计算")


class DownloadOut(Schema):
    format: str
    url: str = Field(description="下载地址（1小时内有效）")


class NoticeOut(Schema):
    kind: str
    title: str
    number: str = Field(description="文号")
    issued_on: date
    downloads: list[DownloadOut] = Field(description="为空表示文书正在生成")


class FileOut(Schema):
    name: str
    size: int
    url: str = Field(description="下载地址（1小时内有效）")


class RequestOut(Schema):
    kind: Literal["correction", "fee", "reasons"] = Field(
        description="correction 补正、fee 缴纳信息处理费、reasons 说明理由（第三十五条）"
    )
    text: str
    deadline: date | None = None
    amount: str | None = Field(None, description="应缴金额（元）")


class LookupOut(Schema):
    tracking_number: str
    department: DepartmentRef
    state: str
    state_label: str
    outcome: str = Field(description="办理结果代码（尚未答复时为空）")
    outcome_label: str
    submitted_at: datetime
    received_on: date | None = Field(description="收到申请之日（确认收到后）")
    due: DueOut | None
    steps: list[StepOut]
    requests: list[RequestOut] = Field(description="需要申请人办理的事项（请在查询页面办理）")
    notices: list[NoticeOut]
    files: list[FileOut] = Field(description="公开的政府信息（答复后）")
    status_url: str = Field(description="网上查询页面（补正、缴费、撤回在此办理）")


# -- helpers ----------------------------------------------------------------------------------


INVALID = "申请未提交：请按各字段的说明修改后重新提交。"
DEFAULTS = {
    name: str(field.default)
    for name, field in ApplicationIn.model_fields.items()
    if name in TEXT_FIELDS and isinstance(field.default, str)
}


def _invalid(errors: dict[str, list[str]]) -> Refused:
    return Refused(422, INVALID, errors)


def _parse(body: bytes) -> tuple[dict, list]:
    # text cleaned as everywhere (gongkai.core.text): bidi controls, full-width digits
    raw = json_object(body, example='{"name": "张三", …}', detail=INVALID)
    errors: dict[str, list[str]] = {}
    data: dict[str, str] = dict(DEFAULTS)  # what the schema documents for a field left out
    for key, value in raw.items():
        if key == "attachments":
            continue
        if key not in TEXT_FIELDS:
            errors[key] = ["不是可提交的字段，请检查字段名。"]
        elif value is None:
            data[key] = ""
        elif isinstance(value, bool) or not isinstance(value, str | int):
            errors[key] = ["应为文本。"]
        else:
            data[key] = str(value)
    files = _attachments(raw.get("attachments") or [], errors)
    if errors:
        raise _invalid(errors)
    return data, files


def _attachments(raw, errors: dict) -> list:
    if not isinstance(raw, list):
        errors["attachments"] = ["应为数组。"]
        return []
    if len(raw) > MAX_ATTACHMENTS:
        errors["attachments"] = [f"最多{MAX_ATTACHMENTS}个附件：身份证明和授权委托书。"]
        return []
    files, messages = [], []
    for n, item in enumerate(raw, 1):
        purpose = item.get("purpose") if isinstance(item, dict) else None
        if not isinstance(purpose, str) or purpose not in ATTACHMENT_PURPOSES:
            messages.append(f"第{n}个附件：purpose 应为 id_copy 或 authorisation。")
            continue
        try:
            content = base64.b64decode(str(item.get("content_base64") or ""), validate=True)
        except (binascii.Error, ValueError):
            messages.append(f"第{n}个附件：content_base64 不是有效的 Base64。")
            continue
        upload = ContentFile(content, name=str(item.get("filename") or "")[:255])
        try:
            inspect_upload(upload, allowed_kinds=ALL_KINDS)
        except FileRejected as refused:
            messages.append(f"第{n}个附件：{refused.message}")
            continue
        upload.seek(0)
        files.append((ATTACHMENT_PURPOSES[item["purpose"]], upload))
    if messages:
        errors["attachments"] = messages
    return files


def _form_errors(form) -> dict[str, list[str]]:
    return {
        ("non_field" if name == "__all__" else name): [str(m) for m in messages]
        for name, messages in form.errors.items()
    }


# -- endpoints --------------------------------------------------------------------------------


@router.post(
    "/applications",
    operation_id="submitApplication",
    response={
        201: SubmittedOut,
        200: SubmittedOut,
        400: Problem,
        409: Problem,
        422: Problem,
        429: Problem,
    },
    summary="提交政府信息公开申请（无需账号）",
    url_name="applications_submit",
    openapi_extra=json_body_with_idempotency_key(ApplicationIn, "一件申请"),
)
def submit_application(request):
    blocked = limits.submit_blocked(request)
    if blocked is not None:
        return too_many(request, limits.submit_message(blocked), blocked.retry_after)
    try:
        key = idempotency_key(request)
    except Refused as refused:
        return refused.response(request)
    try:
        data, files = _parse(request.body)
        form = ApplyForm(data)
        if not form.is_valid():
            raise _invalid(_form_errors(form))
        over = limits.count_submission(request)
        if over is not None:
            return too_many(request, limits.submit_message(over), over.retry_after)
        try:
            submission = submit(data, files, idempotency_key=key, ip=client_key(request))
        except ApplicationInvalid as invalid:
            raise _invalid(invalid.errors) from None
        except FileRejected as refused:
            raise _invalid({"attachments": [refused.message]}) from None
        except idempotency.Refused as refused:
            return idempotency_refusal(request, refused)
    except Refused as refused:
        return refused.response(request)
    application = submission.application
    from django.urls import reverse

    return Status(
        201 if submission.created else 200,
        {
            "tracking_number": application.tracking_number,
            "password": submission.password,
            "created": submission.created,
            "state": application.state,
            "state_label": ApplicationState(application.state).label,
            "department": {"id": application.department_id, "name": application.department.name},
            "submitted_at": application.submitted_at,
            "lookup_url": request.build_absolute_uri(reverse("applications_portal:lookup")),
        },
    )


def _lookup_body(request, application) -> dict:
    from django.urls import reverse

    view = applicant_view(application)
    requests = []
    if view.correction:
        requests.append(
            {
                "kind": "correction",
                "text": view.correction.what_to_correct,
                "deadline": view.correction.deadline,
            }
        )
    if view.fee:
        requests.append(
            {
                "kind": "fee",
                "text": f"{view.fee.basis}\n缴费方式：{view.fee.payment_instructions}",
                "amount": str(view.fee.amount),
            }
        )
    if view.art35:
        requests.append({"kind": "reasons", "text": view.art35.request_text})
    due = view.due
    return {
        "tracking_number": application.tracking_number,
        "department": {"id": application.department_id, "name": application.department.name},
        "state": application.state,
        "state_label": application.get_state_display(),
        "outcome": application.outcome,
        "outcome_label": application.outcome_display,
        "submitted_at": application.submitted_at,
        "received_on": application.received_on,
        "due": {
            "due_date": due.due_date,
            "provisional": bool(due.due_date and is_provisional(due.due_date)),
            "state": due.state,
            "state_label": due.state_label,
            "explanation": due.summary,
            "days": due.detail,
        }
        if due
        else None,
        "steps": [
            {"kind": s.kind, "label": s.title, "on": s.on, "text": s.text} for s in view.steps
        ],
        "requests": requests,
        "notices": [
            {
                "kind": item.notice.kind,
                "title": item.notice.title,
                "number": item.notice.number,
                "issued_on": item.notice.issued_on,
                "downloads": [
                    {"format": label, "url": request.build_absolute_uri(url)}
                    for label, url in item.downloads
                ],
            }
            for item in view.notices
        ],
        "files": [
            {
                "name": f.file.original_name,
                "size": f.file.size,
                "url": request.build_absolute_uri(url),
            }
            for f, url in view.disclosed
        ],
        "status_url": request.build_absolute_uri(reverse("applications_portal:lookup")),
    }


@router.post(
    "/applications/lookup",
    operation_id="lookUpApplication",
    response={200: LookupOut, 404: Problem, 422: Problem, 429: Problem},
    summary="凭受理编号和查询密码（或联系电话）查询申请办理情况",
    url_name="applications_lookup",
)
def lookup_application(request, payload: LookupIn):
    form = LookupForm(payload.dict())
    if not form.is_valid():
        detail = "请填写受理编号和查询密码（或联系电话）。"
        return problem(request, 422, "invalid-fields", detail, _form_errors(form))
    lockout = limits.LOOKUP_LOCKOUT
    outcome = lockout.look_up(
        client_key(request),
        form.cleaned_data["tracking_number"],
        password=form.cleaned_data.get("password", ""),
        phone=form.cleaned_data.get("phone", ""),
        find=find_for_lookup,
    )
    if outcome.refused is not None:
        return too_many(request, lockout.message(outcome.refused), outcome.refused.retry_after)
    if outcome.found is None:
        detail = f"受理编号与查询密码（或联系电话）不匹配。{outcome.warning}"
        return problem(request, 404, "not-found", detail)
    return Status(200, _lookup_body(request, outcome.found))
