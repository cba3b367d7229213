"""The electronic edition and the API: published issues only, by year; an issue's
contents linking to the catalogue; search inside the gazette; the report card."""

from datetime import date

import pytest

from gongkai.publications import services
from gongkai.publications.models import Recipient
from gongkai.reports.card.figures import report_card

from .helpers import gazette, item, office_reviewer, section

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper(world):
    paper = gazette(world)
    Recipient.objects.create(gazette=paper, name="市直各部门", kind="unit", copies=600)
    Recipient.objects.create(gazette=paper, name="各县区", kind="county", copies=400)
    Recipient.objects.create(gazette=paper, name="已停发", kind="other", copies=99, active=False)
    reviewer = office_reviewer(world)
    for month, title in ((1, "关于冬季供暖的通知"), (2, "关于春耕备耕的通知")):
        issue = services.create_issue(paper, actor=world.office)
        doc = item(world.general_office, date(2016, month, 5), title,
                   document_number=f"天政办发〔2016〕{month}号")  # fmt: skip
        services.place(issue, doc, section("office"), actor=world.office)
        services.write_text(issue, section("chronicle"), f"{month}月大事记", "市政府召开全体会议。",
                            actor=world.office)  # fmt: skip
        services.submit(issue, actor=world.office)
        services.publish(issue, actor=reviewer, on=date(2016, month, 25))
        services.distribute(issue, actor=world.office)
    draft = services.create_issue(paper, actor=world.office)
    services.place(draft, item(world.finance, date(2016, 3, 5), "尚未出版的文件"),
                   section("departments"), actor=world.office)  # fmt: skip
    return paper


def test_the_archive_lists_published_issues_by_year(client, paper):
    html = client.get("/gongbao/").content.decode()
    assert "《天水市人民政府公报》" in html and "<h3>2016年</h3>" in html
    assert "2016年第2期（总第132期）" in html and "2016年第1期（总第131期）" in html
    assert html.index("第2期") < html.index("第1期")
    assert "为标准文本" in html
    assert client.get("/modules/gazette/").status_code in (200, 301, 302)


def test_an_issue_page_links_its_documents_to_the_catalogue(client, paper):
    issue = paper.issues.get(year_number=1)
    html = client.get(f"/gongbao/{issue.pk}/").content.decode()
    doc = issue.placements.get().item
    assert f'<a href="{doc.get_public_url()}">关于冬季供暖的通知</a>' in html
    assert "天政办发〔2016〕1号" in html and "<h3>政府大事记</h3>" in html
    assert "印发1000册" in html and f"/gongbao/{issue.pk}/pdf/" in html
    assert 'aria-label="当前位置"' in html
    doc.state = "withdrawn"
    doc.save(update_fields=["state"])
    from django.core.cache import caches

    caches["pages"].clear()
    assert "该文件已撤回" in client.get(f"/gongbao/{issue.pk}/").content.decode()
    unpublished = paper.issues.get(state="draft")
    assert client.get(f"/gongbao/{unpublished.pk}/").status_code == 404


def test_the_issue_pdf_is_served(client, paper):
    issue = paper.issues.get(year_number=2)
    response = client.get(f"/gongbao/{issue.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response).startswith(b"%PDF")


def test_the_api_s_queries_do_not_grow_with_the_issues(client, paper, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as two:
        client.get("/api/v1/gazette/issues")
    services.publish(  # a third issue
        _ready(world, paper, date(2016, 3, 5)), actor=office_reviewer(world), on=date(2016, 3, 25)
    )
    with CaptureQueriesContext(connection) as three:
        assert client.get("/api/v1/gazette/issues").json()["count"] == 3
    assert len(three) == len(two)


def _ready(world, paper, on):
    issue = paper.issues.get(state="draft")
    services.submit(issue, actor=world.office)
    return issue


def test_the_api_lists_issues_of_a_year_with_documents_and_copies(client, paper):
    body = client.get("/api/v1/gazette/issues?year=2016").json()
    assert body["count"] == 2
    first = body["items"][0]
    assert (first["year_number"], first["total_number"], first["published_on"]) == (
        1,
        131,
        "2016-01-25",
    )
    assert first["copies"] == 1000
    doc, chronicle = first["documents"]
    assert doc["title"] == "关于冬季供暖的通知" and doc["document_number"] == "天政办发〔2016〕1号"
    assert doc["url"].startswith("/xxgk/") and chronicle["url"] is None
    assert client.get("/api/v1/gazette/issues?year=2015").json()["count"] == 0
    for bad in ("year=16", "year=abc", "color=red"):
        response = client.get(f"/api/v1/gazette/issues?{bad}")
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"


def test_search_inside_the_gazette(client, paper):
    from gongkai import search

    search.reindex("publications.issue")
    html = client.get("/gongbao/search/", {"q": "春耕备耕"}).content.decode()
    assert "找到 1 期" in html and "2016年第2期" in html
    html = client.get("/gongbao/search/", {"q": "没有的词语组合"}).content.decode()
    assert "没有找到" in html


def test_the_report_card_counts_issues_and_copies(paper, world):
    card = report_card(world.tianshui, 2016)
    channels = next(s for s in card["sections"] if s["key"] == "channels")
    got = {f["key"]: f for f in channels["figures"]}
    assert (got["gazette_issues"]["value"], got["gazette_copies"]["value"]) == (2, 2000)
    assert got["gazette_issues"]["available"] and got["bulletin_issues"]["value"] == 0
    assert "全年编辑出版政府公报2期，赠阅2000册。" in channels["sentence"]
    assert [s["key"] for s in card["sections"]].count("channels") == 1
    assert report_card(world.tianshui, 2017)["sections"][1]["figures"][0]["value"] == 0
