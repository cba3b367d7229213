"""更正 of an imported item's text: the office, before the reply letter is sent,
version-checked, with a reason, audited; the public results column shows the new text."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.core.concurrency import StaleEdit
from gongkai.core.errors import DomainError, InvalidFields
from gongkai.proposals import services

from .helpers import congress_session, imported, replied

pytestmark = pytest.mark.django_db

TYPO = "关于加快城区老旧小区改造的建义"
FIXED = "关于加快城区老旧小区改造的建议"


@pytest.fixture
def item(world):
    found = imported(world, congress_session(world))[0]
    found.title = TYPO
    found.save(update_fields=["title"])
    return found


def assigned(world, item):
    services.assign(item, lead=world.finance, actor=world.office, on=date(2026, 3, 2))
    item.refresh_from_db()
    return item


def url(name, item):
    return reverse(f"workbench:proposals_staff:{name}", args=[item.pk])


def form_data(item, **overrides):
    data = {
        "correct-title": item.title,
        "correct-authors": item.authors,
        "correct-content": item.content,
        "correct-suggested_units": item.suggested_units,
        "correct-reason": "交办会上发现标题有错字",
        "correct-expected_version": str(item.version),
    }
    data.update({f"correct-{k}": v for k, v in overrides.items()})
    return data


def test_the_office_corrects_the_title_and_the_change_is_audited_before_and_after(world, item):
    item = assigned(world, item)
    version = item.version

    changed = services.correct_text(
        item,
        actor=world.office,
        expected_version=version,
        reason="交办会上发现标题有错字",
        title=FIXED,
        authors="王建国（领衔），李秀英、张卫东、赵文",
    )

    item.refresh_from_db()
    assert changed == ["title", "authors"]
    assert item.title == FIXED and item.version == version + 1
    assert item.state == "handling"
    event = AuditEvent.objects.get(action="proposals.correct")
    assert event.actor_id == world.office.pk
    assert event.before == {"title": TYPO, "authors": "王建国（领衔），李秀英、张卫东"}
    assert event.after == {
        "title": FIXED,
        "authors": "王建国（领衔），李秀英、张卫东、赵文",
        "reason": "交办会上发现标题有错字",
    }


def test_the_public_results_page_shows_the_corrected_title(client, world, item):
    item = assigned(world, item)
    public = reverse("proposals_portal:item", args=[item.pk])
    assert TYPO in client.get(public).content.decode()

    services.correct_text(
        item, actor=world.office, expected_version=item.version, reason="错字", title=FIXED
    )

    html = client.get(public).content.decode()
    assert FIXED in html and TYPO not in html
    listing = client.get(reverse("proposals_portal:session", args=[item.session_id]))
    assert FIXED in listing.content.decode()


def test_department_staff_may_not_correct(client, world, item):
    item = assigned(world, item)
    for person in (world.handler_finance, world.reviewer_finance):
        with pytest.raises(PermissionDenied):
            services.correct_text(
                item, actor=person, expected_version=item.version, reason="错字", title=FIXED
            )
    client.force_login(world.handler_finance)
    page = client.get(url("detail", item)).content.decode()
    assert "更正导入内容" not in page
    assert client.post(url("correct", item), form_data(item, title=FIXED)).status_code == 403
    item.refresh_from_db()
    assert item.title == TYPO
    assert not AuditEvent.objects.filter(action="proposals.correct").exists()


def test_correction_is_refused_once_the_reply_letter_is_sent_and_in_re_handling(world, item):
    item = replied(world, item, on=date(2026, 3, 2))
    assert item.state == "replied"
    with pytest.raises(DomainError, match="答复函已经签发") as refused:
        services.correct_text(
            item, actor=world.office, expected_version=item.version, reason="错字", title=FIXED
        )
    assert refused.value.code == "replied"

    services.record_satisfaction(
        item,
        satisfaction="unsatisfied",
        comment="改造进度仍然偏慢",
        actor=world.office,
        on=date(2026, 3, 5),
    )
    item.refresh_from_db()
    assert item.state == "handling" and item.round == 2  # the same state as round one
    with pytest.raises(DomainError, match="答复函已经签发"):
        services.correct_text(
            item, actor=world.office, expected_version=item.version, reason="错字", title=FIXED
        )
    item.refresh_from_db()
    assert item.title == TYPO


def test_a_stale_version_is_refused_and_nothing_is_written(world, item):
    opened_at = item.version
    services.correct_text(
        item, actor=world.office, expected_version=opened_at, reason="领衔人", authors="王建国"
    )
    with pytest.raises(StaleEdit):
        services.correct_text(
            item, actor=world.office, expected_version=opened_at, reason="错字", title=FIXED
        )
    item.refresh_from_db()
    assert item.title == TYPO and item.authors == "王建国"


def test_the_reason_is_required_and_the_text_is_checked_as_at_import(world, item):
    with pytest.raises(InvalidFields) as refused:
        services.correct_text(
            item, actor=world.office, expected_version=item.version, reason="  ", title=FIXED
        )
    assert "reason" in refused.value.errors
    with pytest.raises(InvalidFields) as refused:
        services.correct_text(
            item, actor=world.office, expected_version=item.version, reason="错字", title=""
        )
    assert refused.value.errors == {"title": "请填写标题。"}
    with pytest.raises(DomainError, match="没有修改任何内容"):
        services.correct_text(
            item, actor=world.office, expected_version=item.version, reason="错字", title=TYPO
        )
    item.refresh_from_db()
    assert item.title == TYPO and item.version == 1


def test_the_workbench_form_corrects_a_pending_item(client, world, item):
    client.force_login(world.office)
    assert "更正导入内容" in client.get(url("detail", item)).content.decode()

    response = client.post(url("correct", item), form_data(item, title=FIXED))

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == FIXED


def test_the_form_shows_each_refusal_beside_it_with_the_typed_text_kept(client, world, item):
    client.force_login(world.office)
    stale = form_data(item, title=FIXED)
    services.correct_text(
        item, actor=world.office, expected_version=item.version, reason="领衔人", authors="王建国"
    )

    no_reason = client.post(url("correct", item), form_data(item, title=FIXED, reason=""))
    assert no_reason.status_code == 400
    assert "请填写更正理由。" in no_reason.content.decode()
    assert FIXED in no_reason.content.decode()

    refused = client.post(url("correct", item), stale)
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "已被他人修改并保存" in html and FIXED in html

    item.refresh_from_db()
    replied(world, item, on=date(2026, 3, 2))
    item.refresh_from_db()
    late = client.post(url("correct", item), form_data(item, title=FIXED))
    html = late.content.decode()
    assert late.status_code == 400
    assert "答复函已经签发" in html and FIXED in html
    item.refresh_from_db()
    assert item.title == TYPO
