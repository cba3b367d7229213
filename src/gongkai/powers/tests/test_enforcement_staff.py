"""The officers' import in the workbench: upload, the changes shown, then applied."""

import pytest

from gongkai.powers.models import Officer, OfficerImport

from .enforcement_helpers import body, officer_row, officers_file

pytestmark = pytest.mark.django_db
IMPORT = "/workbench/zhifa/officers/import/"


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
