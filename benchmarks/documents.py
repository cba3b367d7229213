"""The report card PDF (成绩单) on request: the first request of a content version against
the second, served from storage (``gongkai.core.generated``).

* Data: ``benchmarks.reports``' generator — N applications (default 100,000) over A
  agencies (default 200) of 天水市 620500, a tenth as many in 秦州区 under it,
  reconsideration and litigation cases, N/25 catalogue items — and the card of 天水市
  for 2016, which sums all of them (applications, replies, the catalogue).
* Requests through Django's whole stack (``django.test.Client``: every middleware,
  the page cache among them, as an anonymous visitor), the whole-page cache and the
  generated documents stored in files under a throw-away ``var/``, as in production:
  (a) the first request of a content version: the figures computed, the HTML made,
  WeasyPrint renders the PDF, which is stored; WeasyPrint and its fonts are warmed
  first, so this is the render and not the process starting;
  (b) the second and later requests of that version, served from storage (repeated;
  p50 and min); the ratio (a)/(b);
  (c) the first request after a bump that left the card as it was (something else
  published): the figures computed again, but the PDF is that of the same HTML, so
  WeasyPrint does not run (``reports.card.stored``) — what every request cost before
  the PDF was served from storage;
  (d) a revalidation holding the ETag: 304.
  It checks that the second response is byte-identical to the first.

Default: a throw-away SQLite file under /tmp that it migrates itself; ``--postgres URL``
runs on that (empty, dedicated) PostgreSQL database. ``--save FILE`` writes the PDF
served, to look at. Run ``python -m benchmarks.documents [--size 100000] [--agencies
200] [--repeat 20] [--postgres URL] [--save FILE]``.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import reports as reports_bench

URL = "/nianbao/chengjidan/620500/2016.pdf"
HOST = "localhost"


def _setup_django(database_url: str, var_dir: Path) -> None:
    os.environ.update(
        {
            # the page cache and its content version in files, shared as in production
            "GONGKAI_PAGE_CACHE_DIR": str(var_dir / "cache" / "pages"),
            "GONGKAI_GENERATED_DIR": str(var_dir / "generated"),
            "DJANGO_SETTINGS_MODULE": "benchmarks.bench_settings",
        }
    )
    reports_bench._setup_django(database_url, var_dir)


def _timed(client, **headers) -> tuple[float, object]:
    started = time.perf_counter()
    response = client.get(URL, headers=headers)
    return time.perf_counter() - started, response


def _ms(values: list[float]) -> tuple[float, float]:
    return statistics.median(values) * 1000, min(values) * 1000


def run(size: int, agencies: int, repeat: int, save: Path | None) -> dict:
    from django.db import connection
    from django.test import Client

    from gongkai.core import generated, pagecache
    from gongkai.core.pdf import render_pdf
    from gongkai.reports.card import stored

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    city, _ours, counts, seconds = reports_bench.generate(size, agencies)
    made = "kept from an earlier run" if seconds is None else f"generated in {seconds:,.0f} s"
    print(
        f"documents — {connection.vendor}, the report card PDF of {city.name} 2016 over "
        f"{size:,} applications in {agencies} agencies (+{size // 10:,} in 秦州区), "
        f"{counts['cases']:,} cases, {counts['items']:,} catalogue items (+10%), {made}",
        flush=True,
    )
    render_pdf("<p>预热</p>", what="预热")  # fonts and imports: not part of a request
    client = Client(HTTP_HOST=HOST)
    name = f"report-card/{city.code}/2016"
    pagecache.bump()
    renders, pdfs = generated.renders[name], stored.renders.value
    first_s, first = _timed(client)
    if first.status_code != 200 or generated.renders[name] != renders + 1:
        raise SystemExit(f"the first request did not render: {first.status_code}")
    second = []
    for _ in range(repeat):
        elapsed, again = _timed(client)
        second.append(elapsed)
        if again.content != first.content:
            raise SystemExit("a second request served another PDF")
    if generated.renders[name] != renders + 1:
        raise SystemExit("a second request rendered again")
    unchanged = []
    for _ in range(max(repeat // 5, 1)):
        pagecache.bump()
        elapsed, again = _timed(client)
        unchanged.append(elapsed)
    if stored.renders.value != pdfs + 1 or again.content != first.content:
        raise SystemExit("a bump that left the card as it was rendered the PDF again")
    revalidations = []
    for _ in range(repeat):
        elapsed, cached = _timed(client, if_none_match=again["ETag"])
        revalidations.append(elapsed)
    if cached.status_code != 304:
        raise SystemExit(f"revalidation answered {cached.status_code}")
    s50, smin = _ms(second)
    u50, umin = _ms(unchanged)
    r50, rmin = _ms(revalidations)
    print(
        f"  (a) first request of a version (figures, HTML, WeasyPrint, stored): "
        f"{first_s * 1000:,.0f} ms, {len(first.content) / 1024:,.0f} KB\n"
        f"  (b) second request, served from storage: p50 {s50:.1f} ms (min {smin:.1f}), "
        f"{repeat} repetitions, byte-identical\n"
        f"  ratio (a)/(b): {first_s * 1000 / s50:,.0f}x (p50), {first_s * 1000 / smin:,.0f}x (min)\n"
        f"  (c) first request after a bump that left the card as it was (figures again, no "
        f"WeasyPrint; every request before): p50 {u50:,.0f} ms (min {umin:,.0f}), "
        f"{len(unchanged)} repetitions\n"
        f"  (d) revalidation with the ETag (304): p50 {r50:.1f} ms (min {rmin:.1f})",
        flush=True,
    )
    if save is not None:
        save.write_bytes(first.content)
        print(f"  the PDF served: {save}", flush=True)
    return {"first": first_s * 1000, "second": s50, "ratio": first_s * 1000 / s50}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="applications (default 100,000)")
    parser.add_argument("--agencies", type=int, default=200, help="agencies (default 200)")
    parser.add_argument("--repeat", type=int, default=20, help="timed repetitions (default 20)")
    parser.add_argument("--postgres", metavar="URL", help="run on this (dedicated) PostgreSQL")
    parser.add_argument("--save", type=Path, metavar="FILE", help="write the PDF served here")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.size < 1 or args.agencies < 1 or args.repeat < 1:
        parser.error("--size, --agencies and --repeat must be at least 1")
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-documents-") as tmp:
        url = args.postgres or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        _setup_django(url, Path(tmp))
        run(args.size, args.agencies, args.repeat, args.save)


if __name__ == "__main__":
    main()
