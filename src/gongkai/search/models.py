"""The search index: one row per public object, its facet values, and (outside
Django's models, created by migration 0002) the full-text index itself.

The full-text part differs by database (see ``backends.py``):

* SQLite: the FTS5 table ``search_fts`` (columns ``title_grams``,
  ``body_grams``, ``title_words``, ``body_words``; rowid = ``SearchEntry.id``)
  holding the pre-tokenised text. It keeps its own copy of the tokens rather
  than being external-content (which would put four token columns on this
  table, wasted on PostgreSQL) or contentless (which cannot delete a row
  without its original tokens before SQLite 3.43's ``contentless_delete``).
* PostgreSQL: two ``tsvector`` columns on this table, ``grams_tsv`` (title
  weight A, summary and body weight D; GIN-indexed, for matching) and
  ``words_tsv`` (same weights, for ranking only), built with the ``simple``
  configuration from the pre-tokenised text.

Rows are written only through ``gongkai.search.indexing``, which keeps the
three parts together.
"""

from __future__ import annotations

from django.db import models


class SearchEntry(models.Model):
    """One public object as the search sees it: what to show and what to filter by."""

    source = models.CharField("来源", max_length=50)
    object_id = models.CharField("对象编号", max_length=64)
    url = models.CharField("链接", max_length=500)
    title = models.CharField("标题", max_length=500)
    summary = models.TextField("摘要", blank=True)
    body = models.TextField("正文", blank=True, help_text="纯文本，含附件中提取的文字")
    published_at = models.DateTimeField("发布时间", db_index=True)
    facets = models.JSONField("分面", default=dict, blank=True)
    indexed_at = models.DateTimeField("索引时间")

    class Meta:
        verbose_name = "检索条目"
        verbose_name_plural = "检索条目"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "object_id"], name="search_entry_one_per_object"
            )
        ]
        indexes = [
            models.Index(fields=["source", "indexed_at"], name="search_entry_source_indexed")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.object_id} {self.title}"


class FacetValue(models.Model):
    """One facet value that some entry has (``department`` = ``12``), numbered once.

    Entries point at these numbers (``SearchFacet``) rather than carrying the
    strings: counting the values among ten thousand matches groups small
    integers, which is about twice as fast as grouping (name, value) strings.
    Rows are only ever added; a value nobody uses any more is harmless.
    """

    name = models.CharField("名称", max_length=40)
    value = models.CharField("值", max_length=100)

    class Meta:
        verbose_name = "分面取值"
        verbose_name_plural = "分面取值"
        constraints = [
            models.UniqueConstraint(fields=["name", "value"], name="search_facet_value_once")
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class SearchFacet(models.Model):
    """An entry has a facet value (an entry in two departments has two rows).

    A table rather than indexed ``facet_*`` columns or JSON lookups because
    facets are multi-valued (joint publications), their names grow with every
    module without a migration, and the same two plain B-tree indexes serve
    both databases: (value, entry) answers "entries of department 12", and
    (entry, value) counts the values among a set of matches. JSON containment
    lookups exist on PostgreSQL but not on SQLite.

    The foreign keys do nothing on delete: the indexing functions delete these
    rows themselves, in bulk, before the entries (the constraint is deferred).
    """

    entry = models.ForeignKey(SearchEntry, on_delete=models.DO_NOTHING, db_index=False)
    facet = models.ForeignKey(FacetValue, on_delete=models.DO_NOTHING, db_index=False)

    class Meta:
        verbose_name = "条目分面"
        verbose_name_plural = "条目分面"
        constraints = [
            models.UniqueConstraint(fields=["entry", "facet"], name="search_facet_once_per_entry")
        ]
        indexes = [models.Index(fields=["facet", "entry"], name="search_facet_entries")]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.facet_id}"


class SearchChange(models.Model):
    """An entry was written or removed: the log each node's embedded index applies in
    order (``embedded.py``, ADR 0011). Kept ``SEARCH_CHANGES_KEEP_DAYS`` days."""

    entry_id = models.BigIntegerField("条目编号")
    changed_at = models.DateTimeField("变更时间", db_index=True)

    class Meta:
        verbose_name = "检索变更"
        verbose_name_plural = "检索变更"

    def __str__(self) -> str:
        return f"{self.pk}: {self.entry_id}"


class SearchSynonym(models.Model):
    """Words that mean the same to someone searching (棚改 and 棚户区改造): a query term
    containing one of them also matches the others (``synonyms.py``)."""

    words = models.CharField(
        "同义词组",
        max_length=200,
        unique=True,
        help_text="两个或更多词，用空格分隔，如：棚改 棚户区改造",
    )
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "检索同义词"
        verbose_name_plural = "检索同义词"
        ordering = ["words"]

    def __str__(self) -> str:
        return self.words

    def group(self) -> tuple[str, ...]:
        from .tokens import normalise

        return tuple(dict.fromkeys(normalise(w) for w in self.words.split()))

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from .tokens import query_grams

        group = self.group()
        if len(group) < 2:
            raise ValidationError({"words": "同义词组至少要有两个不同的词，用空格分隔。"})
        empty = [w for w in group if not query_grams(w)[0]]
        if empty:
            raise ValidationError({"words": f"“{'、'.join(empty)}”不含文字或数字，无法检索。"})
        self.words = " ".join(group)
