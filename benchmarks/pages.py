"""Portal pages under gunicorn: throughput and latency as a ratio to a bare Django view.

* Generation: N plausible published public items of 天水市 (Chinese titles and
  bodies from the word lists of ``benchmarks.search``; subjects and genres
  from the migrated reference data, departments generated, since the
  migrations seed none). They are written with ``bulk_create`` in batches of
  500 with state ``published`` and an index number from the government's
  pattern — the review actions (保密审查, 审批, 发布) are bypassed on purpose:
  this is benchmark data, not a workflow test. Then indexed with
  ``gongkai.search.index_entries`` in batches of 500. Items/s of both.
* Pages: gunicorn (``--workers W``, settings ``benchmarks.bench_settings``,
  the same throw-away database) on 127.0.0.1 and a free port. After a warm-up,
  R requests per endpoint — the bare view ``/bench/bare/``, the catalogue
  ``/xxgk/catalog/`` (and uncached, a deep page: the one after its 8,000th row,
  or its middle one, by cursor), an item page (random items) and the search page
  (1–3 word queries) — from C client threads, each with its own keep-alive
  ``http.client`` connection, endpoints interleaved round-robin so the
  machine's noise hits all alike: R is split into 10 rounds, each running one
  block of every endpoint in turn, all clients on that endpoint. Every answer
  must be 200. Requests/s of an endpoint is its requests over the wall-clock
  seconds of its blocks; p50/p95 latency per request; ratio to bare.
  The clients run in this Python process, so the bare view's figure is partly
  bounded by the client side: the ratios understate the pages' cost a little.

Default: 5,000 items on a throw-away SQLite file under /tmp that it migrates
itself, 2 workers, 300 requests per endpoint, 4 clients. ``--postgres URL``
runs on that (empty, dedicated) PostgreSQL database instead: it is migrated
and the generated items stay in it. Run
``python -m benchmarks.pages [--size N] [--postgres URL] [--workers W] [--requests R]``.

On a kept PostgreSQL database the run resumes: items are generated only up to
N, and indexing goes on after the highest item already indexed, so a run
stopped while generating or indexing can simply be started again, and
``--data-only`` then a second run measures on data built once (see
``docs/benchmarks.md`` for the million-item run). ``--queries Q`` also times
``search()`` against the raw full-text SQL on the same data.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import queue
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from benchmarks import analyze_after_load
from benchmarks.search import COUNTIES, DEPARTMENTS, DOCTYPES, TOPICS, VERBS, _sentence, queries

SEED = 20261128
BATCH = 500
PROGRESS = 50_000  # items between progress lines
CLIENTS = 4
ROUNDS = 10
TZ = ZoneInfo("Asia/Shanghai")
ROOT = Path(__file__).resolve().parent.parent
EXTRA_DEPARTMENTS = ["天水市大数据管理局", "天水市乡村振兴局", "天水市医疗保障局", "天水市应急管理局"]  # fmt: skip


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def _environment(database_url: str, var_dir: Path, index_dir: Path | None = None) -> dict[str, str]:
    return {
        "GONGKAI_ENV": "test",
        "GONGKAI_HTTPS": "false",
        "GONGKAI_DATABASE_URL": database_url,
        "GONGKAI_VAR_DIR": str(var_dir),
        # The whole-page cache shared by the workers, as in production (files under var).
        "GONGKAI_PAGE_CACHE_DIR": str(var_dir / "cache" / "pages"),
        # The embedded search index on disk, read by every worker, as on a node (ADR 0011).
        "GONGKAI_SEARCH_INDEX_DIR": str(index_dir or var_dir / "search-index"),
        "GONGKAI_SEARCH_SYNC": "worker",
        "DJANGO_SETTINGS_MODULE": "benchmarks.bench_settings",
    }


def _setup_django(environment: dict[str, str]) -> None:
    os.environ.update(environment)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _world():
    """天水市 with its site profile and departments: the search word lists' and a few more."""
    from gongkai.portal.models import SiteProfile
    from gongkai.testing.factories import department, government, site_profile

    city = government("620500", "天水市")
    if not SiteProfile.objects.exists():
        site_profile(city)
    names = ["天水市" + d[1:] for d in DEPARTMENTS] + EXTRA_DEPARTMENTS
    return city, [department(city, name, short_name="市" + name[3:]) for name in names]


def generate(size: int) -> float | None:
    """Write published items until the database holds ``size``; return items/s
    (None when it already held them: a database kept from an earlier run)."""
    from django.db import transaction

    from gongkai.disclosure.models import (
        DisclosureSettings,
        Genre,
        InformationItem,
        SubjectCategory,
    )
    from gongkai.numbering import render_pattern

    serial = InformationItem.objects.count()
    missing = size - serial
    if missing <= 0:
        return None
    rng = random.Random(SEED + serial)
    city, departments = _world()
    pattern = DisclosureSettings.for_government(city).index_number_pattern
    subjects = list(SubjectCategory.objects.all())
    genres = list(Genre.objects.all())
    genre_by_name = {g.name: g for g in genres}
    through = InformationItem.publishing_departments.through
    start = datetime(2016, 1, 1, 9, tzinfo=TZ)
    began = time.perf_counter()
    for first in range(0, missing, BATCH):
        items, co_publishers = [], []
        for _ in range(min(BATCH, missing - first)):
            serial += 1
            dept = rng.choice(departments)
            org = dept.name
            topic = rng.choice(TOPICS)[0]
            doctype = rng.choice(DOCTYPES)[0]
            published = start + timedelta(minutes=rng.randrange(10 * 365 * 24 * 60))
            title = rng.choice(
                [
                    f"{org}关于{rng.choice(VERBS)}{topic}工作的{doctype}",
                    f"{published.year}年{rng.choice(['全市', *COUNTIES])}{topic}{doctype}",
                    f"{org}{published.year}年{topic}情况{doctype}",
                ]
            )
            paragraphs = [_sentence(rng, org, topic, doctype) for _ in range(rng.randint(4, 12))]
            genre = next((g for n, g in genre_by_name.items() if n in doctype), None)
            items.append(
                InformationItem(
                    government=city,
                    department=dept,
                    index_number=render_pattern(
                        pattern,
                        {
                            "机构代码": dept.uscc,
                            "区划代码": city.code,
                            "年份": published.year,
                            "流水号": serial,
                        },
                    ),
                    document_number=f"{dept.short_name[1:3]}发〔{published.year}〕{rng.randint(1, 120)}号",
                    title=title,
                    written_on=(published - timedelta(days=rng.randint(0, 10))).date(),
                    subject=rng.choice(subjects),
                    genre=genre or rng.choice(genres),
                    keywords=f"{topic} {doctype}",
                    summary=f"{org}发布{topic}{doctype}。",
                    body="".join(f"<p>{p}</p>" for p in paragraphs),
                    source=org,
                    state="published",
                    published_at=published,
                )
            )
            co_publishers.append([dept] + ([rng.choice(departments)] if rng.random() < 0.1 else []))
        with transaction.atomic():
            created = InformationItem.objects.bulk_create(items)
            through.objects.bulk_create(
                [
                    through(informationitem_id=item.pk, department_id=d.pk)
                    for item, depts in zip(created, co_publishers, strict=True)
                    for d in {d.pk: d for d in depts}.values()
                ]
            )
        _progress("generated", first + len(items), missing, began)
    return missing / (time.perf_counter() - began)


def _progress(what: str, done: int, total: int, began: float) -> None:
    """A line to stderr every ``PROGRESS`` items, so a long run's log shows how far it got."""
    if done % PROGRESS and done != total:
        return
    rate = done / (time.perf_counter() - began)
    eta = (total - done) / rate if rate else 0
    print(
        f"  … {what} {done:,} of {total:,} ({rate:,.0f} items/s, {eta / 60:,.0f} min to go)",
        file=sys.stderr,
        flush=True,
    )


def index() -> float | None:
    """Index the public items the index does not hold yet, in batches; return items/s.

    Items are read in primary-key order, a batch at a time (keyset, no
    long-lived cursor), and resumed after the highest one indexed: a run
    stopped while indexing goes on where it stopped. None when there was
    nothing to index.
    """
    from django.db import connection
    from django.db.models import BigIntegerField, Max
    from django.db.models.functions import Cast

    from gongkai.disclosure.effects import SEARCH_SOURCE
    from gongkai.disclosure.indexing import _public, entry_for
    from gongkai.search import index_entries
    from gongkai.search.backends import get_backend
    from gongkai.search.models import SearchEntry

    last = (
        SearchEntry.objects.filter(source=SEARCH_SOURCE).aggregate(
            last=Max(Cast("object_id", BigIntegerField()))
        )["last"]
        or 0
    )
    total = _public().filter(pk__gt=last).count()
    if not total:
        return None
    began = time.perf_counter()
    done = 0
    while batch := list(_public().filter(pk__gt=last).order_by("pk")[:BATCH]):
        done += index_entries(SEARCH_SOURCE, [entry_for(item) for item in batch])
        last = batch[-1].pk
        _progress("indexed", done, total, began)
    with connection.cursor() as cursor:
        get_backend().optimise(cursor)
    return done / (time.perf_counter() - began)


def build(size: int) -> None:
    """Generate and index (what is missing), printing the items/s of both."""
    generated = generate(size)
    if generated is None:
        print("  generation: skipped, the database already holds the items", flush=True)
    else:
        print(f"  generation: {generated:,.0f} items/s (bulk_create, batches of {BATCH})", flush=True)  # fmt: skip
    analyze_after_load()
    indexed = index()
    if indexed is None:
        print("  indexing: skipped, the index already holds every item", flush=True)
    else:
        print(f"  indexing: {indexed:,.0f} items/s (index_entries, batches of {BATCH})", flush=True)  # fmt: skip
    from gongkai.search import embedded

    if embedded.enabled():
        node_index = embedded.get_index()
        began = time.perf_counter()
        if node_index.state.built:
            done = node_index.sync()
        else:
            done = node_index.rebuild(
                progress=lambda n, total: _progress("embedded index", n, total, began)
            )
        seconds = time.perf_counter() - began
        print(f"  embedded index: {done:,} entries applied, {done / seconds if seconds else 0:,.0f}/s "
              f"({seconds:,.1f} s)", flush=True)  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# A path so marked is asked for the first time: anonymously, as every visitor is, with
# a query parameter no other request has sent, so the whole-page cache has never seen
# the address (the page is rendered, and stored, as on the first request for an item).
UNCACHED = "uncached:"
_first = itertools.count()


def _get(conn: http.client.HTTPConnection, path: str) -> tuple[int, float]:
    headers = {"Host": "127.0.0.1"}
    if path.startswith(UNCACHED):
        path = path[len(UNCACHED) :]
        path += f"{'&' if '?' in path else '?'}first={next(_first)}"
    began = time.perf_counter()
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    return response.status, time.perf_counter() - began


def _wait_until_up(server: subprocess.Popen, port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {server.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            status, _ = _get(conn, "/bench/bare/")
            conn.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer on 127.0.0.1:{port} within {timeout:.0f} s")


def _block(port: int, paths: list[str], clients: int) -> tuple[list[float], list[str], float]:
    """GET every path once from ``clients`` threads, each with a keep-alive connection."""
    jobs: queue.Queue = queue.Queue()
    for path in paths:
        jobs.put(path)
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            while True:
                try:
                    path = jobs.get_nowait()
                except queue.Empty:
                    return
                try:
                    status, seconds = _get(conn, path)
                except (OSError, http.client.HTTPException) as error:
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    status, seconds = repr(error), 0.0
                with lock:
                    if status == 200:
                        latencies.append(seconds)
                    else:
                        failures.append(f"{path}: {status}")
        finally:
            conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, failures, time.perf_counter() - began


def load(port: int, endpoints: dict[str, list[str]], counts: dict[str, int], clients: int):
    """Per endpoint: latencies and busy seconds of ``counts[name]`` GETs from ``clients`` threads.

    The requests are split into ``ROUNDS`` rounds; each round runs one block of
    every endpoint in turn (all clients on the same endpoint, so its figures
    are its own), round-robin so the machine's noise hits all endpoints alike.
    """
    latencies: dict[str, list[float]] = {name: [] for name in endpoints}
    seconds: dict[str, float] = dict.fromkeys(endpoints, 0.0)
    failures: list[str] = []
    for round_ in range(ROUNDS):
        for name, paths in endpoints.items():
            per_round = -(-counts[name] // ROUNDS)
            first, last = round_ * per_round, min(counts[name], (round_ + 1) * per_round)
            if first >= last:
                continue
            block = [paths[i % len(paths)] for i in range(first, last)]
            values, failed, wall = _block(port, block, clients)
            latencies[name] += values
            seconds[name] += wall
            failures += failed
    return latencies, seconds, failures


def _deep_catalogue_page(depth: int = 8_000) -> str:
    """The catalogue's page after its ``depth``-th row (at most the middle one), by
    cursor as its "下一页" links give it: offset pages would have read ``depth`` rows."""
    from gongkai.disclosure.models import InformationItem
    from gongkai.portal.paging import Cursor

    newest = InformationItem.objects.public().order_by("-published_at", "-id")
    row = newest[min(depth, newest.count() // 2)]
    return f"/xxgk/catalog/?after={Cursor.of(row).encode()}"


def run_pages(
    environment: dict[str, str],
    workers: int,
    requests: int,
    clients: int,
    timeout: int,
    search_requests: int | None = None,
) -> None:
    from gongkai.disclosure.models import InformationItem

    rng = random.Random(SEED + 2)
    numbers = list(InformationItem.objects.public().values_list("index_number", flat=True))
    items = [
        f"/xxgk/{number}/" for number in rng.sample(numbers, min(len(numbers), max(requests, 1)))
    ]
    searches = [
        "/xxgk/search/?" + urlencode({"q": q}) for q in queries(max(requests, 1), seed=SEED + 3)
    ]
    # Cached: pages a warm-up has stored (the same catalogue page, 20 items, 20 queries);
    # uncached: the same server asked for addresses it has not seen (``UNCACHED``).
    endpoints = {
        "bare Django view": ["/bench/bare/"],
        "catalogue, cached": ["/xxgk/catalog/"],
        "item page, cached": items[:20],
        "search page, cached": searches[:20],
        "catalogue, uncached": [UNCACHED + "/xxgk/catalog/"],
        "catalogue deep, uncached": [UNCACHED + _deep_catalogue_page()],
        "item page, uncached": [UNCACHED + path for path in items],
        "search page, uncached": [UNCACHED + path for path in searches],
    }
    counts = dict.fromkeys(endpoints, requests)
    if search_requests is not None:
        counts["search page, uncached"] = search_requests
    note = f" ({search_requests} on the search page)" if search_requests is not None else ""
    serve_and_measure(environment, endpoints, counts, workers, clients, timeout, note)


def serve_and_measure(
    environment: dict[str, str],
    endpoints: dict[str, list[str]],
    counts: dict[str, int],
    workers: int,
    clients: int,
    timeout: int,
    note: str = "",
) -> None:
    """Start gunicorn on the environment's database, warm every endpoint (cached pages
    stored once), then load them side by side and print each one's throughput as a
    ratio to the first endpoint (the bare Django view). Shared by other benchmarks
    (e.g. ``benchmarks.powers``' public pages)."""
    port = _free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "gongkai.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--chdir", str(ROOT), "--log-level", "warning"]
    command += ["--timeout", str(timeout)]
    for key, value in environment.items():
        command += ["--env", f"{key}={value}"]
    child_env = {**os.environ, **environment}
    child_env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *filter(None, [child_env.get("PYTHONPATH")])]
    )
    server = subprocess.Popen(command, cwd=ROOT, env=child_env, start_new_session=True)
    try:
        _wait_until_up(server, port)
        warm = {name: min(10 * workers, max(workers, count // 5)) for name, count in counts.items()}
        for name, paths in endpoints.items():
            if not paths[0].startswith(UNCACHED):
                warm[name] = max(warm[name], len(paths))  # every cached page stored once
        _, _, failures = load(port, endpoints, warm, clients)
        if failures:
            raise SystemExit(f"warm-up failed: {failures[:5]}")
        latencies, seconds, failures = load(port, endpoints, counts, clients)
        if failures:
            raise SystemExit(f"{len(failures)} requests failed, e.g. {failures[:5]}")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    requests = max(counts.values())
    print(
        f"  pages: gunicorn {workers} worker(s), {clients} keep-alive clients, {requests} requests "
        f"per endpoint in {ROUNDS} interleaved rounds{note}"
    )
    base = None
    for name, values in latencies.items():
        rate = len(values) / seconds[name]
        base = base or rate
        p50, p95 = _pct(values, 0.5) * 1000, _pct(values, 0.95) * 1000
        print(
            f"    {name:<24} {rate:>8,.0f} req/s  p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  "
            f"throughput ratio to bare {rate / base:.3f}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5_000, help="items to generate (default 5,000)")
    parser.add_argument("--postgres", metavar="URL", help="run on this PostgreSQL database")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument(
        "--index-dir",
        type=Path,
        help="keep the embedded search index here (default: a throw-away directory; give one "
        "with a kept --postgres database so a later run does not rebuild it)",
    )
    parser.add_argument(
        "--requests", type=int, default=300, help="requests per endpoint (default 300)"
    )
    parser.add_argument("--clients", type=int, default=CLIENTS, help="client threads (default 4)")
    parser.add_argument(
        "--queries",
        type=int,
        default=0,
        help="also time this many search() calls against the raw full-text SQL on the "
        "same data (benchmarks.search's measurement; default 0: not)",
    )
    parser.add_argument(
        "--timeout",
        type=int,
        default=30,
        help="gunicorn's worker timeout in seconds (default 30, gunicorn's own): a slower "
        "request fails the run",
    )
    parser.add_argument(
        "--data-only",
        action="store_true",
        help="generate and index, then stop (with --postgres: measure later on the kept data)",
    )
    parser.add_argument(
        "--search-requests",
        type=int,
        metavar="R",
        help="requests on the search page, when fewer than --requests are affordable",
    )
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="with --postgres: neither generate nor index, measure on what the database holds",
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.measure_only and (args.data_only or not args.postgres):
        parser.error("--measure-only needs --postgres and excludes --data-only")
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-bench-pages-"))
    try:
        url = args.postgres or f"sqlite:///{tmp / 'bench.sqlite3'}"
        environment = _environment(url, tmp, args.index_dir)
        _setup_django(environment)
        from django.db import connection

        from gongkai.disclosure.models import InformationItem

        print(
            f"pages — {connection.vendor}, {args.size:,} published items, "
            f"{os.cpu_count()} CPU cores",
            flush=True,
        )
        if args.measure_only:
            print("  generation and indexing: skipped (--measure-only)", flush=True)
        else:
            build(args.size)
        from gongkai.search.models import SearchEntry

        held, entries = InformationItem.objects.count(), SearchEntry.objects.count()
        if held != args.size or entries != held:
            print(f"  (the database holds {held:,} items, the index {entries:,})", flush=True)
        if args.data_only:
            return
        if connection.vendor == "postgresql":
            # The tables as autovacuum keeps them on a live database (statistics,
            # visibility map), whether or not it runs on this server: right after
            # a bulk load the planner still thinks the tables are empty.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        if args.queries:
            from benchmarks.search import time_queries

            time_queries(args.queries, engines=("tantivy",))  # entries written for it only
        connection.close()
        run_pages(
            environment,
            args.workers,
            args.requests,
            args.clients,
            args.timeout,
            args.search_requests,
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
