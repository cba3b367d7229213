"""The embedded engine (ADR 0011): a tantivy index on each node, kept from the database.

The database stays the record: ``SearchEntry`` rows (what a hit shows),
``SearchFacet`` rows (what it is filtered by) and ``SearchChange`` rows (which
entries were written or removed, in order). The tantivy index is derived from
them and can always be rebuilt:

* **One writer per node.** ``sync()`` reads the changes after the last one it
  applied, re-reads those entries and replaces their documents, commits, and
  records how far it got in a small state file beside the index. The job
  worker of each node calls it every loop (``GONGKAI_SEARCH_SYNC=worker``,
  the default); with ``inline`` (one process, the tests) ``search`` calls it
  first. Applying a change twice, late or out of order leaves the same
  index: a document is always rebuilt from the entry as it now is.
* **Readers reload by themselves.** Web processes open the index read-only;
  tantivy notices each commit (it watches ``meta.json``) and the next search
  sees it. A withdrawn entry may still match for the second or so before the
  worker applies the change, but its hit is read from the entry rows, which
  are gone: it is never shown.
* **Gaps.** Change numbers come from the database's sequence: on PostgreSQL
  a transaction that took number 41 may commit after number 42 was applied.
  A missing number is remembered (``gaps``) and looked for again at every
  sync for ``GAP_SECONDS``; after that it was a rolled-back transaction.
* **Rebuild.** A node without an index (a new node, a new schema, away for
  longer than the change log is kept) builds it from every entry, in batches,
  with progress; ``gongkai search rebuild-index`` does it on demand.

Documents hold the same tokens as the database engines (``tokens.py``):
gram phrases for matching (title and body apart, positions kept), jieba words
for relevance (frequencies only), the facet value numbers (filtering and
counting) and an ordering key (newest first, then the highest entry id).
Relevance: a term found in the title scores ``TITLE_SCORE``, whatever the
title's length, above any body match (BM25); the source's weight multiplies
the score, so a document's own title outranks the messages that quote it.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import tantivy
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from . import tokens
from .query import ParsedQuery, Term
from .registry import source_weight

logger = logging.getLogger("gongkai.search")

# Bump when the documents change shape: every node then rebuilds its index.
SCHEMA_VERSION = 2
STATE_FILE = "gongkai-sync.json"
# A term found in the title scores this much, however long the title (BM25 would favour
# a short message title over a rule's long official one); the body ranks by BM25 below it.
TITLE_SCORE = 20.0
PARTS_BOOST = 0.05  # a compound's words found apart (财政…预算): far below the phrase
TITLE_WORDS_BOOST = 1.5
BODY_WORDS_BOOST = 0.3
GAP_SECONDS = 600
GAP_WINDOW = 1_000  # change numbers below the highest seen that may still commit
BATCH = 2_000  # entries per read and per commit while syncing or rebuilding
FACET_BUCKETS = 65_000  # facet values counted at most (all of them, in practice)
_ID_BITS = 26  # the ordering key: seconds << 26 | the entry id's low 26 bits


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("entry_id", indexed=True, fast=True)
    builder.add_integer_field("order_key", fast=True)
    builder.add_float_field("weight", fast=True)  # the source's (registry.source_weight)
    builder.add_unsigned_field("facet", indexed=True, fast=True)
    for name in ("title_grams", "body_grams"):
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="position")
    for name in ("title_words", "body_words"):
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    return builder.build()


SCHEMA = _schema()
Q_ = tantivy.Query
SHOULD, MUST = tantivy.Occur.Should, tantivy.Occur.Must


def order_key(published_at: datetime, entry_id: int) -> int:
    return (int(published_at.timestamp()) << _ID_BITS) | (entry_id & ((1 << _ID_BITS) - 1))


@dataclass
class SyncState:
    applied: int = 0  # every change up to this one is in the index, except the gaps
    gaps: dict[int, float] = field(default_factory=dict)  # change id -> when first missed
    synced_at: float = 0.0
    schema: int = SCHEMA_VERSION
    built: bool = False  # a full build finished once

    @classmethod
    def load(cls, path: Path | None) -> SyncState:
        if path is None or not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text())
            return cls(
                applied=int(data["applied"]),
                gaps={int(k): float(v) for k, v in data.get("gaps", {}).items()},
                synced_at=float(data.get("synced_at", 0)),
                schema=int(data.get("schema", 0)),
                built=bool(data.get("built", False)),
            )
        except (ValueError, KeyError, TypeError):
            return cls()

    def save(self, path: Path | None) -> None:
        if path is None:
            return
        temporary = path.with_suffix(".tmp")
        temporary.write_text(
            json.dumps(
                {
                    "applied": self.applied,
                    "gaps": {str(k): v for k, v in self.gaps.items()},
                    "synced_at": self.synced_at,
                    "schema": self.schema,
                    "built": self.built,
                }
            )
        )
        os.replace(temporary, path)


class EmbeddedIndex:
    """This process's handle on the node's index (in memory when ``path`` is None)."""

    def __init__(self, root: Path | None):
        """``root``: the node's index directory. The index of this schema lives in
        ``root/v<SCHEMA_VERSION>``: a new release with another schema builds beside the
        old one (which web processes still running the old release go on reading), and
        the writer removes the old one once its rebuild is done. Readers never delete."""
        self.root = root
        self.path = root / f"v{SCHEMA_VERSION}" if root else None
        self.lock = threading.RLock()
        self.state_path = self.path / STATE_FILE if self.path else None
        # In memory the index starts empty with nothing applied: replaying the change log
        # from the start is its build.
        self.state = SyncState.load(self.state_path) if root else SyncState(built=True)
        if self.state.schema != SCHEMA_VERSION:
            self.state = SyncState()
        if self.path is not None:
            self.path.mkdir(parents=True, exist_ok=True)
            self.index = tantivy.Index(SCHEMA, path=str(self.path), reuse=True)
        else:
            self.index = tantivy.Index(SCHEMA)
        self.index.config_reader("OnCommit")

    def _remove_old_versions(self) -> None:
        if self.root is None:
            return
        for old in self.root.glob("v*"):
            if old.is_dir() and old != self.path:
                shutil.rmtree(old, ignore_errors=True)

    # -- reading ----------------------------------------------------------------

    def searcher(self) -> tantivy.Searcher:
        return self.index.searcher()

    # -- writing ----------------------------------------------------------------

    def _writer(self, heap: int = 32_000_000, threads: int = 1):
        return self.index.writer(heap, threads)

    def _documents(self, entry_ids: Sequence[int]) -> list[tantivy.Document]:
        from .indexing import searchable_text
        from .models import SearchEntry, SearchFacet

        facets: dict[int, list[int]] = {}
        for entry_id, facet_id in SearchFacet.objects.filter(entry_id__in=entry_ids).values_list(
            "entry_id", "facet_id"
        ):
            facets.setdefault(entry_id, []).append(facet_id)
        rows = SearchEntry.objects.filter(pk__in=entry_ids).values_list(
            "pk", "source", "title", "summary", "body", "published_at"
        )
        return [
            document(
                pk,
                title,
                searchable_text(summary, body),
                published_at,
                facets.get(pk, []),
                weight=source_weight(source),
            )
            for pk, source, title, summary, body, published_at in rows
        ]

    def _replace(self, writer, entry_ids: Sequence[int]) -> None:
        # (by query: a term of an unsigned field given from Python would not match)
        writer.delete_documents_by_query(Q_.term_set_query(SCHEMA, "entry_id", list(entry_ids)))
        for doc in self._documents(entry_ids):
            writer.add_document(doc)

    def _commit(self, writer) -> None:
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()

    def sync(self) -> int:
        """Apply the changes not applied yet; return how many entries were rewritten."""
        from .models import SearchChange

        with self.lock:
            if self._needs_rebuild():
                return self.rebuild()
            state = self.state
            done = 0
            while True:
                wanted = Q(pk__gt=state.applied)
                if state.gaps:
                    wanted |= Q(pk__in=list(state.gaps))
                rows = list(
                    SearchChange.objects.filter(wanted)
                    .order_by("pk")
                    .values_list("pk", "entry_id")[:BATCH]
                )
                now = time.time()
                state.gaps = {k: v for k, v in state.gaps.items() if now - v < GAP_SECONDS}
                if not rows:
                    break
                entry_ids = sorted({entry_id for _, entry_id in rows})
                writer = self._writer()
                self._replace(writer, entry_ids)
                self._commit(writer)
                del writer
                seen = {pk for pk, _ in rows}
                highest = max(seen)
                # Only the numbers just below the highest can belong to transactions
                # still open; older gaps are rolled-back transactions (PostgreSQL's
                # sequence never goes back), however many there are.
                for missing in range(max(state.applied + 1, highest - GAP_WINDOW), highest):
                    if missing not in seen:
                        state.gaps.setdefault(missing, now)
                for pk in seen:
                    state.gaps.pop(pk, None)
                state.applied = max(state.applied, highest)
                done += len(entry_ids)
                if len(rows) < BATCH:
                    break
            state.synced_at = time.time()
            state.save(self.state_path)
            return done

    def _needs_rebuild(self) -> bool:
        if not self.state.built:
            return True
        keep = timedelta(days=settings.SEARCH_CHANGES_KEEP_DAYS).total_seconds()
        return time.time() - self.state.synced_at > keep * 0.9

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Build the whole index from the entries (in batches, one commit at the end:
        searches see the old index until then)."""
        from .models import SearchChange, SearchEntry

        with self.lock:
            # Changes from here on are applied by the next sync, whatever this run saw.
            applied = SearchChange.objects.aggregate(n=Max("pk"))["n"] or 0
            total = SearchEntry.objects.count()
            writer = self._writer(heap=256_000_000, threads=2)
            writer.delete_all_documents()
            done, last = 0, 0
            if progress:
                progress(0, total)
            while True:
                ids = list(
                    SearchEntry.objects.filter(pk__gt=last)
                    .order_by("pk")
                    .values_list("pk", flat=True)[:BATCH]
                )
                if not ids:
                    break
                for doc in self._documents(ids):
                    writer.add_document(doc)
                done += len(ids)
                last = ids[-1]
                if progress:
                    progress(done, total)
            self._commit(writer)
            del writer
            self.state = SyncState(applied=applied, synced_at=time.time(), built=True)
            self.state.save(self.state_path)
            self._remove_old_versions()
        return done + self.sync()

    def still_current(self) -> None:
        """Nothing to apply: note (at most hourly) that the index was current now, so that
        only a node whose worker was away longer than the change log is kept rebuilds."""
        if self.path is not None and time.time() - self.state.synced_at > 3600:
            with self.lock:
                self.state.synced_at = time.time()
                self.state.save(self.state_path)

    def behind(self) -> bool:
        """Whether changes exist that this index has not applied (one indexed query)."""
        from .models import SearchChange

        if not self.state.built or self.state.gaps:
            return True
        return SearchChange.objects.filter(pk__gt=self.state.applied).exists()


def document(
    entry_id: int,
    title: str,
    searchable: str,
    published_at: datetime,
    facet_ids: Iterable[int],
    *,
    weight: float = 0.0,
) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_unsigned("entry_id", entry_id)
    doc.add_integer("order_key", order_key(published_at, entry_id))
    doc.add_float("weight", float(weight))
    for facet_id in facet_ids:
        doc.add_unsigned("facet", facet_id)
    doc.add_text("title_grams", " ".join(tokens.grams(title)))
    doc.add_text("body_grams", " ".join(tokens.grams(searchable)))
    doc.add_text("title_words", " ".join(tokens.words(title)))
    doc.add_text("body_words", " ".join(tokens.words(searchable)))
    return doc


_index: EmbeddedIndex | None = None
_index_lock = threading.Lock()


def get_index() -> EmbeddedIndex:
    global _index
    if _index is None:
        with _index_lock:
            if _index is None:
                _index = EmbeddedIndex(settings.SEARCH_INDEX_DIR)
    return _index


def reset() -> None:
    """Forget this process's index handle (tests: a new, empty in-memory index)."""
    global _index
    with _index_lock:
        _index = None


def enabled() -> bool:
    return settings.SEARCH_ENGINE == "tantivy"


def ready_index() -> EmbeddedIndex:
    """The index to search: with inline syncing, brought up to date first."""
    index = get_index()
    if settings.SEARCH_SYNC == "inline" and index.behind():
        index.sync()
    return index


def sync_now() -> int:
    """The worker's duty each loop (and the end of ``gongkai demo``): apply the changes."""
    if not enabled():
        return 0
    index = get_index()
    if not index.behind():
        index.still_current()
        return 0
    try:
        done = index.sync()
    except ValueError as error:  # another process holds the writer: it applies them
        if "LockBusy" in str(error) or "lock" in str(error).lower():
            logger.info("Search index busy in another process; it applies the changes.")
            return 0
        raise
    if done:
        from gongkai.core import pagecache

        pagecache.bump()  # search pages stored meanwhile were made from the old index
    return done


def record_changes(entry_ids: Iterable[int]) -> None:
    """Note inside the writing transaction that these entries changed (both engines:
    the embedded index of every node catches up from these, after a switch too)."""
    from .models import SearchChange

    now = timezone.now()
    ids = sorted(set(entry_ids))
    if ids:
        SearchChange.objects.bulk_create([SearchChange(entry_id=i, changed_at=now) for i in ids])


def prune_changes() -> int:
    """Drop changes older than ``SEARCH_CHANGES_KEEP_DAYS`` (a node away longer rebuilds)."""
    from .models import SearchChange

    cutoff = timezone.now() - timedelta(days=settings.SEARCH_CHANGES_KEEP_DAYS)
    with transaction.atomic():
        return SearchChange.objects.filter(changed_at__lt=cutoff).delete()[0]


# -- queries ------------------------------------------------------------------------


def _phrase(term_grams: Sequence[str], prefix: bool, field_name: str):
    grams = list(term_grams)
    if prefix:
        return Q_.phrase_prefix_query(SCHEMA, field_name, grams)
    if len(grams) == 1:
        return Q_.term_query(SCHEMA, field_name, grams[0], index_option="freq")
    return Q_.phrase_query(SCHEMA, field_name, grams)


def term_query(term: Term):
    """The term's phrase (or any of its synonyms') in the title or in the body."""
    clauses = [(SHOULD, _either(t.grams, t.prefix)) for t in term.alternatives()]
    if term.parts:  # the words of a compound, apart: found, but below the phrase
        apart = Q_.boolean_query([(MUST, _either(p.grams, p.prefix)) for p in term.parts])
        clauses.append((SHOULD, Q_.boost_query(apart, PARTS_BOOST)))
    return Q_.boolean_query(clauses)


def build_query(parsed: ParsedQuery, facet_ids: dict[str, list[int]], *, words: bool = True):
    clauses = [(MUST, term_query(term)) for term in parsed.terms]
    for ids in facet_ids.values():
        clauses.append((MUST, Q_.const_score_query(Q_.term_set_query(SCHEMA, "facet", ids), 0.0)))
    if words:
        for word in parsed.words:
            title = Q_.term_query(SCHEMA, "title_words", word, index_option="freq")
            body = Q_.term_query(SCHEMA, "body_words", word, index_option="freq")
            clauses.append((SHOULD, Q_.boost_query(title, TITLE_WORDS_BOOST)))
            clauses.append((SHOULD, Q_.boost_query(body, BODY_WORDS_BOOST)))
    return Q_.boolean_query(clauses)


def _entry_ids(searcher, hits) -> list[int]:
    return searcher.fast_field_values("entry_id", [address for _, address in hits])


def page(
    parsed: ParsedQuery,
    facet_ids: dict[str, list[int]],
    order: str,
    offset: int,
    limit: int,
    searcher: tantivy.Searcher | None = None,
) -> tuple[list[int], int]:
    """The entry ids of one page, in order, and how many entries match (exactly)."""
    searcher = searcher or ready_index().searcher()
    query = build_query(parsed, facet_ids, words=order != "date")
    if order == "date":
        result = searcher.search(
            query, limit, count=True, order_by_field="order_key", offset=offset
        )
        return _entry_ids(searcher, result.hits), result.count
    # Among equal scores the newest first (the key of each hit, read from its column).
    result = searcher.search(query, limit, count=True, offset=offset, weight_by_field="weight")
    addresses = [address for _, address in result.hits]
    keys = searcher.fast_field_values("order_key", addresses)
    ids = searcher.fast_field_values("entry_id", addresses)
    ranked = sorted(
        zip(result.hits, keys, ids, strict=True), key=lambda h: (-h[0][0], -(h[1] or 0))
    )
    return [entry_id for _, _, entry_id in ranked], result.count


_pool: ThreadPoolExecutor | None = None


def page_and_facets(
    parsed: ParsedQuery, facet_ids: dict[str, list[int]], order: str, offset: int, limit: int
) -> tuple[list[int], int, dict[int, int]]:
    """``page`` and ``facet_counts`` at once: tantivy lets go of the interpreter while it
    searches, so the facets are counted on a second thread meanwhile (at a million
    entries about half the time of one after the other, on an idle machine)."""
    global _pool
    searcher = ready_index().searcher()  # (any database access stays on this thread)
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="search-facets")
    facets = _pool.submit(facet_counts, parsed, facet_ids, None, searcher)
    ids, found = page(parsed, facet_ids, order, offset, limit, searcher)
    return ids, found, facets.result()


def count(parsed: ParsedQuery, facet_ids: dict[str, list[int]]) -> int:
    searcher = ready_index().searcher()
    return searcher.search(build_query(parsed, facet_ids, words=False), 1, count=True).count


def facet_counts(
    parsed: ParsedQuery,
    facet_ids: dict[str, list[int]],
    exclude: str | None = None,
    searcher: tantivy.Searcher | None = None,
) -> dict[int, int]:
    """How many matches have each facet value, exactly (all matches, no cap)."""
    searcher = searcher or ready_index().searcher()
    kept = {name: ids for name, ids in facet_ids.items() if name != exclude}
    result = searcher.aggregate(
        build_query(parsed, kept, words=False),
        {"f": {"terms": {"field": "facet", "size": FACET_BUCKETS}}},
    )
    return {int(b["key"]): int(b["doc_count"]) for b in result["f"]["buckets"]}


class SimilarEngine:
    """``similar.py``'s two questions, answered by the embedded index."""

    def doc_freqs(self, cursor, terms: Sequence[tuple[str, ...]]) -> tuple[int, list[int]]:
        from .similar import DF_CAP, SIZE_CAP

        searcher = ready_index().searcher()
        dfs = [min(DF_CAP, searcher.search(_either(grams), 1, count=True).count) for grams in terms]
        return min(searcher.num_docs, SIZE_CAP), dfs

    def ranked(self, cursor, core, extra, source, restrict, limit) -> list[int]:
        from .models import FacetValue

        source_id = FacetValue.objects.filter(name="source", value=source).values_list(
            "pk", flat=True
        )
        if not source_id:
            return []
        alternatives = []
        if core:
            alternatives.append(Q_.boolean_query([(MUST, _either(t.grams)) for t in core]))
        alternatives += [_either(t.grams) for t in extra]
        clauses = [
            (MUST, Q_.boolean_query([(SHOULD, q) for q in alternatives])),
            (MUST, Q_.const_score_query(Q_.term_set_query(SCHEMA, "facet", list(source_id)), 0)),
        ]
        for ids in restrict:
            clauses.append((MUST, Q_.const_score_query(Q_.term_set_query(SCHEMA, "facet", ids), 0)))
        searcher = ready_index().searcher()
        result = searcher.search(Q_.boolean_query(clauses), limit, count=False)
        return _entry_ids(searcher, result.hits)


def _either(grams: Sequence[str], prefix: bool = False):
    return Q_.boolean_query(
        [
            (SHOULD, Q_.const_score_query(_phrase(grams, prefix, "title_grams"), TITLE_SCORE)),
            (SHOULD, _phrase(grams, prefix, "body_grams")),
        ]
    )
