"""Suggested groups of comments (归类建议), by text similarity.

A department that receives 300 comments on a draft answers them by theme:
"关于补贴标准的意见（共 41 条）：部分采纳，理由……". This module proposes
those themes; a person confirms, renames, merges and moves comments before
the feedback can be published.

How it works, on one round's comments, in memory (a round has hundreds or a
few thousand comments, not millions):

1. **Terms.** jieba words of each comment (``gongkai.search.tokens.words``),
   minus the filler every letter has (``search.similar.STOP_WORDS``), plus a
   token for the clause the comment points at, so comments on the same
   clause lean together.
2. **Weights.** tf-idf over the round's comments: log-scaled term frequency
   × ln(1 + N / df); a word in every comment tells nothing. Each vector is
   normalised to length 1.
3. **Groups.** Greedy, in submission order: a comment joins the group whose
   centroid it is most similar to (cosine) when that similarity reaches
   ``THRESHOLD``, otherwise it starts a new group. Centroids are running
   sums. Comments with no terms (too short) form one group of their own.
4. **Titles.** A group's title names its clause and its heaviest words.

Deterministic for the same comments: the same suggestion every time.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.search import tokens
from gongkai.search.similar import STOP_WORDS

THRESHOLD = 0.25
TITLE_WORDS = 3
CLAUSE_WEIGHT = 1.5  # the clause token counts like a word said this many times


@dataclass
class Item:
    """What grouping needs of a comment."""

    id: int
    text: str
    clause_id: int | None = None
    clause_label: str = ""


@dataclass
class Suggestion:
    title: str
    clause_id: int | None
    ids: list[int] = field(default_factory=list)


def _terms(item: Item) -> Counter:
    counts = Counter(w for w in tokens.words(item.text) if w not in STOP_WORDS)
    if item.clause_id is not None:
        counts[f"§{item.clause_id}"] += CLAUSE_WEIGHT
    return counts


def _vectors(items: Sequence[Item]) -> list[dict[str, float]]:
    counted = [_terms(item) for item in items]
    df: Counter = Counter()
    for counts in counted:
        df.update(counts.keys())
    n = len(items)
    vectors = []
    for counts in counted:
        vector = {
            term: (1 + math.log(tf)) * math.log(1 + n / df[term]) for term, tf in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in vector.values()))
        vectors.append({t: v / norm for t, v in vector.items()} if norm else {})
    return vectors


def _cosine(vector: dict[str, float], centroid: dict[str, float], centroid_norm: float) -> float:
    if not centroid_norm:
        return 0.0
    small, large = (vector, centroid) if len(vector) < len(centroid) else (centroid, vector)
    return sum(v * large.get(t, 0.0) for t, v in small.items()) / centroid_norm


def _title(centroid: dict[str, float], clause_label: str) -> str:
    words = [
        t
        for t, _ in sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))
        if not t.startswith("§")
    ]
    # Longer words first among near-equals: 黄标车 rather than its gram 标车.
    chosen: list[str] = []
    for word in words:
        if any(word in c or c in word for c in chosen):
            continue
        chosen.append(word)
        if len(chosen) == TITLE_WORDS:
            break
    about = "、".join(chosen) if chosen else "其他"
    return f"关于{clause_label}（{about}）的意见" if clause_label else f"关于{about}的意见"


def suggest(items: Sequence[Item], *, threshold: float = THRESHOLD) -> list[Suggestion]:
    """Groups of ``items``, largest first (ties: first comment first)."""
    vectors = _vectors(items)
    groups: list[tuple[dict[str, float], list[int]]] = []  # centroid sum, member indexes
    empty: list[int] = []
    for index, vector in enumerate(vectors):
        if not vector:
            empty.append(index)
            continue
        best, best_score = None, 0.0
        for g, (centroid, _members) in enumerate(groups):
            norm = math.sqrt(sum(v * v for v in centroid.values()))
            score = _cosine(vector, centroid, norm)
            if score > best_score:
                best, best_score = g, score
        if best is not None and best_score >= threshold:
            centroid, members = groups[best]
            for t, v in vector.items():
                centroid[t] = centroid.get(t, 0.0) + v
            members.append(index)
        else:
            groups.append((dict(vector), [index]))
    suggestions = []
    for centroid, members in groups:
        clauses = Counter(items[i].clause_id for i in members)
        clause_id, _ = clauses.most_common(1)[0]
        label = next(
            (items[i].clause_label for i in members if items[i].clause_id == clause_id), ""
        )
        suggestions.append(
            Suggestion(_title(centroid, label), clause_id, [items[i].id for i in members])
        )
    suggestions.sort(key=lambda s: -len(s.ids))
    if empty:
        suggestions.append(Suggestion("其他意见", None, [items[i].id for i in empty]))
    return suggestions
