"""现场督办 (on-site supervision) by congress or CPPCC leaders, and its news item.

``record_visit`` keeps the visit with the items it concerned. ``publish_visit``
writes a news draft (工作动态, genre 其他, subject 综合政务) in the disclosure
catalogue for the chosen department and submits it for review, so the visit
is published "以新闻形式" through the same 保密审查 and 领导审批 as every item;
it is written by someone who may draft in that department
(``disclosure.create``).
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils.html import escape

from gongkai import access
from gongkai.core.dates import cn_date
from gongkai.core.errors import DomainError, InvalidFields
from gongkai.workflow import timeline

from ..flow import FLOW
from ..models import Session, SupervisionVisit
from .common import audit, check_date


def record_visit(
    session: Session,
    *,
    actor,
    visited_on: date,
    leaders: str,
    place: str,
    summary: str,
    proposals=(),
) -> SupervisionVisit:
    access.require(actor, "proposals.record_visit", session)
    errors = {}
    if not (leaders or "").strip():
        errors["leaders"] = "请填写督办领导，如“市人大常委会副主任张某某”。"
    if not (place or "").strip():
        errors["place"] = "请填写督办地点或单位。"
    if len((summary or "").strip()) < 20:
        errors["summary"] = "请填写督办情况（至少20个字）。"
    if not proposals:
        errors["proposals"] = "请选择督办的建议或提案。"
    elif any(p.session_id != session.pk for p in proposals):
        errors["proposals"] = "督办事项须属于本届次。"
    if errors:
        raise VisitInvalid(errors)
    check_date(visited_on, not_before=session.opened_on, what="开幕日期")
    with transaction.atomic():
        Session.objects.select_for_update().filter(pk=session.pk).get()
        if SupervisionVisit.objects.filter(
            session=session,
            visited_on=visited_on,
            leaders=leaders.strip()[:200],
            proposals__in=proposals,
        ).exists():
            raise DomainError(
                f"{visited_on:%Y-%m-%d}{leaders.strip()}对该件的现场督办已经登记过。",
                code="duplicate",
            )
        visit = SupervisionVisit.objects.create(
            session=session,
            visited_on=visited_on,
            leaders=leaders.strip()[:200],
            place=place.strip()[:200],
            summary=summary.strip(),
            recorded_by=actor,
        )
        visit.proposals.set(proposals)
        timeline.add_each(
            proposals,
            "visited",
            "现场督办",
            workflow=FLOW.name,
            on=visited_on,
            text=f"{visit.leaders}（{visit.place}）：{visit.summary}",
            actor=actor,
        )
        audit(
            visit,
            "visit.record",
            actor=actor,
            after={"session": session.pk, "proposals": [p.pk for p in proposals]},
        )
    return visit


class VisitInvalid(InvalidFields):
    """Refused field by field; the message joins the fields' messages."""


def news_data(visit: SupervisionVisit) -> dict:
    from gongkai.disclosure.models import Genre, SubjectCategory

    items = list(visit.proposals.select_related("lead_department", "session"))
    titles = "、".join(f"《{p.title}》" for p in items[:5])
    units = "、".join(sorted({p.lead_department.name for p in items if p.lead_department}))
    title = f"{visit.leaders}现场督办{visit.session.name}{visit.session.kind_label}办理工作"
    paragraphs = [
        f"{cn_date(visit.visited_on)}，{visit.leaders}深入{visit.place}，"
        f"现场督办{visit.session.name}{titles}等{len(items)}件{visit.session.item_word}的办理工作。",
        visit.summary,
    ]
    if units:
        paragraphs.append(f"承办单位：{units}。")
    return {
        "title": title[:200],
        "written_on": visit.visited_on,
        "subject": SubjectCategory.objects.get(name="综合政务"),
        "genre": Genre.objects.get(name="其他"),
        "keywords": f"{visit.session.item_word} 现场督办",
        "summary": f"{visit.leaders}现场督办{visit.session.kind_label}办理工作。"[:200],
        "body": "".join(f"<p>{escape(p)}</p>" for p in paragraphs),
        "source": visit.session.office.name,
        "disclosure_attribute": "proactive",
        "item_type": "general",
        "formed_or_changed_on": visit.visited_on,
    }


def publish_visit(visit: SupervisionVisit, *, actor, department=None, now: datetime | None = None):
    """A news draft about the visit, submitted for review in ``department`` (default: the office).

    ``now``: when it was submitted (default: now), for the item's history.
    """
    from gongkai.disclosure import actions

    if visit.news_item_id is not None:
        raise DomainError("该次现场督办已经生成新闻稿。", code="published")
    department = department or visit.session.office
    with transaction.atomic():
        item = actions.create_draft(actor=actor, department=department, data=news_data(visit))
        actions.submit_item(item, actor=actor, now=now)
        updated = SupervisionVisit.objects.filter(pk=visit.pk, news_item__isnull=True).update(
            news_item=item
        )
        if not updated:
            raise DomainError("该次现场督办已经生成新闻稿。", code="published")
        audit(visit, "visit.publish", actor=actor, after={"news_item": item.pk})
    visit.refresh_from_db()
    return item
