"""The officers' import in the workbench: upload, the changes shown, then applied."""

from datetime import date

import pytest

from gongkai.powers.models import Officer, OfficerImport

from .enforcement_helpers import body, officer_row, officers_file

pytestmark = pytest.mark.django_db
IMPORT = "/workbench/zhifa/officers/import/"


@pytest.fixture(autouse=True)
def _on_7_december_2026(today_is):
    """The dates below are written for this day, whatever day the suite runs on."""
    today_is(date(2026, 12, 7))


def _upload(client, rows):
    response = client.post(IMPORT, {"file": officers_file(rows)})
    assert response.status_code == 302, response.content.decode()[:500]
    return OfficerImport.objects.latest("pk")


def test_the_changes_are_shown_and_applied_on_confirmation(world, client):
    body(world)
    Officer.objects.create(
        body=world_body(world),
        name="王明",
        certificate_number="甘A05000001",
        field="财政",
        issued_on="2022-03-01",
        expires_on="2028-02-29",
    )
    client.force_login(world.handler_finance)
    found = _upload(
        client, [officer_row(1, field="会计监督"), officer_row(2), officer_row(3, issued_on="x")]
    )
    page = client.get(f"{IMPORT}{found.pk}/").content.decode()
    assert "将新增 1 名，变更 1 名，移出（注销）0 名；有误的行 1 行" in page
    assert "第4行：“发证日期”不是有效日期：x。" in page
    assert "<td>执法领域</td><td>财政</td><td>会计监督</td>" in page
    assert Officer.objects.count() == 1
    refused = client.post(f"{IMPORT}{found.pk}/apply/", follow=True).content.decode()
    assert "1行有误，未导入任何数据" in refused and Officer.objects.count() == 1
    client.post(f"{IMPORT}{found.pk}/apply/", {"valid_only": "1"})
    assert Officer.objects.count() == 2
    assert Officer.objects.get(certificate_number="甘A05000001").field == "会计监督"
    found.refresh_from_db()
    assert found.applied_at and bytes(found.content) == b""


def world_body(world):
    from gongkai.powers.models import EnforcementBody

    return EnforcementBody.objects.get(department=world.finance)


def test_someone_else_cannot_see_an_upload_and_a_person_outside_enforcement_cannot_import(
    world, client
):
    body(world)
    client.force_login(world.handler_finance)
    found = _upload(client, [officer_row(1)])
    client.force_login(world.handler_environment)
    assert client.get(f"{IMPORT}{found.pk}/").status_code == 404
    client.force_login(world.secrecy_finance)
    assert client.get(IMPORT).status_code == 403


def test_a_decision_is_entered_published_and_withdrawn_in_the_workbench(world, client):
    from gongkai.powers.models import Decision

    from .enforcement_helpers import company_uscc, finance_powers

    licence, punish, inspect = finance_powers(world)
    own = body(world, powers=[licence, punish, inspect])
    client.force_login(world.handler_finance)
    form = {
        "body": own.pk,
        "power_code": punish.code,
        "case_name": "未经批准从事代理记账业务案",
        "document_number": "天财罚〔2026〕8号",
        "party_type": "legal",
        "party_name": "天水某某代理记账有限公司",
        "party_uscc": company_uscc(3),
        "legal_representative": "李四",
        "facts": "未经批准从事代理记账业务。",
        "basis": "《中华人民共和国会计法》第四十二条",
        "content": "罚款五千元。",
        "amount": "5000",
        "decided_on": "2026-12-01",
        "severity": "general",
        "field": "财政",
    }
    bad = client.post(
        "/workbench/zhifa/decisions/new/", form | {"party_uscc": "91620500MA710000X1"}
    )
    assert bad.status_code == 400 and "校验位不正确" in bad.content.decode()
    response = client.post("/workbench/zhifa/decisions/new/", form)
    decision = Decision.objects.get()
    assert response.status_code == 302 and decision.publication_due.isoformat() == "2026-12-10"
    listing = client.get("/workbench/zhifa/decisions/").content.decode()
    assert "应于2026-12-10前公示" in listing
    client.post(f"/workbench/zhifa/decisions/{decision.pk}/publish/")
    decision.refresh_from_db()
    assert decision.published_on.isoformat() == "2026-12-07" and not decision.published_late
    client.post(
        f"/workbench/zhifa/decisions/{decision.pk}/withdraw/",
        {"revoked_on": "2026-12-07", "reason": "变更处罚决定"},
    )
    decision.refresh_from_db()
    assert decision.withdrawn_on is None  # a handler may not withdraw: the reviewer or office
    client.force_login(world.reviewer_finance)
    client.post(
        f"/workbench/zhifa/decisions/{decision.pk}/withdraw/",
        {"revoked_on": "2026-12-07", "reason": "变更处罚决定"},
    )
    decision.refresh_from_db()
    assert decision.withdrawal_reason == "变更处罚决定"
    client.force_login(world.handler_environment)
    assert client.get(f"/workbench/zhifa/decisions/{decision.pk}/").status_code == 404
