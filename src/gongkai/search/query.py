"""What a user typed, parsed into terms: never an engine's query syntax.

* Terms are separated by white space (ASCII or the full-width space ``　``)
  and, outside quotes, by punctuation and symbols (``成纪,新城`` is two terms).
  ``"…"``, ``“…”`` or ``「…」`` keeps a quoted stretch, spaces and punctuation
  included, as one term.
* Every term must be found, as a contiguous piece of the title or the body
  (``成纪新城`` does not match ``成纪…新城``). Terms are ANDed.
* Operators of the engines (``OR``, ``NEAR``, ``*``, ``-``, parentheses, column
  filters) mean nothing here: the engines' syntax is built by the backends
  from the gram tokens alone, each quoted, so any input is safe.
* Characters that are neither letters, digits nor CJK (punctuation, emoji)
  only separate; a query with nothing else finds nothing.
* Input beyond ``MAX_QUERY_CHARS`` characters and ``MAX_TERMS`` terms is cut.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from . import tokens

MAX_QUERY_CHARS = 256
MAX_TERMS = 12

_TERM_RE = re.compile(r'"([^"]*)"?|“([^”]*)”?|「([^」]*)」?|(\S+)')
_SPACE_RE = re.compile(r"\s+")
# Outside quotes, punctuation and symbols separate terms as spaces do.
_SEPARATOR_RE = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Term:
    text: str  # as typed (quotes removed, spaces collapsed)
    grams: tuple[str, ...]  # the phrase to match
    prefix: bool  # the last gram is a prefix
    words: tuple[str, ...]  # jieba words, for relevance only
    quoted: bool = False
    # The same term written another way (synonyms.py: 棚改 → 棚户区改造): any of them matches.
    synonyms: tuple[Term, ...] = ()

    # The words that make up a compound term (财政预算 → 财政, 预算): when the phrases find
    # fewer than ``searching.RELAX_BELOW``, a text holding all of them, apart, matches too,
    # below the texts holding the phrase (``compound_parts``).
    parts: tuple[Term, ...] = ()

    def alternatives(self) -> tuple[Term, ...]:
        """This term and its synonyms: a match is a match of any of them."""
        return (self, *self.synonyms)

    def marked(self) -> tuple[Term, ...]:
        """What the snippets mark: the alternatives and the parts."""
        return (*self.alternatives(), *self.parts)


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    terms: tuple[Term, ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return not self.terms

    @property
    def words(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for term in self.terms:
            for word in term.words:
                seen.setdefault(word, None)
        return tuple(seen)

    def text(self) -> str:
        """The query as it could be typed again (quotes where needed)."""
        return " ".join(f'"{t.text}"' if t.quoted or " " in t.text else t.text for t in self.terms)

    @property
    def has_parts(self) -> bool:
        return any(term.parts for term in self.terms)

    def strict(self) -> ParsedQuery:
        """The query without its compounds' words apart: each term as a phrase only."""
        if not self.has_parts:
            return self
        return ParsedQuery(raw=self.raw, terms=tuple(replace(t, parts=()) for t in self.terms))

    def without(self, index: int) -> ParsedQuery:
        rest = self.terms[:index] + self.terms[index + 1 :]
        return ParsedQuery(raw=" ".join(t.text for t in rest), terms=rest)

    def replaced(self, index: int, new_terms: list[Term]) -> ParsedQuery:
        terms = (*self.terms[:index], *new_terms, *self.terms[index + 1 :])
        return ParsedQuery(raw=" ".join(t.text for t in terms), terms=terms)


def compound_parts(text: str) -> list[str]:
    """The words a compound term is made of, when it is one: a run of three or more
    Chinese characters that jieba's words of two or more characters tile exactly, in
    two or more pieces (财政预算 → 财政 预算; 同比增长 → 同比 增长). Not 成纪新城 (成, 纪
    are no words) nor 张家川回族自治县 (川 starts none): those are only found whole."""
    segs = tokens.segments(text)
    if len(segs) != 1 or not segs[0].cjk or len(segs[0].text) < 3:
        return []
    run = segs[0].text
    words = [w for w in tokens.cut(run) if len(w) > 1]
    if len(words) >= 2 and "".join(words) == run:
        return words
    found = {w for w in tokens.words(run) if w != run}
    pieces, i = [], 0
    while i < len(run):
        word = next((run[i:j] for j in range(len(run), i + 1, -1) if run[i:j] in found), None)
        if word is None:
            return []
        pieces.append(word)
        i += len(word)
    return pieces if len(pieces) >= 2 else []


def make_term(
    text: str,
    *,
    quoted: bool = False,
    synonym_groups: Sequence[tuple[str, ...]] = (),
    relax: bool = False,
) -> Term | None:
    """The term of a piece of a query; with ``synonym_groups`` (``synonyms.groups()``)
    it carries its other forms, with ``relax`` the words of a compound."""
    text = _SPACE_RE.sub(" ", text).strip()
    phrase, prefix = tokens.query_grams(text)
    if not phrase:
        return None
    parts: tuple[Term, ...] = ()
    if relax and not quoted:
        parts = tuple(t for t in (make_term(w) for w in compound_parts(text)) if t)
    synonyms: tuple[Term, ...] = ()
    if synonym_groups:
        from .synonyms import rewritings

        synonyms = tuple(
            t for t in (make_term(other) for other in rewritings(text, synonym_groups)) if t
        )
    return Term(
        text=text,
        grams=tuple(phrase),
        prefix=prefix,
        words=tuple(dict.fromkeys(tokens.words(text))),
        quoted=quoted,
        synonyms=synonyms,
        parts=parts,
    )


def parse(q: str | None, *, synonyms: bool = False) -> ParsedQuery:
    """The terms of a user's query; an empty ``ParsedQuery`` when there are none.
    With ``synonyms`` each term also carries its other forms (``synonyms.py``:
    the administrators' table, read from the database)."""
    if not q or not isinstance(q, str):
        return ParsedQuery(raw="")
    groups: Sequence[tuple[str, ...]] = ()
    if synonyms:
        from .synonyms import groups as synonym_groups

        groups = synonym_groups()
    raw = q[:MAX_QUERY_CHARS].replace("\u3000", " ")
    terms: list[Term] = []
    seen: set[tuple[tuple[str, ...], bool]] = set()
    for match in _TERM_RE.finditer(raw):
        quoted_text = next((g for g in match.groups()[:3] if g is not None), None)
        if quoted_text is not None:
            candidates = [make_term(quoted_text, quoted=True, synonym_groups=groups)]
        else:
            candidates = [
                make_term(part, synonym_groups=groups, relax=synonyms)
                for part in _SEPARATOR_RE.split(match.group(4))
            ]
        for term in candidates:
            if term is None or (term.grams, term.prefix) in seen:
                continue
            seen.add((term.grams, term.prefix))
            terms.append(term)
            if len(terms) == MAX_TERMS:
                return ParsedQuery(raw=raw, terms=tuple(terms))
    return ParsedQuery(raw=raw, terms=tuple(terms))
