"""Entries similar to a piece of text: "has this been asked and answered before?".

``similar_entries(title, body, source=...)`` finds the entries of one source
that share the text's most distinctive words, on either engine:

1. **Terms.** jieba words of the title and body (``tokens.words``, two or
   more CJK characters; in the title also words jieba's HMM discovers, such
   as 停暖) and letter-and-digit runs such as ``pm2``, minus stop words
   (polite formulas and filler every citizen writes: 您好, 请问, 谢谢, 领导,
   反映, 问题 …) and the placeholders of masked personal data (``某某``). A
   word of the title weighs ``TITLE_WEIGHT`` times a word of the body; a word
   repeated in the body weighs a little more (1 + ln tf).
2. **Distinctiveness.** For the ``CANDIDATE_TERMS`` heaviest words, their
   document frequency in the whole index, counted by the engine up to
   ``DF_CAP`` (one statement for all of them; beyond the cap a word is common
   and its exact count does not matter), and N, the entries, up to
   ``SIZE_CAP``: idf = ln(1 + N / df). Counting in the whole index rather
   than in the source keeps the counts to the full-text index alone (FTS5:
   no entry rows read; PostgreSQL: the GIN index, every gram of the word,
   no vector read). A word no entry has counts as df ½: it cannot match, but
   it is part of what the text is about, so it lowers every candidate's
   share. The ``MAX_TERMS`` words with the highest weight × idf are the query.
3. **Candidates.** Entries of the source (and of the ``filters``) having both
   of the two heaviest words, or any of the rarest words whose document
   frequencies add up to at most ``MATCH_BUDGET``: a handful of rows for a
   distinctive text, however large the index. A word is matched as the
   phrase of its grams, as ``search`` matches a term, so ``成纪新城`` is found
   inside ``成纪新城区`` (PostgreSQL matches all of its grams through the GIN
   index and ranks by the phrase). Of the newest ``SCAN_CAP`` matches the
   engine ranks the best ``CANDIDATES`` — FTS5 bm25 (title ten times the
   body), PostgreSQL ts_rank.
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

from django.db import connection, transaction

from . import tokens
from .models import FacetValue, SearchEntry

TITLE_WEIGHT = 2.0
BODY_SHARE = 0.6  # a query word found only in a candidate's body counts this much
CANDIDATE_TERMS = 16  # words whose document frequency is counted
MAX_TERMS = 10  # words in the query
DF_CAP = 1_000  # document frequencies are counted up to this
SIZE_CAP = 50_000  # the number of entries is counted up to this
MATCH_BUDGET = 2_000  # the matched words' document frequencies add up to at most this
SCAN_CAP = 2_000  # rows ranked by the engine at most
CANDIDATES = 30  # best-ranked rows scored in Python
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
# Particles that end up glued to a neighbour when jieba's HMM guesses a word (舞的).
_FUNCTION_CHARS = frozenset("的了吗呢吧啊是在和与及或把被让给向从对")


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
    df: int  # entries of the whole index containing it (up to DF_CAP)


def _is_term(word: str, ignore: Collection[str]) -> bool:
    return (
        word not in STOP_WORDS
        and word not in ignore
        and not any(ch in PLACEHOLDER_CHARS for ch in word)
    )


def _weighted_words(title: str, body: str, ignore: Collection[str]) -> Counter:
    """Each candidate word with its title/body weight (before idf)."""

    def words_of(text: str, *, discover: bool = False) -> list[str]:
        found = [w for w in tokens.words(text) if _is_term(w, ignore)]
        if discover:  # words jieba's dictionary lacks (停暖), found by its HMM
            found += [
                w
                for w in tokens.split_words(text)
                if 2 <= len(w) <= 4
                and tokens.CJK_ONLY_RE.fullmatch(w)
                and not _FUNCTION_CHARS.intersection(w)
                and _is_term(w, ignore)
            ]
        found += [
            s.text
            for s in tokens.segments(text)
            if not s.cjk and len(s.text) >= 2 and not s.text.isdigit()
        ]
        return found

    weights: Counter = Counter()
    for word in set(words_of(title, discover=True)):
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


# How many entries the index holds, up to SIZE_CAP.
_COUNT_ENTRIES = "SELECT count(*) FROM (SELECT 1 FROM search_searchentry LIMIT %s) n"


class _Sqlite:
    """FTS5: phrases of grams; bm25 with the title ten times the body."""

    COLUMNS = "{title_grams body_grams}"
    BM25 = "bm25(search_fts, 10.0, 1.0, 0.0, 0.0)"

    @staticmethod
    def _phrase(grams: Sequence[str]) -> str:
        return '"' + " ".join(grams).replace('"', '""') + '"'

    def _expression(self, core: Sequence[QueryTerm], extra: Sequence[QueryTerm]) -> str:
        parts = [f"({' AND '.join(self._phrase(t.grams) for t in core)})"] if core else []
        parts += [self._phrase(t.grams) for t in extra]
        return f"{self.COLUMNS} : ({' OR '.join(parts)})"

    def doc_freqs(self, cursor, terms: Sequence[tuple[str, ...]]) -> tuple[int, list[int]]:
        one = "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT %s)"
        last = f"SELECT {len(terms)}, ({_COUNT_ENTRIES})"
        sql = " UNION ALL ".join([f"SELECT {i}, ({one})" for i in range(len(terms))] + [last])
        params: list = []
        for grams in terms:
            params += [f"{self.COLUMNS} : {self._phrase(grams)}", DF_CAP]
        cursor.execute(sql, [*params, SIZE_CAP])
        *dfs, size = [n for _, n in sorted(cursor.fetchall())]
        return size, dfs

    def ranked(self, cursor, core, extra, source, restrict, limit) -> list[int]:
        """The newest ``SCAN_CAP`` matches (FTS5 walks its rowids backwards and
        stops there), ranked by bm25."""
        condition, params = _restriction("e", restrict)
        cursor.execute(
            f"SELECT id FROM (SELECT search_fts.rowid AS id, {self.BM25} AS rank "  # noqa: S608
            "FROM search_fts CROSS JOIN search_searchentry e ON e.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND e.source = %s {condition} "
            "ORDER BY search_fts.rowid DESC LIMIT %s) "
            "ORDER BY rank, id DESC LIMIT %s",
            [self._expression(core, extra), source, *params, SCAN_CAP, limit],
        )
        return [row[0] for row in cursor.fetchall()]


class _Postgres:
    """tsvector + GIN. Matching uses every gram of a word, without positions:
    the GIN index answers that exactly, without reading (and decompressing) the
    vectors; the phrases then rank, and the similarity (in Python) checks them."""

    @staticmethod
    def _lexeme(token: str) -> str:
        return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"

    def _grams(self, grams: Sequence[str]) -> str:
        return "(" + " & ".join(self._lexeme(g) for g in grams) + ")"

    def _phrase(self, grams: Sequence[str]) -> str:
        return "(" + " <-> ".join(self._lexeme(g) for g in grams) + ")"

    # The statistics ANALYZE keeps of the grams column (``optimise`` runs it
    # after a rebuild, autovacuum after enough changes): the frequencies of its
    # most common lexemes (about a thousand), and the table's row estimate.
    STATS = (
        "SELECT e.lexeme, e.freq FROM pg_stats s "
        "CROSS JOIN LATERAL unnest(s.most_common_elems::text::text[], "
        "s.most_common_elem_freqs) AS e(lexeme, freq) "
        "WHERE s.schemaname = current_schema() AND s.tablename = 'search_searchentry' "
        "AND s.attname = 'grams_tsv' AND e.lexeme = ANY(%s)"
    )
    ROWS = "SELECT reltuples FROM pg_class WHERE oid = 'search_searchentry'::regclass"

    def doc_freqs(self, cursor, terms: Sequence[tuple[str, ...]]) -> tuple[int, list[int]]:
        """A word whose every gram is among the column's most common lexemes is
        common: its document frequency is estimated from theirs (the rarest
        gram's, capped). The others are rare, and counted through the GIN
        index (all of their grams, no vector read) up to ``DF_CAP``."""
        cursor.execute(self.ROWS)
        size = int(cursor.fetchone()[0])  # -1 or 0: never analysed
        if size <= 0:
            cursor.execute(_COUNT_ENTRIES, [SIZE_CAP])
            size = cursor.fetchone()[0]
        cursor.execute(self.STATS, [sorted({g for grams in terms for g in grams})])
        freq = dict(cursor.fetchall())
        dfs: list[int | None] = []
        for grams in terms:
            if all(g in freq for g in grams):
                dfs.append(max(1, min(DF_CAP, int(min(freq[g] for g in grams) * size))))
            else:
                dfs.append(None)
        counted = [grams for grams, df in zip(terms, dfs, strict=True) if df is None]
        one = (
            "SELECT count(*) FROM (SELECT 1 FROM search_searchentry "
            "WHERE grams_tsv @@ to_tsquery('simple', %s) LIMIT %s) c"
        )
        if not counted:
            return min(size, SIZE_CAP), [df or 0 for df in dfs]  # (all estimated)
        sql = "SELECT " + ", ".join(f"({one})" for _ in counted)
        params: list = []
        for grams in counted:
            params += [self._grams(grams), DF_CAP]
        with transaction.atomic():
            # A capped count of a frequent word would otherwise be planned as
            # a sequential scan, decompressing every vector until the cap. Set
            # for this transaction and put back: the caller's may go on.
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)"
            )
            previous = cursor.fetchone()[0]
            cursor.execute(sql, params)
            counts = list(cursor.fetchone())
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])
        counts.reverse()
        return min(size, SIZE_CAP), [counts.pop() if df is None else df for df in dfs]

    def ranked(self, cursor, core, extra, source, restrict, limit) -> list[int]:
        """The newest ``SCAN_CAP`` matches, ranked by ts_rank of the phrases."""
        parts = [f"({' & '.join(self._grams(t.grams) for t in core)})"] if core else []
        match = " | ".join(parts + [self._grams(t.grams) for t in extra])
        rank = " | ".join(self._phrase(t.grams) for t in [*core, *extra])
        condition, params = _restriction("e", restrict)
        # The queries are constants, not a CTE: the planner must see them to use the index.
        cursor.execute(
            "SELECT m.id FROM (SELECT e.id, e.grams_tsv FROM search_searchentry e "  # noqa: S608
            f"WHERE e.grams_tsv @@ to_tsquery('simple', %s) AND e.source = %s {condition} "
            "ORDER BY e.id DESC LIMIT %s) m "
            "ORDER BY ts_rank(m.grams_tsv, to_tsquery('simple', %s)) DESC, m.id DESC LIMIT %s",
            [match, source, *params, SCAN_CAP, rank, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def _engine():
    from . import embedded

    if embedded.enabled():
        return embedded.SimilarEngine()
    return _Postgres() if connection.vendor == "postgresql" else _Sqlite()


# -- the steps ----------------------------------------------------------------------


def query_terms(title: str, body: str = "", *, ignore: Collection[str] = ()) -> list[QueryTerm]:
    """The text's ``MAX_TERMS`` most distinctive words, heaviest first (steps 1 and 2)."""
    weights = _weighted_words(title or "", body or "", ignore)
    if not weights:
        return []
    # The heaviest words first; among equals the longer (more specific) word.
    words = sorted(weights, key=lambda w: (-weights[w], -len(w), w))[:CANDIDATE_TERMS]
    keep = [(w, p) for w in words if (p := _phrase(w))]
    if not keep:
        return []
    with connection.cursor() as cursor:
        size, dfs = _engine().doc_freqs(cursor, [p for _, p in keep])
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


def _matching(terms: Sequence[QueryTerm]) -> tuple[list[QueryTerm], list[QueryTerm]]:
    """What the engine matches (step 3): entries with both of the two heaviest
    words (``core``), or with any of the rarest words whose document
    frequencies add up to ``MATCH_BUDGET`` (``extra``)."""
    matchable = [t for t in terms if t.df > 0]  # the others cannot match
    extra, budget = [], MATCH_BUDGET
    for term in sorted(matchable, key=lambda t: (t.df, -t.weight)):
        if term.df > budget or term.df >= DF_CAP:  # at the cap: more, how many unknown
            break
        extra.append(term)
        budget -= term.df
    heaviest = matchable[:2]
    # One of them among ``extra`` already finds every entry with both.
    core = [] if any(t in extra for t in heaviest) else heaviest
    return core, extra


def similarity(terms: Sequence[QueryTerm], title: str, body: str) -> float:
    """The share of the terms' weight found in this title (fully) or body (``BODY_SHARE``)."""
    total = sum(t.weight for t in terms)
    if not total:
        return 0.0
    # A CJK word never spans punctuation, so a substring of the normalised text
    # is what its phrase of grams matches.
    title, body = tokens.normalise(title), tokens.normalise(body)
    found = 0.0
    for term in terms:
        if term.text in title:
            found += term.weight
        elif term.text in body:
            found += term.weight * BODY_SHARE
    return found / total


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
    terms = query_terms(title, body, ignore=ignore)
    core, extra = _matching(terms)
    if not core and not extra:
        return []
    with connection.cursor() as cursor:
        ids = _engine().ranked(cursor, core, extra, source, restrict, CANDIDATES + len(exclude))
    entries = SearchEntry.objects.only("object_id", "url", "title", "summary", "body").in_bulk(ids)
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
