"""Jobs of 权责清单: index the powers an import created, in one job."""

from __future__ import annotations

from django.db import DatabaseError, transaction
from django_tasks import task

from gongkai.jobs.registry import scheduled
from gongkai.jobs.retry import retrying

CHUNK = 500


@task()
@retrying(max_attempts=5, retry_on=(DatabaseError, OSError))
def index_powers_job(ids: list[int]) -> int:
    """Index the powers ``ids`` still in force (those closed since are left to their own job)."""
    from gongkai.search.indexing import index_entries

    from .indexing import SEARCH_SOURCE, entries_for

    done = 0
    for start in range(0, len(ids), CHUNK):
        done += index_entries(SEARCH_SOURCE, entries_for(ids[start : start + CHUNK]))
    return done


def schedule_index(ids: list[int]) -> None:
    """Enqueue the indexing of ``ids`` once the current transaction commits."""
    ids = [int(i) for i in ids]
    if ids:
        transaction.on_commit(lambda: index_powers_job.enqueue(ids))


@scheduled("20 0 * * *", name="powers.reindex_ended_decisions")
@task()
def reindex_ended_decisions() -> int:
    """Take out of the search index the decisions whose display period ended in the
    last week (a missed night is caught up the next)."""
    from datetime import timedelta

    from gongkai.core.dates import today
    from gongkai.search.indexing import index_from_source

    from .indexing_decisions import SEARCH_SOURCE
    from .models import Decision

    day = today()
    ended = Decision.objects.filter(display_ends__lte=day, display_ends__gt=day - timedelta(days=7))
    done = 0
    for pk in ended.values_list("pk", flat=True):
        index_from_source(SEARCH_SOURCE, str(pk))
        done += 1
    return done
