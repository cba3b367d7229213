"""Public reply letters as a search source (``gongkai.search``): source ``proposals.item``.

One entry per item (代表建议 / 政协提案) that the results column ``/jianyi/``
shows with at least one reply letter that was signed and sent and is public:
the item's title, its session, number and lead unit, and the text of those
letters. Never a letter that is not public (its page shows only the reason),
nor a draft awaiting signature, nor the deputy's or member's own text (the
public page does not show it). ``get_entry`` answers None for anything else,
so the same reindex job indexes a signed letter and removes what stopped
being public.

Scheduled on commit by the actions that change what an entry says:
``approve_reply`` (a letter sent) and ``reassign`` (another lead unit).

Facets: ``department`` (the lead unit's id) and ``year`` of the latest public
letter.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Prefetch
from django.urls import reverse

from .models import Proposal, ReplyLetter, ReplyState

SEARCH_SOURCE = "proposals.item"
BEIJING = ZoneInfo("Asia/Shanghai")


def _public_letters():
    return ReplyLetter.objects.filter(state=ReplyState.SENT, public=True)


def _items():
    """Items on the public pages with a public letter, each with ``public_letters``."""
    from .portal.views import public_items

    return (
        public_items()
        .filter(pk__in=_public_letters().values("proposal_id"))
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=_public_letters().order_by("round", "sent_on", "pk"),
                to_attr="public_letters",
            )
        )
    )


def entry_for(item: Proposal) -> dict[str, Any]:
    letters = item.public_letters
    latest = max(letters, key=lambda letter: letter.sent_on)
    session = item.session
    return {
        "object_id": str(item.pk),
        "url": reverse("proposals_portal:item", args=[item.pk]),
        "title": item.title,
        "summary": f"{session.name}第{item.number}号{session.item_word} · "
        f"主办单位：{item.lead_department.name}",
        "body": "\n".join(letter.text for letter in letters),
        "published_at": datetime.combine(latest.sent_on, time(), tzinfo=BEIJING),
        "facets": {"department": item.lead_department_id, "year": latest.sent_on.year},
    }


def iter_entries() -> Iterator[dict[str, Any]]:
    for item in _items().order_by("pk").iterator(chunk_size=500):
        yield entry_for(item)


def get_entry(object_id: str) -> dict[str, Any] | None:
    if not str(object_id).isdigit():
        return None
    item = _items().filter(pk=int(object_id)).first()
    return entry_for(item) if item is not None else None


def count() -> int:
    return _items().count()


def schedule(item: Proposal) -> None:
    """Bring the index in step with the item once the transaction commits."""
    from gongkai.search.jobs import schedule_reindex

    schedule_reindex(SEARCH_SOURCE, item.pk)


def register() -> None:
    from gongkai.search.registry import register_source

    register_source(
        SEARCH_SOURCE,
        label="建议提案答复",
        iter_entries=iter_entries,
        get_entry=get_entry,
        count=count,
    )
