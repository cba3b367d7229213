"""``GET /api/v1/consultations`` and ``GET /api/v1/consultations/{id}``."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Schema

from gongkai.api.errors import Problem, bad_parameter, not_found
from gongkai.api.openapi import query_parameters
from gongkai.api.params import BadParameter

from ..models import Kind, Moderation, Phase, Round
from ..portal.common import public_consultations
from ..services.common import last_day
from .common import router
from .schemas import ConsultationOut, ConsultationPageOut

PARAMETERS = ("phase", "kind", "department", "page", "page_size")
PUBLIC_PHASES = [p for p in Phase.values if p != Phase.DRAFT]
PAGE_SIZE, MAX_PAGE_SIZE, MAX_PAGE = 20, 100, 10_000


class ConsultationListParameters(Schema):
    """The query of ``GET /api/v1/consultations`` as the schema document declares it
    (``gongkai.api.openapi``); requests are checked by ``_parse``."""

    phase: str | None = Field(
        None,
        description="当前阶段（北京时间）："
        + "、".join(f"{p}（{Phase(p).label}）" for p in PUBLIC_PHASES),
        json_schema_extra={"enum": PUBLIC_PHASES},
    )
    kind: str | None = Field(
        None,
        description="征集类型：" + "、".join(f"{v}（{label}）" for v, label in Kind.choices),
        json_schema_extra={"enum": list(Kind.values)},
    )
    department: int | None = Field(
        None,
        description="发布部门编号（见 /api/v1/governments/{code}/departments）",
        ge=1,
        le=2**31 - 1,
    )
    page: int = Field(1, description="页码，从 1 开始", ge=1, le=MAX_PAGE)
    page_size: int = Field(
        PAGE_SIZE,
        description=f"每页条数，1–{MAX_PAGE_SIZE}，默认 {PAGE_SIZE}",
        ge=1,
        le=MAX_PAGE_SIZE,
    )


def _number(name: str, value: str, high: int) -> int:
    if not (value.isascii() and value.isdigit() and len(value) <= 10 and 1 <= int(value) <= high):
        raise BadParameter(name, f"参数 {name} 的值“{value[:40]}”无效：应为 1–{high} 的整数。")
    return int(value)


def _parse(querydict) -> dict:
    unknown = [name for name in querydict if name not in PARAMETERS]
    if unknown:
        raise BadParameter(
            unknown[0], f"未知的查询参数“{unknown[0][:40]}”。可用的参数：{'、'.join(PARAMETERS)}。"
        )
    out = {"page": 1, "page_size": PAGE_SIZE}
    for name in PARAMETERS:
        values = querydict.getlist(name)
        if not values:
            continue
        if len(values) > 1:
            raise BadParameter(name, f"参数 {name} 只能出现一次。")
        value = values[0].strip()
        if name == "phase" and value not in PUBLIC_PHASES:
            raise BadParameter(name, f"参数 phase 的值无效，可选：{'、'.join(PUBLIC_PHASES)}。")
        if name == "kind" and value not in Kind.values:
            raise BadParameter(name, f"参数 kind 的值无效，可选：{'、'.join(Kind.values)}。")
        if name == "department":
            value = _number(name, value, 2**31 - 1)
        if name == "page":
            value = _number(name, value, MAX_PAGE)
        if name == "page_size":
            value = _number(name, value, MAX_PAGE_SIZE)
        out[name] = value
    return out


def _phase_filter(phase: str, now) -> Q:
    pending = Q(cur_feedback__isnull=True)
    return {
        Phase.PLANNED: pending & Q(cur_opens__gt=now),
        Phase.OPEN: pending & Q(cur_opens__lte=now, cur_closes__gt=now),
        Phase.VOTING: pending
        & Q(cur_closes__lte=now, cur_vote_opens__lte=now, cur_vote_closes__gt=now),
        Phase.CLOSED: pending
        & Q(cur_closes__lte=now)
        & ~Q(cur_vote_opens__lte=now, cur_vote_closes__gt=now, cur_vote_closes__isnull=False),
        Phase.FEEDBACK: Q(cur_feedback__isnull=False),
    }[phase]


def summary(request, consultation, now) -> dict:
    round = consultation.current_round()
    phase = round.phase(now)
    return {
        "id": consultation.pk,
        "title": consultation.title,
        "kind": consultation.kind,
        "kind_label": consultation.get_kind_display(),
        "subject": consultation.subject,
        "department": {"id": consultation.department_id, "name": consultation.department.name},
        "round": round.number,
        "phase": phase,
        "phase_label": Phase(phase).label,
        "opens_at": timezone.localtime(round.opens_at),
        "closes_at": timezone.localtime(round.closes_at),
        "last_day": last_day(round.closes_at),
        "feedback_published_at": timezone.localtime(round.feedback_published_at)
        if round.feedback_published_at
        else None,
        "url": request.build_absolute_uri(consultation.get_public_url()),
    }


@router.get(
    "/consultations",
    operation_id="listConsultations",
    response={200: ConsultationPageOut, 400: Problem},
    summary="意见征集列表（已发布的）",
    description="按发布时间从新到旧。phase 按北京时间的当前时刻判断。未知或无效的参数返回 400。",
    url_name="consultations_list",
    openapi_extra=query_parameters(ConsultationListParameters),
)
def consultations(request):
    try:
        query = _parse(request.GET)
    except BadParameter as bad:
        return bad_parameter(request, bad)
    now = timezone.now()
    latest = Round.objects.filter(consultation=OuterRef("pk")).order_by("-number")
    items = public_consultations().annotate(
        cur_vote_opens=Subquery(latest.values("vote_opens_at")[:1]),
        cur_vote_closes=Subquery(latest.values("vote_closes_at")[:1]),
    )
    if "phase" in query:
        items = items.filter(_phase_filter(query["phase"], now))
    if "kind" in query:
        items = items.filter(kind=query["kind"])
    if "department" in query:
        items = items.filter(department_id=query["department"])
    count = items.count()
    size, number = query["page_size"], query["page"]
    rows = list(
        items.prefetch_related("rounds").order_by("-published_at", "-id")[
            (number - 1) * size : number * size
        ]
    )
    return {
        "count": count,
        "page": number,
        "pages": max((count + size - 1) // size, 1),
        "results": [summary(request, c, now) for c in rows],
    }


@router.get(
    "/consultations/{consultation_id}",
    operation_id="getConsultation",
    response={200: ConsultationOut, 404: Problem},
    summary="一项意见征集：当前轮次的条款和各条公开的意见数",
    url_name="consultation_detail",
)
def consultation(request, consultation_id: int):
    found = public_consultations().prefetch_related("rounds").filter(pk=consultation_id).first()
    if found is None:
        return not_found(request, "未找到该意见征集，或它尚未发布。")
    now = timezone.now()
    round = found.current_round()
    shown = Q(comments__moderation=Moderation.APPROVED, comments__wants_public=True)
    clauses = round.clauses.annotate(n=Count("comments", filter=shown)).order_by("position")
    return {
        **summary(request, found, now),
        "summary": found.summary,
        "contact_name": found.contact_name,
        "contact_phone": found.contact_phone,
        "changes_note": round.changes_note,
        "clauses": [
            {"position": c.position, "label": c.label, "text": c.text, "comments": c.n}
            for c in clauses
        ],
        "comments": round.comments.filter(
            moderation=Moderation.APPROVED, wants_public=True
        ).count(),
        "feedback_url": request.build_absolute_uri(
            reverse("consultations_portal:feedback", args=[found.pk])
        )
        if round.feedback_published_at
        else None,
    }
