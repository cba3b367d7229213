"""Published messages as a search source (``gongkai.search``): source ``interaction.message``.

Only what the board shows is indexed: the masked subject, the masked message
and the masked reply (``masking.mask_personal_data``); the original text, the
writer's name and phone never reach the index. ``get_entry`` answers None for
a message that is not (or no longer) published, so the same reindex job
indexes a publication and removes a withdrawn one.

Facets: ``channel`` and ``message_type`` (ids), ``department`` (the replying
department's id), ``place`` (the government concerned, id) and ``year`` of
publication (Beijing time).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from .models import Message

SEARCH_SOURCE = "interaction.message"


def _public():
    return Message.objects.published().select_related("channel", "message_type")


def entry_for(message: Message) -> dict[str, Any]:
    facets: dict[str, Any] = {
        "channel": message.channel_id,
        "message_type": message.message_type_id,
        "year": timezone.localtime(message.published_at).year,
    }
    if message.replied_by_department_id:
        facets["department"] = message.replied_by_department_id
    if message.place_id:
        facets["place"] = message.place_id
    return {
        "object_id": str(message.pk),
        "url": message.get_public_url(),
        "title": message.masked_subject,
        "summary": "",
        "body": f"{message.masked_text}\n{message.masked_reply}",
        "published_at": message.published_at,
        "facets": facets,
    }


def iter_entries() -> Iterator[dict[str, Any]]:
    for message in _public().order_by("pk").iterator(chunk_size=500):
        yield entry_for(message)


def get_entry(object_id: str) -> dict[str, Any] | None:
    if not str(object_id).isdigit():
        return None
    message = _public().filter(pk=int(object_id)).first()
    return entry_for(message) if message is not None else None


def count() -> int:
    return Message.objects.published().count()


def schedule(message: Message) -> None:
    """Bring the index in step with the message once the transaction commits."""
    from gongkai.search.jobs import schedule_reindex

    schedule_reindex(SEARCH_SOURCE, message.pk)


def register() -> None:
    from gongkai.search.registry import register_source

    register_source(
        SEARCH_SOURCE,
        label="留言",
        iter_entries=iter_entries,
        get_entry=get_entry,
        count=count,
        facets={"channel": "留言渠道", "message_type": "留言类型", "place": "所涉地区"},
    )
