"""Feedback (反馈): group the comments, decide on each group, publish the report, tell everyone.

参与—反馈—再参与: after the period closes, the department groups the
approved comments (``suggest_groups`` proposes groups by text similarity; a
person confirms, renames, merges and moves), marks each group 采纳 / 部分采纳
/ 未采纳 with a reason, decides on each entry of a call, and publishes the
feedback report. ``problems`` says in words what still stands in the way —
the report cannot be published while any approved comment is ungrouped, any
comment awaits moderation, any group is unconfirmed or undecided, or a vote
is still running. Publishing notifies every participant who left a mobile
number (SMS) or an email address, once per address.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone

from gongkai import access
from gongkai.core.concurrency import claim_version
from gongkai.core.errors import DomainError
from gongkai.core.validators import normal_phone, validate_mobile
from gongkai.notices.models import NoticeChannel
from gongkai.notices.services import send_notice

from .. import grouping, indexing
from ..models import Comment, Consultation, Entry, FeedbackGroup, Kind, Moderation, Outcome, Round
from .common import audit

TITLE_MAX = 200


def _round_for(consultation: Consultation, action: str, actor, now=None) -> Round:
    access.require(actor, action, consultation.as_of(now or timezone.now()))
    return consultation.current_round()


def suggest_groups(consultation: Consultation, *, actor) -> int:
    """Replace the unconfirmed suggestions with new ones over the comments not yet in a
    confirmed group; returns the number of groups suggested."""
    round = _round_for(consultation, "consultations.feedback", actor)
    with transaction.atomic():
        round.groups.filter(suggested=True).delete()  # their comments fall back to no group
        loose = list(
            round.comments.filter(moderation=Moderation.APPROVED, group=None)
            .select_related("clause")
            .order_by("submitted_at", "id")
        )
        items = [
            grouping.Item(c.pk, c.text, c.clause_id, c.clause.label if c.clause else "")
            for c in loose
        ]
        start = (round.groups.aggregate(m=Max("position"))["m"] or 0) + 1
        for offset, suggestion in enumerate(grouping.suggest(items)):
            group = FeedbackGroup.objects.create(
                round=round,
                position=start + offset,
                title=suggestion.title[:TITLE_MAX],
                clause_id=suggestion.clause_id,
                suggested=True,
            )
            Comment.objects.filter(pk__in=suggestion.ids).update(group=group)
        count = round.groups.filter(suggested=True).count()
        audit(consultation, "suggest_groups", actor=actor, after={"groups": count})
    return count


def _claim(obj, expected_version: int | None) -> None:
    """Bump the version: from the one the form was opened at (``StaleEdit`` if it moved on),
    or, for a caller without a form, from whatever it is now."""
    if expected_version is None:
        expected_version = type(obj).objects.values_list("version", flat=True).get(pk=obj.pk)
    claim_version(obj, expected_version)


def create_group(consultation: Consultation, title: str, *, actor) -> FeedbackGroup:
    round = _round_for(consultation, "consultations.feedback", actor)
    title = (title or "").strip()
    if not title:
        raise DomainError("请填写归类的意见概要。", code="title")
    position = (round.groups.aggregate(m=Max("position"))["m"] or 0) + 1
    group = FeedbackGroup.objects.create(round=round, position=position, title=title[:TITLE_MAX])
    audit(consultation, "create_group", actor=actor, after={"group": group.pk, "title": title})
    return group


def decide_group(
    group: FeedbackGroup,
    *,
    title: str,
    outcome: str,
    reason: str,
    actor,
    expected_version: int | None = None,
) -> FeedbackGroup:
    """A person confirms the group: its summary, 采纳 / 部分采纳 / 未采纳 and the reason.

    With ``expected_version`` (the version the person's form was opened at) a
    colleague's decision saved in between is refused (``StaleEdit``), never
    overwritten."""
    consultation = group.round.consultation
    _round_for(consultation, "consultations.feedback", actor)
    title, reason = (title or "").strip(), (reason or "").strip()
    errors = []
    if not title:
        errors.append("请填写意见概要。")
    if outcome not in Outcome.values:
        errors.append("请选择采纳情况：采纳、部分采纳或未采纳。")
    if not reason:
        errors.append("请说明采纳情况的理由（采纳的说明如何体现，未采纳的说明原因）。")
    if errors:
        raise DomainError("".join(errors), code="decision")
    before = {"title": group.title, "outcome": group.outcome, "reason": group.reason}
    group.title, group.outcome, group.reason = title[:TITLE_MAX], outcome, reason
    group.suggested = False
    group.confirmed_at, group.confirmed_by = timezone.now(), actor
    with transaction.atomic():
        _claim(group, expected_version)
        group.save()
    audit(
        consultation,
        "decide_group",
        actor=actor,
        before=before,
        after={"group": group.pk, "title": title, "outcome": outcome, "reason": reason},
    )
    return group


def move_comments(consultation: Consultation, comment_ids, group: FeedbackGroup | None, *, actor):
    """Put comments into ``group`` (or take them out of any group with ``None``)."""
    round = _round_for(consultation, "consultations.feedback", actor)
    if group is not None and group.round_id != round.pk:
        raise DomainError("目标归类不属于本轮征集。", code="group")
    ids = [int(i) for i in comment_ids]
    moved = round.comments.filter(pk__in=ids, moderation=Moderation.APPROVED).update(group=group)
    audit(
        consultation,
        "move_comments",
        actor=actor,
        after={"comments": ids, "group": group.pk if group else None},
    )
    return moved


def merge_groups(consultation: Consultation, sources, into: FeedbackGroup, *, actor) -> None:
    round = _round_for(consultation, "consultations.feedback", actor)
    ids = [int(g) for g in sources if int(g) != into.pk]
    with transaction.atomic():
        Comment.objects.filter(group__in=round.groups.filter(pk__in=ids)).update(group=into)
        round.groups.filter(pk__in=ids).delete()
        audit(consultation, "merge_groups", actor=actor, after={"merged": ids, "into": into.pk})


def delete_group(group: FeedbackGroup, *, actor) -> None:
    consultation = group.round.consultation
    _round_for(consultation, "consultations.feedback", actor)
    audit(
        consultation, "delete_group", actor=actor, before={"group": group.pk, "title": group.title}
    )
    group.delete()  # its comments are ungrouped again (SET_NULL)


def decide_entry(
    entry: Entry, *, outcome: str, reason: str, actor, expected_version: int | None = None
) -> None:
    consultation = entry.round.consultation
    _round_for(consultation, "consultations.feedback", actor)
    if outcome not in Outcome.values or not (reason or "").strip():
        raise DomainError("请选择采纳情况并说明理由。", code="decision")
    entry.outcome, entry.reason = outcome, reason.strip()
    with transaction.atomic():
        _claim(entry, expected_version)
        entry.save(update_fields=["outcome", "reason", "version"])
    audit(consultation, "decide_entry", actor=actor, after={"entry": entry.pk, "outcome": outcome})


def problems(round: Round, now=None) -> list[str]:
    """What stands between this round and its published feedback, in words ([] when nothing)."""
    now = now or timezone.now()
    out = []
    if now < round.closes_at:
        out.append("征集期尚未结束。")
    if round.vote_closes_at and now < round.vote_closes_at:
        out.append("投票尚未结束。")
    counts = round.comments.aggregate(
        pending=Count("id", filter=Q(moderation=Moderation.PENDING)),
        loose=Count("id", filter=Q(moderation=Moderation.APPROVED, group=None)),
    )
    if counts["pending"]:
        out.append(f"还有{counts['pending']}条意见未审核。")
    if counts["loose"]:
        out.append(f"还有{counts['loose']}条意见未归类，每条意见都须归入一个归类并反馈。")
    groups = round.groups.annotate(n=Count("comments"))
    unconfirmed = [g.title for g in groups if g.suggested]
    if unconfirmed:
        out.append(
            f"{len(unconfirmed)}个系统建议的归类尚未人工确认：{'、'.join(unconfirmed[:3])}等。"
        )
    undecided = [g.title for g in groups if not g.suggested and not (g.outcome and g.reason)]
    if undecided:
        out.append(f"{len(undecided)}个归类尚未填写采纳情况和理由：{'、'.join(undecided[:3])}。")
    empty = [g.title for g in groups if g.n == 0]
    if empty:
        out.append(f"{len(empty)}个归类没有意见，请删除或移入意见：{'、'.join(empty[:3])}。")
    if round.consultation.kind == Kind.CALL:
        entries = round.entries.filter(moderation=Moderation.APPROVED)
        pending_entries = round.entries.filter(moderation=Moderation.PENDING).count()
        if pending_entries:
            out.append(f"还有{pending_entries}件作品未审核。")
        undecided_entries = entries.filter(Q(outcome="") | Q(reason="")).count()
        if undecided_entries:
            out.append(f"还有{undecided_entries}件作品未填写采纳情况和理由。")
    return out


def publish_feedback(consultation: Consultation, summary: str, *, actor, now=None) -> Round:
    now = now or timezone.now()
    round = _round_for(consultation, "consultations.publish_feedback", actor, now)
    summary = (summary or "").strip()
    with transaction.atomic():
        Round.objects.select_for_update().filter(pk=round.pk).get()
        found = problems(round, now)
        if not summary:
            found.append("请填写反馈说明（征集的总体情况和意见采纳的总体说明）。")
        if found:
            raise DomainError("暂不能发布反馈：" + "".join(found), code="feedback_blocked")
        round.feedback_summary = summary
        round.feedback_published_at, round.feedback_published_by = now, actor
        round.save(
            update_fields=["feedback_summary", "feedback_published_at", "feedback_published_by"]
        )
        sent = _notify_participants(round)
        indexing.schedule(consultation)
        audit(
            consultation,
            "publish_feedback",
            actor=actor,
            after={"round": round.number, **sent},
            at=now,
        )
    return round


def _notify_participants(round: Round) -> dict[str, int]:
    consultation = round.consultation
    url = reverse("consultations_portal:feedback", args=[consultation.pk])
    body = (
        f"您参与的“{consultation.title}”意见征集已公布意见采纳情况，"
        f"请在政府网站“意见征集”栏目查看（{url}）。感谢您的参与。"
    )
    phones, emails = set(), set()
    for model in (Comment, Entry):
        rows = model.objects.filter(round=round).exclude(moderation=Moderation.REJECTED)
        for phone, email in rows.values_list("phone", "email"):
            phone = normal_phone(phone)
            try:
                validate_mobile(phone)
            except ValidationError:
                pass
            else:
                phones.add(phone)
            if email:
                emails.add(email.strip().lower())
    for phone in sorted(phones):
        send_notice(
            channel=NoticeChannel.SMS, address=phone, subject="意见采纳情况已公布", body=body
        )
    for email in sorted(emails):
        send_notice(
            channel=NoticeChannel.EMAIL,
            address=email,
            subject=f"意见采纳情况已公布：{consultation.title}"[:100],
            body=body,
        )
    return {"sms": len(phones), "emails": len(emails)}


# -- the report ------------------------------------------------------------------


@dataclass
class GroupReport:
    group: FeedbackGroup
    count: int
    shown: list = field(default_factory=list)  # the comments the public may read


@dataclass
class FeedbackReport:
    round: Round
    received: int
    approved: int
    rejected: int
    by_outcome: dict[str, int]  # outcome label → comments
    groups: list[GroupReport]
    entries: list[Entry]
    votes: dict[int, int]  # entry id → votes


def report(round: Round) -> FeedbackReport:
    """The figures and groups of a round's feedback (counts are of comments, not groups)."""
    comments = list(
        round.comments.exclude(moderation=Moderation.PENDING)
        .select_related("clause")
        .only("id", "moderation", "wants_public", "group_id", "text", "clause__label", "clause_id")
    )
    by_group: dict[int, list[Comment]] = {}
    for c in comments:
        if c.moderation == Moderation.APPROVED and c.group_id:
            by_group.setdefault(c.group_id, []).append(c)
    groups = []
    outcome_counts: Counter = Counter()
    for group in round.groups.select_related("clause").order_by("position", "id"):
        members = by_group.get(group.pk, [])
        if group.outcome:
            outcome_counts[group.outcome] += len(members)
        groups.append(GroupReport(group, len(members), [c for c in members if c.wants_public]))
    entries = list(
        round.entries.filter(moderation=Moderation.APPROVED).order_by("ballot_number", "id")
    )
    votes = dict(
        round.votes.values("entry_id").annotate(n=Count("id")).values_list("entry_id", "n")
    )
    for entry in entries:
        entry.votes_count = votes.get(entry.pk, 0)
    return FeedbackReport(
        round=round,
        received=round.comments.count(),
        approved=sum(1 for c in comments if c.moderation == Moderation.APPROVED),
        rejected=sum(1 for c in comments if c.moderation == Moderation.REJECTED),
        by_outcome={Outcome(k).label: outcome_counts.get(k, 0) for k in Outcome.values},
        groups=groups,
        entries=entries,
        votes=votes,
    )
