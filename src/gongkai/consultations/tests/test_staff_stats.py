"""The office's statistics and backlog of consultations: figures written out by hand for a
small 2025, the year counted in Beijing time, who may open the page, the CSV, the query count.

The 2025 world (everything built through the services, at the dates given):
  A 市财政局 draft   2025-03-01..03-31, 3 comments, 1 approved, 2 pending; no feedback
  B 市财政局 call    2025-05-01..05-31, 2 entries rejected; feedback 2025-06-10 (9 days)
  C 市环保局 draft   2025-01-01..01-20 (opened 2024-12-31 16:00 UTC), 1 comment rejected;
                     feedback 2025-01-25 (4 days after the 01-21 00:00 closing)
  D 市环保局 draft   2026-01-01..01-10 (opened 2025-12-31 16:00 UTC): 2026, no feedback
  E 秦州区财政局 draft 2025-09-01..09-30, feedback 2025-10-21 (20 days)
  F 陇南市财政局 draft 2025-04-01..04-30: another government's, no feedback
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gongkai.consultations import services
from gongkai.consultations.models import Consultation, Kind
from gongkai.orgs.models import DepartmentType
from gongkai.orgs.roles import Role
from gongkai.testing.factories import department, staff

from .helpers import at, comment_data, entry_data, published
from .staff_helpers import unpublished

pytestmark = pytest.mark.django_db

URL = reverse("workbench:consultations_staff:stats")


def _moved(consultation, dept) -> Consultation:
    Consultation.objects.filter(pk=consultation.pk).update(department=dept)
    return Consultation.objects.get(pk=consultation.pk)


def _feedback(world, consultation, when) -> None:
    services.publish_feedback(
        consultation, "感谢参与，意见已研究处理。", actor=world.reviewer_finance, now=when
    )


def _rejected(world, consultation, comment_ids=(), entry_ids=()) -> None:
    services.moderate(
        Consultation.objects.get(pk=consultation.pk),
        comment_ids=comment_ids,
        entry_ids=entry_ids,
        approve=False,
        note="与征集无关",
        actor=world.handler_finance,
    )


def _comment(consultation, i, when) -> int:
    round = consultation.current_round()
    data = comment_data(text=f"第{i}条意见：建议提高补贴标准。", phone=f"1380000{i:04d}")
    return services.submit_comment(round, data, now=when).record.pk


def build_2025(world) -> dict[str, Consultation]:
    made = {}
    a = published(world, opens_on=date(2025, 3, 1), closes_on=date(2025, 3, 31), now=at(2025, 2, 1))
    ids = [_comment(a, i, at(2025, 3, 10)) for i in range(3)]
    services.moderate(a, comment_ids=ids[:1], approve=True, actor=world.handler_finance)
    made["A"] = a

    b = published(
        world, Kind.CALL, opens_on=date(2025, 5, 1), closes_on=date(2025, 5, 31), now=at(2025, 4, 1)
    )
    round = b.current_round()
    entries = [
        services.submit_entry(
            round, entry_data(title=f"名称{i}", phone=f"1390000{i:04d}"), now=at(2025, 5, 10)
        ).record.pk
        for i in range(2)
    ]
    _rejected(world, b, entry_ids=entries)
    _feedback(world, b, at(2025, 6, 10, 12))
    made["B"] = b

    c = published(
        world, opens_on=date(2025, 1, 1), closes_on=date(2025, 1, 20), now=at(2024, 12, 1)
    )
    _rejected(world, c, comment_ids=[_comment(c, 9, at(2025, 1, 1, 0, 0, 1))])
    _feedback(world, c, at(2025, 1, 25, 9))
    made["C"] = _moved(c, world.environment)

    d = published(
        world, opens_on=date(2026, 1, 1), closes_on=date(2026, 1, 10), now=at(2025, 12, 1)
    )
    made["D"] = _moved(d, world.environment)

    e = published(world, opens_on=date(2025, 9, 1), closes_on=date(2025, 9, 30), now=at(2025, 8, 1))
    _feedback(world, e, at(2025, 10, 21, 16))
    made["E"] = _moved(e, world.qinzhou_finance)

    f = published(world, opens_on=date(2025, 4, 1), closes_on=date(2025, 4, 30), now=at(2025, 3, 1))
    made["F"] = _moved(f, world.longnan_finance)

    unpublished(world, title="尚未发布的草案")
    return made


def _table(html: str) -> list[list[str]]:
    """The year's table as rows of cell texts (header, departments, totals)."""
    import re

    table = html.split('class="data-table stats-table"')[1].split("</table>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in rows
    ]


def _days_since(day: date) -> int:
    return (timezone.localdate() - day).days


def test_the_2025_figures_per_department_and_in_total(client, world):
    build_2025(world)
    client.force_login(world.office)
    response = client.get(URL, {"year": 2025})
    assert response.status_code == 200
    header, *rows = _table(response.content.decode())
    assert header[0] == "部门" and len(header) == 11
    wait_a = str(_days_since(date(2025, 4, 1)))
    # held, drafts, calls, comments, entries, pending, awaiting, longest wait, fed back, median
    assert rows == [
        ["天水市环境保护局", "1", "1", "0", "1", "0", "0", "0", "—", "1", "4"],
        ["天水市财政局", "2", "1", "1", "3", "2", "2", "1", wait_a, "1", "9"],
        ["秦州区财政局", "1", "1", "0", "0", "0", "0", "0", "—", "1", "20"],
        ["合计", "4", "3", "1", "4", "2", "2", "1", wait_a, "3", "9"],
    ]


def test_a_consultation_belongs_to_the_year_its_first_round_opened_in_beijing_time(client, world):
    build_2025(world)
    client.force_login(world.office)
    # C opened 2025-01-01 00:00 Beijing (still 2024 in UTC): not in 2024
    assert _table(client.get(URL, {"year": 2024}).content.decode())[-1][:2] == ["合计", "0"]
    # D opened 2026-01-01 00:00 Beijing (still 2025 in UTC): 2026's only consultation
    rows = _table(client.get(URL, {"year": 2026}).content.decode())[1:]
    assert rows[0][:2] == ["天水市环境保护局", "1"]
    assert rows[-1][:2] == ["合计", "1"]


def test_the_year_defaults_to_this_year_in_beijing(client, world):
    client.force_login(world.office)
    response = client.get(URL)
    assert response.status_code == 200
    assert f"{timezone.localdate().year}年意见征集情况" in response.content.decode()


def test_needs_attention_lists_closed_consultations_without_feedback_oldest_first(client, world):
    made = build_2025(world)
    client.force_login(world.office)
    html = client.get(URL, {"year": 2016}).content.decode()
    attention = html.split('class="data-table attention-table"')[1].split("</table>")[0]
    a_link = reverse("workbench:consultations_staff:detail", args=[made["A"].pk])
    d_link = reverse("workbench:consultations_staff:detail", args=[made["D"].pk])
    # whatever the year asked for: A (closed 2025-04-01) before D (closed 2026-01-11)
    assert a_link in attention and d_link in attention
    assert attention.index(a_link) < attention.index(d_link)
    assert f"<td>{_days_since(date(2026, 1, 11))}</td>" in attention
    # fed back (B, C, E) and another government's (F) are not listed
    for key in ("B", "C", "E", "F"):
        link = reverse("workbench:consultations_staff:detail", args=[made[key].pk])
        assert f'href="{link}"' not in attention


def test_the_csv_holds_the_table_with_a_bom_for_excel(client, world):
    build_2025(world)
    client.force_login(world.office)
    response = client.get(URL, {"year": 2025, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "consultations-2025.csv" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["部门", "开展征集（项）", "其中草案征求意见"]
    assert rows[1] == ["天水市环境保护局", "1", "1", "0", "1", "0", "0", "0", "", "1", "4"]
    assert rows[2][0] == "天水市财政局"
    assert rows[-1][:2] == ["合计", "4"]


@pytest.mark.parametrize("year", ["二〇一六", "16", "1999", "2101", "2016.5", ""])
def test_an_invalid_year_is_refused_in_words(client, world, year):
    client.force_login(world.office)
    response = client.get(URL, {"year": year})
    assert response.status_code == 400
    html = response.content.decode()
    assert "errorlist" in html
    assert "年度" in html.split('class="errorlist"')[1].split("</ul>")[0]


@pytest.mark.parametrize("persona", ["handler_finance", "reviewer_finance", "secrecy_finance"])
def test_department_staff_may_not_open_it(client, world, persona):
    client.force_login(getattr(world, persona))
    assert client.get(URL).status_code == 403
    assert client.get(URL, {"format": "csv"}).status_code == 403


def test_another_governments_office_sees_only_its_own_tree(client, world):
    build_2025(world)
    home = department(world.longnan, "陇南市人民政府办公室", kind=DepartmentType.GENERAL_OFFICE)
    longnan_office = staff("office_longnan", (home, Role.DISCLOSURE_OFFICE))
    client.force_login(longnan_office)
    response = client.get(URL, {"year": 2025})
    assert response.status_code == 200
    html = response.content.decode()
    wait = str(_days_since(date(2025, 5, 1)))
    assert _table(html)[1:] == [
        ["陇南市财政局", "1", "1", "0", "0", "0", "0", "1", wait, "0", "—"],
        ["合计", "1", "1", "0", "0", "0", "0", "1", wait, "0", "—"],
    ]
    assert "天水市财政局" not in html


def test_anonymous_visitors_are_sent_to_the_login(client, world):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_list_links_to_the_page_only_for_the_office(client, world):
    index = reverse("workbench:consultations_staff:index")
    client.force_login(world.office)
    assert f'href="{URL}"' in client.get(index).content.decode()
    client.force_login(world.reviewer_finance)
    assert f'href="{URL}"' not in client.get(index).content.decode()


def test_the_query_count_does_not_grow_with_the_consultations(client, world):
    client.force_login(world.office)
    build_2025(world)

    def queries(fmt=""):
        params = {"year": 2025, **({"format": fmt} if fmt else {})}
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, params).status_code == 200
        return len(captured)

    queries()  # the first page of a process also reads the holiday calendar (the banner)
    few, few_csv = queries(), queries("csv")
    for n in range(5):
        c = published(
            world,
            Kind.CALL if n % 2 else Kind.DRAFT,
            opens_on=date(2025, 7, 1),
            closes_on=date(2025, 7, 20),
            now=at(2025, 6, 1),
        )
        if c.kind == Kind.DRAFT:
            _comment(c, n, at(2025, 7, 2))
        _moved(c, [world.finance, world.environment, world.qinzhou_finance][n % 3])
    assert queries() == few
    assert queries("csv") == few_csv


def test_the_module_menu_names_the_page_for_the_office(client, world):
    client.force_login(world.office)
    html = client.get(URL).content.decode()
    menu = html.split('aria-label="意见征集"')[1].split("</nav>")[0]
    assert f'href="{URL}" aria-current="page">统计与督办</a>' in menu
