"""The words of the formal notices (告知书): a person is addressed as a person and an
organisation as an organisation, the request is quoted once, and the reply's remedies
(救济途径) name the reconsideration body (复议机关) and the court (人民法院) from the
agency's layout data — 有管辖权的人民法院 when no court is configured."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import services
from gongkai.applications.models import FormalNotice, NoticeKind, NoticeLayout, Outcome
from gongkai.applications.models.layouts import layout_for
from gongkai.orgs.models import GovernmentLevel
from gongkai.testing.factories import government, staff

from .helpers import USCC, received
from .test_documents import docx_of, docx_texts, pdf_text, rendered, squeeze, stored_pdf
from .test_stats import conclude

pytestmark = pytest.mark.django_db

RECEIVED = date(2026, 9, 22)
REPLIED = date(2026, 10, 9)
ORGANISATION = {
    "applicant_kind": "organisation",
    "org_subtype": "commercial",
    "name": "天水秦州商贸有限公司",
    "id_type": "uscc",
    "id_number": USCC,
    "contact_person": "李四",
}


def replied(world, department=None, handler=None, reviewer=None, **applicant):
    department = department or world.finance
    handler = handler or world.handler_finance
    reviewer = reviewer or world.reviewer_finance
    application = received(department, RECEIVED, handler, **applicant)
    conclude(
        application,
        Outcome.WITHHELD_PROCESS,
        REPLIED,
        handler,
        reviewer,
        legal_basis="《中华人民共和国政府信息公开条例》第十六条第二款。",
    )
    return FormalNotice.objects.get(application=application, kind=NoticeKind.REPLY)


def lines(notice: FormalNotice) -> list[str]:
    return notice.body.splitlines()


def remedies_of(notice: FormalNotice) -> str:
    return lines(notice)[-1]


# -- who is addressed -----------------------------------------------------------------


def test_a_natural_person_is_addressed_by_name_and_as_您(world):
    notice = replied(world)
    assert lines(notice)[0] == "张三："
    assert notice.addressee == "张三"
    assert lines(notice)[1].startswith("本机关于2026年9月22日收到您提出的政府信息公开申请")
    assert "（单位）" not in notice.body and "贵单位" not in notice.body


def test_an_organisation_is_addressed_as_贵单位_in_every_notice(world):
    application = received(world.finance, RECEIVED, world.handler_finance, **ORGANISATION)
    services.request_correction(
        application, what="请写明所需文件的文号。", actor=world.handler_finance, on=RECEIVED
    )
    correction = FormalNotice.objects.get(application=application, kind=NoticeKind.CORRECTION)
    assert correction.body.splitlines()[0] == "天水秦州商贸有限公司："
    assert "收到贵单位提出的政府信息公开申请" in correction.body
    assert "经审查，贵单位的申请内容需要补正" in correction.body

    reply = replied(world, description="2016年政府采购合同", **ORGANISATION)
    assert lines(reply)[0] == "天水秦州商贸有限公司："
    assert "收到贵单位提出的政府信息公开申请" in reply.body
    for notice in (correction, reply):
        assert "您" not in notice.body and "（单位）" not in notice.body


# -- the request, quoted once ---------------------------------------------------------


@pytest.mark.parametrize(
    "description",
    [
        "2016年黄标车淘汰补贴资金的发放明细。",
        "2016年黄标车淘汰补贴资金的发放明细！",
        "2016年黄标车淘汰补贴资金的发放明细；",
        "2016年黄标车淘汰补贴资金的发放明细 ",
        "2016年黄标车淘汰补贴资金的发放明细",
        "2016年黄标车淘汰补贴资金的发放明细。\n",
        "申请公开2016年黄标车淘汰补贴资金的发放明细。",
        "申请获取2016年黄标车淘汰补贴资金的发放明细",
        "请求公开：2016年黄标车淘汰补贴资金的发放明细！",
    ],
)
def test_the_request_is_quoted_once_without_its_own_verb_and_final_stop(world, description):
    notice = replied(world, description=description)
    assert "申请获取“2016年黄标车淘汰补贴资金的发放明细”。经审查，现答复如下：" in lines(notice)[1]
    for doubled in ("。”", "！”", "；”", " ”", "“申请", "“请求", "。。"):
        assert doubled not in notice.body


def test_a_description_over_several_lines_stays_in_one_paragraph_and_a_long_one_is_cut():
    from gongkai.applications.services.wording import quoted_request

    assert quoted_request("天水市2016年\n棚户区改造\n征收补偿方案。") == (
        "天水市2016年 棚户区改造 征收补偿方案"
    )
    long = quoted_request("成纪新城道路" * 50 + "。")
    assert len(long) == 202 and long.endswith("……")


# -- the remedies: 复议机关 and 人民法院 ----------------------------------------------------


def test_a_city_bureau_without_a_configured_court_names_the_city_government_and_no_invented_court(
    world,
):
    notice = replied(world)
    assert remedies_of(notice) == (
        "如对本答复不服，可以自收到本答复之日起六十日内向天水市人民政府申请行政复议，"
        "或者自收到本答复之日起六个月内向有管辖权的人民法院提起行政诉讼。"
    )
    layout = layout_for(world.finance)
    assert layout.sources["reconsideration_body"] == "computed"
    assert layout.sources["court"] == "missing"


def test_a_city_bureau_takes_the_court_of_its_government(world):
    NoticeLayout.objects.create(government=world.tianshui, court="天水市秦州区人民法院")
    notice = replied(world)
    assert remedies_of(notice) == (
        "如对本答复不服，可以自收到本答复之日起六十日内向天水市人民政府申请行政复议，"
        "或者自收到本答复之日起六个月内向天水市秦州区人民法院提起行政诉讼。"
    )


def test_a_county_bureau_names_its_county_government_and_its_own_basic_court(world):
    NoticeLayout.objects.create(government=world.tianshui, court="天水市秦州区人民法院")
    NoticeLayout.objects.create(
        government=world.qinzhou,
        reconsideration_body="天水市秦州区人民政府",
        court="天水市秦州区人民法院",
    )
    handler = staff("handler_qz_finance", (world.qinzhou_finance, "handler"))
    reviewer = staff("reviewer_qz_finance", (world.qinzhou_finance, "reviewer"))
    notice = replied(world, world.qinzhou_finance, handler, reviewer)
    assert remedies_of(notice) == (
        "如对本答复不服，可以自收到本答复之日起六十日内向天水市秦州区人民政府申请行政复议，"
        "或者自收到本答复之日起六个月内向天水市秦州区人民法院提起行政诉讼。"
    )


def test_a_county_bureau_without_layout_data_is_reconsidered_by_its_county(world):
    assert layout_for(world.qinzhou_finance).reconsideration_body == "秦州区人民政府"


@pytest.fixture
def gansu(world):
    province = government("620000", "甘肃省", level=GovernmentLevel.PROVINCE)
    world.tianshui.parent = province
    world.tianshui.save()
    return province


def test_the_city_government_itself_answers_to_the_province_and_not_to_its_departments_court(
    world, gansu
):
    # The government's default row speaks for its departments, not for the government.
    NoticeLayout.objects.create(
        government=world.tianshui,
        reconsideration_body="天水市人民政府",
        court="天水市秦州区人民法院",
    )
    handler = staff("handler_szfb", (world.general_office, "handler"))
    reviewer = staff("reviewer_szfb", (world.general_office, "reviewer"))
    notice = replied(world, world.general_office, handler, reviewer)
    assert remedies_of(notice) == (
        "如对本答复不服，可以自收到本答复之日起六十日内向甘肃省人民政府申请行政复议，"
        "或者自收到本答复之日起六个月内向有管辖权的人民法院提起行政诉讼。"
    )
    NoticeLayout.objects.create(department=world.general_office, court="天水市中级人民法院")
    layout = layout_for(world.general_office)
    assert (layout.reconsideration_body, layout.court) == ("甘肃省人民政府", "天水市中级人民法院")
    assert layout.sources["reconsideration_body"] == "computed"
    assert layout.sources["court"] == "department"


def test_a_department_row_overrides_the_computed_reconsideration_body(world, gansu):
    NoticeLayout.objects.create(department=world.finance, reconsideration_body="甘肃省财政厅")
    assert layout_for(world.finance).reconsideration_body == "甘肃省财政厅"
    assert layout_for(world.environment).reconsideration_body == "天水市人民政府"


def test_docx_and_pdf_say_the_same_remedies(world):
    NoticeLayout.objects.create(government=world.tianshui, court="天水市秦州区人民法院")
    notice = rendered(replied(world, **ORGANISATION))
    expected = (
        "如对本答复不服，可以自收到本答复之日起六十日内向天水市人民政府申请行政复议，"
        "或者自收到本答复之日起六个月内向天水市秦州区人民法院提起行政诉讼。"
    )
    assert expected in docx_texts(docx_of(notice))
    text = pdf_text(stored_pdf(notice))
    assert squeeze(expected) in text
    assert "收到贵单位提出的政府信息公开申请" in text


# -- agencies without a court: the admin says which -----------------------------------


def test_the_admin_list_warns_of_agencies_without_a_court(client, world):
    world.admin.is_staff = True
    world.admin.save(update_fields=["is_staff"])
    client.force_login(world.admin)
    NoticeLayout.objects.create(government=world.tianshui, court="天水市秦州区人民法院")
    response = client.get("/admin/applications/noticelayout/")
    assert response.status_code == 200
    warnings = [str(m) for m in response.context["messages"]]
    (court,) = [w for w in warnings if "尚未设置管辖法院" in w]
    # the city's departments have the government's court; its general office (answering for
    # the government) does not inherit it; 秦州区 and 陇南市 have none
    assert "天水市人民政府办公室" in court
    assert "秦州区财政局" in court and "陇南市财政局" in court
    assert "天水市财政局" not in court and "天水市环境保护局" not in court
    # the general offices of governments whose government above is not on the platform
    (body,) = [w for w in warnings if "无法确定行政复议机关" in w]
    assert "天水市人民政府办公室" in body
