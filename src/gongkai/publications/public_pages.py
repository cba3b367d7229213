"""What of the gazette the public sees, for the whole-page cache (``gongkai.core.pagecache``)."""

from gongkai.core.pagecache import watch

from .models import (
    Board,
    BulletinIssue,
    Delivery,
    Gazette,
    Issue,
    Placement,
    Section,
    TextBlock,
)


def register() -> None:
    for model in (Gazette, Issue, Section, Placement, TextBlock, Delivery, Board, BulletinIssue):
        watch(model)
