"""Search: indexing throughput, and both engines' query latency side by side.

* Indexing, the embedded engine (the default, ADR 0011): N generated entries
  (plausible Chinese government notices, see ``generate``) written with
  ``index_entries`` in batches of 500 (the entry and facet rows and the change
  log, no tokenising), then the node's tantivy index built from them
  (``EmbeddedIndex.rebuild``: rjieba words and bigrams, in batches of 2,000):
  entries/s of each and of both together.
* Indexing, the database engine (ADR 0005): the same entries written again
  with the database's own full text (FTS5 or ``tsvector``): entries/s.
* Queries: 1–3 word queries drawn from the generator's vocabulary, and phrase
  queries (``PHRASES``). Each is run as ``search()`` (page 1 by relevance or
  by date, with total, facet counts, snippets and hydration) on the embedded
  engine and on the database engine, interleaved query by query: p50/p95 of
  both and their ratio.

Default: 20,000 entries on a throw-away SQLite file under /tmp that it
migrates itself, the embedded index in a directory beside it.
``--postgres URL --size N`` runs on PostgreSQL instead: the database at URL is
migrated, and only entries of the source ``bench.item`` are written (and
removed at the end unless ``--keep``). ``--postgres URL --existing
--index-dir DIR`` writes nothing and only times the queries against what the
database and the index in DIR already hold (e.g. the million items
``benchmarks.pages --index-dir DIR`` generated).
Run ``python -m benchmarks.search [--size N] [--queries Q]``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

SEED = 20161231
SOURCE = "bench.item"
BATCH = 500

COUNTIES = ["秦州区", "麦积区", "清水县", "秦安县", "甘谷县", "武山县", "张家川回族自治县"]
DEPARTMENTS = [
    "市财政局", "市环保局", "市人社局", "市住建局", "市民政局", "市发展改革委", "市国土资源局",
    "市安监局", "市工商局", "市质监局", "市公安局", "市水务局", "市卫计委", "市扶贫办",
    "市审计局", "市法制办", "市食品药品监管局", "市公共资源交易中心", "市政务服务中心",
]  # fmt: skip
# (topic, subject code, key area or None)
TOPICS = [
    ("棚户区改造", "csjs", "housing"), ("农村危房改造", "csjs", "housing"),
    ("保障性住房分配", "csjs", "housing"), ("黄标车淘汰", "hjbh", "environment"),
    ("大气污染防治", "hjbh", "environment"), ("秸秆禁烧", "hjbh", "environment"),
    ("部门预算公开", "czjr", "budget"), ("三公经费管理", "czjr", "budget"),
    ("财政专项资金", "czjr", "budget"), ("精准扶贫", "fp", None), ("易地扶贫搬迁", "fp", None),
    ("城乡低保", "mz", "social"), ("医疗救助", "mz", "social"), ("养老保险", "rs", "social"),
    ("食品安全抽检", "spyp", "food"), ("药品流通监管", "spyp", "food"),
    ("安全生产大检查", "aqsc", "safety"), ("危险化学品整治", "aqsc", "safety"),
    ("行政审批制度改革", "zwgk", "approval"), ("权责清单", "zwgk", "approval"),
    ("双公示", "zwgk", None), ("政府信息公开", "zwgk", None), ("河长制", "sl", None),
    ("防汛抗旱", "sl", None), ("冬季供暖保障", "csjs", None), ("道路名称征集", "csjs", None),
    ("成纪新城建设", "csjs", None), ("义务教育均衡发展", "jy", None), ("征地拆迁", "gt", "land"),
    ("土地出让", "gt", "land"), ("价格收费", "jg", "price"), ("公共资源交易", "zwgk", None),
]  # fmt: skip
DOCTYPES = [
    ("通知", "tz"), ("实施意见", "yj"), ("工作方案", "fa"), ("实施细则", "gfxwj"), ("公告", "gg"),
    ("公示", "gs"), ("通报", "tb"), ("报告", "bg"), ("管理办法", "gfxwj"), ("工作总结", "zj"),
]  # fmt: skip
VERBS = ["进一步加强", "加快推进", "做好", "深入开展", "规范", "全面落实", "扎实推进"]
PURPOSES = [
    "改善群众居住条件", "保障人民群众生命财产安全", "提高政府工作透明度", "促进经济社会持续健康发展",
    "打赢脱贫攻坚战", "改善城区环境空气质量", "规范行政权力运行", "提升政务服务水平",
]  # fmt: skip
LAWS = [
    "《中华人民共和国政府信息公开条例》", "《中华人民共和国预算法》", "《中华人民共和国安全生产法》",
    "《中华人民共和国大气污染防治法》", "《国有土地上房屋征收与补偿条例》", "省政府有关规定",
    "《甘肃省行政审批制度改革实施方案》",
]  # fmt: skip
METRICS = [
    ("完成投资", "亿元"), ("惠及群众", "万人"), ("淘汰车辆", "辆"), ("发放资金", "万元"),
    ("排查隐患", "处"), ("办结事项", "件"), ("新开工", "套"), ("培训人员", "人次"),
]  # fmt: skip
ACTIONS = [
    "高度重视，明确责任分工", "建立工作台账，实行销号管理", "加强督促检查，及时通报进展",
    "按时报送工作进展情况", "主动公开办理结果，接受社会监督", "落实属地管理责任",
]  # fmt: skip
GOALS = ["各项任务按期完成", "资金安全高效使用", "群众满意度明显提升", "问题整改到位"]
TZ = ZoneInfo("Asia/Shanghai")


def _sentence(rng: random.Random, org: str, topic: str, doctype: str) -> str:
    place = rng.choice(["全市", *COUNTIES])
    metric, unit = rng.choice(METRICS)
    return rng.choice(
        [
            f"为{rng.choice(PURPOSES)}，根据{rng.choice(LAWS)}，结合我市实际，{org}制定本{doctype}。",
            f"{place}{topic}工作取得明显成效，{metric}{rng.randint(3, 9000)}{unit}，同比增长{rng.randint(1, 30)}.{rng.randint(0, 9)}%。",
            f"各县区、各部门要{rng.choice(ACTIONS)}，确保{rng.choice(GOALS)}。",
            f"{org}负责{topic}的统筹协调和监督检查，{rng.choice(DEPARTMENTS)}等部门按职责分工配合。",
            f"对{topic}中发现的问题，{place}要{rng.choice(ACTIONS)}。",
            f"本{doctype}自发布之日起施行，有效期{rng.randint(2, 5)}年。",
        ]
    )


def generate(n: int, seed: int = SEED):
    """N entry dicts of plausible notices, reports and rules of 天水市 and its counties."""
    rng = random.Random(seed)
    start = datetime(2016, 1, 1, 9, tzinfo=TZ)
    for i in range(n):
        dept = rng.randrange(len(DEPARTMENTS))
        org = (
            "天水市" + DEPARTMENTS[dept][1:]
            if rng.random() < 0.5
            else rng.choice(COUNTIES) + DEPARTMENTS[dept][1:]
        )
        topic, subject, key_area = rng.choice(TOPICS)
        doctype, genre = rng.choice(DOCTYPES)
        published = start + timedelta(minutes=rng.randrange(11 * 365 * 24 * 60))
        title = rng.choice(
            [
                f"{org}关于{rng.choice(VERBS)}{topic}工作的{doctype}",
                f"{published.year}年{rng.choice(['全市', *COUNTIES])}{topic}{doctype}",
                f"{org}{published.year}年{topic}情况{doctype}",
            ]
        )
        body = "".join(_sentence(rng, org, topic, doctype) for _ in range(rng.randint(4, 12)))
        facets = {
            "department": [dept + 1]
            + ([rng.randrange(len(DEPARTMENTS)) + 1] if rng.random() < 0.1 else []),
            "subject": subject,
            "genre": genre,
            "year": published.year,
        }
        if key_area:
            facets["key_area"] = key_area
        if genre == "gfxwj":
            facets["validity"] = rng.choice(["valid", "valid", "valid", "expired", "repealed"])
        yield {
            "object_id": str(i + 1),
            "url": f"/xxgk/{i + 1}/",
            "title": title,
            "summary": f"{org}发布{topic}{doctype}。",
            "body": body,
            "published_at": published,
            "facets": facets,
        }


def queries(count: int, seed: int = SEED + 1) -> list[str]:
    """1–3 word queries over the vocabulary of the generated text."""
    rng = random.Random(seed)
    vocabulary = (
        [t for t, _, _ in TOPICS]
        + COUNTIES
        + [d[1:] for d in DEPARTMENTS]
        + [d for d, _ in DOCTYPES]
        + ["天水市", "资金", "隐患", "监督检查", "同比增长", "群众", "2016年", "2026年", "惠及群众"]
    )
    return [" ".join(rng.sample(vocabulary, rng.choice([1, 1, 2, 2, 3]))) for _ in range(count)]


def _setup_django(database_url: str, var_dir: Path, index_dir: Path | None = None) -> None:
    os.environ["GONGKAI_ENV"] = "test"
    os.environ["GONGKAI_DATABASE_URL"] = database_url
    os.environ["GONGKAI_VAR_DIR"] = str(var_dir)
    # The embedded index on disk, applied explicitly (as a node's worker would).
    os.environ["GONGKAI_SEARCH_INDEX_DIR"] = str(index_dir or var_dir / "search-index")
    os.environ["GONGKAI_SEARCH_SYNC"] = "worker"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def _index_size() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")
            sizes = {name: size for name, size in cursor.fetchall() if "search_" in name}
            fts = sum(size for name, size in sizes.items() if name.startswith("search_fts"))
            return (
                f"{sum(sizes.values()) / 2**20:,.0f} MB (FTS5 {fts / 2**20:,.0f} MB, of which "
                f"the token copy {sizes.get('search_fts_content', 0) / 2**20:,.0f} MB)"
            )
        cursor.execute(
            "SELECT pg_total_relation_size('search_searchentry'), "
            "pg_total_relation_size('search_searchfacet') + pg_total_relation_size('search_facetvalue'), "
            "pg_relation_size('search_entry_grams_gin')"
        )
        entries, facets, gin = cursor.fetchone()
        return (
            f"{(entries + facets) / 2**20:,.0f} MB (entries with vectors and indexes "
            f"{entries / 2**20:,.0f} MB, of which GIN {gin / 2**20:,.0f} MB; facets {facets / 2**20:,.0f} MB)"
        )


# Phrases of the generated text: many entries hold each of their characters, few the phrase.
PHRASES = [
    "张家川回族自治县 同比增长",
    "棚户区改造工作的通知",
    "天水市财政局 部门预算公开",
    "惠及群众",
    "秦安县 易地扶贫搬迁",
    "监督检查 安全生产大检查",
]


def _engine(name: str) -> None:
    from django.conf import settings

    settings.SEARCH_ENGINE = name


def run(size: int, n_queries: int) -> None:
    from django.db import connection

    from gongkai.search import clear_source, embedded, index_entries

    clear_source(SOURCE)
    entries = list(generate(size))
    chars = sum(len(e["title"]) + len(e["summary"]) + len(e["body"]) for e in entries)
    print(
        f"search — {connection.vendor}, {size:,} entries, {chars / size:,.0f} characters each on average"
    )

    _engine("tantivy")
    started = time.perf_counter()
    for i in range(0, size, BATCH):
        index_entries(SOURCE, entries[i : i + BATCH])
    rows = time.perf_counter() - started
    index = embedded.get_index()
    index.rebuild()  # load rjieba's dictionary before timing
    started = time.perf_counter()
    index.rebuild()
    built = time.perf_counter() - started
    print(f"  indexing, embedded engine: {size / (rows + built):,.0f} entries/s together "
          f"(entry rows {size / rows:,.0f}/s, {rows:,.1f} s; tantivy build {size / built:,.0f}/s, "
          f"{built:,.1f} s); index {_directory_size(index.path)}")  # fmt: skip

    _engine("database")
    started = time.perf_counter()
    for i in range(0, size, BATCH):
        index_entries(SOURCE, entries[i : i + BATCH])
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        from gongkai.search.backends import get_backend

        get_backend().optimise(cursor)
    index.sync()  # the rewritten entries' changes (same documents)
    print(f"  indexing, database engine: {size / seconds:,.0f} entries/s ({seconds:,.1f} s); "
          f"index {_index_size()}")  # fmt: skip

    time_queries(n_queries)


def _directory_size(path: Path | None) -> str:
    if path is None:
        return "in memory"
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return f"{size / 2**20:,.0f} MB on disk"


def time_queries(n_queries: int, engines: tuple[str, ...] = ("tantivy", "database")) -> None:
    """Print p50/p95 of ``search()`` on the embedded engine against the database
    engine, on whatever both hold, for both orders: ``n_queries`` queries of 1–3
    words, then the phrases, the two engines interleaved query by query."""
    from gongkai.search import search
    from gongkai.search.searching import candidate_cap

    sets = {"1–3 words": queries(n_queries), "phrases": PHRASES * max(1, n_queries // 30)}
    for engine in engines:
        _engine(engine)
        for q in sets["1–3 words"][:20] + PHRASES:  # warm caches, jieba, the index's pages
            search(q)
    for label, qs in sets.items():
        for order in ("relevance", "date"):
            times = {engine: [] for engine in engines}
            totals, capped, differ = [], 0, 0
            for q in qs:
                found = {}
                for engine in engines:
                    _engine(engine)
                    started = time.perf_counter()
                    results = search(q, order=order)
                    times[engine].append(time.perf_counter() - started)
                    found[engine] = results.total
                    capped += engine == "database" and results.capped
                totals.append(found["tantivy"])
                if "database" in found:
                    below_cap = found["database"] < candidate_cap()
                    differ += found["tantivy"] != found["database"] and below_cap
            t50, t95 = (_pct(times["tantivy"], q) * 1000 for q in (0.5, 0.95))
            line = (
                f"  search ({order}), {len(qs)} queries, {label}, median "
                f"{statistics.median(totals):,.0f} matches: embedded p50 {t50:.1f} ms, p95 {t95:.1f} ms"
            )
            if "database" in engines:
                d50, d95 = (_pct(times["database"], q) * 1000 for q in (0.5, 0.95))
                line += (
                    f"; database p50 {d50:.1f} ms, p95 {d95:.1f} ms ({capped} capped at "
                    f"{candidate_cap():,}); database/embedded p50 {d50 / t50:.1f}x, p95 {d95 / t95:.1f}x"
                    + (f"; {differ} totals differ below the cap" if differ else "")
                )
            print(line, flush=True)
    _engine("tantivy")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--size", type=int, default=20_000, help="entries to generate (default 20,000)"
    )
    parser.add_argument("--queries", type=int, default=300, help="queries to time (default 300)")
    parser.add_argument("--postgres", metavar="URL", help="run on this PostgreSQL database")
    parser.add_argument(
        "--keep", action="store_true", help="keep the bench.item entries on PostgreSQL"
    )
    parser.add_argument(
        "--index-dir",
        type=Path,
        help="the embedded index's directory (default: a throw-away one); with --existing, "
        "the one benchmarks.pages built",
    )
    parser.add_argument(
        "--existing",
        action="store_true",
        help="with --postgres: only time queries, on the entries the index already holds "
        "(e.g. the items benchmarks.pages generated)",
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.existing and not args.postgres:
        parser.error("--existing needs --postgres")
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-search-") as tmp:
        url = args.postgres or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        _setup_django(url, Path(tmp), args.index_dir)
        if args.existing:
            from django.db import connection

            from gongkai.search.models import SearchEntry

            print(f"search — {connection.vendor}, the {SearchEntry.objects.count():,} entries "
                  "the index already holds")  # fmt: skip
            from gongkai.search import embedded

            embedded.get_index().sync()
            # Entries written for the embedded engine carry no database full text.
            time_queries(args.queries, engines=("tantivy",))
            return
        run(args.size, args.queries)
        if args.postgres and not args.keep:
            from gongkai.search import clear_source

            clear_source(SOURCE)


if __name__ == "__main__":
    main()
