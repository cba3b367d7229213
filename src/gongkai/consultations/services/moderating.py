"""Moderation (审核): a comment or entry appears on the public page only once approved.

Rejected ones (advertising, abuse, unrelated) are kept with the reason, never
shown and never counted as opinions in the feedback; approved ones appear
only when their sender agreed to publication. Each comment and entry moves
through its transition table (``..flow``), one timeline entry and audit event
each; the consultation's timeline says what was decided in one line.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai import access
from gongkai.core.errors import DomainError

from ..flow import COMMENTS, ENTRIES
from ..models import Consultation, Moderation
from .common import audit

NOTE_MAX = 200


def moderate(
    consultation: Consultation,
    *,
    comment_ids=(),
    entry_ids=(),
    approve: bool,
    note: str = "",
    actor,
) -> int:
    """Approve or reject comments and entries of the current round; returns how many changed."""
    access.require(actor, "consultations.moderate", consultation)
    note = (note or "").strip()[:NOTE_MAX]
    if not approve and not note:
        raise DomainError("不予采用须说明理由（如广告、与征集无关、含有侮辱性内容）。", code="note")
    round = consultation.current_round()
    decision = Moderation.APPROVED if approve else Moderation.REJECTED
    action = "approve" if approve else "reject"
    values = {
        "moderation_note": note,
        "moderated_at": timezone.now(),
        "moderated_by_id": actor.pk,
    }
    with transaction.atomic():
        changed = 0
        for flow, related, ids in (
            (COMMENTS, round.comments, comment_ids),
            (ENTRIES, round.entries, entry_ids),
        ):
            ids = [int(i) for i in ids]
            if not ids:
                continue
            rows = related.filter(pk__in=ids)
            extra = {}
            if not approve:
                if flow is ENTRIES and rows.filter(shortlisted=True).exists():
                    raise DomainError("入围投票的作品不能改为不予采用。", code="shortlisted")
                if flow is COMMENTS:
                    extra = {"group": None}  # a rejected comment leaves its group
            changed += len(
                flow.apply_each(
                    rows, action, actor=actor, comment=note, changes={**values, **extra}
                )
            )
        if changed:
            audit(
                consultation,
                "moderate",
                actor=actor,
                after={
                    "decision": decision,
                    "comments": list(comment_ids),
                    "entries": list(entry_ids),
                    "note": note,
                },
            )
    return changed
