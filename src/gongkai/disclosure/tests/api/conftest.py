"""Fixtures of the API tests: published items with chosen metadata, tokens."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from gongkai.disclosure.models import Genre, InformationItem, KeyArea, SubjectCategory

BEIJING = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _api_urls(settings):
    settings.ROOT_URLCONF = "gongkai.disclosure.tests.api.urls"


@pytest.fixture
def publish(world, draft, publish_through_review):
    """``publish(title=…, at=datetime, key_areas=[slug], **fields)`` → a published item."""

    def make(*, at: datetime | None = None, key_areas=(), subject=None, genre=None, **fields):
        if subject:
            fields["subject"] = SubjectCategory.objects.get(name=subject)
        if genre:
            fields["genre"] = Genre.objects.get(name=genre)
        if at is not None:
            fields.setdefault("written_on", at.date() - timedelta(days=2))
            fields.setdefault("formed_or_changed_on", at.date() - timedelta(days=1))
        if key_areas:
            fields["key_areas"] = list(KeyArea.objects.filter(slug__in=key_areas))
        item = draft(**fields)
        publish_through_review(item, now=at)
        item.refresh_from_db()
        return item

    return make


def beijing(*args) -> datetime:
    return datetime(*args, tzinfo=BEIJING)


def index_all() -> None:
    """Put every public item into the search index now (the job would, after commit)."""
    from gongkai.search.indexing import index_from_source

    for pk in InformationItem.objects.values_list("pk", flat=True):
        index_from_source("disclosure.item", pk)
