"""Jobs that keep the index in step with the modules that own the objects.

Publishing, correcting and withdrawing call ``schedule_reindex(source,
object_id)`` inside their transaction; once it commits, the job asks the
registered source for the object (``get_entry``) and indexes it, or removes it
when the source answers None. The job reads the current state, so running it
twice, or late, or out of order, leaves the index right. Database and I/O
errors are retried with backoff; an entry the index refuses (a bug in the
source) fails the job at once, to be seen among the failed jobs.
"""

from __future__ import annotations

from django.db import DatabaseError, transaction
from django_tasks import task

from gongkai.jobs.registry import scheduled
from gongkai.jobs.retry import GiveUp, retrying

from .indexing import index_from_source
from .registry import UnknownSource, get_source


@task()
@retrying(max_attempts=5, retry_on=(DatabaseError, OSError))
def reindex_object_job(source: str, object_id: str) -> str:
    """Index (or remove) one object as its source now describes it."""
    try:
        registered = get_source(source)
    except UnknownSource as error:
        raise GiveUp(str(error)) from error
    if registered.get_entry is None:
        raise GiveUp(f"检索来源“{source}”未提供 get_entry，无法单独更新索引。")
    return index_from_source(source, object_id)


def schedule_reindex(source: str, object_id: str | int) -> None:
    """Enqueue ``reindex_object_job`` when the current transaction commits."""
    object_id = str(object_id)
    transaction.on_commit(lambda: reindex_object_job.enqueue(source, object_id))


@scheduled("50 3 * * *", name="search.prune_changes")
@task()
def prune_search_changes() -> int:
    """Drop the embedded index's change log older than ``SEARCH_CHANGES_KEEP_DAYS``
    (every node applied them long ago; a node away longer rebuilds its index)."""
    from .embedded import prune_changes

    return prune_changes()
