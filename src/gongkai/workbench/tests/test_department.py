from django.urls import reverse

from gongkai.workbench.departments import SESSION_KEY


def test_someone_with_two_departments_chooses_the_current_one(client, world):
    client.force_login(world.both)
    html = client.get(reverse("workbench:home")).content.decode()
    assert '<label for="wb-department-select">当前部门</label>' in html
    response = client.post(
        reverse("workbench:department"),
        {"department": world.environment.pk, "next": "/workbench/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/workbench/"
    assert client.session[SESSION_KEY] == world.environment.pk
    html = client.get(reverse("workbench:home")).content.decode()
    assert f'<option value="{world.environment.pk}" selected>' in html


def test_a_department_the_person_does_not_belong_to_is_refused(client, world):
    client.force_login(world.both)
    response = client.post(
        reverse("workbench:department"), {"department": world.longnan_finance.pk}
    )
    assert response.status_code == 403
    assert "您不在该部门任职" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_an_inactive_membership_does_not_count(client, world):
    world.both.memberships.filter(department=world.environment).update(active=False)
    client.force_login(world.both)
    response = client.post(reverse("workbench:department"), {"department": world.environment.pk})
    assert response.status_code == 403


def test_a_stored_choice_is_dropped_when_the_membership_ends(client, world):
    client.force_login(world.both)
    client.post(reverse("workbench:department"), {"department": world.environment.pk})
    world.both.memberships.filter(department=world.environment).update(active=False)
    html = client.get(reverse("workbench:home")).content.decode()
    assert "当前部门：天水市财政局" in html


def test_switching_never_redirects_off_site(client, world):
    client.force_login(world.both)
    response = client.post(
        reverse("workbench:department"),
        {"department": world.environment.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("workbench:home")


def test_the_header_shows_the_single_department(client, world):
    client.force_login(world.handler_finance)
    html = client.get(reverse("workbench:home")).content.decode()
    assert "当前部门：天水市财政局" in html
