"""What of 建议提案 the public sees, for the whole-page cache (``gongkai.core.pagecache``):
the sessions, the items and their handling, reply letters and supervision visits."""

from gongkai.core.pagecache import watch

from .models import Proposal, ReplyLetter, SatisfactionRecord, Session, SupervisionVisit


def register() -> None:
    for model in (Session, Proposal, ReplyLetter, SatisfactionRecord, SupervisionVisit):
        watch(model)
