"""Already-answered messages like the one being written, for the panel in the form.

``gongkai.interaction.similar.similar_messages`` finds them (the search index's
masked text only); this only trims what was typed and skips asking while
there is too little to compare.
"""

from __future__ import annotations

from ..similar import SimilarMessage, similar_messages

LIMIT = 5
MIN_CHARS = 4  # fewer characters of subject and text together: nothing to compare yet


def similar(
    subject: str, text: str, *, government=None, limit: int = LIMIT
) -> list[SimilarMessage]:
    subject, text = (subject or "").strip()[:100], (text or "").strip()[:3000]
    if len(subject) + len(text) < MIN_CHARS:
        return []
    return similar_messages(subject, text, government=government, limit=limit)
