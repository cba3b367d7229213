"""The 通报 of a period's inspections: ranked, the failures' problems, DOCX and PDF."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse

from gongkai.supervision import bulletin
from gongkai.supervision.models import Inspection, Site

pytestmark = pytest.mark.django_db


def inspected(name: str, on: date, score: float, vetoes=(), deductions=()):
    site, _ = Site.objects.get_or_create(name=name, home_url=f"http://{name}.example/")
    return Inspection.objects.create(
        site=site,
        inspected_on=on,
        score=score,
        passed=score >= 60 and not vetoes,
        vetoes=[v["code"] for v in vetoes],
        report={"vetoes": list(vetoes), "deductions": list(deductions)},
    )


@pytest.fixture(autouse=True)
def site(world):
    from gongkai.testing.factories import site_profile

    return site_profile(world.tianshui)


@pytest.fixture
def quarter():
    inspected("qinzhou", date(2026, 10, 9), 72)  # superseded by the later one
    inspected("qinzhou", date(2026, 11, 20), 95.5)
    inspected(
        "maiji",
        date(2026, 11, 21),
        100,
        vetoes=[{"code": "homepage_stale", "label": "首页栏目不更新", "detail": "已30天未更新"}],
    )
    inspected(
        "gangu",
        date(2026, 11, 22),
        88,
        deductions=[{"code": "broken_link", "label": "错误链接", "findings": 24, "points": 5.0}],
    )
    inspected("wushan", date(2026, 9, 1), 50)  # before the period


def test_the_latest_inspection_of_each_site_ranked_by_score(quarter):
    doc = bulletin.bulletin(date(2026, 10, 1), date(2026, 12, 7), issuer="天水市人民政府办公室")
    assert [(r.rank, r.site, r.score, r.passed) for r in doc.rows] == [
        (1, "maiji", 100.0, False),
        (2, "qinzhou", 95.5, True),
        (3, "gangu", 88.0, True),
    ]
    assert doc.summary == "2026年10月1日至2026年12月7日，共检查网站3个，合格2个，不合格1个。"
    assert doc.failed[0].problems == ["单项否决：首页栏目不更新（已30天未更新）"]
    assert doc.rows[2].problems == ["扣分：错误链接24处，扣5分"]
    assert doc.rectify_by == date(2026, 12, 21)


def test_the_circular_as_docx_and_pdf(client, world, quarter):
    from docx import Document
    from pypdf import PdfReader

    client.force_login(world.office)
    query = "?start=2026-10-01&end=2026-12-07"
    page = client.get(reverse("workbench:supervision_staff:bulletin") + query).content.decode()
    assert "共检查网站3个，合格2个，不合格1个" in page
    docx = client.get(reverse("workbench:supervision_staff:bulletin_file", args=["docx"]) + query)
    assert docx["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "关于2026年10月1日至2026年12月7日政府网站检查情况的通报" in text
    assert "maiji：单项否决：首页栏目不更新（已30天未更新）。" in text
    assert "2026年12月21日前完成整改" in text
    cells = [c.text for c in Document(io.BytesIO(docx.content)).tables[0].rows[1].cells]
    assert cells == ["1", "maiji", "100", "不合格"]
    pdf = client.get(reverse("workbench:supervision_staff:bulletin_file", args=["pdf"]) + query)
    assert pdf["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(pdf.content)).pages
    extracted = "".join(p.extract_text() for p in pages).replace("\n", "")
    assert "政府网站检查情况的通报" in extracted and "qinzhou" in extracted


def test_a_period_the_wrong_way_round_is_refused_in_chinese(client, world):
    client.force_login(world.office)
    url = reverse("workbench:supervision_staff:bulletin") + "?start=2026-12-07&end=2026-10-01"
    assert "起始日期不能晚于截止日期" in client.get(url).content.decode()


def test_only_the_office_gets_the_circular(client, world, quarter):
    client.force_login(world.handler_finance)
    url = reverse("workbench:supervision_staff:bulletin_file", args=["pdf"])
    assert client.get(url + "?start=2026-10-01&end=2026-12-07").status_code == 403
