"""What of the consultations the public sees, for the whole-page cache
(``gongkai.core.pagecache``). Every staff action on a consultation bumps the content
version (``services.common.audit``); a citizen's comment or entry bumps it once
moderated, and every vote does (the ballot shows the counts)."""

from gongkai.core.pagecache import register_boundary, watch

from .models import Clause, Comment, Consultation, ConsultationFile, Entry, Moderation, Round, Vote


def _moderated(row) -> bool:
    return row.moderation != Moderation.PENDING


def register() -> None:
    for model in (Consultation, Round, Clause, ConsultationFile, Vote):
        watch(model)
    watch(Comment, when=_moderated)
    watch(Entry, when=_moderated)
    register_boundary(next_moment)


def next_moment(now):
    """When a published consultation next opens or closes for comments or votes."""
    from django.db.models import Min

    rounds = Round.objects.filter(consultation__published_at__isnull=False)
    found = [
        rounds.filter(**{f"{name}__gt": now}).aggregate(m=Min(name))["m"]
        for name in ("opens_at", "closes_at", "vote_opens_at", "vote_closes_at")
    ]
    found = [moment for moment in found if moment is not None]
    return min(found) if found else None
