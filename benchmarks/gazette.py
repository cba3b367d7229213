"""The print edition of a 政府公报 issue (``gongkai.publications.printing``): how long
WeasyPrint takes for an issue of about 100 pages (cover, contents with
``target-counter`` page numbers, running heads, each document from a new page).

Data: one gazette of 天水市 and one published issue of D documents (default 24: about 100 pages), each
a catalogue item of about three pages, plus a 政府大事记. WeasyPrint and the font are
warmed first (a one-page document), so the figure is the render, not the process
starting. It prints the pages made and the seconds (median and min of R renders).

Default: a throw-away SQLite file under /tmp that it migrates itself. Run
``python -m benchmarks.gazette [--documents 24] [--repeat 3] [--save FILE]``.
"""

from __future__ import annotations

import argparse
import io
import logging
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks import applications as applications_bench

BEIJING = ZoneInfo("Asia/Shanghai")
PARAGRAPH = (
    "<p>第{n}条 各县区人民政府、市政府各部门要按照本办法的规定，落实工作责任，"
    "加强协调配合，确保各项措施落到实处，并将落实情况及时报送市政府办公室。</p>"
)


def _issue(documents: int):
    from gongkai.disclosure.models import Genre, InformationItem, SubjectCategory
    from gongkai.orgs.roles import Role
    from gongkai.publications import services
    from gongkai.publications.models import Gazette, Section
    from gongkai.testing.factories import World, staff

    world = World()
    reviewer = staff("bench_reviewer", (world.general_office, Role.REVIEWER))
    gazette = Gazette.objects.create(
        government=world.tianshui, title="天水市人民政府公报", sponsor="天水市人民政府办公室"
    )
    issue = services.create_issue(gazette, actor=world.office)
    office = Section.objects.get(code="office")
    body = "".join(PARAGRAPH.format(n=n) for n in range(1, 46))
    for n in range(1, documents + 1):
        item = InformationItem.objects.create(
            government=world.tianshui,
            department=world.general_office,
            index_number=f"BENCH/GAZ-{n}",
            title=f"天水市人民政府办公室关于印发第{n}号管理办法的通知",
            document_number=f"天政办发〔2016〕{n}号",
            written_on=date(2016, 5, 1),
            subject=SubjectCategory.objects.first(),
            genre=Genre.objects.first(),
            item_type="normative",
            state="published",
            published_at=datetime(2016, 5, 2, 10, tzinfo=BEIJING),
            body=body,
        )
        services.place(issue, item, office, actor=world.office)
    chronicle = Section.objects.get(code="chronicle")
    services.write_text(issue, chronicle, "5月政府大事记", "5月3日，市政府召开常务会议。",
                        actor=world.office)  # fmt: skip
    services.submit(issue, actor=world.office)
    return services.publish(issue, actor=reviewer, on=date(2016, 5, 25))


def run(documents: int, repeat: int, save: Path | None) -> None:
    from pypdf import PdfReader

    from gongkai.core.pdf import render_pdf
    from gongkai.publications.printing import render_issue

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    issue = _issue(documents)
    render_pdf("<p>预热</p>")  # the font and WeasyPrint, once
    seconds, pdf = [], b""
    for _ in range(repeat):
        started = time.perf_counter()
        pdf = render_issue(issue)
        seconds.append(time.perf_counter() - started)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"gazette — the print edition of one issue: {documents} documents, {pages} pages, "
        f"{len(pdf) / 1024:,.0f} KiB; render median {statistics.median(seconds):.2f} s, "
        f"min {min(seconds):.2f} s ({repeat} renders)",
        flush=True,
    )
    if save:
        save.write_bytes(pdf)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--documents", type=int, default=24, help="documents (default 24: about 100 pages)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed renders (default 3)")
    parser.add_argument("--save", type=Path, metavar="FILE", help="write the PDF here")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.documents < 1 or args.repeat < 1:
        parser.error("--documents and --repeat must be at least 1")
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-gazette-") as tmp:
        applications_bench._setup_django(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", Path(tmp))
        run(args.documents, args.repeat, args.save)


if __name__ == "__main__":
    main()
