"""The workbench pages: compile, submit, review and publish an issue through the forms;
the wrong person gets 403, a second click the refreshed page; warnings are shown."""

from datetime import date

import pytest

from gongkai.publications.models import Issue, Recipient

from .helpers import gansu, gazette, item, office_reviewer, section

pytestmark = pytest.mark.django_db
BASE = "/workbench/gazette"


def login(client, user):
    client.force_login(user)
    return client


def test_an_issue_from_creation_to_publication(client, world):
    paper = gazette(world)
    Recipient.objects.create(gazette=paper, name="市直各部门", kind="unit", copies=700)
    doc = item(world.general_office, date(2016, 5, 3), "关于防汛工作的通知")
    login(client, world.office)
    assert "《天水市人民政府公报》" in client.get(f"{BASE}/").content.decode()
    response = client.post(f"{BASE}/{paper.pk}/new/")
    issue = Issue.objects.get()
    assert response["Location"] == f"{BASE}/issues/{issue.pk}/"
    page = client.get(
        f"{BASE}/issues/{issue.pk}/", {"s-start": "2016-05-01", "s-end": "2016-05-31"}
    )
    assert "关于防汛工作的通知" in page.content.decode()
    other_genre = client.get(f"{BASE}/issues/{issue.pk}/",
                             {"s-start": "2016-05-01", "s-end": "2016-05-31", "s-genres": "公告"})  # fmt: skip
    assert "该期间没有可编入的信息" in other_genre.content.decode()
    client.post(f"{BASE}/issues/{issue.pk}/place/",
                {"place-index_number": doc.index_number, "place-section": section("office").pk})  # fmt: skip
    assert issue.placements.get().item == doc
    response = client.post(f"{BASE}/issues/{issue.pk}/place/",
                           {"place-index_number": "NO/SUCH", "place-section": section("office").pk})  # fmt: skip
    assert response.status_code == 400 and "目录中没有索引号" in response.content.decode()
    client.post(f"{BASE}/issues/{issue.pk}/submit/")
    issue.refresh_from_db()
    assert issue.state == "review"
    again = client.post(f"{BASE}/issues/{issue.pk}/submit/")  # a second click
    assert again.status_code == 302
    assert (
        client.post(f"{BASE}/issues/{issue.pk}/publish/", {"publish-on": "2016-05-25"}).status_code
        == 403
    )
    reviewer = office_reviewer(world)
    login(client, reviewer)
    client.post(f"{BASE}/issues/{issue.pk}/return/", {"return-comment": "请补充政府大事记"})
    login(client, world.office)
    html = client.get(f"{BASE}/issues/{issue.pk}/").content.decode()
    assert "退回修改" in html and "请补充政府大事记" in html  # the compiler reads why
    client.post(f"{BASE}/issues/{issue.pk}/submit/")
    from django.utils import timezone

    from gongkai.workbench.todos import todos_for

    waiting = [
        t
        for t in todos_for(reviewer, world.general_office, now=timezone.now())
        if t.module == "政府公报"
    ]
    assert [(t.action, t.url) for t in waiting] == [("审核出版", f"{BASE}/issues/{issue.pk}/")]
    assert not [
        t
        for t in todos_for(world.office, world.general_office, now=timezone.now())
        if t.module == "政府公报"
    ]
    login(client, reviewer)
    client.post(f"{BASE}/issues/{issue.pk}/publish/", {"publish-on": "2016-05-25"})
    issue.refresh_from_db()
    assert (issue.state, issue.year_number, issue.total_number) == ("published", 1, 131)
    client.post(f"{BASE}/issues/{issue.pk}/distribute/")
    assert issue.deliveries.get().copies == 700
    doc.state = "withdrawn"
    doc.save(update_fields=["state"])
    html = client.get(f"{BASE}/issues/{issue.pk}/").content.decode()
    assert "已从政府信息公开目录撤回" in html and "关于防汛工作的通知" in html


def test_a_higher_level_document_needs_the_box_ticked(client, world):
    from gongkai.accounts.models import User
    from gongkai.testing.factories import department

    province = gansu(world)
    office = User.objects.get(pk=world.office.pk)
    paper = gazette(world)
    issue = Issue.objects.create(gazette=paper)
    doc = item(department(province, "甘肃省人民政府办公厅"), date(2016, 5, 3), "省政府的通知")
    login(client, office)
    url = f"{BASE}/issues/{issue.pk}/place/"
    response = client.post(
        url, {"place-index_number": doc.index_number, "place-section": section("government").pk}
    )
    assert response.status_code == 400 and "请确认后再加入" in response.content.decode()
    client.post(url, {"place-index_number": doc.index_number, "place-section": section("government").pk,
                      "place-acknowledge": "on"})  # fmt: skip
    assert issue.placements.get().higher_level
    assert "上级政府文件（已确认）" in client.get(f"{BASE}/issues/{issue.pk}/").content.decode()


def test_other_departments_do_not_see_the_gazette(client, world):
    paper = gazette(world)
    issue = Issue.objects.create(gazette=paper)
    login(client, world.handler_finance)
    assert client.get(f"{BASE}/issues/{issue.pk}/").status_code == 404
    assert client.post(f"{BASE}/{paper.pk}/new/").status_code == 403
