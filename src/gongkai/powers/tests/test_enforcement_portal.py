"""The public pages of 行政执法公示: bodies, a body, officer lookups, the decisions
with persons masked, the 双公示 download; withdrawn decisions are gone."""

import csv
import io
from datetime import date

import pytest
from django.core.cache import caches

from gongkai.powers.models import InspectionItem, Officer, OfficerStatus
from gongkai.powers.services.decisions import publish_decision, withdraw_decision

from .enforcement_helpers import body, finance_powers, penalty, resident_id

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_7_december_2026(today_is):
    """The dates below are written for this day, whatever day the suite runs on."""
    today_is(date(2026, 12, 7))


@pytest.fixture
def published(world):
    licence, punish, inspect = finance_powers(world)
    the_body = body(world, powers=[licence, punish, inspect])
    InspectionItem.objects.create(
        body=the_body,
        position=1,
        name="代理记账机构执业情况检查",
        inspected="代理记账机构",
        basis="《代理记账管理办法》第二十一条",
        method="书面检查",
        ratio="5%",
        frequency="每年1次",
    )
    for n, (name, expires) in enumerate([("王明", date(2028, 1, 1)), ("王明", date(2026, 12, 1))]):
        Officer.objects.create(
            body=the_body,
            name=name,
            certificate_number=f"甘A0000000{n}",
            field="财政",
            issued_on=date(2020, 1, 1),
            expires_on=expires,
        )
    person = penalty(world, the_body, punish, date(2026, 11, 2), person=True, number=1)
    company = penalty(world, the_body, punish, date(2026, 11, 2), number=2)
    revoked = penalty(world, the_body, punish, date(2026, 11, 2), number=3)
    for d in (person, company, revoked):
        publish_decision(d, actor=world.handler_finance, on=date(2026, 11, 5))
    withdraw_decision(revoked, revoked_on=date(2026, 12, 1), reason="复议撤销", actor=world.office)
    return the_body, person, company, revoked


def test_the_bodies_list_counts_active_officers_and_powers(published, client):
    html = client.get("/quanze/zhifa/").content.decode()
    assert "天水市财政局" in html
    assert "<td>1 名</td><td>3 项</td>" in html  # the expired certificate does not count


def test_a_bodys_page_shows_its_basis_powers_inspections_and_finds_officers_by_name(
    published, client
):
    the_body = published[0]
    html = client.get(f"/quanze/zhifa/{the_body.pk}/").content.decode()
    assert "《中华人民共和国会计法》第七条" in html and "代理记账机构执业情况检查" in html
    assert "对代理记账机构违法行为的处罚" in html and "甘A00000000" not in html
    found = client.get(f"/quanze/zhifa/{the_body.pk}/", {"name": "王明"}).content.decode()
    assert "甘A00000000" in found and "甘A00000001" in found and "已过期" in found


def test_officer_lookup_by_certificate_number(published, client):
    Officer.objects.filter(certificate_number="甘A00000000").update(
        status=OfficerStatus.SUSPENDED, status_since=date(2026, 12, 6)
    )
    html = client.get("/quanze/zhifa/renyuan/", {"zh": "甘a00000000"}).content.decode()
    assert "王明" in html and "已暂扣" in html
    missing = client.get("/quanze/zhifa/renyuan/", {"zh": "甘A99999999"}).content.decode()
    assert "没有执法证号为“甘A99999999”的执法人员" in missing


def test_decisions_mask_persons_and_withdrawn_ones_are_gone(published, client):
    _body, person, company, revoked = published
    html = client.get("/quanze/gongshi/").content.decode()
    assert "张**" in html and "张三丰" not in html and resident_id() not in html
    assert company.party_name in html
    assert revoked.document_number not in html
    page = client.get(f"/quanze/gongshi/{person.pk}/").content.decode()
    assert "张**" in page and "张三丰" not in page and "19900101" not in page
    assert company.party_uscc in client.get(f"/quanze/gongshi/{company.pk}/").content.decode()
    assert client.get(f"/quanze/gongshi/{revoked.pk}/").status_code == 404


def test_filters_by_kind_and_year(published, client):
    assert (
        "共 2 件"
        in client.get("/quanze/gongshi/", {"kind": "penalty", "year": "2026"}).content.decode()
    )
    assert "共 0 件" in client.get("/quanze/gongshi/", {"kind": "licence"}).content.decode()
    assert "共 0 件" in client.get("/quanze/gongshi/", {"year": "2016"}).content.decode()


def test_the_feed_download_masks_persons_and_gives_companies_in_full(published, client):
    _body, person, company, _revoked = published
    response = client.get("/quanze/gongshi/shuanggongshi.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    by_number = {r["决定文书号"]: r for r in rows}
    assert by_number[person.document_number]["行政相对人名称"] == "张**"
    assert by_number[person.document_number]["证件号码"] == ""
    assert (
        by_number[company.document_number]["行政相对人代码_1（统一社会信用代码）"]
        == company.party_uscc
    )
    assert by_number[company.document_number]["罚款金额（万元）"] == "0.5"
    assert "张三丰" not in response.content.decode("utf-8-sig")
    xlsx = client.get("/quanze/gongshi/shuanggongshi.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get("/quanze/gongshi/shuanggongshi.pdf").status_code == 404


def test_a_withdrawal_changes_the_stored_page(published, world, client):
    _body, person, _company, _revoked = published
    assert "张**" in client.get("/quanze/gongshi/").content.decode()
    withdraw_decision(person, revoked_on=date(2026, 12, 4), reason="变更", actor=world.office)
    assert "张**" not in client.get("/quanze/gongshi/").content.decode()
    caches["pages"].clear()


def test_the_powers_index_links_the_enforcement_pages(published, client):
    html = client.get("/quanze/").content.decode()
    for url in ("/quanze/zhifa/", "/quanze/zhifa/renyuan/", "/quanze/gongshi/"):
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200


def test_one_kind_downloads_in_the_platforms_own_layout(published, client):
    _body, person, company, _revoked = published
    response = client.get("/quanze/gongshi/shuanggongshi.csv", {"kind": "penalty"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0])[:3] == [
        "行政相对人名称",
        "行政相对人类别",
        "行政相对人代码_1(统一社会信用代码)",
    ]
    by_number = {r["行政处罚决定书文号"]: r for r in rows}
    assert by_number[person.document_number]["行政相对人名称"] == "张**"
    assert by_number[person.document_number]["证件号码"] == ""
    assert by_number[company.document_number]["罚款金额(万元)"] == "0.5"
    assert by_number[company.document_number]["处罚机关"] == "天水市财政局"
    licences = client.get("/quanze/gongshi/shuanggongshi.csv", {"kind": "licence"})
    header = licences.content.decode("utf-8-sig").splitlines()
    assert len(header) == 1 and "行政许可决定文书号" in header[0]
