"""Table 二, block 第二十条第（一）项, from the catalogue's validity data, on a world written out by hand.

天水市财政局 (an agency of 天水市) and 秦州区财政局 (under it):

| item | type | 成文 | effective | expires | validity | changed | state |
|---|---|---|---|---|---|---|---|
| R1 | 规章 | 2015-03-01 | 2015-04-01 | — | 有效 | — | published |
| R2 | 规章 | 2016-05-10 | 2016-06-01 | — | 有效 | — | published |
| R3 | 规章 | 2014-01-01 | 2014-02-01 | — | 废止 | 2016-09-30 | published |
| N1 | 规范性文件 | 2016-02-01 | 2016-03-01 | 2021-02-28 | 有效 | — | published |
| N2 | 规范性文件 | 2016-12-20 | 2017-01-01 | — | 有效 | — | published |  issued 2016, not yet in force
| N3 | 规范性文件 | 2013-06-01 | 2013-07-01 | 2016-06-30 | 失效 | 2016-06-30 | published |
| N4 | 规范性文件 | 2015-01-01 | 2015-01-01 | — | 废止 | 2017-03-01 | published |  in force at the end of 2016
| N5 | 规范性文件 | 2016-08-01 | — | — | 有效 | — | draft |      not published: nothing
| Q1 | 规范性文件 (秦州区) | 2016-04-01 | 2016-04-01 | — | 有效 | — | published |

Expected for 天水市财政局, 2016: 规章 issued 1 (R2), repealed 1 (R3), in force 2 (R1, R2);
规范性文件 issued 2 (N1, N2), repealed 0 (N4 is repealed in 2017), in force 2 (N1, N4).
For the government of 天水市 (with 秦州区): 规范性文件 issued 3, in force 3.
"""

from datetime import date

import pytest

from gongkai.disclosure.models import Genre, InformationItem, SubjectCategory
from gongkai.reports.table_two import document_counts, table_two

pytestmark = pytest.mark.django_db

ROWS = [
    # name, type, written, effective, expires, validity, changed, state
    ("R1", "rule", date(2015, 3, 1), date(2015, 4, 1), None, "valid", None, "published"),
    ("R2", "rule", date(2016, 5, 10), date(2016, 6, 1), None, "valid", None, "published"),
    ("R3", "rule", date(2014, 1, 1), date(2014, 2, 1), None, "repealed", date(2016, 9, 30), "published"),
    ("N1", "normative", date(2016, 2, 1), date(2016, 3, 1), date(2021, 2, 28), "valid", None, "published"),
    ("N2", "normative", date(2016, 12, 20), date(2017, 1, 1), None, "valid", None, "published"),
    ("N3", "normative", date(2013, 6, 1), date(2013, 7, 1), date(2016, 6, 30), "expired", date(2016, 6, 30), "published"),
    ("N4", "normative", date(2015, 1, 1), date(2015, 1, 1), None, "repealed", date(2017, 3, 1), "published"),
    ("N5", "normative", date(2016, 8, 1), None, None, "valid", None, "draft"),
]  # fmt: skip


def item(world, name, item_type, written, effective, expires, validity, changed, state, dept=None):
    dept = dept or world.finance
    return InformationItem.objects.create(
        government=dept.government,
        department=dept,
        index_number=f"TEST/2016-{name}",
        title=f"{name} 测试文件",
        written_on=written,
        subject=SubjectCategory.objects.first(),
        genre=Genre.objects.first(),
        item_type=item_type,
        effective_on=effective,
        expires_on=expires,
        validity=validity,
        validity_changed_on=changed,
        state=state,
    )


@pytest.fixture
def catalogue(world):
    for row in ROWS:
        item(world, *row)
    item(
        world,
        "Q1",
        "normative",
        date(2016, 4, 1),
        date(2016, 4, 1),
        None,
        "valid",
        None,
        "published",
        dept=world.qinzhou_finance,
    )


def test_agency_counts(world, catalogue):
    assert document_counts(world.finance, 2016) == {
        "规章": {"本年制发件数": 1, "本年废止件数": 1, "现行有效件数": 2},
        "行政规范性文件": {"本年制发件数": 2, "本年废止件数": 0, "现行有效件数": 2},
    }


def test_government_counts_include_the_governments_under_it(world, catalogue):
    counts = document_counts(world.tianshui, 2016)
    assert counts["行政规范性文件"] == {"本年制发件数": 3, "本年废止件数": 0, "现行有效件数": 3}
    assert document_counts(world.qinzhou, 2016)["规章"] == {
        "本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 0,
    }  # fmt: skip


def test_the_next_year(world, catalogue):
    counts = document_counts(world.finance, 2017)
    # N2 comes into force; N4 is repealed on 2017-03-01.
    assert counts["行政规范性文件"] == {"本年制发件数": 0, "本年废止件数": 1, "现行有效件数": 2}


def test_entered_cells_say_where_they_come_from_and_empty_is_not_zero(world, catalogue):
    table = table_two(world.finance, 2016, {"licensing": 1520, "fees": None})
    assert table["第二十条第（五）项"]["行政许可"]["本年处理决定数量"] == {
        "value": 1520,
        "source": "entered",
    }
    assert table["第二十条第（八）项"]["行政事业性收费"]["本年收费金额（万元）"]["value"] is None
    assert table["第二十条第（一）项"]["规章"]["现行有效件数"] == {"value": 2, "source": "computed"}
