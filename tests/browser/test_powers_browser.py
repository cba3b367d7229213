"""权责清单's public pages in a real browser, at desktop width and on a 375 px phone:
the list with its filters, a power, the as-of view, the year's adjustments and the
counts. axe-core checks each page; nothing scrolls sideways on the phone."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN", "bypass_csp": True}
PHONE = {
    "viewport": {"width": 375, "height": 812},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
    "bypass_csp": True,
}


@pytest.fixture
def listed(transactional_db, site_profile):
    from gongkai.powers.models import AdjustmentKind, Power
    from gongkai.powers.services.adjusting import Change, record_adjustment
    from gongkai.powers.services.importing import import_list
    from gongkai.powers.tests.helpers import full_workbook
    from gongkai.testing.factories import World

    world = World()
    import_list(world.tianshui, full_workbook(25), valid_from=date(2016, 1, 1))
    record_adjustment(
        world.tianshui,
        document_number="天政发〔2016〕35号",
        document_title="天水市人民政府关于取消和下放一批行政审批项目的决定",
        decided_on=date(2016, 6, 20),
        effective_on=date(2016, 7, 1),
        changes=[
            Change(
                AdjustmentKind.DEVOLVE,
                [Power.objects.get(code__endswith="0001")],
                recipient="县区财政局",
            )
        ],
    )
    return world


@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_public_pages_are_accessible(live_server, listed, browser, assert_accessible, device):
    page = browser.new_context(**device).new_page()
    base = live_server.url

    def fits(what):
        assert page.evaluate(
            "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), f"{what} scrolls sideways"

    page.goto(base + "/quanze/")
    expect(page.get_by_role("heading", level=1)).to_have_text("权责清单")
    assert_accessible(page, "the powers home")
    page.get_by_role("link", name="天水市", exact=True).click()
    expect(page.locator("#powers-heading")).to_contain_text("共 24 项")
    assert_accessible(page, "the list of powers")
    fits("the list of powers")
    page.get_by_label("职权类型").select_option("行政许可")
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#powers-heading")).to_contain_text("行政许可权力事项（共 24 项）")
    page.get_by_role("link", name="设立会计代理记账机构审批2", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("设立会计代理记账机构审批2")
    assert_accessible(page, "a power's page")
    fits("a power's page")
    page.goto(base + "/quanze/list/?date=2016-06-30")
    expect(page.locator("#powers-heading")).to_contain_text("共 25 项")
    page.goto(base + "/quanze/adjustments/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "2016年取消调整和下放的行政审批事项"
    )
    assert_accessible(page, "the year's adjustments")
    fits("the year's adjustments")
    page.goto(base + "/quanze/counts/")
    assert_accessible(page, "the counts")
    fits("the counts")


@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_other_lists_and_the_credit_column_are_accessible(
    live_server, listed, browser, assert_accessible, device
):
    from decimal import Decimal

    from gongkai.powers.models import EntryChange, ListKind
    from gongkai.powers.services.credit import import_credit
    from gongkai.powers.services.lists import EntrySpec, record_list_change
    from gongkai.powers.tests.test_credit_column import COMPANY, PERSON, QUALIFICATION, USCC, xlsx

    world = listed
    record_list_change(world.tianshui, ListKind.FUNDS, number="天财发〔2016〕12号",
                       title="专项资金清单", effective_on=date(2016, 3, 1), changes=[
        EntrySpec(EntryChange.ADD, "ZX-001", {"name": "工业转型升级专项资金", "category": "产业发展",
                  "department": world.finance, "content": "支持技术改造", "basis": "市级预算",
                  "amount": Decimal("3000"), "rules": "《管理办法》"})])  # fmt: skip
    import_credit(world.environment, xlsx(companies=[COMPANY], practitioners=[PERSON],
                                          records=[QUALIFICATION]))  # fmt: skip
    page = browser.new_context(**device).new_page()
    base = live_server.url

    def fits(what):
        assert page.evaluate(
            "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), f"{what} scrolls sideways"

    page.goto(base + "/quanze/")
    page.get_by_role("link", name="财政专项资金管理清单").click()
    expect(page.locator("#entries-heading")).to_contain_text("资金规模合计 3000.00 万元")
    assert_accessible(page, "the special funds list")
    fits("the special funds list")
    page.get_by_role("link", name="工业转型升级专项资金").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("工业转型升级专项资金")
    assert_accessible(page, "a fund's page")
    page.goto(base + "/quanze/jianshe/")
    page.get_by_label("企业名称、统一社会信用代码，或从业人员姓名、执业证书编号").fill(USCC)
    page.get_by_role("button", name="查询").click()
    page.get_by_role("link", name="天水某某代理记账有限公司").click()
    expect(page.get_by_role("heading", level=2, name="资质")).to_be_visible()
    assert_accessible(page, "a company's credit page")
    fits("a company's credit page")
