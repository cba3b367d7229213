"""Side effects of the actions: search index updates and notices to the author.

Search: publishing, correcting, withdrawing and validity changes enqueue
``gongkai.search``'s ``reindex_object_job("disclosure.item", id)`` after
commit (ids, never objects); the job asks our registered source
(``indexing.get_entry``), which answers None for anything not public, so
the same job indexes or removes. Withdrawal also removes the entry at once.
Guarded: while the search module is not installed these do nothing.
"""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction

from .models import InformationItem

logger = logging.getLogger("gongkai.disclosure")

SEARCH_SOURCE = "disclosure.item"
NOTICE_SUBJECT_MAX = 200


def _reindex_job():
    try:
        from gongkai.search.jobs import reindex_object_job
    except ImportError:  # the search module has not landed
        return None
    return reindex_object_job


def enqueue_reindex(item_id: int) -> None:
    """Enqueue the search update for one item (call after commit)."""
    job = _reindex_job()
    if job is not None:
        job.enqueue(SEARCH_SOURCE, str(item_id))


def remove_from_search_now(item_id: int) -> None:
    try:
        from gongkai.search.indexing import remove_entry
    except ImportError:
        return
    remove_entry(SEARCH_SOURCE, str(item_id))


def reindex_on_commit(item_id: int) -> None:
    transaction.on_commit(partial(enqueue_reindex, item_id), robust=True)


def remove_on_commit(item_id: int) -> None:
    transaction.on_commit(partial(remove_from_search_now, item_id), robust=True)
    reindex_on_commit(item_id)


def notify_author(item: InformationItem, *, actor, subject: str, body: str) -> None:
    """An in-app notice to the item's author (not when the author acted)."""
    author = item.created_by
    if author is None or not author.is_active or (actor is not None and actor.pk == author.pk):
        return
    from gongkai.notices.models import NoticeChannel
    from gongkai.notices.services import send_notice

    if len(subject) > NOTICE_SUBJECT_MAX:
        subject = subject[: NOTICE_SUBJECT_MAX - 1] + "…"
    send_notice(
        channel=NoticeChannel.INAPP,
        recipient=author,
        subject=subject,
        body=body,
        url=item.get_workbench_url(),
        related=item,
    )
