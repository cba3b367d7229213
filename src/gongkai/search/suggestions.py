"""Suggestions for a search that found nothing: other queries, each run and counted.

Candidates, in this order, with the same filters unless said otherwise:

1. **split**: unquoted terms that jieba cuts into several words are searched as
   those words (``天水市财政局预算`` → ``天水市 财政局 预算``): a term must be
   found contiguously, and people often type several words without spaces;
2. **drop**: each term left out in turn, from the query (or, if that finds
   nothing, from its split form);
   when no single term is to blame (three or more terms), the terms that still
   find something together, kept greedily in the order typed;
3. **unfiltered**: the same query without the filters.

At most ``MAX_CANDIDATES`` are counted; those finding something are returned,
the ones keeping most of the query's characters first, then in the order above. When
nothing is found either way, there is no suggestion rather than a canned one.
"""

from __future__ import annotations

from . import tokens
from .query import ParsedQuery, make_term
from .searching import Suggestion, count

MAX_CANDIDATES = 20
MAX_SUGGESTIONS = 5


def _split(parsed: ParsedQuery) -> ParsedQuery:
    split = parsed
    for index in reversed(range(len(parsed.terms))):
        term = parsed.terms[index]
        if term.quoted:
            continue
        words = tokens.split_words(term.text)
        if len(words) > 1:
            new_terms = [t for t in (make_term(w) for w in words) if t is not None]
            split = split.replaced(index, new_terms)
    return split


def _kept(parsed: ParsedQuery) -> int:
    return sum(len(term.text) for term in parsed.terms)


class _Counter:
    """Counts candidates, each once, at most ``MAX_CANDIDATES`` of them."""

    def __init__(self):
        self.counted: dict[tuple, int] = {}
        self.suggested: set[tuple] = set()
        self.found: list[tuple[int, int, Suggestion]] = []

    def __call__(self, parsed: ParsedQuery, filters: dict, label: str | None = None) -> int:
        key = (parsed.terms, tuple(sorted((k, tuple(v)) for k, v in filters.items())))
        if parsed.empty:
            return 0
        if key not in self.counted:
            if len(self.counted) >= MAX_CANDIDATES:
                return 0
            self.counted[key] = count(parsed, filters)
        total = self.counted[key]
        if total and label and key not in self.suggested:
            self.suggested.add(key)
            suggestion = Suggestion(parsed.text(), dict(filters), total, label)
            self.found.append((-_kept(parsed), len(self.suggested), suggestion))
        return total


def suggest(parsed: ParsedQuery, filters: dict[str, list[str]]) -> list[Suggestion]:
    counter = _Counter()
    split = _split(parsed)
    if split.terms != parsed.terms:
        counter(split, filters, f"分词检索“{split.text()}”")
    for base in [parsed] if split.terms == parsed.terms else [parsed, split]:
        if len(base.terms) < 2:
            continue
        found_any = False
        for index, term in enumerate(base.terms):
            found_any |= bool(counter(base.without(index), filters, f"去掉“{term.text}”"))
        if not found_any and len(base.terms) > 2:
            # Keep each term, in order, as long as something is still found.
            kept = ParsedQuery(raw="")
            for term in base.terms:
                longer = ParsedQuery(raw="", terms=(*kept.terms, term))
                if counter(longer, filters):
                    kept = longer
            if len(kept.terms) > 1:
                found_any = bool(counter(kept, filters, f"只检索“{kept.text()}”"))
        if found_any:
            break  # the split form would only say the same again
    if filters:
        counter(parsed, {}, "取消筛选条件")
    counter.found.sort(key=lambda item: item[:2])
    return [suggestion for _, _, suggestion in counter.found[:MAX_SUGGESTIONS]]
