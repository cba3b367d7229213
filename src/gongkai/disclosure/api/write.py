"""The write API: a department's own system submits items into review.

``Authorization: Bearer gk_…`` (an ``ApiToken`` of the department, created
by an administrator). Every write goes through the disclosure actions in the
name of the token's acting person, so the item is drafted and submitted
(待保密审查) exactly as if that person had done it in the workbench; it is
never published by this API. ``Idempotency-Key`` on a POST makes a retry
return the first response (header ``Idempotent-Replayed: true``).

* ``POST /documents/submissions`` — JSON; 201 with the new item's review state
  (``"submit": false`` keeps it a draft so attachments can be added first).
* ``POST /documents/submissions/{id}/attachments`` — multipart ``file`` (+ ``title``).
* ``POST /documents/submissions/{id}/submit`` — submit a draft.
* ``GET  /documents/submissions/{id}`` — the review state and its history.
"""

from __future__ import annotations

import hashlib
import re

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Status
from ninja.security import HttpBearer

from gongkai.api.errors import Problem, Refused, problem
from gongkai.audit.services import client_ip, record
from gongkai.core.errors import DomainError
from gongkai.files.services import ALL_KINDS, FileRejected, inspect_upload
from gongkai.workflow.models import Entry

from .. import actions
from ..api_tokens import ApiIdempotencyKey, ApiToken, find_active_token
from ..models import EDITABLE_STATES, InformationItem, ItemState
from ..review import REVIEW
from ..validation import ItemInvalid
from .schemas import AttachmentCreatedOut, SubmissionOut
from .submissions import FieldErrors, json_schema, parse_submission

LABELS = {t.action: t.label for t in REVIEW.transitions}
IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")


def _unauthorized(message: str) -> Refused:
    return Refused(401, message, kind="unauthorized", headers={"WWW-Authenticate": "Bearer"})


class TokenAuth(HttpBearer):
    """Bearer token of a department's system; refusals are problems (HTTP 401, 403)."""

    def __call__(self, request: HttpRequest):
        header = request.headers.get("Authorization", "")
        scheme, _, raw = header.partition(" ")
        if not header or scheme.lower() != "bearer" or not raw.strip():
            raise _unauthorized("缺少访问令牌：请在请求头中加入 Authorization: Bearer <令牌>。")
        return self.authenticate(request, raw.strip())

    def authenticate(self, request: HttpRequest, token: str):
        found = find_active_token(token)
        if found is None:
            raise _unauthorized("访问令牌无效或已被撤销，请联系系统管理员。")
        if not found.department.active or not found.user.is_active:
            raise Refused(403, "访问令牌所属的部门或代表人员已停用，请联系系统管理员。")
        found.touch()
        return found


router = Router(tags=["部门系统报送（需令牌）"], auth=TokenAuth())


# -- helpers --------------------------------------------------------------------------


def _status_body(item: InformationItem, request) -> dict:
    history = [
        {
            "action": change.action,
            "label": LABELS.get(change.action, change.action),
            "from_state": change.from_state,
            "to_state": change.to_state,
            "at": timezone.localtime(change.at).isoformat(),
            "comment": change.comment,
        }
        for change in Entry.history_of(item).filter(workflow=REVIEW.name)
    ]
    attachments = getattr(item, "attachments", None)
    return {
        "id": item.pk,
        "title": item.title,
        "department": {"id": item.department_id, "name": item.department.name},
        "state": item.state,
        "state_label": ItemState(item.state).label,
        "index_number": item.index_number,
        "public_url": request.build_absolute_uri(item.get_public_url()) if item.is_public else None,
        "published_at": timezone.localtime(item.published_at).isoformat()
        if item.published_at
        else None,
        "attachments": [
            {
                "id": a.pk,
                "name": getattr(a, "title", "") or a.file.original_name,
                "size": a.file.size,
            }
            for a in attachments.select_related("file")
        ]
        if attachments is not None
        else [],
        "history": history,
        "status_url": request.build_absolute_uri(
            reverse("api:disclosure_submission", kwargs={"item_id": item.pk})
        ),
    }


def _own_item(token: ApiToken, item_id: str) -> InformationItem:
    if not item_id.isascii() or not item_id.isdigit() or len(item_id) > 12:
        raise Refused(404, "未找到该稿件。")
    item = (
        InformationItem.objects.select_related("department", "government")
        .filter(pk=int(item_id))
        .first()
    )
    if item is None:
        raise Refused(404, "未找到该稿件。")
    if item.department_id != token.department_id:
        raise Refused(403, f"该稿件不属于{token.department.name}，本令牌无权访问。")
    return item


def _ip(request) -> str | None:
    return client_ip(request)


INVALID = "提交的数据有误，请按各字段的说明修改后重新提交。"


def _run(handler):
    """(status, body) from ``handler``; domain refusals raised as ``Refused`` (problems)."""
    try:
        return handler()
    except FieldErrors as error:
        raise Refused(422, INVALID, error.errors) from None
    except ItemInvalid as error:
        raise Refused(422, INVALID, error.errors) from None
    except FileRejected as error:
        raise Refused(422, error.message, {"file": error.message}) from None
    except PermissionDenied as error:
        raise Refused(403, str(error) or "无权执行此操作。") from None
    except DomainError as error:
        raise Refused(409, error.message) from None


def _idempotent(request, token: ApiToken, fingerprint: str, handler, response: HttpResponse):
    """Run ``handler`` once per ``Idempotency-Key``; replay the first success. A
    refusal is raised (``Refused``), so the transaction keeps nothing of it."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return _run(handler)
    if not IDEMPOTENCY_KEY.match(key):
        message = "Idempotency-Key 应为 1–200 个可见 ASCII 字符（如 UUID）。"
        raise Refused(400, message, {"Idempotency-Key": message}, kind="invalid-header")

    def replay(existing: ApiIdempotencyKey):
        if existing.fingerprint != fingerprint:
            raise Refused(
                409,
                "该 Idempotency-Key 已用于另一份内容不同的请求：新请求请使用新的键。",
                kind="idempotency-key-conflict",
            )
        response["Idempotent-Replayed"] = "true"
        return existing.status_code, existing.response

    existing = ApiIdempotencyKey.objects.filter(token=token, key=key).first()
    if existing is not None:
        return replay(existing)
    try:
        with transaction.atomic():
            row = ApiIdempotencyKey.objects.create(token=token, key=key, fingerprint=fingerprint)
            status, body = _run(handler)  # a refusal keeps nothing: the client may fix and retry
            row.status_code, row.response = status, body
            row.save(update_fields=["status_code", "response"])
    except IntegrityError:
        # The same key arrived twice at once: the other request won; give its result.
        return replay(ApiIdempotencyKey.objects.get(token=token, key=key))
    return status, body


# -- endpoints ----------------------------------------------------------------------------

RESPONSES = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


@router.post(
    "/documents/submissions",
    operation_id="createDocumentSubmission",
    response={201: SubmissionOut, **RESPONSES},
    summary="报送一条政府信息（起草并提交保密审查，不会直接发布）",
    url_name="disclosure_submit",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": json_schema()}},
        }
    },
)
def create_submission(request, response: HttpResponse):
    token: ApiToken = request.auth
    fingerprint = hashlib.sha256(b"submission\n" + request.body).hexdigest()

    def handler():
        data = parse_submission(request.body, department=token.department)
        submit = data.pop("submit")
        ip = _ip(request)
        with transaction.atomic():
            item = actions.create_draft(
                actor=token.user, department=token.department, data=data, ip=ip
            )
            if submit:
                actions.submit_item(item, actor=token.user, ip=ip)
            record(
                "disclosure.api.submission",
                actor=token.user,
                obj=item,
                after={"token": token.pk, "token_name": token.name, "submitted": submit},
                ip=ip,
            )
        return 201, _status_body(item, request)

    return Status(*_idempotent(request, token, fingerprint, handler, response))


@router.get(
    "/documents/submissions/{item_id}",
    operation_id="getDocumentSubmission",
    response={200: SubmissionOut, **RESPONSES},
    summary="查看报送稿件的审查状态和流程记录",
    url_name="disclosure_submission",
)
def get_submission(request, item_id: str):
    token: ApiToken = request.auth
    item = _own_item(token, item_id)
    if not _can_view(token, item):
        return problem(request, 403, "forbidden", "访问令牌的代表人员无权查看该稿件。")
    return Status(200, _status_body(item, request))


def _can_view(token: ApiToken, item) -> bool:
    from gongkai import access

    return access.can(token.user, "disclosure.view_draft", item)


@router.post(
    "/documents/submissions/{item_id}/submit",
    operation_id="submitDocumentSubmission",
    response={200: SubmissionOut, **RESPONSES},
    summary="提交草稿进入保密审查",
    url_name="disclosure_submission_submit",
)
def submit_submission(request, item_id: str, response: HttpResponse):
    token: ApiToken = request.auth
    item = _own_item(token, item_id)

    def handler():
        actions.submit_item(item, actor=token.user, ip=_ip(request))
        return 200, _status_body(item, request)

    return Status(*_idempotent(request, token, f"submit:{item.pk}", handler, response))


@router.post(
    "/documents/submissions/{item_id}/attachments",
    operation_id="uploadDocumentAttachment",
    response={201: AttachmentCreatedOut, **RESPONSES},
    summary="为草稿上传附件（PDF、OFD、DOC/DOCX、XLS/XLSX、JPG/PNG）",
    url_name="disclosure_submission_attachments",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {
                            "file": {
                                "type": "string",
                                "format": "binary",
                                "description": "附件文件",
                            },
                            "title": {"type": "string", "description": "附件名称（默认取文件名）"},
                        },
                    }
                }
            },
        }
    },
)
def upload_attachment(request, item_id: str, response: HttpResponse):
    token: ApiToken = request.auth
    item = _own_item(token, item_id)
    upload = request.FILES.get("file")
    if upload is None:
        return problem(
            request,
            422,
            "invalid-fields",
            "请上传附件文件。",
            {"file": "请在 multipart 表单的 file 字段中上传附件文件。"},
        )
    title = (request.POST.get("title") or "").strip()[:200]
    if "\x00" in title:
        message = "附件名称含有不允许的字符。"
        return problem(request, 422, "invalid-fields", message, {"title": message})
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    fingerprint = f"attachment:{item.pk}:{digest.hexdigest()}:{title}"

    def handler():
        inspect_upload(upload, allowed_kinds=ALL_KINDS)  # the file's own problems first: 422
        upload.seek(0)
        if item.state not in EDITABLE_STATES:
            raise DomainError(
                f"该稿件当前状态为“{ItemState(item.state).label}”，只有草稿和退回修改的稿件可以上传附件。"
            )
        attachment = actions.add_attachment(
            item, actor=token.user, uploaded_file=upload, title=title, ip=_ip(request)
        )
        stored = attachment.file
        return 201, {
            "id": attachment.pk,
            "name": attachment.title,
            "size": stored.size,
            "kind": stored.kind,
            "sha256": stored.sha256,
            "submission": _status_body(item, request),
        }

    return Status(*_idempotent(request, token, fingerprint, handler, response))
