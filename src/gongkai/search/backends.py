"""The two full-text engines behind one small interface, chosen by the connection's vendor.

Both receive only pre-tokenised text (``tokens.py``) and queries built here
from gram tokens, each quoted: user input never reaches an engine's query
language. A backend provides

* ``write(cursor, rows)`` / ``delete(cursor, ids)``: the text index of entries;
  ``upsert(cursor, entries, rows)`` (PostgreSQL; None on SQLite): the entry
  rows and their text index together, in one statement;
* ``matching(parsed)``: a query of the ids of the matching entries, for
  counting and filtering; ``NEWEST``: how to order it to take the newest
  matches cheaply (the search's candidates): by publication on PostgreSQL,
  by rowid (the most recently indexed) on SQLite, where reading each match's
  entry row for its date would cost more than the ranking it saves;
  ``ranked(parsed, among)``: the matches with a ``score``, higher is better,
  only among the ids of the named CTE ``among`` when given;
* ``raw_sql(parsed, limit)``: the bare full-text query the search wraps
  (benchmarks compare the two).

Relevance: matches in the title count ten times a match in the body; jieba
words shared with the query add to the gram score. SQLite ranks with FTS5's
bm25 (ties: the most recently indexed first, to stay inside the FTS table),
PostgreSQL with ``ts_rank`` (weights A = title, D = summary and body; ties:
the newest first).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connection as default_connection

from .query import ParsedQuery, Term


@dataclass(frozen=True)
class TextRow:
    entry_id: int
    title_grams: str
    body_grams: str
    title_words: str
    body_words: str


@dataclass(frozen=True)
class Match:
    """``SELECT id[, score] FROM … WHERE …``: more conditions on ``id_column``
    may be appended with ``AND``."""

    sql: str
    params: tuple
    id_column: str
    tiebreak: str = "id DESC"  # ORDER BY after the score


def _chunks(items: Sequence, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class SqliteBackend:
    """FTS5 table ``search_fts`` (see migration 0002)."""

    vendor = "sqlite"
    NEWEST = "search_fts.rowid DESC"
    upsert = None  # entries are written by the ORM, then their text with ``write``
    GRAMS = "{title_grams body_grams}"
    WORDS = "{title_words body_words}"
    # bm25 column weights: title_grams, body_grams, title_words, body_words.
    BM25 = "bm25(search_fts, 10.0, 1.0, 10.0, 1.0)"

    def write(self, cursor, rows: Sequence[TextRow]) -> None:
        self.delete(cursor, [row.entry_id for row in rows])
        cursor.executemany(
            "INSERT INTO search_fts (rowid, title_grams, body_grams, title_words, body_words) "
            "VALUES (%s, %s, %s, %s, %s)",
            [(r.entry_id, r.title_grams, r.body_grams, r.title_words, r.body_words) for r in rows],
        )

    def delete(self, cursor, entry_ids: Sequence[int]) -> None:
        for chunk in _chunks(list(entry_ids)):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", chunk)  # noqa: S608

    def delete_orphans(self, cursor) -> int:
        cursor.execute(
            "DELETE FROM search_fts WHERE rowid NOT IN (SELECT id FROM search_searchentry)"
        )
        return cursor.rowcount

    def optimise(self, cursor) -> None:
        cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")

    @classmethod
    def _phrase(cls, term: Term) -> str:
        """The term's phrase, or any of its synonyms' (``a OR b``, in parentheses)."""
        phrases = [cls._one_phrase(t) for t in term.alternatives()]
        if term.parts:
            phrases.append(f"({' AND '.join(cls._one_phrase(p) for p in term.parts)})")
        return phrases[0] if len(phrases) == 1 else f"({' OR '.join(phrases)})"

    @staticmethod
    def _one_phrase(term: Term) -> str:
        # Tokens hold only letters, digits and CJK; quotes are doubled all the same.
        text = " ".join(term.grams).replace('"', '""')
        return f'"{text}"' + (" *" if term.prefix else "")

    def expression(self, parsed: ParsedQuery, *, ranked: bool = True) -> str:
        """The FTS5 MATCH expression: every term's gram phrase, in title or body.

        Ranked, the words are ORed with the first phrase (which every match has
        anyway), so they never change what matches, only its bm25 score.
        """
        phrases = [self._phrase(term) for term in parsed.terms]
        expression = f"{self.GRAMS} : ({' AND '.join(phrases)})"
        if ranked and parsed.words:
            words = " OR ".join(f'"{w}"' for w in parsed.words)
            expression += f" AND ({self.WORDS} : ({words}) OR {self.GRAMS} : {phrases[0]})"
        return expression

    def matching(self, parsed: ParsedQuery) -> Match:
        return Match(
            "SELECT search_fts.rowid AS id FROM search_fts WHERE search_fts MATCH %s",
            (self.expression(parsed, ranked=False),),
            # "+": the filters' ``IN`` is checked on each match, never handed to
            # FTS5 as rowid constraints (it would run the full-text query per rowid).
            "+search_fts.rowid",
        )

    def ranked(self, parsed: ParsedQuery, among: str | None = None) -> Match:
        # FTS5 ranks every match cheaply but would run the whole query again for
        # each rowid of an ``IN``: rank them all (materialised), then keep ``among``.
        ranked = (
            f"SELECT search_fts.rowid AS id, -{self.BM25} AS score FROM search_fts "  # noqa: S608
            "WHERE search_fts MATCH %s"
        )
        if among:
            ranked = (
                f"SELECT id, score FROM (SELECT * FROM ({ranked}) LIMIT -1 OFFSET 0) "  # noqa: S608
                f"WHERE id IN (SELECT id FROM {among})"
            )
        return Match(ranked, (self.expression(parsed),), "search_fts.rowid")

    def raw_sql(self, parsed: ParsedQuery, limit: int = 20) -> tuple[str, tuple]:
        return (
            f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY {self.BM25} LIMIT %s",  # noqa: S608
            (self.expression(parsed), limit),
        )


class PostgresBackend:
    """``grams_tsv`` / ``words_tsv`` columns on ``search_searchentry`` (see migration 0002)."""

    vendor = "postgresql"
    NEWEST = "e.published_at DESC, e.id DESC"
    VECTOR = (
        "setweight(to_tsvector('simple', {}), 'A') || setweight(to_tsvector('simple', {}), 'D')"
    )

    # tsvector positions stop at 16,383: past that every gram sits on the same
    # position and phrases can no longer match. A text that long carries this
    # marker lexeme, and each term also matches it as all of its grams
    # anywhere (no order): recall kept, precision a little lower, for long
    # texts only. The tokenizer cannot make this token from CJK text.
    MAX_POSITION = 16_383
    LONG_TEXT = "gongkai0long0text"

    # The entry columns ``upsert`` writes (besides the vectors), in order.
    ENTRY_COLUMNS = (
        ("source", "text"),
        ("object_id", "text"),
        ("url", "text"),
        ("title", "text"),
        ("summary", "text"),
        ("body", "text"),
        ("published_at", "timestamptz"),
        ("facets", "jsonb"),
        ("indexed_at", "timestamptz"),
    )

    def upsert(self, cursor, entries: Sequence, texts: Sequence[TextRow]) -> dict[str, int]:
        """Insert or replace entries (``SearchEntry`` objects of one source, no
        two with the same object_id) together with their vectors, in one
        statement per 500: the row is written once, not inserted and then
        updated. Returns the id of each object_id."""
        names = [name for name, _ in self.ENTRY_COLUMNS]
        grams = self.VECTOR.format("v.title_grams", "v.body_grams")
        words = self.VECTOR.format("v.title_words", "v.body_words")
        arrays = ", ".join(f"%s::{kind}[]" for _, kind in self.ENTRY_COLUMNS)
        updates = ", ".join(
            f"{name} = EXCLUDED.{name}" for name in [*names[2:], "grams_tsv", "words_tsv"]
        )
        sql = (
            f"INSERT INTO search_searchentry ({', '.join(names)}, grams_tsv, words_tsv) "  # noqa: S608
            f"SELECT {', '.join('v.' + name for name in names)}, {grams}, {words} "
            f"FROM unnest({arrays}, %s::text[], %s::text[], %s::text[], %s::text[]) "
            f"AS v({', '.join(names)}, title_grams, body_grams, title_words, body_words) "
            f"ON CONFLICT (source, object_id) DO UPDATE SET {updates} "
            "RETURNING object_id, id"
        )
        ids: dict[str, int] = {}
        for start in range(0, len(entries), 500):
            chunk = entries[start : start + 500]
            rows = [self._marked(row) for row in texts[start : start + 500]]
            cursor.execute(
                sql,
                [
                    [e.source for e in chunk],
                    [e.object_id for e in chunk],
                    [e.url for e in chunk],
                    [e.title for e in chunk],
                    [e.summary for e in chunk],
                    [e.body for e in chunk],
                    [e.published_at for e in chunk],
                    [json.dumps(e.facets, ensure_ascii=False) for e in chunk],
                    [e.indexed_at for e in chunk],
                    [r.title_grams for r in rows],
                    [r.body_grams for r in rows],
                    [r.title_words for r in rows],
                    [r.body_words for r in rows],
                ],
            )
            ids.update(cursor.fetchall())
        return ids

    def write(self, cursor, rows: Sequence[TextRow]) -> None:
        rows = [self._marked(row) for row in rows]
        grams = self.VECTOR.format("v.title_grams", "v.body_grams")
        words = self.VECTOR.format("v.title_words", "v.body_words")
        for chunk in _chunks(list(rows)):
            cursor.execute(
                f"UPDATE search_searchentry e SET grams_tsv = {grams}, words_tsv = {words} "  # noqa: S608
                "FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[]) "
                "AS v(id, title_grams, body_grams, title_words, body_words) WHERE e.id = v.id",
                [
                    [r.entry_id for r in chunk],
                    [r.title_grams for r in chunk],
                    [r.body_grams for r in chunk],
                    [r.title_words for r in chunk],
                    [r.body_words for r in chunk],
                ],
            )

    def _marked(self, row: TextRow) -> TextRow:
        if row.title_grams.count(" ") + row.body_grams.count(" ") + 2 < self.MAX_POSITION:
            return row
        return TextRow(
            row.entry_id,
            row.title_grams,
            f"{self.LONG_TEXT} {row.body_grams}",
            row.title_words,
            row.body_words,
        )

    def delete(self, cursor, entry_ids: Sequence[int]) -> None:
        """Nothing to do: the vectors go with the entry row."""

    def delete_orphans(self, cursor) -> int:
        return 0

    def optimise(self, cursor) -> None:
        cursor.execute("ANALYZE search_searchentry, search_searchfacet, search_facetvalue")

    @staticmethod
    def _lexeme(token: str, weight: str = "", prefix: bool = False) -> str:
        quoted = "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
        label = ("*" if prefix else "") + weight
        return f"{quoted}:{label}" if label else quoted

    def _phrase(self, term: Term, weight: str) -> str:
        last = len(term.grams) - 1
        return " <-> ".join(
            self._lexeme(token, weight, term.prefix and i == last)
            for i, token in enumerate(term.grams)
        )

    def grams_query(self, parsed: ParsedQuery) -> str:
        """Every term's phrase inside the title (A) or inside the body (D): a
        phrase never runs from the end of the title into the body. A term of
        one gram needs no weights, and so no recheck of the GIN index. In a
        text too long for positions (``LONG_TEXT``), all grams anywhere."""
        return " & ".join(self._term_query(term) for term in parsed.terms)

    def _term_query(self, term: Term) -> str:
        queries = [self._one_term_query(t) for t in term.alternatives()]
        if term.parts:
            queries.append(f"({' & '.join(self._one_term_query(p) for p in term.parts)})")
        return queries[0] if len(queries) == 1 else f"({' | '.join(queries)})"

    def _one_term_query(self, term: Term) -> str:
        if len(term.grams) == 1:
            return self._phrase(term, "")
        last = len(term.grams) - 1
        bag = " & ".join(
            self._lexeme(token, "", term.prefix and i == last) for i, token in enumerate(term.grams)
        )
        return (
            f"(({self._phrase(term, 'A')}) | ({self._phrase(term, 'D')}) "
            f"| ({bag} & {self._lexeme(self.LONG_TEXT)}))"
        )

    def words_query(self, parsed: ParsedQuery) -> str:
        return " | ".join(self._lexeme(word) for word in parsed.words)

    def matching(self, parsed: ParsedQuery) -> Match:
        return Match(
            "SELECT e.id FROM search_searchentry e WHERE e.grams_tsv @@ to_tsquery('simple', %s)",
            (self.grams_query(parsed),),
            "e.id",
        )

    def ranked(self, parsed: ParsedQuery, among: str | None = None) -> Match:
        score = "ts_rank(e.grams_tsv, q.gq)"
        params: tuple = (self.grams_query(parsed),)
        select = "to_tsquery('simple', %s) AS gq"
        if parsed.words:
            score += " + 0.5 * ts_rank(e.words_tsv, q.wq)"
            select += ", to_tsquery('simple', %s) AS wq"
            params += (self.words_query(parsed),)
        # Among candidates that matched already, the match need not be tested again.
        source, where = (
            (f"{among} c JOIN search_searchentry e ON e.id = c.id", "TRUE")
            if among
            else ("search_searchentry e", "e.grams_tsv @@ q.gq")
        )
        return Match(
            f"SELECT e.id, e.published_at, {score} AS score FROM {source} "  # noqa: S608
            f"CROSS JOIN (SELECT {select}) q WHERE {where}",
            params,
            "e.id",
            tiebreak="published_at DESC, id DESC",
        )

    def raw_sql(self, parsed: ParsedQuery, limit: int = 20) -> tuple[str, tuple]:
        ranked = self.ranked(parsed)
        return f"{ranked.sql} ORDER BY score DESC LIMIT %s", (*ranked.params, limit)


_BACKENDS = {"sqlite": SqliteBackend(), "postgresql": PostgresBackend()}


def get_backend(connection=None):
    vendor = (connection or default_connection).vendor
    try:
        return _BACKENDS[vendor]
    except KeyError:
        raise ImproperlyConfigured(
            f"Full-text search supports SQLite and PostgreSQL, not {vendor}."
        ) from None
