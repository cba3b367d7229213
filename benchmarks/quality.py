"""Search quality on the demo: a judged query set and its precision.

``benchmarks/judged_queries.json`` lists queries a citizen or a clerk types on
the Tianshui demo, each with the items that must come first (a piece of each
one's title, in any order among themselves) and why. For each query the
precision is the share of its first k hits (k = the number of judged items)
that are judged items; the run prints every query's precision, the hits that
broke it, and the mean.

The demo is loaded with ``gongkai demo`` into a throw-away SQLite database
(about four minutes), or taken from ``--var-dir DIR`` where an earlier run (or
``GONGKAI_VAR_DIR=DIR make run``) left one. Run
``python -m benchmarks.quality [--var-dir DIR] [--engine database]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

JUDGED = Path(__file__).with_name("judged_queries.json")


def judged() -> list[dict]:
    return json.loads(JUDGED.read_text(encoding="utf-8"))


def _setup(var_dir: Path, engine: str) -> None:
    os.environ["GONGKAI_ENV"] = "development"
    os.environ["GONGKAI_VAR_DIR"] = str(var_dir)
    os.environ["GONGKAI_SEARCH_ENGINE"] = engine
    os.environ["GONGKAI_SEARCH_SYNC"] = "inline"
    os.environ.pop("GONGKAI_DATABASE_URL", None)
    os.environ.pop("GONGKAI_SEARCH_INDEX_DIR", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()


def _load_demo() -> float:
    from io import StringIO

    from django.core.management import call_command

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("demo", stdout=StringIO())
    return time.perf_counter() - began


def precision(query: dict) -> tuple[float, list[str]]:
    """The share of the first k hits that are judged items, and the first k titles."""
    from gongkai.search import search

    wanted = query["first"]
    hits = search(query["q"], per_page=max(10, len(wanted))).hits[: len(wanted)]
    titles = [hit.title for hit in hits]
    good = sum(any(piece in title for piece in wanted) for title in titles)
    return good / len(wanted), titles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var-dir", type=Path, help="use (or leave) the demo here")
    parser.add_argument("--engine", choices=["tantivy", "database"], default="tantivy")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    var_dir = args.var_dir or Path(tempfile.mkdtemp(prefix="gongkai-bench-quality-"))
    try:
        _setup(var_dir, args.engine)
        from django.db import connection
        from django.db.utils import OperationalError

        try:
            from gongkai.disclosure.models import InformationItem

            loaded = InformationItem.objects.exists()
        except OperationalError:
            loaded = False
        if loaded:
            note = f"the demo already in {var_dir}"
            if args.engine == "database":
                from django.core.management import call_command

                call_command("search", "reindex", stdout=open(os.devnull, "w"))  # noqa: SIM115
        else:
            note = f"demo loaded in {_load_demo():,.0f} s"
        from gongkai.search.models import SearchEntry

        queries = judged()
        print(
            f"search quality — {args.engine} engine on {connection.vendor}, "
            f"{SearchEntry.objects.count():,} entries ({note}), {len(queries)} judged queries"
        )
        scores = []
        for query in queries:
            score, titles = precision(query)
            scores.append(score)
            print(f"  {score:4.0%}  {query['q']}  (k={len(query['first'])})")
            if score < 1:
                for title in titles:
                    mark = "✓" if any(p in title for p in query["first"]) else "✗"
                    print(f"          {mark} {title}")
        print(f"  mean precision at k: {sum(scores) / len(scores):.2f}")
        return 0
    finally:
        if args.var_dir is None:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
