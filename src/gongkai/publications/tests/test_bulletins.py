"""政务公开栏: the issues by year on the public site, an issue's boards, the poster PDF
at the board's size, the report card's count."""

import io
from datetime import date

import pytest
from django.db import IntegrityError, transaction
from pypdf import PdfReader

from gongkai.publications.models import Board, BulletinIssue
from gongkai.publications.posters import render_poster
from gongkai.reports.card.figures import report_card

pytestmark = pytest.mark.django_db
MM = 72 / 25.4  # PDF points per millimetre


@pytest.fixture
def boards(world):
    hall = Board.objects.create(government=world.tianshui, name="政务大厅公开栏",
                                location="市政务服务中心", width_mm=2400, height_mm=1200)  # fmt: skip
    square = Board.objects.create(government=world.tianshui, name="广场公开栏",
                                  location="市民广场", width_mm=1200, height_mm=900)  # fmt: skip
    for number, posted in ((1, date(2016, 3, 1)), (2, date(2016, 4, 1)), (1, date(2017, 1, 5))):
        issue = BulletinIssue.objects.create(
            government=world.tianshui,
            year=posted.year,
            number=number,
            theme=f"{posted.year}年第{number}期主题",
            text="第一段。\n第二段。",
            posted_on=posted,
            removed_on=date(posted.year, posted.month, 20),
        )
        issue.boards.set([hall, square])
    return hall, square


def test_numbers_are_unique_per_year_and_removal_follows_posting(world, boards):
    with pytest.raises(IntegrityError), transaction.atomic():
        BulletinIssue.objects.create(government=world.tianshui, year=2016, number=2, theme="重复",
                                     text="x", posted_on=date(2016, 5, 1))  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        BulletinIssue.objects.create(government=world.tianshui, year=2016, number=3, theme="倒置",
                                     text="x", posted_on=date(2016, 5, 1),
                                     removed_on=date(2016, 4, 1))  # fmt: skip


def test_the_public_pages(client, boards):
    html = client.get("/gongbao/gongkailan/").content.decode()
    assert "2016年（2期）" in html and "2017年（1期）" in html
    assert html.index("2017年") < html.index("2016年")
    issue = BulletinIssue.objects.get(year=2016, number=2)
    html = client.get(f"/gongbao/gongkailan/{issue.pk}/").content.decode()
    assert "政务公开栏2016年第2期：2016年第2期主题" in html
    assert "政务大厅公开栏（市政务服务中心，240×120厘米）" in html
    hall = boards[0]
    response = client.get(f"/gongbao/gongkailan/{issue.pk}/poster/{hall.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    other = Board.objects.create(government=hall.government, name="未张贴", location="某处")
    assert client.get(f"/gongbao/gongkailan/{issue.pk}/poster/{other.pk}/").status_code == 404


def test_the_poster_is_at_the_board_s_size(boards):
    hall, square = boards
    issue = BulletinIssue.objects.get(year=2016, number=1)
    for board in (hall, square):
        page = PdfReader(io.BytesIO(render_poster(issue, board))).pages[0]
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width / MM), round(height / MM)) == (board.width_mm, board.height_mm)
        text = page.extract_text()
        assert "2016年第1期主题" in text and "第二段" in text


def test_the_report_card_counts_the_year_s_issues(world, boards):
    card = report_card(world.tianshui, 2016)
    got = {f["key"]: f for s in card["sections"] for f in s["figures"]}
    assert got["bulletin_issues"]["value"] == 2 and got["bulletin_issues"]["available"]
    assert (
        "更新政务公开栏2期"
        in next(s for s in card["sections"] if s["key"] == "channels")["sentence"]
    )
    assert {
        f["key"]: f for s in report_card(world.tianshui, 2017)["sections"] for f in s["figures"]
    }["bulletin_issues"]["value"] == 1
