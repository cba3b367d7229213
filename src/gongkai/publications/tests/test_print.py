"""The print edition: the contents' page numbers are the pages where the documents
start, read back from the PDF; cover, running heads and page numbers are there."""

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from gongkai.publications import services
from gongkai.publications.printing import css_string, render_issue

from .helpers import gazette, item, office_reviewer, section

pytestmark = pytest.mark.django_db

LONG = "".join(
    f"<p>第{n}条 本段为测试长文，用于使文件跨越多页，检验目录页码。" * 4 + "</p>" for n in range(60)
)


def published_issue(world):
    paper = gazette(world)
    issue = services.create_issue(paper, actor=world.office)
    docs = [
        (item(world.general_office, date(2016, 3, 1), "甲号通知", body=LONG), "government"),
        (item(world.general_office, date(2016, 3, 2), "乙号通知"), "office"),
        (item(world.finance, date(2016, 3, 3), "丙号通知", body=LONG), "departments"),
        (item(world.environment, date(2016, 3, 4), "丁号通知"), "departments"),
    ]
    for doc, code in docs:
        services.place(issue, doc, section(code), actor=world.office)
    services.write_text(issue, section("chronicle"), "戊号大事记", "3月1日，市政府召开常务会议。",
                        actor=world.office)  # fmt: skip
    services.submit(issue, actor=world.office)
    return services.publish(issue, actor=office_reviewer(world), on=date(2016, 3, 25))


def test_the_contents_page_numbers_are_where_the_documents_start(world):
    issue = published_issue(world)
    reader = PdfReader(io.BytesIO(render_issue(issue)))
    pages = [page.extract_text() for page in reader.pages]
    cover, toc = pages[0], pages[1]
    assert "天水市人民政府公报" in cover and "2016年第1期（总第131期）" in cover
    assert "2016年3月25日" in cover and "为标准文本" in "".join(cover.split())
    titles = ["甲号通知", "乙号通知", "丙号通知", "丁号通知", "戊号大事记"]
    listed = {}
    for title in titles:
        found = re.search(re.escape(title) + r"[\s.]*?(\d+)\s*$", toc, re.MULTILINE)
        assert found, f"{title} not in the contents:\n{toc}"
        listed[title] = int(found.group(1))
    starts = {}
    for number, text in enumerate(pages, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        for title in titles:
            # a document's page: its title right after the running head
            if title not in starts and title in lines[:3] and number > 2:
                starts[title] = number
    assert starts == listed
    assert listed["乙号通知"] - listed["甲号通知"] > 1  # the long document spans pages
    assert "— 3 —" in pages[2] and "《天水市人民政府公报》" in pages[2]


def test_running_heads_are_escaped_for_css():
    assert css_string('a"b\\c</style>') == '"a\\22 b\\5c c\\3c /style\\3e "'
