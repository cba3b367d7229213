"""The department's side before and around the period: draft, publish, extend, new round, vote."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai import access
from gongkai.core.concurrency import claim_version
from gongkai.core.errors import DomainError

from .. import clauses as clause_text
from .. import indexing
from ..models import Clause, Consultation, ConsultationFile, Entry, Kind, Moderation, Phase, Round
from .common import audit, period_from_dates, period_text

SUMMARY_FIELDS = (
    "kind",
    "subject",
    "title",
    "summary",
    "contact_name",
    "contact_phone",
    "contact_email",
    "contact_address",
)


@dataclass(frozen=True)
class Draft:
    """What a department writes to start (or revise) a consultation."""

    kind: str
    title: str
    summary: str
    contact_name: str
    contact_phone: str
    opens_on: date
    closes_on: date
    draft_text: str = ""
    subject: str = ""
    contact_email: str = ""
    contact_address: str = ""


def _check(draft: Draft) -> list[clause_text.Part]:
    if draft.closes_on < draft.opens_on:
        raise DomainError("截止日期不能早于开始日期。", code="period")
    parts = clause_text.split(draft.draft_text)
    if draft.kind == Kind.DRAFT and not parts:
        raise DomainError(
            "草案征求意见须填写草案条文，以便公众对具体条款提出意见。", code="no_text"
        )
    return parts


def _store_clauses(round: Round, parts) -> None:
    round.clauses.all().delete()
    Clause.objects.bulk_create(
        Clause(round=round, position=i, label=p.label, text=p.text)
        for i, p in enumerate(parts, start=1)
    )


def create(department, draft: Draft, *, actor) -> Consultation:
    access.require(actor, "consultations.create", department)
    parts = _check(draft)
    opens_at, closes_at = period_from_dates(draft.opens_on, draft.closes_on)
    with transaction.atomic():
        consultation = Consultation.objects.create(
            department=department,
            created_by=actor,
            **{name: getattr(draft, name) for name in SUMMARY_FIELDS},
        )
        round = Round.objects.create(
            consultation=consultation, number=1, opens_at=opens_at, closes_at=closes_at
        )
        _store_clauses(round, parts)
        audit(consultation, "create", actor=actor, after={"title": draft.title})
    return consultation


def update(consultation: Consultation, draft: Draft, *, expected_version: int, actor) -> None:
    """Change an unpublished consultation (its text, period, contact)."""
    access.require(actor, "consultations.edit", consultation)
    parts = _check(draft)
    if draft.kind != consultation.kind and consultation.rounds.count() > 1:
        raise DomainError("已有多轮征集的，不能改变征集类型。", code="kind")
    opens_at, closes_at = period_from_dates(draft.opens_on, draft.closes_on)
    with transaction.atomic():
        claim_version(consultation, expected_version)
        for name in SUMMARY_FIELDS:
            setattr(consultation, name, getattr(draft, name))
        consultation.save()
        round = consultation.current_round()
        round.opens_at, round.closes_at = opens_at, closes_at
        round.save(update_fields=["opens_at", "closes_at"])
        _store_clauses(round, parts)
        audit(consultation, "update", actor=actor, after={"title": draft.title})


def publish(consultation: Consultation, *, actor, now=None) -> None:
    """Announce it (the leader's decision): from now the public sees it; comments from opens_at."""
    now = now or timezone.now()
    access.require(actor, "consultations.publish", consultation.as_of(now))
    round = consultation.current_round()
    if round.closes_at <= now:
        raise DomainError("征集期已经结束，请先修改征集期再发布。", code="period_past")
    with transaction.atomic():
        updated = Consultation.objects.filter(pk=consultation.pk, published_at=None).update(
            published_at=now
        )
        if not updated:
            raise DomainError("这项意见征集已经发布。", code="published")
        consultation.published_at = now
        indexing.schedule(consultation)
        audit(
            consultation,
            "publish",
            actor=actor,
            at=now,
            after={"period": period_text(round.opens_at, round.closes_at)},
        )


def extend(consultation: Consultation, closes_on: date, *, actor, reason: str, now=None) -> None:
    """Move the closing day of the current round (longer, or shorter but not into the past)."""
    now = now or timezone.now()
    access.require(actor, "consultations.extend", consultation.as_of(now))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("调整截止时间须说明理由。", code="reason_required")
    round = consultation.current_round()
    _opens, closes_at = period_from_dates(timezone.localtime(round.opens_at).date(), closes_on)
    if closes_at <= now or closes_at <= round.opens_at:
        raise DomainError("新的截止日期不能早于今天，也不能早于开始日期。", code="period")
    with transaction.atomic():
        before = period_text(round.opens_at, round.closes_at)
        round.closes_at = closes_at
        round.save(update_fields=["closes_at"])
        audit(
            consultation,
            "extend",
            actor=actor,
            at=now,
            before={"period": before},
            after={"period": period_text(round.opens_at, closes_at), "reason": reason},
        )


def open_new_round(
    consultation: Consultation,
    *,
    draft_text: str,
    changes_note: str,
    opens_on: date,
    closes_on: date,
    actor,
    now=None,
) -> Round:
    """再参与: the revised draft, after the last round's feedback, opens a new round."""
    now = now or timezone.now()
    access.require(actor, "consultations.new_round", consultation.as_of(now))
    if consultation.kind != Kind.DRAFT:
        raise DomainError("只有草案征求意见可以进行新一轮征集。", code="kind")
    if not (changes_note or "").strip():
        raise DomainError("请说明修改稿根据上一轮意见作了哪些修改。", code="note_required")
    parts = clause_text.split(draft_text)
    if not parts:
        raise DomainError("请填写修改后的草案条文。", code="no_text")
    opens_at, closes_at = period_from_dates(opens_on, closes_on)
    if closes_at <= now or closes_at <= opens_at:
        raise DomainError("新一轮的截止日期不能早于今天，也不能早于开始日期。", code="period")
    previous = consultation.current_round()
    with transaction.atomic():
        round = Round.objects.create(
            consultation=consultation,
            number=previous.number + 1,
            opens_at=opens_at,
            closes_at=closes_at,
            changes_note=changes_note.strip(),
        )
        _store_clauses(round, parts)
        ConsultationFile.objects.bulk_create(
            ConsultationFile(round=round, file_id=f.file_id, title=f.title)
            for f in previous.files.all()
        )
        consultation._current_round = round
        indexing.schedule(consultation)
        audit(consultation, "new_round", actor=actor, after={"round": round.number}, at=now)
    return round


def schedule_vote(
    consultation: Consultation,
    entry_ids: list[int],
    *,
    opens_on: date,
    closes_on: date,
    actor,
    now=None,
) -> None:
    """Shortlist (入围) entries of a closed call and open a public vote on them."""
    now = now or timezone.now()
    access.require(actor, "consultations.shortlist", consultation.as_of(now))
    if consultation.kind != Kind.CALL:
        raise DomainError("只有方案征集可以组织投票。", code="kind")
    round = consultation.current_round()
    entries = list(
        round.entries.filter(pk__in=entry_ids, moderation=Moderation.APPROVED).order_by("id")
    )
    if len(entries) < 2:
        raise DomainError("请至少选择两件已审核通过的作品入围投票。", code="too_few")
    opens_at, closes_at = period_from_dates(opens_on, closes_on)
    # A vote that starts on the closing day starts when the submissions close.
    opens_at = max(opens_at, round.closes_at)
    if closes_at <= max(now, opens_at):
        raise DomainError("投票期应在征集截止之后，且截止日期不早于今天。", code="period")
    with transaction.atomic():
        round.entries.update(shortlisted=False, ballot_number=None)
        for number, entry in enumerate(entries, start=1):
            Entry.objects.filter(pk=entry.pk).update(shortlisted=True, ballot_number=number)
        round.vote_opens_at, round.vote_closes_at = opens_at, closes_at
        round.save(update_fields=["vote_opens_at", "vote_closes_at"])
        audit(
            consultation,
            "schedule_vote",
            actor=actor,
            at=now,
            after={"entries": [e.pk for e in entries], "period": period_text(opens_at, closes_at)},
        )


def phase_label(consultation: Consultation, now=None) -> str:
    return Phase(consultation.phase(now)).label


# -- attachments of the draft (全文、图纸、说明) ----------------------------------------


def attach_files(consultation: Consultation, uploads, *, actor) -> list[ConsultationFile]:
    """Attach documents to the current round while the consultation is unpublished.

    Each upload is sniffed by content and size-limited (``store_upload``); a new
    round starts with its predecessor's attachments."""
    from gongkai.files.services import DOCUMENT_KINDS, store_upload

    access.require(actor, "consultations.edit", consultation)
    if not uploads:
        raise DomainError("请选择要上传的文件。", code="no_file")
    round = consultation.current_round()
    made = []
    with transaction.atomic():
        for upload in uploads:
            stored = store_upload(upload, allowed_kinds=DOCUMENT_KINDS, uploaded_by=actor)
            made.append(ConsultationFile.objects.create(round=round, file=stored))
        audit(
            consultation,
            "attach_files",
            actor=actor,
            after={"files": [m.file.original_name for m in made]},
        )
    return made


def remove_file(consultation: Consultation, attached_id: int, *, actor) -> None:
    access.require(actor, "consultations.edit", consultation)
    attached = consultation.current_round().files.select_related("file").filter(pk=attached_id)
    found = attached.first()
    if found is None:
        raise DomainError("这个附件不存在，或已经删除。", code="no_file")
    with transaction.atomic():
        found.delete()
        audit(consultation, "remove_file", actor=actor, before={"file": found.file.original_name})
