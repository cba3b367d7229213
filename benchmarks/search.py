"""Search: indexing throughput, and query latency against the raw full-text SQL it wraps.

* Indexing: N generated entries (plausible Chinese government notices, see
  ``generate``) written with ``index_entries`` in batches of 500, one
  transaction each, jieba and bigrams included: entries per second.
* Queries: 1–3 word queries drawn from the generator's vocabulary. Each is run
  as ``search()`` (page 1 by relevance with total, facet counts, snippets and
  hydration; suggestions when nothing is found) and as the bare
  ``raw_fulltext_sql()`` (ids of the best 20 of *all* matches, ranking every
  one: what ``search()`` did before the candidate cap of ADR 0005),
  interleaved; p50/p95 of both and their ratio, and how many queries matched
  more than the candidates.

Default: 20,000 entries on a throw-away SQLite file under /tmp that it
migrates itself. ``--postgres URL --size N`` runs on PostgreSQL instead: the
database at URL is migrated, and only entries of the source ``bench.item`` are
written (and removed at the end unless ``--keep``). ``--postgres URL
--existing`` writes nothing and only times the queries against what the
index already holds (e.g. the million items ``benchmarks.pages`` generated).
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


def _setup_django(database_url: str, var_dir: Path) -> None:
    os.environ["GONGKAI_ENV"] = "test"
    os.environ["GONGKAI_DATABASE_URL"] = database_url
    os.environ["GONGKAI_VAR_DIR"] = str(var_dir)
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


def run(size: int, n_queries: int) -> None:
    from django.db import connection

    from gongkai.search import clear_source, index_entries
    from gongkai.search.indexing import _prepare

    clear_source(SOURCE)
    entries = list(generate(size))
    chars = sum(len(e["title"]) + len(e["summary"]) + len(e["body"]) for e in entries)
    print(
        f"search — {connection.vendor}, {size:,} entries, {chars / size:,.0f} characters each on average"
    )

    sample = entries[: min(2000, size)]
    _prepare(SOURCE, sample[0])  # load jieba's dictionary before timing
    started = time.perf_counter()
    for entry in sample:
        _prepare(SOURCE, entry)
    tokenise_rate = len(sample) / (time.perf_counter() - started)

    started = time.perf_counter()
    for i in range(0, size, BATCH):
        index_entries(SOURCE, entries[i : i + BATCH])
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        from gongkai.search.backends import get_backend

        get_backend().optimise(cursor)
    print(f"  indexing: {size / seconds:,.0f} entries/s ({seconds:,.1f} s for {size:,}; "
          f"tokenising alone {tokenise_rate:,.0f} entries/s); index {_index_size()}")  # fmt: skip

    time_queries(n_queries)


def time_queries(n_queries: int) -> None:
    """Print p50/p95 of ``search()`` against the raw full-text SQL it wraps, on
    whatever the index holds, for both orders: ``n_queries`` queries of 1–3
    words, the two interleaved query by query."""
    from django.db import connection

    from gongkai.search import raw_fulltext_sql, search
    from gongkai.search.searching import candidate_cap

    qs = queries(n_queries)
    for q in qs[:20]:  # warm caches and jieba
        search(q)
    for order in ("relevance", "date"):
        wrapped, raw, totals, capped = [], [], [], 0
        for q in qs:
            sql, params = raw_fulltext_sql(q)
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                cursor.fetchall()
            raw.append(time.perf_counter() - started)
            started = time.perf_counter()
            results = search(q, order=order)
            wrapped.append(time.perf_counter() - started)
            totals.append(results.total)
            capped += results.capped
        p50, p95 = _pct(wrapped, 0.5) * 1000, _pct(wrapped, 0.95) * 1000
        r50, r95 = _pct(raw, 0.5) * 1000, _pct(raw, 0.95) * 1000
        print(
            f"  search ({order}), {len(qs)} queries of 1–3 words, median {statistics.median(totals):,.0f} "
            f"matches ({capped} with more than the {candidate_cap():,} candidates): p50 {p50:.2f} ms, p95 {p95:.2f} ms; raw SQL p50 {r50:.2f} ms, p95 {r95:.2f} ms; "
            f"ratio p50 {p50 / r50:.1f}x, p95 {p95 / r95:.1f}x"
        )


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
        _setup_django(url, Path(tmp))
        if args.existing:
            from django.db import connection

            from gongkai.search.models import SearchEntry

            print(f"search — {connection.vendor}, the {SearchEntry.objects.count():,} entries "
                  "the index already holds")  # fmt: skip
            time_queries(args.queries)
            return
        run(args.size, args.queries)
        if args.postgres and not args.keep:
            from gongkai.search import clear_source

            clear_source(SOURCE)


if __name__ == "__main__":
    main()
