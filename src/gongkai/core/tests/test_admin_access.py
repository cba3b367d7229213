"""The Django admin is entered through the access policy, with the one staff login."""

from gongkai.orgs.models import Department


def test_anonymous_visitors_are_sent_to_the_staff_login(client, world):
    response = client.get("/admin/orgs/department/", follow=True)
    final_url, status = response.redirect_chain[-1]
    assert status == 302
    assert final_url.startswith("/accounts/login/")
    assert "next=/admin/orgs/department/" in final_url
    assert response.status_code == 200


def test_a_sysadmin_who_is_not_a_django_superuser_manages_reference_data(client, world):
    assert not world.admin.is_superuser and not world.admin.is_staff
    client.force_login(world.admin)
    assert client.get("/admin/").status_code == 200
    response = client.get("/admin/orgs/department/")
    assert response.status_code == 200
    assert "天水市财政局" in response.content.decode()
    change = client.get(f"/admin/orgs/department/{world.finance.pk}/change/")
    assert change.status_code == 200


def test_handlers_and_the_disclosure_office_are_refused(client, world):
    for person in (world.handler_finance, world.office):
        client.force_login(person)
        assert client.get("/admin/orgs/department/").status_code in (302, 403)
        assert client.get("/admin/login/").status_code == 403


def test_a_bad_credit_code_is_refused_in_the_admin_with_the_reason(client, world):
    client.force_login(world.admin)
    response = client.post(
        f"/admin/orgs/department/{world.finance.pk}/change/",
        {
            "government": world.tianshui.pk,
            "name": world.finance.name,
            "short_name": "市财政局",
            "kind": "constituent",
            "uscc": world.finance.uscc[:-1] + ("0" if world.finance.uscc[-1] != "0" else "1"),
            "sort_order": 1,
            "active": "on",
        },
    )
    assert response.status_code == 200
    assert "校验位不正确" in response.content.decode()
    assert Department.objects.get(pk=world.finance.pk).uscc == world.finance.uscc
