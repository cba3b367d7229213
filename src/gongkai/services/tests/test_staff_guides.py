"""The guide editor in the workbench: create an item, write its guide through the
forms, see what is missing by name, submit, review and publish; two clerks cannot
overwrite each other; the wrong person gets 403 or 404."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.services.models import GuideState, ItemState, Material, ServiceItem
from gongkai.services.services import guides

from .helpers import complete_guide, item

pytestmark = pytest.mark.django_db
BASE = "/workbench/services"


def login(client, user):
    client.force_login(user)
    return client


def page(client, service) -> str:
    return client.get(f"{BASE}/items/{service.pk}/").content.decode()


def guide_data(guide, **changes):
    data = {
        "guide-expected_version": guide.version,
        "guide-change_note": "",
        "guide-basis": guide.basis,
        "guide-conditions": guide.conditions,
        "guide-free": "on" if guide.free else "",
        "guide-fee_basis": guide.fee_basis,
        "guide-fee_standard": guide.fee_standard,
        "guide-legal_limit": guide.legal_limit or "",
        "guide-promised_limit": guide.promised_limit or "",
        "guide-visits": "" if guide.visits is None else guide.visits,
        "guide-place": guide.place,
        "guide-hours": guide.hours,
        "guide-online_url": guide.online_url,
        "guide-consult_phone": guide.consult_phone,
        "guide-complaint_phone": guide.complaint_phone,
    }
    data.update({f"guide-{k}": v for k, v in changes.items()})
    return {k: v for k, v in data.items() if v != "" or k.endswith(("note", "url", "basis"))}


def rows(prefix, guide, new_rows, related):
    existing = list(getattr(guide, related).all())
    data = {
        f"{prefix}-TOTAL_FORMS": len(existing) + len(new_rows),
        f"{prefix}-INITIAL_FORMS": len(existing),
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
        f"{prefix}-expected_version": guide.version,
    }
    for i, row in enumerate(existing):
        data[f"{prefix}-{i}-id"] = row.pk
        data[f"{prefix}-{i}-guide"] = guide.pk
        for field in ("name", "medium", "original", "copies", "question", "answer", "actor"):
            if hasattr(row, field):
                data[f"{prefix}-{i}-{field}"] = getattr(row, field)
        if getattr(row, "required", False):
            data[f"{prefix}-{i}-required"] = "on"
    for j, row in enumerate(new_rows, start=len(existing)):
        data[f"{prefix}-{j}-guide"] = guide.pk
        data.update({f"{prefix}-{j}-{k}": v for k, v in row.items()})
    return data


def test_a_clerk_creates_an_item_and_is_told_what_the_guide_lacks(client, world):
    login(client, world.handler_finance)
    response = client.post(
        f"{BASE}/new/",
        {
            "department": world.finance.pk,
            "code": "11620500CZ-XK-0009",
            "name": "会计代理记账机构审批",
            "level": "city",
            "audiences": ["legal"],
            "power_code": "62050000CZ-XK-0009",
        },
    )
    service = ServiceItem.objects.get(code="11620500CZ-XK-0009")
    assert response["Location"] == f"{BASE}/items/{service.pk}/"
    html = page(client, service)
    assert "尚缺以下要素" in html
    for name in ("设定和实施依据", "受理条件", "申请材料", "法定办结时限", "常见问题"):
        assert f"<li>{name}</li>" in html
    again = client.post(
        f"{BASE}/new/",
        {"department": world.finance.pk, "code": "11620500CZ-XK-0009", "name": "重复",
         "level": "city", "audiences": ["legal"], "power_code": "X"},
    )  # fmt: skip
    assert again.status_code == 400 and "该编码已被使用" in again.content.decode()


def test_a_clerk_of_another_department_cannot_create_for_finance(client, world):
    login(client, world.handler_environment)
    response = client.post(
        f"{BASE}/new/",
        {"department": world.finance.pk, "code": "C1", "name": "n", "level": "city",
         "audiences": ["person"], "power_code": "P"},
    )  # fmt: skip
    assert response.status_code == 400  # finance is not among the choices
    assert not ServiceItem.objects.filter(code="C1").exists()


def test_editing_elements_refuses_a_longer_promise_and_keeps_what_was_typed(client, world):
    service = item(world)
    guide = complete_guide(service)
    login(client, world.handler_finance)
    response = client.post(
        f"{BASE}/items/{service.pk}/guide/", guide_data(guide, promised_limit=30, place="新地点")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "承诺办结时限不得长于法定办结时限（20个工作日）" in html
    assert 'value="新地点"' in html
    guide.refresh_from_db()
    assert guide.promised_limit == 10 and guide.place != "新地点"


def test_two_clerks_cannot_overwrite_each_other(client, world):
    service = item(world)
    guide = complete_guide(service)
    opened = guide_data(guide, place="一号窗口")
    login(client, world.handler_finance)
    first = client.post(f"{BASE}/items/{service.pk}/guide/", opened)
    assert first.status_code == 302
    second = client.post(f"{BASE}/items/{service.pk}/guide/", {**opened, "guide-place": "二号窗口"})
    assert second.status_code == 400
    assert "已被他人修改并保存" in second.content.decode()
    guide.refresh_from_db()
    assert guide.place == "一号窗口"


def test_materials_are_added_deleted_renumbered_and_uploads_sniffed(client, world):
    service = item(world)
    guide = complete_guide(service)
    login(client, world.handler_finance)
    data = rows("materials", guide, [{"name": "法定代表人身份证明", "medium": "paper",
                                      "original": "copy", "copies": 2, "required": "on"}],
                "materials")  # fmt: skip
    data["materials-0-DELETE"] = "on"  # 申请书
    response = client.post(f"{BASE}/items/{service.pk}/materials/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [(m.position, m.name) for m in Material.objects.filter(guide=guide)] == [
        (1, "营业执照"),
        (2, "法定代表人身份证明"),
    ]
    guide.refresh_from_db()
    fake = SimpleUploadedFile("空白表格.pdf", b"MZ\x90\x00 this is no pdf", "application/pdf")
    data = rows("materials", guide, [], "materials")
    data["materials-1-blank_form_upload"] = fake
    response = client.post(f"{BASE}/items/{service.pk}/materials/", data)
    assert response.status_code == 400
    assert Material.objects.get(guide=guide, position=2).blank_form is None


def test_submit_publish_and_the_roles(client, world):
    service = item(world)
    guide = complete_guide(service)
    guide.questions.all().delete()
    login(client, world.handler_finance)
    response = client.post(f"{BASE}/items/{service.pk}/submit/")
    assert response.status_code == 400 and "常见问题" in response.content.decode()
    complete_guide_questions(guide)
    assert client.post(f"{BASE}/items/{service.pk}/submit/").status_code == 302
    guide.refresh_from_db()
    assert guide.state == GuideState.REVIEW
    assert (
        client.post(f"{BASE}/items/{service.pk}/publish/", {"publish-on": "2026-12-07"}).status_code
        == 403
    )
    login(client, world.handler_environment)
    assert client.get(f"{BASE}/items/{service.pk}/").status_code == 404
    login(client, world.reviewer_finance)
    html = page(client, service)
    assert "审核通过并发布" in html and "保存要素" not in html
    response = client.post(f"{BASE}/items/{service.pk}/publish/", {"publish-on": "2026-12-07"})
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.state == ItemState.PUBLISHED and service.current_id == guide.pk
    again = client.post(f"{BASE}/items/{service.pk}/publish/", {"publish-on": "2026-12-07"})
    assert again.status_code == 302  # a second click: the refreshed page, nothing twice


def complete_guide_questions(guide):
    from gongkai.services.models import Question

    Question.objects.create(guide=guide, position=1, question="多久办结？", answer="10个工作日。")


def test_the_list_puts_what_waits_for_review_first(client, world):
    quiet = item(world, name="甲事项")
    complete_guide(quiet)
    waiting = item(world, name="乙事项")
    guides.submit(complete_guide(waiting), actor=world.handler_finance)
    login(client, world.reviewer_finance)
    html = client.get(f"{BASE}/").content.decode()
    assert html.index("乙事项") < html.index("甲事项")
    only = client.get(f"{BASE}/", {"state": "review"}).content.decode()
    assert "乙事项" in only and "甲事项" not in only


def test_revising_and_withdrawing_from_the_item_page(client, world):
    service = item(world)
    guide = complete_guide(service)
    guides.submit(guide, actor=world.handler_finance)
    guides.publish(guide, actor=world.reviewer_finance, on=date(2026, 3, 2))
    login(client, world.handler_finance)
    client.post(f"{BASE}/items/{service.pk}/revise/", {"new_draft-change_note": "压缩时限"})
    draft = guides.open_draft(service)
    assert draft.number == 2 and draft.change_note == "压缩时限"
    assert (
        client.post(
            f"{BASE}/items/{service.pk}/withdraw/",
            {"withdraw-on": "2026-12-07", "withdraw-reason": "取消"},
        ).status_code
        == 403
    )
    login(client, world.reviewer_finance)
    response = client.post(
        f"{BASE}/items/{service.pk}/withdraw/", {"withdraw-on": "2026-12-07", "withdraw-reason": ""}
    )
    assert response.status_code == 400
    client.post(
        f"{BASE}/items/{service.pk}/withdraw/",
        {"withdraw-on": "2026-12-07", "withdraw-reason": "市政发〔2026〕3号取消"},
    )
    service.refresh_from_db()
    assert service.state == ItemState.WITHDRAWN
