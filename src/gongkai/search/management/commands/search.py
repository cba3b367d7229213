"""`gongkai search`: the search index from the command line.

gongkai search reindex [--source NAME] [--batch-size N]
                                rebuild the index of every registered source (or one),
                                with a progress bar on stderr
gongkai search stats            entries per source, and which engine is in use
gongkai search sync             apply the changes not yet in this node's embedded index
                                (what the job worker does every second)
gongkai search rebuild-index    build this node's embedded index again from the entries,
                                with a progress bar (a new node, a damaged index)
gongkai search clear NAME       take every entry of a source out of the index
gongkai search query Q [--filter NAME=VALUE ...] [--order date] [--page N]
                                run a search as the portal would and print the hits
"""

from __future__ import annotations

import html
import re
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count

_TAGS_RE = re.compile(r"</?mark>")


def _plain(marked: str) -> str:
    return html.unescape(_TAGS_RE.sub("", marked))


class Command(BaseCommand):
    help = "全文检索索引：reindex（重建，可指定 --source）、stats（统计）、clear NAME（清除某来源）、query Q（试检索）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, title="子命令")
        reindex = sub.add_parser(
            "reindex", help="重建索引（全部已登记来源，或 --source 指定的一个）"
        )
        reindex.add_argument("--source", help="只重建这个来源，如 disclosure.item")
        reindex.add_argument("--batch-size", type=int, default=500, help="每批条数（每批一个事务）")
        sub.add_parser("stats", help="各来源的条目数与所用检索引擎")
        sub.add_parser("sync", help="把尚未应用的变更写入本节点的嵌入式索引")
        sub.add_parser("rebuild-index", help="从检索条目重建本节点的嵌入式索引")
        clear = sub.add_parser("clear", help="清除某来源的全部索引条目")
        clear.add_argument("name")
        query = sub.add_parser("query", help="试检索，打印结果")
        query.add_argument("q")
        query.add_argument("--filter", action="append", default=[], metavar="NAME=VALUE")
        query.add_argument("--order", choices=["relevance", "date"], default="relevance")
        query.add_argument("--page", type=int, default=1)

    def handle(self, *args, subcommand, **options):
        getattr(self, f"_{subcommand.replace('-', '_')}")(**options)

    def _embedded(self):
        from gongkai.search import embedded

        if not embedded.enabled():
            raise CommandError("当前检索引擎为 database（GONGKAI_SEARCH_ENGINE），没有嵌入式索引。")
        return embedded

    def _sync(self, **options):
        embedded = self._embedded()
        started = time.monotonic()
        try:
            done = embedded.get_index().sync()
        except ValueError as error:
            raise CommandError(f"索引正由另一进程（后台任务进程）写入：{error}") from error
        seconds = time.monotonic() - started
        self.stdout.write(f"已应用 {done} 条变更，用时 {seconds:.1f} 秒。")

    def _rebuild_index(self, **options):
        embedded = self._embedded()
        last = [0.0]

        def progress(done, total):
            now = time.monotonic()
            if now - last[0] >= 0.2 or done == total:
                last[0] = now
                share = done * 100 // total if total else 100
                self._progress(f"\r[嵌入式索引] 已写入 {done}/{total} ({share}%)")

        started = time.monotonic()
        try:
            done = embedded.get_index().rebuild(progress=progress)
        except ValueError as error:
            raise CommandError(
                f"索引正由另一进程写入（后台任务进程运行时请先停止它）：{error}"
            ) from error
        self._progress("\n")
        seconds = time.monotonic() - started
        rate = done / seconds if seconds else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"重建完成：{done} 条，用时 {seconds:.1f} 秒（每秒 {rate:.0f} 条）。"
            )
        )

    def _reindex(self, *, source=None, batch_size=500, **options):
        from gongkai.search.indexing import reindex
        from gongkai.search.registry import UnknownSource, registered_sources, source_label

        if batch_size < 1:
            raise CommandError("--batch-size 至少为 1。")
        if source is None and not registered_sources():
            self.stdout.write("没有已登记的检索来源，无需重建。")
            return
        state = {"source": None, "last": 0.0}

        def progress(name, done, total):
            now = time.monotonic()
            if name == state["source"] and now - state["last"] < 0.2 and done != total:
                return
            if state["source"] not in (None, name):
                self._progress("\n")
            state.update(source=name, last=now)
            shown = (
                f"{done}/{total} ({done * 100 // total if total else 100}%)"
                if total is not None
                else f"{done}"
            )
            self._progress(f"\r[{source_label(name)}] 已索引 {shown}")

        started = time.monotonic()
        try:
            results = reindex(source, batch_size=batch_size, progress=progress)
        except UnknownSource as error:
            raise CommandError(str(error)) from error
        if state["source"] is not None:
            self._progress("\n")
        seconds = time.monotonic() - started
        for result in results:
            self.stdout.write(
                f"{source_label(result.source)}（{result.source}）：索引 {result.indexed} 条，"
                f"移除已不存在的 {result.removed} 条。"
            )
        indexed = sum(r.indexed for r in results)
        self.stdout.write(self.style.SUCCESS(f"重建完成：{indexed} 条，用时 {seconds:.1f} 秒。"))
        from gongkai.search import embedded

        if embedded.enabled():
            applied = embedded.sync_now()
            self.stdout.write(
                f"嵌入式索引：已应用 {applied} 条变更（正在运行的后台任务进程也会应用）。"
            )

    def _progress(self, text: str) -> None:
        self.stderr.write(text, style_func=lambda s: s, ending="")
        self.stderr.flush()

    def _stats(self, **options):
        from gongkai.search import embedded
        from gongkai.search.models import SearchEntry
        from gongkai.search.registry import registered_sources, source_label

        if embedded.enabled():
            index = embedded.get_index()
            where = index.path or "内存"
            self.stdout.write(
                f"检索引擎：嵌入式索引 tantivy（{where}），文档 {index.searcher().num_docs} 条，"
                f"已应用变更至第 {index.state.applied} 号"
                + ("，有待应用的变更" if index.behind() else "")
            )
        else:
            engine = {"sqlite": "SQLite FTS5", "postgresql": "PostgreSQL 全文检索"}.get(
                connection.vendor, connection.vendor
            )
            self.stdout.write(f"检索引擎：{engine}")
        counts = dict(SearchEntry.objects.values_list("source").annotate(n=Count("id")).order_by())
        names = {s.name for s in registered_sources()} | set(counts)
        for name in sorted(names):
            note = "" if any(s.name == name for s in registered_sources()) else "（未登记）"
            self.stdout.write(f"  {source_label(name)}（{name}）：{counts.get(name, 0)} 条{note}")
        self.stdout.write(f"合计：{sum(counts.values())} 条")

    def _clear(self, *, name, **options):
        from gongkai.search.indexing import clear_source

        removed = clear_source(name)
        self.stdout.write(f"已清除“{name}”的 {removed} 条索引。")

    def _query(self, *, q, filter, order, page, **options):
        from gongkai.search.facets import UnknownFilter
        from gongkai.search.searching import search

        filters: dict[str, list[str]] = {}
        for item in filter:
            name, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"筛选条件应写作 NAME=VALUE，而不是“{item}”。")
            filters.setdefault(name.strip(), []).append(value.strip())
        started = time.perf_counter()
        try:
            results = search(q, filters=filters, order=order, page=page)
        except UnknownFilter as error:
            raise CommandError(str(error)) from error
        ms = (time.perf_counter() - started) * 1000
        more = "超过 " if results.capped else ""
        self.stdout.write(f"“{results.query}”：{more}{results.total} 条（{ms:.1f} 毫秒）")
        for hit in results.hits:
            self.stdout.write(f"- {hit.published_at:%Y-%m-%d} {_plain(hit.title_html)}  {hit.url}")
            self.stdout.write(f"  {_plain(hit.snippet)}")
        for name, values in results.facet_counts.items():
            shown = "，".join(f"{v} {n}" for v, n in list(values.items())[:8])
            self.stdout.write(f"[{name}] {shown}")
        for suggestion in results.suggestions:
            self.stdout.write(
                f"建议：{suggestion.label} → “{suggestion.query}”（{suggestion.total} 条）"
            )
