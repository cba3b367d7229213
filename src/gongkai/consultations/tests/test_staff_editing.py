"""Starting and editing a consultation in the workbench: Chinese errors per field, one record
for a double submission, a colleague's save never silently overwritten, and the actions of
the detail page (publish, extend, vote) refused for the wrong person or the wrong phase."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from gongkai.consultations import services
from gongkai.consultations.models import Consultation, Entry, Kind
from gongkai.core.concurrency import STALE_MESSAGE

from .helpers import DRAFT_TEXT, draft, live
from .staff_helpers import closed_call, unpublished, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def form_data(**overrides) -> dict:
    today = timezone.localdate()
    data = {
        "kind": "draft",
        "subject": "",
        "title": "《天水市淘汰黄标车实施细则》草案征求意见",
        "summary": "现将实施细则草案全文公布，征求社会各界意见。",
        "contact_name": "李明",
        "contact_phone": "0938-8212345",
        "contact_email": "",
        "contact_address": "",
        "opens_on": (today + timedelta(days=1)).isoformat(),
        "closes_on": (today + timedelta(days=30)).isoformat(),
        "draft_text": DRAFT_TEXT,
        "token": "tok-new-1",
    }
    data.update(overrides)
    return data


def post(client, user, name, *args, data=None):
    client.force_login(user)
    return client.post(url(name, *args), data or {})


def test_a_handler_starts_a_draft_and_sees_its_clauses(client, world):
    response = post(client, world.handler_finance, "new", data=form_data())
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith(url("detail", consultation.pk))
    assert consultation.department == world.finance
    assert consultation.published_at is None
    html = client.get(response["Location"]).content.decode()
    assert [c.label for c in consultation.current_round().clauses.all()][1:] == [
        "第一条",
        "第二条",
        "第三条",
        "第四条",
    ]
    assert "草案全文按条款拆分为 5 部分" in html


def test_posting_the_new_form_twice_creates_one_consultation(client, world):
    first = post(client, world.handler_finance, "new", data=form_data())
    second = post(client, world.handler_finance, "new", data=form_data())
    assert Consultation.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"].split("#")[0]


def test_missing_and_wrong_fields_are_named_in_chinese_and_nothing_is_saved(client, world):
    today = timezone.localdate()
    data = form_data(
        title="",
        contact_phone="12",
        draft_text="",
        contact_email="x@",
        opens_on=(today + timedelta(days=10)).isoformat(),
        closes_on=(today + timedelta(days=5)).isoformat(),
    )
    response = post(client, world.handler_finance, "new", data=data)
    html = response.content.decode()
    assert response.status_code == 400
    assert Consultation.objects.count() == 0
    assert "请填写标题。" in html
    assert "联系电话格式不正确" in html
    assert "电子邮箱格式不正确。" in html
    assert "草案征求意见须填写草案条文" in html
    assert "截止日期不能早于开始日期。" in html


def test_a_call_needs_its_subject_and_no_text(client, world):
    response = post(
        client, world.handler_finance, "new", data=form_data(kind="call", draft_text="")
    )
    assert response.status_code == 400
    assert "方案征集须填写征集内容" in response.content.decode()
    response = post(
        client,
        world.handler_finance,
        "new",
        data=form_data(kind="call", draft_text="", subject="道路名称", token="tok-2"),
    )
    assert response.status_code == 302
    assert Consultation.objects.get().kind == Kind.CALL


def test_the_office_and_the_confidentiality_reviewer_cannot_start_one(client, world):
    assert client.get(url("new")).status_code == 302  # anonymous: to the login
    client.force_login(world.office)
    assert client.get(url("new")).status_code == 403
    assert post(client, world.office, "new", data=form_data()).status_code == 403
    assert Consultation.objects.count() == 0


def test_the_edit_form_shows_the_clauses_joined_back_into_text(client, world):
    consultation = unpublished(world)
    client.force_login(world.handler_finance)
    html = client.get(url("edit", consultation.pk)).content.decode()
    assert "第三条 提前淘汰黄标车的" in html
    assert f'name="expected_version" value="{consultation.version}"' in html


def test_an_edit_saves_the_new_text_and_period(client, world):
    consultation = unpublished(world)
    text = DRAFT_TEXT.replace("三千元", "五千元")
    closes_on = timezone.localdate() + timedelta(days=40)
    data = form_data(
        draft_text=text, closes_on=closes_on.isoformat(), expected_version=consultation.version
    )
    response = post(client, world.handler_finance, "edit", consultation.pk, data=data)
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.version == 2
    clause = consultation.current_round().clauses.get(label="第三条")
    assert "五千元" in clause.text


def test_a_stale_edit_is_refused_and_keeps_the_colleagues_save(client, world):
    consultation = unpublished(world)
    opened_at = consultation.version
    services.update(
        consultation,
        draft(
            title="同事改过的标题",
            opens_on=timezone.localdate() + timedelta(days=1),
            closes_on=timezone.localdate() + timedelta(days=20),
        ),
        expected_version=opened_at,
        actor=world.reviewer_finance,
    )
    data = form_data(title="我的标题", expected_version=opened_at)
    response = post(client, world.handler_finance, "edit", consultation.pk, data=data)
    assert response.status_code == 400
    assert STALE_MESSAGE in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.title == "同事改过的标题"


def test_a_published_consultation_cannot_be_edited_any_more(client, world):
    consultation = live(world)
    response = post(
        client,
        world.handler_finance,
        "edit",
        consultation.pk,
        data=form_data(title="新标题", expected_version=consultation.version),
    )
    assert response.status_code == 302  # back to the page, with the reason
    consultation.refresh_from_db()
    assert consultation.title != "新标题"
    html = client.get(response["Location"]).content.decode()
    assert "当前阶段为“征集中”，不能修改" in html


def test_another_department_cannot_edit(client, world):
    consultation = unpublished(world)
    response = post(
        client,
        world.handler_environment,
        "edit",
        consultation.pk,
        data=form_data(title="别的部门", expected_version=consultation.version),
    )
    assert response.status_code == 404
    consultation.refresh_from_db()
    assert consultation.title != "别的部门"


# -- the actions of the detail page ----------------------------------------------------


def test_publishing_is_refused_to_the_handler_and_done_by_the_leader(client, world):
    consultation = unpublished(world)
    assert post(client, world.handler_finance, "publish", consultation.pk).status_code == 403
    consultation.refresh_from_db()
    assert consultation.published_at is None
    response = post(client, world.reviewer_finance, "publish", consultation.pk)
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.published_at is not None


def test_publishing_twice_says_it_is_published_already(client, world):
    consultation = unpublished(world)
    post(client, world.reviewer_finance, "publish", consultation.pk)
    first = Consultation.objects.get(pk=consultation.pk).published_at
    response = post(client, world.reviewer_finance, "publish", consultation.pk)
    assert response.status_code == 302
    assert Consultation.objects.get(pk=consultation.pk).published_at == first
    html = client.get(response["Location"]).content.decode()
    assert "不能发布" in html


def test_a_period_in_the_past_is_refused_with_the_services_reason(client, world):
    today = timezone.localdate()
    consultation = services.create(
        world.finance,
        draft(opens_on=today - timedelta(days=10), closes_on=today - timedelta(days=1)),
        actor=world.handler_finance,
    )
    response = post(client, world.reviewer_finance, "publish", consultation.pk)
    assert response.status_code == 400
    assert "征集期已经结束，请先修改征集期再发布。" in response.content.decode()


def test_extending_needs_a_reason_and_a_future_day(client, world):
    consultation = live(world)
    before = consultation.current_round().closes_at
    later = timezone.localdate() + timedelta(days=20)
    response = post(
        client,
        world.reviewer_finance,
        "extend",
        consultation.pk,
        data={"extend-closes_on": later.isoformat(), "extend-reason": ""},
    )
    assert response.status_code == 400
    assert "请填写调整理由。" in response.content.decode()
    past = timezone.localdate() - timedelta(days=1)
    response = post(
        client,
        world.reviewer_finance,
        "extend",
        consultation.pk,
        data={"extend-closes_on": past.isoformat(), "extend-reason": "延长征集"},
    )
    assert response.status_code == 400
    assert "新的截止日期不能早于今天" in response.content.decode()
    assert Consultation.objects.get(pk=consultation.pk).current_round().closes_at == before
    response = post(
        client,
        world.reviewer_finance,
        "extend",
        consultation.pk,
        data={"extend-closes_on": later.isoformat(), "extend-reason": "群众反映征集期太短"},
    )
    assert response.status_code == 302
    assert Consultation.objects.get(pk=consultation.pk).current_round().closes_at > before
    html = client.get(url("detail", consultation.pk)).content.decode()
    assert "群众反映征集期太短" in html  # in the audit trail


def test_the_handler_may_not_extend(client, world):
    consultation = live(world)
    later = timezone.localdate() + timedelta(days=20)
    response = post(
        client,
        world.handler_finance,
        "extend",
        consultation.pk,
        data={"extend-closes_on": later.isoformat(), "extend-reason": "延长"},
    )
    assert response.status_code == 403


def test_a_vote_is_scheduled_on_the_chosen_entries(client, world):
    consultation, ids = closed_call(world)
    today = timezone.localdate()
    data = {
        "vote-entries": [str(ids[0])],
        "vote-opens_on": today.isoformat(),
        "vote-closes_on": (today + timedelta(days=7)).isoformat(),
    }
    response = post(client, world.handler_finance, "schedule_vote", consultation.pk, data=data)
    assert response.status_code == 400
    assert "请至少选择两件作品入围投票。" in response.content.decode()
    assert not Entry.objects.filter(shortlisted=True).exists()
    data["vote-entries"] = [str(ids[2]), str(ids[0])]
    response = post(client, world.handler_finance, "schedule_vote", consultation.pk, data=data)
    assert response.status_code == 302
    assert sorted(Entry.objects.filter(shortlisted=True).values_list("pk", flat=True)) == sorted(
        [ids[0], ids[2]]
    )
    assert Consultation.objects.get(pk=consultation.pk).state == "voting"
    listed = client.get(url("index"), {"phase": "voting"}).content.decode()
    assert url("detail", consultation.pk) in listed
    assert "待反馈" in listed  # a running vote still awaits the feedback
    assert (
        url("detail", consultation.pk)
        not in client.get(url("index"), {"phase": "closed"}).content.decode()
    )
