"""Compiling an issue from the catalogue: suggestions, published items only, the
higher-level warning, one issue per item, withdrawn items flagged to staff."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import DomainError
from gongkai.publications import services
from gongkai.publications.services.compiling import HigherLevel

from .helpers import gansu, gazette, item, office_reviewer, section

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(world):
    return services.create_issue(gazette(world), actor=world.office)


def test_suggestions_are_the_governments_public_items_of_the_period_and_types(world, issue):
    wanted = item(world.finance, date(2016, 3, 5), "市财政局关于预算管理的通知")
    also = item(world.general_office, date(2016, 3, 31), "市政府办公室关于春耕的通知")
    item(world.finance, date(2016, 4, 1), "四月的通知")  # after the period
    item(world.finance, date(2016, 3, 6), "一般信息", item_type="general")  # another type
    item(world.finance, date(2016, 3, 7), "草稿", state="draft")
    item(world.qinzhou_finance, date(2016, 3, 8), "秦州区的通知")  # another government
    item(world.finance, date(2016, 3, 9), "依申请", disclosure_attribute="on_request",
         exemption_reason="art16_process")  # fmt: skip
    item(world.general_office, date(2016, 3, 25), "公报第3期", genre="公报")
    found = services.suggestions(
        issue, date(2016, 3, 1), date(2016, 3, 31), item_types=["normative"]
    )
    assert [i.title for i in found] == [wanted.title, also.title]
    services.place(issue, wanted, section("departments"), actor=world.office)
    later = services.create_issue(issue.gazette, actor=world.office)
    found = services.suggestions(later, date(2016, 3, 1), date(2016, 3, 31))
    assert wanted not in found and also in found


def test_only_published_items_can_be_placed(world, issue):
    for state in ("draft", "approval", "withdrawn"):
        draft = item(world.finance, date(2016, 3, 5), f"{state}的文件", state=state)
        with pytest.raises(DomainError, match="不是已发布的主动公开信息"):
            services.place(issue, draft, section("departments"), actor=world.office)
    assert not issue.placements.exists()


def test_an_item_sits_in_one_issue_and_text_sections_take_no_items(world, issue):
    doc = item(world.finance, date(2016, 3, 5))
    services.place(issue, doc, section("departments"), actor=world.office)
    with pytest.raises(DomainError, match="已在本期中"):
        services.place(issue, doc, section("government"), actor=world.office)
    other = services.create_issue(issue.gazette, actor=world.office)
    with pytest.raises(DomainError, match="其他期次"):
        services.place(other, doc, section("departments"), actor=world.office)
    with pytest.raises(DomainError, match="由本期编写"):
        services.place(other, item(world.finance, date(2016, 3, 6)), section("chronicle"),
                       actor=world.office)  # fmt: skip
    block = services.write_text(
        issue, section("chronicle"), "3月大事记", "3月1日，……", actor=world.office
    )
    assert block.position == 1


def test_a_higher_level_item_needs_an_acknowledged_warning(world, issue):
    from gongkai.accounts.models import User
    from gongkai.testing.factories import department

    province = gansu(world)
    world.office = User.objects.get(pk=world.office.pk)  # its memberships under the new path

    provincial = item(department(province, "甘肃省人民政府办公厅"), date(2016, 3, 5), "省政府文件")
    with pytest.raises(HigherLevel, match="不是天水市本级的文件"):
        services.place(issue, provincial, section("government"), actor=world.office)
    placed = services.place(
        issue, provincial, section("government"), actor=world.office, acknowledge=True
    )
    assert placed.higher_level and placed.acknowledged_by == world.office
    neighbour = item(world.longnan_finance, date(2016, 3, 5), "陇南的文件")
    county = item(world.qinzhou_finance, date(2016, 3, 5), "秦州区的文件")
    for stranger in (neighbour, county):
        with pytest.raises(DomainError, match="或其上级政府的文件"):
            services.place(issue, stranger, section("departments"), actor=world.office,
                           acknowledge=True)  # fmt: skip


def test_an_item_withdrawn_after_placement_is_flagged_and_blocks_review(world, issue):
    doc = item(world.finance, date(2016, 3, 5), "后来撤回的文件")
    services.place(issue, doc, section("departments"), actor=world.office)
    doc.state = "withdrawn"
    doc.save(update_fields=["state"])
    assert [p.item.title for p in issue.withdrawn_placements()] == ["后来撤回的文件"]
    with pytest.raises(DomainError, match="请先从本期移除"):
        services.submit(issue, actor=world.office)


def test_only_drafts_are_edited_and_only_by_the_compilers(world, issue):
    doc = item(world.finance, date(2016, 3, 5))
    with pytest.raises(PermissionDenied):
        services.place(issue, doc, section("departments"), actor=world.handler_finance)
    services.place(issue, doc, section("departments"), actor=world.office)
    services.submit(issue, actor=world.office)
    with pytest.raises(PermissionDenied):
        services.place(issue, item(world.finance, date(2016, 3, 6)), section("departments"),
                       actor=world.office)  # fmt: skip
    services.send_back(issue, actor=office_reviewer(world), comment="请补充大事记")
    issue.refresh_from_db()
    assert issue.state == "draft"
