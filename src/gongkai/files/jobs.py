"""Jobs of the files app."""

from __future__ import annotations

from django_tasks import task

from gongkai.jobs.registry import scheduled
from gongkai.jobs.retry import exponential_backoff, retrying

from . import extraction


@task()
@retrying(max_attempts=3, backoff=exponential_backoff(first=60, maximum=900))
def extract_text_job(file_id: int) -> str:
    """Extract and store the text of one stored file (idempotent)."""
    return extraction.store_extracted_text(file_id)


@scheduled("17 * * * *", name="files.extract_missing")
@task()
def extract_missing_text() -> int:
    """Extract text for files whose extraction job was lost (older than an hour)."""
    return extraction.extract_missing()
