"""Synonyms: a query term written one way also finds the other ways (棚改 → 棚户区改造).

Administrators keep the groups (``SearchSynonym``, in the admin); the demo and
the migration bring the common abbreviations of the seed's subjects. A term
containing a word of a group is rewritten with each other word of the group in
its place (``棚改项目`` → ``棚户区改造项目``), and a match of any of the forms is
a match of the term. Only whole words of a group are replaced, the longest
first; at most ``MAX_REWRITINGS`` forms per term. The groups are read once per
content version (saving a group changes the version: search pages change).
"""

from __future__ import annotations

from gongkai.core import pagecache

from .tokens import normalise

MAX_REWRITINGS = 4


def _load() -> list[tuple[str, ...]]:
    from .models import SearchSynonym

    return [row.group() for row in SearchSynonym.objects.all()]


def groups() -> list[tuple[str, ...]]:
    return pagecache.memo("search.synonyms", _load)


def rewritings(text: str, table: list[tuple[str, ...]] | None = None) -> list[str]:
    """The other forms of a term (not the term itself), in a fixed order, by the groups
    of ``table`` (default: ``groups()``)."""
    folded = normalise(text)
    found: list[str] = []
    for group in groups() if table is None else table:
        for word in sorted(group, key=len, reverse=True):
            if word and word in folded:
                for other in group:
                    if other != word and (form := folded.replace(word, other)) != folded:
                        found.append(form)
                break
    return list(dict.fromkeys(found))[:MAX_REWRITINGS]
