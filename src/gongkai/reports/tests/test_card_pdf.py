"""The report card's PDF (成绩单): a chart by unit longer than a page is drawn in parts, so
every unit is in the PDF, the lowest rates first; and the PDF is rendered once per
content version and served from storage (``gongkai.core.generated``), with the figures'
HTML fingerprint saving WeasyPrint's work after a bump that left the card as it was
(``card.stored``); renders counted by ``generated.renders`` and ``stored.renders``, not
mocked. The world: 天水市 with 45 departments, each with replies finished in 2016."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, datetime, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType

from gongkai.applications.models import Application
from gongkai.core import generated, pagecache
from gongkai.core.pdf import render_pdf
from gongkai.reports.card import stored
from gongkai.reports.card.document import card_html
from gongkai.reports.card.figures import report_card
from gongkai.reports.card.visuals import PDF_ROWS
from gongkai.reports.models import ReportCardPdf
from gongkai.testing import factories
from gongkai.workdays.models import Clock, ClockState

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
URL = "/nianbao/chengjidan/620500/2016.pdf"
UNITS = 45  # three pages of bars at 20 a page
NUMERALS = "〇一二三四五六七八九"


def unit_name(n: int) -> str:
    """测试四五局 for 45: names written in numerals, so no two share a prefix of digits."""
    return "测试" + "".join(NUMERALS[int(d)] for d in f"{n:02d}") + "局"


def replies(department, *, on_time: int, late: int) -> None:
    """Reply clocks of applications to ``department`` finished in 2016."""
    kind = ContentType.objects.get_for_model(Application)
    Clock.objects.bulk_create(
        Clock(
            content_type=kind,
            object_id=f"{department.pk}-{n}",
            stage="reply",
            label="答复",
            department=department,
            start_date=date(2016, 5, 3),
            limit_days=20,
            due_date=date(2016, 5, 31),
            state=ClockState.MET if n < on_time else ClockState.OVERDUE,
            finished_on=date(2016, 5, 20) if n < on_time else date(2016, 6, 15),
        )
        for n in range(on_time + late)
    )


@pytest.fixture
def many_units(world, monkeypatch):
    from django.core.cache import cache

    cache.clear()
    moment = datetime(2026, 12, 7, 10, tzinfo=BEIJING)
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
    factories.site_profile(world.tianshui)
    for n in range(1, UNITS + 1):
        department = factories.department(
            world.tianshui, f"天水市{unit_name(n)}", short_name=unit_name(n)
        )
        replies(department, on_time=n % 5 + 1, late=(n * 3) % 4)
    yield world
    cache.clear()


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def drawn_above_the_footer(content: bytes) -> set[str]:
    """Words poppler finds inside a page and above its bottom margin (25 mm, where the
    page number is): what a reader sees. Text cut off at the page's foot is still in the
    PDF's content (pypdf extracts it), but outside the page or over the page number."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    xml = subprocess.run(
        [pdftotext, "-bbox", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    words = set()
    for page in xml.split("<page ")[1:]:
        height = float(page.split('height="')[1].split('"')[0])
        limit = height - 25 / 25.4 * 72
        for word in page.split("<word ")[1:]:
            y_max = float(word.split('yMax="')[1].split('"')[0])
            if y_max <= limit:
                words.add(word.split(">")[1].split("</word")[0])
    return words


def test_every_unit_of_a_long_chart_is_in_the_pdf_lowest_rate_first(client, many_units):
    response = client.get(URL)
    assert response.status_code == 200
    names = [unit_name(n) for n in range(1, UNITS + 1)]
    text = pdf_text(response.content)
    assert [name for name in names if name not in text] == []
    # each chart at most a page of bars, so none runs past a page's foot …
    html = card_html(report_card(many_units.tianshui, 2016))
    charts = html.split('<figure class="chart')[1:]
    assert max(chart.count('class="bar-row"') for chart in charts) <= PDF_ROWS
    # … and every unit is drawn where a reader sees it
    seen = drawn_above_the_footer(response.content)
    assert [name for name in names if not any(name in word for word in seen)] == []
    title = "2016年各机关依申请公开按期答复率"
    for part in ("第1—20个，共45个", "第21—40个，共45个", "第41—45个，共45个"):
        assert f"{title}（{part}）" in text, part
    # the lowest rates lead
    worst = unit_name(9)  # 5 on time, 3 late: 62.5 %
    best = unit_name(4)  # 5 on time, 0 late: 100 %
    assert text.index(worst) < text.index(best)


def test_the_page_keeps_one_chart_lowest_rate_first(client, many_units):
    html = client.get("/nianbao/chengjidan/620500/2016/").content.decode()
    assert html.count('<figure class="chart') == 4
    chart = html.split("各机关依申请公开按期答复率", 1)[1].split("</figure>")[0]
    rates = [float(cell.split("<")[0]) for cell in chart.split('<td class="figure">')[1:]]
    assert len(rates) == UNITS and rates == sorted(rates)


def test_the_pdf_is_rendered_once_per_version_of_the_content(client, many_units, generated_storage):
    name = "report-card/620500/2016"
    before, pdfs_before = generated.renders[name], stored.renders.value
    first = client.get(URL)
    assert generated.renders[name] == before + 1 and stored.renders.value == pdfs_before + 1
    assert first["Content-Type"] == "application/pdf"
    assert first["Cache-Control"] == "public, no-cache"
    assert first["Content-Disposition"].startswith("inline; ")
    assert (
        "filename*=UTF-8''" + quote("天水市2016年政务公开“成绩单”.pdf")
        in (first["Content-Disposition"])
    )
    again = client.get(URL)
    assert generated.renders[name] == before + 1  # served from storage, no figures computed
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert ReportCardPdf.objects.count() == 1
    # what is served is the PDF of this version, as a fresh render makes it
    fresh = render_pdf(
        card_html(report_card(many_units.tianshui, 2016), base_url="http://testserver/"),
        what="成绩单",
    )
    assert first.content == fresh

    # a client holding this version gets 304, without the PDF
    cached = client.get(URL, headers={"if-none-match": first["ETag"]})
    assert cached.status_code == 304 and cached.content == b""
    assert generated.renders[name] == before + 1

    # one more reply in the records, and the content version moves on (as publishing
    # anything does): the figures are computed again, and the new PDF rendered once
    replies(many_units.finance, on_time=0, late=1)
    pagecache.content_changed()
    changed = client.get(URL)
    assert generated.renders[name] == before + 2 and stored.renders.value == pdfs_before + 2
    assert changed["ETag"] != first["ETag"] and changed.content != first.content
    assert client.get(URL, headers={"if-none-match": first["ETag"]}).status_code == 200
    assert client.get(URL).content == changed.content
    assert generated.renders[name] == before + 2
    assert "市财政局" in pdf_text(changed.content)


def test_a_bump_that_leaves_the_card_as_it_was_computes_it_but_renders_no_pdf(
    client, many_units, generated_storage
):
    name = "report-card/620500/2016"
    before, pdfs_before = generated.renders[name], stored.renders.value
    first = client.get(URL)
    pagecache.content_changed()  # something else published: the card's figures are the same
    again = client.get(URL)
    assert generated.renders[name] == before + 2  # the figures computed again …
    assert stored.renders.value == pdfs_before + 1  # … but WeasyPrint did not run
    assert again.content == first.content and again["ETag"] != first["ETag"]


def test_only_the_newest_versions_are_kept(many_units):
    for n in range(stored.KEEP + 2):
        ReportCardPdf.objects.create(
            government=many_units.tianshui,
            year=2016,
            fingerprint=stored.fingerprint(f"version {n}"),
            pdf=b"%PDF-1.7",
            rendered_at=datetime(2026, 12, 1, 9, tzinfo=BEIJING) + timedelta(hours=n),
        )
    stored.card_pdf(many_units.tianshui, 2016, report_card(many_units.tianshui, 2016))
    assert ReportCardPdf.objects.filter(year=2016).count() == stored.KEEP
