"""``GET /api/v1/proposals``: public reply letters (答复函) of deputies' suggestions and CPPCC proposals.

Only letters that were sent and marked public appear, with the item's number,
title, session and lead unit. Parameters are checked by hand so that a bad
one gets one Chinese sentence naming it (HTTP 400), as in the other APIs.
"""

from __future__ import annotations

from datetime import date

from ninja import Field, Router, Schema, Status

from gongkai.api.errors import Problem, bad_parameter
from gongkai.api.openapi import query_parameters
from gongkai.api.params import BadParameter

from ..models import Grade, ReplyLetter, ReplyState
from ..portal.views import public_items

router = Router(tags=["proposals"])

MAX_LIMIT, DEFAULT_LIMIT, MAX_OFFSET, MAX_ID = 100, 20, 100_000, 2**31 - 1
GRADES = tuple(Grade.values)
PARAMETERS = {
    "session": "届次编号，只列该届次的答复",
    "department": "主办单位编号（见 /api/v1/governments/{code}/departments）",
    "grade": "办理结果分类：A、B、C 或 D",
    "limit": f"每页条数，1–{MAX_LIMIT}，默认 {DEFAULT_LIMIT}",
    "offset": f"跳过的条数，0–{MAX_OFFSET}，默认 0",
}


class ProposalListParameters(Schema):
    """The query of ``GET /api/v1/proposals`` as the schema document declares it
    (``gongkai.api.openapi``); requests are checked by ``_parse``."""

    session: int | None = Field(None, description=PARAMETERS["session"], ge=1, le=MAX_ID)
    department: int | None = Field(None, description=PARAMETERS["department"], ge=1, le=MAX_ID)
    grade: str | None = Field(
        None, description=PARAMETERS["grade"], json_schema_extra={"enum": list(GRADES)}
    )
    limit: int = Field(DEFAULT_LIMIT, description=PARAMETERS["limit"], ge=1, le=MAX_LIMIT)
    offset: int = Field(0, description=PARAMETERS["offset"], ge=0, le=MAX_OFFSET)


class ProposalReplyOut(Schema):
    id: int = Field(description="答复函编号")
    item_id: int = Field(description="建议、提案编号（门户网站 /jianyi/{item_id}/）")
    session: str = Field(description="届次，如 市六届人大五次会议")
    kind: str = Field(description="代表建议 或 政协提案")
    number: str = Field(description="届次内的编号")
    title: str
    department: str = Field(description="主办单位")
    department_id: int
    grade: str = Field(description="办理结果分类 A/B/C/D")
    grade_label: str
    round: int = Field(description="办理轮次；重新办理的答复为 2")
    sent_on: date = Field(description="答复日期")
    text: str = Field(description="答复函正文")


class ProposalReplyPage(Schema):
    count: int
    items: list[ProposalReplyOut]


def _number(name: str, raw: str, low: int, high: int) -> int:
    if not raw.isascii() or not raw.isdigit() or len(raw) > 12 or not low <= int(raw) <= high:
        raise BadParameter(name, f"参数 {name} 的值“{raw[:40]}”无效：应为 {low}–{high} 的整数。")
    return int(raw)


def _parse(querydict) -> dict:
    unknown = [name for name in querydict if name not in PARAMETERS]
    if unknown:
        raise BadParameter(
            unknown[0], f"未知的查询参数“{unknown[0][:40]}”。可用的参数：{'、'.join(PARAMETERS)}。"
        )
    found = {"limit": DEFAULT_LIMIT, "offset": 0}
    for name in PARAMETERS:
        values = querydict.getlist(name)
        if not values:
            continue
        if len(values) > 1:
            raise BadParameter(name, f"参数 {name} 只能出现一次。")
        raw = values[0].strip()
        if name == "grade":
            if raw not in GRADES:
                raise BadParameter(name, "参数 grade 的值无效：可选 A、B、C、D。")
            found[name] = raw
        elif name == "limit":
            found[name] = _number(name, raw, 1, MAX_LIMIT)
        elif name == "offset":
            found[name] = _number(name, raw, 0, MAX_OFFSET)
        else:
            found[name] = _number(name, raw, 1, MAX_ID)
    return found


@router.get(
    "/proposals",
    operation_id="listProposalReplies",
    response={200: ProposalReplyPage, 400: Problem},
    summary="公开的建议提案答复函（办理结果公开）",
    url_name="proposals_list",
    openapi_extra=query_parameters(ProposalListParameters),
)
def list_replies(request):
    try:
        query = _parse(request.GET)
    except BadParameter as bad:
        return bad_parameter(request, bad)
    letters = ReplyLetter.objects.filter(
        state=ReplyState.SENT, public=True, proposal__in=public_items()
    ).select_related("proposal__session", "department")
    if "session" in query:
        letters = letters.filter(proposal__session_id=query["session"])
    if "department" in query:
        letters = letters.filter(department_id=query["department"])
    if "grade" in query:
        letters = letters.filter(grade=query["grade"])
    letters = letters.order_by("-sent_on", "-pk")
    total = letters.count()
    window = letters[query["offset"] : query["offset"] + query["limit"]]
    items = [
        {
            "id": r.pk,
            "item_id": r.proposal_id,
            "session": r.proposal.session.name,
            "kind": r.proposal.session.kind_label,
            "number": r.proposal.number,
            "title": r.proposal.title,
            "department": r.department.name,
            "department_id": r.department_id,
            "grade": r.grade,
            "grade_label": r.get_grade_display(),
            "round": r.round,
            "sent_on": r.sent_on,
            "text": r.text,
        }
        for r in window
    ]
    return Status(200, {"count": total, "items": items})


__all__ = ["router"]
