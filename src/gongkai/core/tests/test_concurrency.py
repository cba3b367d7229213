"""Two staff editing the same record: the second save is refused, nothing is overwritten."""

import pytest

from gongkai.core.concurrency import StaleEdit, claim_version
from gongkai.orgs.models import Department


def _form(dept, version, phone):
    return {
        "government": dept.government_id,
        "name": dept.name,
        "short_name": dept.short_name,
        "kind": dept.kind,
        "uscc": dept.uscc,
        "phone": phone,
        "sort_order": dept.sort_order,
        "active": "on",
        "expected_version": version,
    }


def test_the_second_of_two_concurrent_admin_edits_is_refused(client, world):
    client.force_login(world.admin)
    url = f"/admin/orgs/department/{world.finance.pk}/change/"
    opened_at = client.get(url).context["adminform"].form["expected_version"].value()
    first = client.post(url, _form(world.finance, opened_at, "0938-8210001"))
    assert first.status_code == 302
    second = client.post(url, _form(world.finance, opened_at, "0938-8219999"))
    assert second.status_code == 200
    assert "已被他人修改" in second.content.decode()
    finance = Department.objects.get(pk=world.finance.pk)
    assert finance.phone == "0938-8210001"
    assert finance.version == 2


def test_a_form_without_the_version_is_refused(client, world):
    client.force_login(world.admin)
    data = _form(world.finance, "", "0938-8210002")
    response = client.post(f"/admin/orgs/department/{world.finance.pk}/change/", data)
    assert response.status_code == 200
    assert Department.objects.get(pk=world.finance.pk).phone == world.finance.phone


def test_claiming_a_version_someone_else_already_claimed_raises(world):
    mine = Department.objects.get(pk=world.finance.pk)
    theirs = Department.objects.get(pk=world.finance.pk)
    claim_version(theirs, 1)
    with pytest.raises(StaleEdit, match="已被他人修改"):
        claim_version(mine, 1)
    assert Department.objects.get(pk=world.finance.pk).version == 2
