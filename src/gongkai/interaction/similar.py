"""Answered public messages similar to one being written (相似留言): the writer may
find an answer without waiting.

``similar_messages(subject, text, government=None, limit=5)`` asks the search
index (source ``interaction.message``: masked subjects, messages and replies
only) for entries sharing the new message's most distinctive words
(``gongkai.search.similar``), then reads the messages back through
``Message.objects.published()``: an entry whose message was withdrawn since
it was indexed, was never answered, or is confidential (举报, private, a
private channel) is never shown, whatever the index still holds.

``government`` limits the suggestions to messages left on the channels of
that government and of the governments under it (a county's board sees its
own and its towns'; the city's sees the counties' too).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from gongkai.search.similar import similar_entries

from .indexing import SEARCH_SOURCE
from .models import Channel, Message

EXCERPT_CHARS = 80
# Words every message or reply on the boards uses besides the general ones of
# gongkai.search.similar.STOP_WORDS.
_MESSAGE_STOP_WORDS = (
    "留言板 市长信箱 来信 来电 网友 您反映 经查 经核实 答复如下 现答复 特此答复 感谢您"
)
MESSAGE_STOP_WORDS = frozenset(_MESSAGE_STOP_WORDS.split())


@dataclass(frozen=True)
class SimilarMessage:
    pk: int
    url: str
    subject: str  # masked
    excerpt: str  # the beginning of the masked reply
    replied_on: date  # Beijing time
    department: str  # the replying department's name
    score: float  # 0–1, higher is more similar


def _excerpt(reply: str) -> str:
    flat = " ".join(reply.split())
    if len(flat) <= EXCERPT_CHARS:
        return flat
    return flat[:EXCERPT_CHARS].rstrip("，,。；;、 ") + "…"


def similar_messages(
    subject: str, text: str, *, government=None, limit: int = 5
) -> list[SimilarMessage]:
    """Up to ``limit`` answered, published messages like this one, most similar first."""
    if limit < 1:
        return []
    messages = (
        Message.objects.published()
        .filter(
            replied_at__isnull=False,
            message_type__confidential=False,
            wants_public=True,
            channel__private_by_nature=False,
        )
        .exclude(masked_reply="")
        .select_related("replied_by_department")
        .only("masked_subject", "masked_reply", "replied_at", "replied_by_department__name")
    )
    filters = None
    if government is not None:
        channels = list(
            Channel.objects.filter(government__path__startswith=government.path).values_list(
                "pk", flat=True
            )
        )
        if not channels:
            return []
        filters = {"channel": channels}
        messages = messages.filter(channel_id__in=channels)
    # Ask for more than needed: some entries may be dropped below.
    entries = similar_entries(
        subject or "",
        text or "",
        source=SEARCH_SOURCE,
        limit=limit * 3,
        filters=filters,
        ignore=MESSAGE_STOP_WORDS,
    )
    ids = [int(e.object_id) for e in entries if e.object_id.isdigit()]
    found = messages.in_bulk(ids)
    out = []
    for entry in entries:
        message = found.get(int(entry.object_id)) if entry.object_id.isdigit() else None
        if message is None:
            continue
        department = message.replied_by_department
        out.append(
            SimilarMessage(
                pk=message.pk,
                url=message.get_public_url(),
                subject=message.masked_subject,
                excerpt=_excerpt(message.masked_reply),
                replied_on=timezone.localtime(message.replied_at).date(),
                department=department.name if department else "",
                score=round(entry.score, 4),
            )
        )
        if len(out) == limit:
            break
    return out
