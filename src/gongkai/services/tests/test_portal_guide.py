"""A guide's public page: every element of the national standard, both time limits
side by side, the flow chart with its text version, downloads, the revision record,
print styles; a withdrawn item says 已停止办理, when and why."""

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.files.services import DOCUMENT_KINDS, store_upload
from gongkai.files.tests import samples
from gongkai.services.models import Material
from gongkai.services.services import guides

from .public_helpers import published, republish

pytestmark = pytest.mark.django_db


def _html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def _text(html: str) -> str:
    """The words of ``html`` without tags or spaces (assertions are written spaced for
    reading and compared without them)."""
    return "".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def has(text: str, expected: str) -> bool:
    return "".join(expected.split()) in text


@pytest.fixture
def service(world):
    return published(
        world,
        name="政府采购代理机构资格认定",
        guide_fields={
            "online_url": "https://zwfw.example.gov.cn/item/1",
            "free": False,
            "fee_basis": "《行政事业性收费标准管理办法》",
            "fee_standard": "每件50元",
        },
    )


def test_the_guide_shows_every_element(client, service):
    html = _html(client, reverse("services_portal:item", args=[service.code]))
    text = _text(html)
    guide = service.current
    for expected in (
        "政府采购代理机构资格认定",
        service.code,
        "实施部门 天水市财政局",
        "行使层级 市级",
        f"对应职权 {service.power_code}",
        "设定和实施依据 《中华人民共和国行政许可法》第十二条",
        "受理条件 申请人为依法设立的法人或其他组织。",
        "收费依据 《行政事业性收费标准管理办法》",
        "收费标准 每件50元",
        "到办事现场次数 1次",
        f"办理地点 {guide.place}",
        f"办理时间 {guide.hours}",
        "网上办理 https://zwfw.example.gov.cn/item/1",
        "咨询电话 0938-8211234",
        "监督投诉电话 0938-12345",
        "1. 可以网上申请吗？ 可以。",
        "第1版，2026年3月2日发布",
    ):
        assert has(text, expected), expected
    assert 'href="https://zwfw.example.gov.cn/item/1"' in html


def test_both_time_limits_side_by_side(client, service):
    html = _html(client, reverse("services_portal:item", args=[service.code]))
    limits = re.search(r'<dl class="bs-limits">(.*?)</dl>', html, re.S).group(1)
    assert _text(limits) == "法定办结时限20个工作日承诺办结时限10个工作日到办事现场次数1次"


def test_an_immediate_item_says_so_and_a_free_one_says_no_fee(client, world):
    service = published(world, guide_fields={"legal_limit": 0, "promised_limit": 0})
    text = _text(_html(client, reverse("services_portal:item", args=[service.code])))
    assert has(text, "法定办结时限 即办 承诺办结时限 即办")
    assert has(text, "收费依据和标准 不收费")


def test_the_materials_table(client, service):
    html = _html(client, reverse("services_portal:item", args=[service.code]))
    table = _text(
        re.search(r"<table class=\"bs-table bs-materials\"[^>]*>(.*?)</table>", html, re.S).group(1)
    )
    assert has(table, "序号 材料名称 形式 原件或复印件 份数 是否必需 表格下载")
    assert has(table, "1 申请书 纸质或电子 原件 1份 必需 —")
    assert has(table, "营业执照可通过部门共享获取，无需提交（出证部门：天水市市场监督管理局）")


def test_blank_forms_and_samples_download(client, service):
    stored = store_upload(
        SimpleUploadedFile("申请书.pdf", samples.pdf("申请书"), "application/pdf"),
        allowed_kinds=DOCUMENT_KINDS,
    )
    Material.objects.filter(guide=service.current, position=1).update(blank_form=stored)
    url = reverse("services_portal:item", args=[service.code])
    html = _html(client, url)
    form = reverse("services_portal:material_file", args=[service.code, 1, "biaoge"])
    assert f'href="{form}"' in html
    response = client.get(form)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "%E7%94%B3%E8%AF%B7%E4%B9%A6" in response["Content-Disposition"]  # 申请书
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    sample = reverse("services_portal:material_file", args=[service.code, 1, "yangben"])
    assert client.get(sample).status_code == 404  # no sample for it
    other = reverse("services_portal:material_file", args=[service.code, 1, "other"])
    assert client.get(other).status_code == 404


def test_the_flow_chart_and_its_text_version(client, service):
    html = _html(client, reverse("services_portal:item", args=[service.code]))
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="flow-title"' in svg
    assert '<title id="flow-title">办理流程图：受理→审查→决定→送达' in svg
    steps = re.search(r'<ol class="bs-steps">(.*?)</ol>', html, re.S).group(1)
    assert [_text(li) for li in re.findall(r"<li>(.*?)</li>", steps, re.S)] == [
        "受理，时限：5个工作日",
        "审查，时限：5个工作日",
        "决定，时限：5个工作日",
        "送达，时限：5个工作日",
    ]


def test_the_power_it_implements_links_to_the_powers_list(client, world):
    from gongkai.powers.services.importing import import_list
    from gongkai.powers.tests.helpers import power_row, workbook

    import_list(world.tianshui, workbook([power_row(1)]), valid_from=date(2016, 1, 1))
    from gongkai.powers.models import Power

    power = Power.objects.get()
    service = published(world, power_code=power.code)
    html = _html(client, reverse("services_portal:item", args=[service.code]))
    link = reverse("powers_portal:power", args=[power.pk])
    assert f'<a href="{link}">{power.code} {power.name}</a>' in html


def test_the_revision_record_says_what_changed_and_when(client, world, service):
    republish(
        world,
        service,
        on=date(2026, 9, 1),
        change_note="承诺时限缩短，地点搬迁",
        promised_limit=5,
        place="天水市政务服务中心一楼3号窗口",
    )
    html = _html(client, reverse("services_portal:item", args=[service.code]))
    record = _text(re.search(r'id="revisions-heading".*?</section>', html, re.S).group(0))
    assert has(record, "第2版：2026年9月1日发布（现行）")
    assert has(record, "修订说明：承诺时限缩短，地点搬迁")
    assert has(record, "承诺办结时限（工作日） 10 5")
    assert has(record, "办理地点 天水市政务服务中心二楼12号窗口 天水市政务服务中心一楼3号窗口")
    assert has(record, "第1版：2026年3月2日发布，2026年9月1日被新版本替代 首次发布。")
    assert record.index("第2版") < record.index("第1版")
    text = _text(html)
    assert has(text, "承诺办结时限 5个工作日")  # the page shows the current version


def test_the_guide_links_its_print_styles(client, service):
    html = _html(client, reverse("services_portal:item", args=[service.code]))
    assert 'href="/static/services/portal/banshi.css"' in html
    css = Path(finders.find("services/portal/banshi.css")).read_text(encoding="utf-8")
    printing = css[css.index("@media print") :]
    assert ".site-header" in printing and ".breadcrumb" in printing
    assert "break-inside: avoid" in printing
    assert "style=" not in html and "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_a_withdrawn_item_says_since_when_and_why(client, world, service):
    guides.withdraw(
        service, actor=world.office, on=date(2026, 12, 1), reason="已由市场监管部门承接"
    )
    html = _html(client, reverse("services_portal:item", args=[service.code]), status=410)
    text = _text(html)
    assert has(text, "该事项已停止办理。")
    assert has(text, "天水市财政局自2026年12月1日起停止办理该事项。")
    assert has(text, "原因：已由市场监管部门承接")
    assert not has(text, "申请材料")
    form = reverse("services_portal:material_file", args=[service.code, 1, "biaoge"])
    assert client.get(form).status_code == 404


def test_an_unknown_code_is_a_404(client, service):
    assert client.get(reverse("services_portal:item", args=["NO-SUCH-CODE"])).status_code == 404
