"""Public pages of 权责清单: browse, a power with its history, as-of view, the year's list, counts."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai import search
from gongkai.jobs.testing import run_jobs
from gongkai.powers.indexing import SEARCH_SOURCE
from gongkai.powers.models import AdjustmentKind, Power
from gongkai.powers.services.adjusting import Change, record_adjustment
from gongkai.powers.services.importing import import_list

from .helpers import children, full_workbook, power_row, workbook

pytestmark = pytest.mark.django_db
START = date(2016, 1, 1)
EFFECTIVE = date(2016, 7, 1)


@pytest.fixture
def listed(world):
    rows = [power_row(1), power_row(2), power_row(3, type_name="行政处罚", abbreviation="CF")]
    rows.append(power_row(4, department="天水市环境保护局", code="62050000HB-XK-0004"))
    bases, resp, acc = children(rows[0][0])
    import_list(
        world.tianshui,
        workbook(rows, bases=bases, responsibilities=resp, accountabilities=acc),
        valid_from=START,
    )
    return {p.code[-4:]: p for p in Power.objects.all()}


@pytest.fixture
def adjusted(world, listed):
    return record_adjustment(
        world.tianshui,
        document_number="天政发〔2016〕35号",
        document_title="天水市人民政府关于取消和下放一批行政审批项目的决定",
        decided_on=date(2016, 6, 20),
        effective_on=EFFECTIVE,
        changes=[
            Change(AdjustmentKind.CANCEL, [listed["0001"]]),
            Change(AdjustmentKind.DEVOLVE, [listed["0002"]], recipient="县区财政局"),
        ],
    )


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_portal_links_the_section_instead_of_the_placeholder(client):
    assert reverse("powers_portal:index") in _html(client, reverse("portal:home"))


def test_browse_by_department_and_type(client, world, listed):
    url = reverse("powers_portal:list")
    html = _html(client, url)
    assert "共 4 项" in html and "设立会计代理记账机构审批4" in html
    html = _html(client, f"{url}?dept={world.finance.pk}&type=CF")
    assert "共 1 项" in html and "设立会计代理记账机构审批3" in html
    assert "设立会计代理记账机构审批4" not in html
    html = _html(client, f"{url}?q=审批2")
    assert "共 1 项" in html


def test_the_list_pages(client, world):
    rows = [power_row(n) for n in range(1, 46)]
    import_list(world.tianshui, workbook(rows), valid_from=START)
    html = _html(client, reverse("powers_portal:list") + "?page=3")
    assert "第 3 页，共 3 页" in html
    assert "设立会计代理记账机构审批45" in html


def test_a_power_page_shows_basis_responsibilities_and_accountability(client, listed):
    html = _html(client, reverse("powers_portal:power", args=[listed["0001"].pk]))
    assert "《中华人民共和国会计法》第三十六条" in html
    assert "1. 受理" in html and "2. 审查" in html
    assert "因不履行或不正确履行审查职责的情形2" in html
    assert "0938-8212345" in html


def test_a_cancelled_power_keeps_its_page_with_the_history(client, adjusted, listed):
    html = _html(client, reverse("powers_portal:power", args=[listed["0001"].pk]))
    assert "该职权自2016年7月1日起已不在现行清单中" in html
    assert "取消" in html and "天政发〔2016〕35号" in html


def test_the_as_of_view_shows_the_list_before_the_adjustment(client, adjusted):
    url = reverse("powers_portal:list")
    assert "共 2 项" in _html(client, url)
    html = _html(client, url + "?date=2016-06-30")
    assert "共 4 项" in html and "2016年6月30日的清单" in html
    assert "共 0 项" in _html(client, url + "?date=2015-12-31")


def test_the_years_adjustment_list(client, adjusted):
    response = client.get(reverse("powers_portal:adjustments"))
    assert response.status_code == 302
    html = _html(client, response["Location"])
    assert "天水市2016年取消调整和下放的行政审批事项" in html
    assert "设立会计代理记账机构审批2" in html and "县区财政局" in html
    assert "天政发〔2016〕35号" in html
    html = _html(client, reverse("powers_portal:adjustment", args=[adjusted.pk]))
    assert "调整的事项（2 项）" in html


def test_the_counts_page(client, world, listed):
    county = power_row(1, code="62050200CZ-XK-0001", department="秦州区财政局", level="县级")
    import_list(world.qinzhou, workbook([county]), valid_from=START)
    html = _html(client, reverse("powers_portal:counts"))
    assert (
        "现行清单共有行政权力 <strong>4</strong> 项，责任事项 <strong>2</strong> 项，追责情形 <strong>4</strong> 项；所辖县区共有行政权力 <strong>1</strong> 项"
        in html
    )
    assert "秦州区" in html


def test_an_unknown_government_is_a_404(client, listed):
    assert client.get(reverse("powers_portal:list") + "?gov=999999").status_code == 404


def test_imported_powers_are_found_by_the_site_search(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        import_list(world.tianshui, full_workbook(2), valid_from=START)
    run_jobs()
    hits = search.search("代理记账", filters={"source": [SEARCH_SOURCE]}).hits
    assert len(hits) == 2


def test_a_cancelled_power_leaves_the_search(world, django_capture_on_commit_callbacks, listed):
    with django_capture_on_commit_callbacks(execute=True):
        import_list(world.tianshui, workbook([power_row(9)]), valid_from=START)
    run_jobs()
    assert len(search.search("审批9", filters={"source": [SEARCH_SOURCE]}).hits) == 1
    nine = Power.objects.get(code__endswith="0009")
    with django_capture_on_commit_callbacks(execute=True):
        record_adjustment(
            world.tianshui,
            document_number="天政发〔2016〕36号",
            document_title="决定",
            decided_on=date(2016, 6, 20),
            effective_on=EFFECTIVE,
            changes=[Change(AdjustmentKind.CANCEL, [nine])],
        )
    run_jobs()
    assert search.search("审批9", filters={"source": [SEARCH_SOURCE]}).hits == []


def test_the_list_downloads_as_xlsx(client, adjusted):
    from io import BytesIO

    from openpyxl import load_workbook

    response = client.get(reverse("powers_portal:export") + "?gov=620500&date=2016-06-30")
    assert response.status_code == 200

    def rows(response):
        sheet = load_workbook(BytesIO(response.content))["权力事项"]
        return [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]

    assert len(rows(response)) == 4
    response = client.get(reverse("powers_portal:export") + "?gov=620500")
    assert rows(response) == ["设立会计代理记账机构审批3", "设立会计代理记账机构审批4"]
