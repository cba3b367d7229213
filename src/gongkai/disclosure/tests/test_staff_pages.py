"""The staff pages: forms with per-field Chinese errors, workflow buttons,
queues and the supervision page, each asking the access policy."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.concurrency import STALE_MESSAGE
from gongkai.disclosure import actions
from gongkai.disclosure.models import Genre, InformationItem, ItemState, SubjectCategory
from gongkai.files.tests.samples import pdf
from gongkai.orgs.roles import Role
from gongkai.testing.factories import staff

from .conftest import beijing

pytestmark = pytest.mark.urls("gongkai.disclosure.tests.urls")


def url(name, *args):
    return reverse(f"workbench:disclosure:{name}", args=args)


def form_data(world, **fields):
    data = {
        "department": world.finance.pk,
        "title": "关于2026年市级预算公开的通知",
        "document_number": "天财发〔2026〕12号",
        "written_on": "2026-09-18",
        "formed_or_changed_on": "2026-09-20",
        "subject": SubjectCategory.objects.get(name="财政、金融、审计").pk,
        "genre": Genre.objects.get(name="通知").pk,
        "item_type": "general",
        "keywords": "预算",
        "summary": "公开预算。",
        "body": '<p onclick="x()">正文<script>alert(1)</script></p>',
        "source": "天水市财政局",
        "disclosure_attribute": "proactive",
        "exemption_reason": "",
    }
    data.update(fields)
    return data


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_a_handler_drafts_through_the_form_and_the_body_is_sanitised(world, as_user):
    client = as_user(world.handler_finance)
    assert client.get(url("create")).status_code == 200
    response = client.post(url("create"), form_data(world))
    item = InformationItem.objects.get()
    assert response.status_code == 302 and response["Location"] == url("item", item.pk)
    assert item.body == "<p>正文</p>" and item.created_by == world.handler_finance
    page = client.get(url("item", item.pk))
    assert "提交审核" in page.content.decode()


def test_not_proactive_without_a_reason_shows_a_chinese_message_beside_the_field(world, as_user):
    client = as_user(world.handler_finance)
    response = client.post(url("create"), form_data(world, disclosure_attribute="on_request"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<ul class="errorlist" id="id_exemption_reason_error">' in html
    assert "必须选择不主动公开的法定理由" in html
    assert 'aria-describedby="id_exemption_reason_error' in html or (
        'aria-describedby="id_exemption_reason_helptext id_exemption_reason_error"' in html
    )
    assert 'aria-invalid="true"' in html
    assert not InformationItem.objects.exists()


def test_required_fields_are_named_in_chinese(world, as_user):
    client = as_user(world.handler_finance)
    response = client.post(url("create"), form_data(world, title="", subject=""))
    html = response.content.decode()
    assert 'id="id_title_error"' in html and 'id="id_subject_error"' in html
    assert "这个字段是必填项" in html


def test_a_stale_edit_form_is_refused_and_nothing_is_overwritten(world, draft, as_user):
    item = draft()
    client = as_user(world.handler_finance)
    opened = client.get(url("edit", item.pk))
    version = opened.context["form"]["expected_version"].value()
    actions.update_draft(
        InformationItem.objects.get(pk=item.pk),
        actor=world.reviewer_finance,
        expected_version=item.version,
        data={"title": "审核人的修改"},
    )
    response = client.post(
        url("edit", item.pk), form_data(world, title="经办人的修改", expected_version=version)
    )
    assert response.status_code == 200 and STALE_MESSAGE in response.content.decode()
    item.refresh_from_db()
    assert item.title == "审核人的修改"


def test_an_edit_through_the_form_is_saved(world, draft, as_user):
    item = draft()
    client = as_user(world.handler_finance)
    response = client.post(
        url("edit", item.pk), form_data(world, title="改过的标题", expected_version=item.version)
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "改过的标题" and item.version == 2


def test_the_review_path_through_the_buttons(world, draft, as_user, client):
    item = draft()
    as_user(world.handler_finance).post(url("act", item.pk, "submit"))
    item.refresh_from_db()
    assert item.state == ItemState.SUBMITTED

    client = as_user(world.secrecy_finance)
    queue = client.get(url("queue", "confidentiality"))
    assert item.title in queue.content.decode()
    page = client.get(url("item", item.pk)).content.decode()
    assert "保密审查通过" in page and "保密审查退回修改" in page and "批准发布" not in page
    response = client.post(url("act", item.pk, "return_confidentiality"), {"comment": ""})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == ItemState.SUBMITTED  # refused: no comment
    client.post(url("act", item.pk, "pass_confidentiality"), {"comment": "无涉密内容"})

    client = as_user(world.reviewer_finance)
    assert item.title in client.get(url("queue", "approval")).content.decode()
    client.post(url("act", item.pk, "approve"))
    item.refresh_from_db()
    assert item.state == ItemState.PUBLISHED and item.index_number


def test_other_departments_cannot_see_or_act(world, draft, as_user):
    item = draft()
    actions.submit_item(item, actor=world.handler_finance)
    outsider = staff("secrecy_environment", (world.environment, Role.CONFIDENTIALITY))
    client = as_user(outsider)
    assert client.get(url("item", item.pk)).status_code == 404
    assert client.post(url("act", item.pk, "pass_confidentiality")).status_code == 404
    assert item.title not in client.get(url("queue", "confidentiality")).content.decode()


def test_queues_and_supervision_need_their_roles(world, as_user):
    client = as_user(world.handler_finance)
    assert client.get(url("queue", "confidentiality")).status_code == 403
    assert client.get(url("queue", "approval")).status_code == 403
    assert client.get(url("supervision")).status_code == 403
    assert client.get(url("create")).status_code == 200
    office = as_user(world.office)
    assert office.get(url("create")).status_code == 403


def test_the_supervision_page_lists_late_publications(
    world, draft, publish_through_review, as_user
):
    late = publish_through_review(
        draft(title="迟发的通知", formed_or_changed_on=date(2026, 9, 20)),
        now=beijing(2026, 10, 26, 9, 0),
    )
    client = as_user(world.office)
    response = client.get(url("supervision"))
    assert response.status_code == 200
    assert list(response.context["late"]) == [late]
    html = response.content.decode()
    assert "迟发的通知" in html and "法定公开内容空白" in html


def test_the_list_shows_my_departments_items_with_filters(world, draft, as_user):
    draft(title="财政的草稿")
    draft(actor=world.handler_environment, department=world.environment, title="环保的草稿")
    client = as_user(world.handler_finance)
    html = client.get(url("items")).content.decode()
    assert "财政的草稿" in html and "环保的草稿" not in html
    html = client.get(url("items"), {"state": "published"}).content.decode()
    assert "财政的草稿" not in html
    assert client.get(url("items"), {"year": "abc"}).status_code == 200


def test_an_attachment_is_uploaded_and_downloaded(world, draft, as_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    item = draft()
    client = as_user(world.handler_finance)
    upload = SimpleUploadedFile("预算表.pdf", pdf(), content_type="application/pdf")
    client.post(url("attachment_add", item.pk), {"file": upload, "title": "预算表"})
    attachment = item.attachments.get()
    response = client.get(url("attachment", item.pk, attachment.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    fake = SimpleUploadedFile(
        "假的.pdf", b"<script>alert(1)</script>", content_type="application/pdf"
    )
    client.post(url("attachment_add", item.pk), {"file": fake})
    assert item.attachments.count() == 1


def test_a_correction_through_the_form(world, draft, publish_through_review, as_user):
    item = publish_through_review(draft())
    client = as_user(world.reviewer_finance)
    assert client.get(url("correct", item.pk)).status_code == 200
    data = form_data(world, title="更正后的标题", expected_version=item.version, reason="")
    response = client.post(url("correct", item.pk), data)
    assert response.status_code == 200 and 'id="id_reason_error"' in response.content.decode()
    data["reason"] = "标题有误。"
    response = client.post(url("correct", item.pk), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "更正后的标题" and item.revision == 2
    assert as_user(world.handler_finance).get(url("correct", item.pk)).status_code == 403


def test_a_withdrawal_through_the_button_needs_a_reason(
    world, draft, publish_through_review, as_user
):
    item = publish_through_review(draft())
    client = as_user(world.office)
    client.post(url("act", item.pk, "withdraw"), {"comment": ""})
    item.refresh_from_db()
    assert item.state == ItemState.PUBLISHED
    client.post(url("act", item.pk, "withdraw"), {"comment": "涉及个人信息。"})
    item.refresh_from_db()
    assert item.state == ItemState.WITHDRAWN
