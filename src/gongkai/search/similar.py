"""Entries similar to a piece of text: "has this been asked and answered before?".

``similar_entries(title, body, source=...)`` finds the entries of one source
that share the text's most distinctive words, on either engine:

1. **Terms.** jieba words of the title and body (``tokens.words``, two or
   more CJK characters) and letter-and-digit runs such as ``pm2``, minus stop
   words (polite formulas and filler every citizen writes: 您好, 请问, 谢谢,
   领导, 反映, 问题 …) and the placeholders of masked personal data (``某某``).
   A word of the title weighs ``TITLE_WEIGHT`` times a word of the body; a word
   repeated in the body weighs a little more (1 + ln tf).
2. **Distinctiveness.** For the ``CANDIDATE_TERMS`` heaviest words, their
   document frequency among the source's entries, counted by the engine up to
   ``DF_CAP`` (one statement for all of them; beyond the cap a word is common
   and its exact count does not matter). idf = ln(1 + DF_CAP / df). A word no
   entry has is dropped: it cannot tell entries apart. The ``MAX_TERMS``
   words with the highest weight × idf are the query.
3. **Candidates.** The entries containing any of the query words (each
   matched as the phrase of its grams, as ``search`` matches a term, so
   ``成纪新城`` is found inside ``成纪新城区``), ranked by the engine over an
   OR query — FTS5 bm25, PostgreSQL ts_rank — the best ``CANDIDATES``. Only
   words whose document frequencies add up to at most ``MATCH_BUDGET`` take
   part in the matching (the rarest first, at least the best one), so the
   engine ranks a few thousand rows at most however large the index;
   when even the best word is common, the two best words must both occur.
   ``SCAN_CAP`` bounds the rows ranked in any case.
4. **Similarity.** Each candidate gets, in Python, the share of the query's
   weight (weight × idf) that it contains: a word in its title counts fully,
   in its body ``BODY_SHARE``. Candidates below ``min_score`` (default
   ``MIN_SCORE``) are unrelated and dropped; the others are returned best
   first, with that share as ``score`` (0–1).

An empty, short or punctuation-only text has no terms and finds nothing.
Only the first ``MAX_TEXT_CHARS`` characters of the body are read.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from django.db import connection

from . import tokens
from .models import FacetValue, SearchEntry

TITLE_WEIGHT = 2.0
BODY_SHARE = 0.6  # a query word found only in a candidate's body counts this much
CANDIDATE_TERMS = 24  # words whose document frequency is counted
MAX_TERMS = 10  # words in the query
DF_CAP = 2_000  # document frequencies are counted up to this
SIZE_CAP = 50_000  # the number of entries is counted up to this
MATCH_BUDGET = 4_000  # the matched words' document frequencies add up to at most this
SCAN_CAP = 5_000  # rows ranked by the engine at most
CANDIDATES = 40  # best-ranked rows scored in Python
MIN_SCORE = 0.35
MAX_TEXT_CHARS = 5_000

# Formulas and filler of citizens' letters (and of replies): frequent in every
# message, telling nothing about what it is about. Words of two or more
# characters only (shorter ones are never terms).
_STOP_WORDS = """
    您好 你好 请问 谢谢 感谢 谢谢您 非常感谢 领导 各位领导 尊敬 尊敬的 反映 反应 问题 情况
    我们 你们 他们 我家 自己 什么 怎么 怎么办 怎样 如何 为什么 是否 能否 可以 可否 能不能
    有没有 是不是 希望 恳请 请求 麻烦 帮助 解决 答复 回复 留言 市长 书记 政府 有关 相关
    部门 单位 工作 进行 目前 现在 已经 还是 但是 因为 所以 如果 这个 那个 这些 那些 一个
    一些 没有 不是 就是 还有 以及 或者 其他 时候 时间 一下 知道 告知 了解 关于 对于
    根据 按照 有关部门 相关部门 及时 尽快 此事 该事 这样 那样 今年 去年 明年 大家 群众
    老百姓 百姓 本人 一直 至今 多次 已于 需要 应该 为此 特此 此致 敬礼 不知 不知道
    电话 联系电话 联系方式 手机 手机号 号码 地址 姓名
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
PLACEHOLDER_CHARS = frozenset("某×*")  # what masking leaves in place of personal data


@dataclass(frozen=True)
class SimilarEntry:
    entry_id: int
    object_id: str
    url: str
    title: str
    score: float  # the share of the text's weighted terms this entry contains, 0–1


@dataclass(frozen=True)
class QueryTerm:
    text: str  # normalised (NFKC, lower case)
    grams: tuple[str, ...]  # the phrase that finds it
    weight: float  # title/body weight × idf
    df: int  # entries of the source containing it (capped at DF_CAP)


def _is_term(word: str, ignore: Collection[str]) -> bool:
    return (
        word not in STOP_WORDS
        and word not in ignore
        and not any(ch in PLACEHOLDER_CHARS for ch in word)
    )


def _weighted_words(title: str, body: str, ignore: Collection[str]) -> Counter:
    """Each candidate word with its title/body weight (before idf)."""

    def words_of(text: str) -> list[str]:
        found = [w for w in tokens.words(text) if _is_term(w, ignore)]
        found += [
            s.text
            for s in tokens.segments(text)
            if not s.cjk and len(s.text) >= 2 and not s.text.isdigit()
        ]
        return found

    weights: Counter = Counter()
    for word in set(words_of(title)):
        weights[word] += TITLE_WEIGHT
    for word, tf in Counter(words_of(body[:MAX_TEXT_CHARS])).items():
        weights[word] += 1.0 + math.log(tf)
    return weights


def _phrase(word: str) -> tuple[str, ...]:
    grams, _ = tokens.query_grams(word)
    return tuple(grams)


# -- the engines ----------------------------------------------------------------------


def _restriction(alias: str, facet_ids: Sequence[Sequence[int]]) -> tuple[str, list]:
    """``AND EXISTS (…)`` per restricted facet (values of one facet ORed)."""
    sql, params = [], []
    for ids in facet_ids:
        marks = ", ".join(["%s"] * len(ids))
        sql.append(
            "AND EXISTS (SELECT 1 FROM search_searchfacet sf "  # noqa: S608 (placeholders only)
            f"WHERE sf.entry_id = {alias}.id AND sf.facet_id IN ({marks}))"
        )
        params += list(ids)
    return " ".join(sql), params


def _size(facet_ids: Sequence[int]) -> tuple[str, list]:
    """How many entries have one of these facet values (the source's, or the first
    restriction's), up to SIZE_CAP: the facet index answers without reading entries."""
    marks = ", ".join(["%s"] * len(facet_ids))
    return (
        "SELECT count(*) FROM (SELECT 1 FROM search_searchfacet "  # noqa: S608
        f"WHERE facet_id IN ({marks}) LIMIT %s) s",
        [*facet_ids, SIZE_CAP],
    )


class _Sqlite:
    COLUMNS = "{title_grams body_grams}"
    BM25 = "bm25(search_fts, 10.0, 1.0, 0.0, 0.0)"

    @staticmethod
    def phrase(grams: Sequence[str]) -> str:
        return '"' + " ".join(grams).replace('"', '""') + '"'

    def any_of(self, phrases: Sequence[Sequence[str]], *, all_: bool = False) -> str:
        joiner = " AND " if all_ else " OR "
        return f"{self.COLUMNS} : ({joiner.join(self.phrase(p) for p in phrases)})"

    def doc_freqs(self, cursor, phrases, source, restrict, size) -> tuple[int, list[int]]:
        extra, extra_params = _restriction("e", restrict)
        one = (
            "SELECT count(*) FROM (SELECT 1 FROM search_fts "  # noqa: S608
            "JOIN search_searchentry e ON e.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND e.source = %s {extra} LIMIT %s)"
        )
        sql = " UNION ALL ".join(
            [f"SELECT {i}, ({one})" for i in range(len(phrases))]
            + [f"SELECT {len(phrases)}, ({size[0]})"]
        )
        params: list = []
        for p in phrases:
            params += [self.any_of([p]), source, *extra_params, DF_CAP]
        cursor.execute(sql, [*params, *size[1]])
        *dfs, size = [n for _, n in sorted(cursor.fetchall())]
        return size, dfs

    def ranked(self, cursor, expression, source, restrict, limit) -> list[int]:
        extra, extra_params = _restriction("e", restrict)
        cursor.execute(
            f"SELECT id FROM (SELECT e.id AS id, {self.BM25} AS rank FROM search_fts "  # noqa: S608
            "JOIN search_searchentry e ON e.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND e.source = %s {extra} LIMIT %s) "
            "ORDER BY rank, id DESC LIMIT %s",
            [expression, source, *extra_params, SCAN_CAP, limit],
        )
        return [row[0] for row in cursor.fetchall()]


class _Postgres:
    @staticmethod
    def lexeme(token: str) -> str:
        return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"

    def phrase(self, grams: Sequence[str]) -> str:
        return "(" + " <-> ".join(self.lexeme(g) for g in grams) + ")"

    def any_of(self, phrases: Sequence[Sequence[str]], *, all_: bool = False) -> str:
        return (" & " if all_ else " | ").join(self.phrase(p) for p in phrases)

    def doc_freqs(self, cursor, phrases, source, restrict, size) -> tuple[int, list[int]]:
        extra, extra_params = _restriction("e", restrict)
        one = (
            "SELECT count(*) FROM (SELECT 1 FROM search_searchentry e "  # noqa: S608
            "WHERE e.grams_tsv @@ to_tsquery('simple', %s) AND e.source = %s "
            f"{extra} LIMIT %s) c"
        )
        sql = "SELECT " + ", ".join([f"({one})" for _ in phrases] + [f"({size[0]})"])
        params: list = []
        for p in phrases:
            params += [self.any_of([p]), source, *extra_params, DF_CAP]
        cursor.execute(sql, [*params, *size[1]])
        *dfs, size = cursor.fetchone()
        return size, dfs

    def ranked(self, cursor, expression, source, restrict, limit) -> list[int]:
        extra, extra_params = _restriction("e", restrict)
        cursor.execute(
            "WITH q AS (SELECT to_tsquery('simple', %s) AS q), "  # noqa: S608
            "m AS MATERIALIZED (SELECT e.id, e.published_at, e.grams_tsv "
            "FROM search_searchentry e, q WHERE e.grams_tsv @@ q.q AND e.source = %s "
            f"{extra} LIMIT %s) "
            "SELECT m.id FROM m, q "
            "ORDER BY ts_rank(m.grams_tsv, q.q) DESC, m.published_at DESC, m.id DESC LIMIT %s",
            [expression, source, *extra_params, SCAN_CAP, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def _engine():
    return _Postgres() if connection.vendor == "postgresql" else _Sqlite()


# -- the steps ----------------------------------------------------------------------


def query_terms(
    title: str,
    body: str = "",
    *,
    source: str,
    restrict: Sequence[Sequence[int]] = (),
    ignore: Collection[str] = (),
) -> list[QueryTerm]:
    """The text's ``MAX_TERMS`` most distinctive words, heaviest first (steps 1 and 2)."""
    weights = _weighted_words(title or "", body or "", ignore)
    if not weights:
        return []
    # The heaviest words first; among equals the longer (more specific) word.
    words = sorted(weights, key=lambda w: (-weights[w], -len(w), w))[:CANDIDATE_TERMS]
    keep = [(w, p) for w in words if (p := _phrase(w))]
    if not keep:
        return []
    source_facet = FacetValue.objects.filter(name="source", value=source).values_list(
        "pk", flat=True
    )
    population = list(restrict[0]) if restrict else list(source_facet)
    if not population:
        return []
    with connection.cursor() as cursor:
        size, dfs = _engine().doc_freqs(
            cursor, [p for _, p in keep], source, restrict, _size(population)
        )
    terms = [
        QueryTerm(word, phrase, weights[word] * _idf(df, size), df)
        for (word, phrase), df in zip(keep, dfs, strict=True)
    ]
    terms.sort(key=lambda t: (-t.weight, t.df, t.text))
    return terms[:MAX_TERMS]


def _idf(df: int, size: int) -> float:
    """ln(1 + N / df); a word no entry has counts as found in half an entry:
    the most distinctive of all, and a sign that no entry is about the same thing."""
    return math.log(1 + max(size, 1) / max(df, 0.5))


def _matching(terms: Sequence[QueryTerm]) -> tuple[list[QueryTerm], bool]:
    """The words the engine matches on (step 3), and whether all of them must occur."""
    terms = [t for t in terms if t.df > 0]  # the others cannot match
    if not terms:
        return [], False
    best = terms[0]
    if best.df >= DF_CAP and len(terms) > 1:
        return [best, terms[1]], True
    chosen, budget = [], MATCH_BUDGET
    for term in sorted(terms, key=lambda t: (t.df, -t.weight)):
        if chosen and term.df > budget:
            continue
        chosen.append(term)
        budget -= term.df
    return chosen, False


def _contains(text: str, term: QueryTerm) -> bool:
    return term.text in text


def similarity(terms: Sequence[QueryTerm], title: str, body: str) -> float:
    """The share of the terms' weight found in this title (fully) or body (``BODY_SHARE``)."""
    total = sum(t.weight for t in terms)
    if not total:
        return 0.0
    title, body = _flat(title), _flat(body)
    found = 0.0
    for term in terms:
        if _contains(title, term):
            found += term.weight
        elif _contains(body, term):
            found += term.weight * BODY_SHARE
    return found / total


def _flat(text: str) -> str:
    """Normalised text with the separators between letter runs kept as single spaces
    and nothing between CJK characters removed: a word of the query is in it
    exactly when its grams are a phrase of the indexed text."""
    return " ".join(s.text for s in tokens.segments(text))


def similar_entries(
    title: str,
    body: str = "",
    *,
    source: str,
    limit: int = 5,
    filters: Mapping[str, Sequence[str | int]] | None = None,
    exclude: Collection[str] = (),
    ignore: Collection[str] = (),
    min_score: float = MIN_SCORE,
) -> list[SimilarEntry]:
    """The entries of ``source`` most similar to the text, best first (see the module
    docstring). ``filters`` restricts to entries having one of the given values of
    each facet (``{"channel": [3, 4]}``; an empty list finds nothing);
    ``exclude`` leaves out these object ids; ``ignore`` adds stop words."""
    if limit < 1:
        return []
    restrict: list[list[int]] = []
    for name, values in (filters or {}).items():
        ids = list(
            FacetValue.objects.filter(name=name, value__in=[str(v) for v in values]).values_list(
                "pk", flat=True
            )
        )
        if not ids:
            return []
        restrict.append(ids)
    terms = query_terms(title, body, source=source, restrict=restrict, ignore=ignore)
    if not terms:
        return []
    matched, all_ = _matching(terms)
    if not matched:
        return []
    engine = _engine()
    expression = engine.any_of([t.grams for t in matched], all_=all_)
    with connection.cursor() as cursor:
        ids = engine.ranked(cursor, expression, source, restrict, CANDIDATES + len(exclude))
    entries = SearchEntry.objects.in_bulk(ids)
    scored = []
    for pk in ids:
        entry = entries.get(pk)
        if entry is None or entry.object_id in exclude:
            continue
        score = similarity(terms, entry.title, f"{entry.summary}\n{entry.body}")
        if score >= min_score:
            scored.append(SimilarEntry(pk, entry.object_id, entry.url, entry.title, score))
    scored.sort(key=lambda s: -s.score)  # stable: the engine's order among equals
    return scored[:limit]
