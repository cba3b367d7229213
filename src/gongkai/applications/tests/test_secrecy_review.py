"""保密审查 (secrecy review, 条例 Art. 17) of a reply before information is released: in an
agency with a 保密审查员, a reply 予以公开 or 部分公开 passes it before the reviewer may
approve; an agency without the role, and a reply that releases nothing, approve as before."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.models import (
    ApplicationState,
    Outcome,
    SecrecyConclusion,
    SecrecyReview,
    StepKind,
)
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import DomainError
from gongkai.orgs.roles import Role
from gongkai.testing.factories import staff
from gongkai.workflow.models import Entry

from .helpers import received

pytestmark = pytest.mark.django_db

RECEIVED = date(2026, 9, 22)
REVIEWED = date(2026, 10, 8)
REPLIED = date(2026, 10, 9)


def drafted(department, handler, outcome=Outcome.PARTIAL, **extra):
    application = received(department, RECEIVED, handler)
    fields = {
        "legal_basis": "《中华人民共和国政府信息公开条例》第十五条、第三十七条。",
        "reply_text": "现向您提供删除个人信息后的补贴发放汇总表。",
    }
    fields.update(extra)
    services.submit_reply(
        application,
        outcome=outcome,
        actor=handler,
        expected_version=application.version,
        **fields,
    )
    application.refresh_from_db()
    return application


@pytest.fixture
def release(world):
    """A 部分公开 reply of 天水市财政局, where 保密审查员 secrecy_finance sits."""
    return drafted(world.finance, world.handler_finance)


def test_a_release_reply_cannot_be_approved_before_the_secrecy_review(world, release):
    with pytest.raises(DomainError, match="保密审查") as refused:
        services.approve_reply(release, actor=world.reviewer_finance, on=REPLIED)
    assert refused.value.code == "secrecy_pending"
    release.refresh_from_db()
    assert release.state == ApplicationState.REPLY_REVIEW
    assert not release.notices.filter(kind="reply").exists()
    # the review is internal: the reply clock keeps running meanwhile
    clock = release.reply_clock()
    assert clock.state == "running"
    assert not clock.pauses.exists()


def test_after_the_secrecy_review_the_reviewer_approves(world, release):
    due = release.reply_clock().due_date
    review = services.pass_secrecy_review(
        release, actor=world.secrecy_finance, note="已删除身份证号码，未涉及国家秘密。", on=REVIEWED
    )
    release.refresh_from_db()
    assert release.state == ApplicationState.REPLY_REVIEW
    assert release.secrecy_review == review
    # recorded: who, when, the conclusion, the note
    assert (review.reviewer, review.on, review.conclusion, review.outcome) == (
        world.secrecy_finance,
        REVIEWED,
        SecrecyConclusion.PASSED,
        Outcome.PARTIAL,
    )
    assert review.note == "已删除身份证号码，未涉及国家秘密。" and review.at is not None
    change = Entry.objects.get(object_id=str(release.pk), action="pass_secrecy_review")
    assert change.actor == world.secrecy_finance and change.comment == review.note
    event = AuditEvent.objects.get(
        object_id=str(release.pk), action="applications.application.pass_secrecy_review"
    )
    assert event.actor == world.secrecy_finance
    assert event.after["secrecy_review"] == review.pk and event.after["comment"] == review.note
    assert release.reply_clock().due_date == due  # nothing paused or moved

    services.approve_reply(release, actor=world.reviewer_finance, on=REPLIED)
    release.refresh_from_db()
    assert release.state == ApplicationState.REPLIED


def test_the_timeline_shows_the_secrecy_review_inside_the_agency_only(world, release):
    services.pass_secrecy_review(release, actor=world.secrecy_finance, note="同意。", on=REVIEWED)
    services.approve_reply(release, actor=world.reviewer_finance, on=REPLIED)
    kinds = list(release.timeline.values_list("kind", flat=True))
    assert kinds.index(StepKind.SECRECY_PASSED) < kinds.index(StepKind.REPLIED)
    step = release.timeline.get(kind=StepKind.SECRECY_PASSED)
    assert step.title == "保密审查通过"
    assert (step.on, step.actor, step.public) == (REVIEWED, world.secrecy_finance, False)
    assert "部分公开" in step.text and "同意。" in step.text
    submitted = release.timeline.get(kind=StepKind.REPLY_SUBMITTED)
    assert "待保密审查" in submitted.text


def test_a_returned_draft_goes_back_to_the_handler_and_a_new_draft_needs_a_new_review(
    world, release
):
    with pytest.raises(DomainError, match="意见"):
        services.return_secrecy_review(release, actor=world.secrecy_finance, note=" ")
    services.return_secrecy_review(
        release, actor=world.secrecy_finance, note="附件第3页含个人住址，请删除。", on=REVIEWED
    )
    release.refresh_from_db()
    assert release.state == ApplicationState.IN_PROGRESS
    returned = SecrecyReview.objects.get(application=release)
    assert returned.conclusion == SecrecyConclusion.RETURNED
    assert release.timeline.filter(kind=StepKind.SECRECY_RETURNED).exists()

    # passed, then the reviewer returns it: the redrafted reply is reviewed again
    services.submit_reply(
        release,
        outcome=Outcome.PARTIAL,
        legal_basis="条例第十五条、第三十七条。",
        reply_text="已删除个人住址。",
        actor=world.handler_finance,
        expected_version=release.version,
    )
    services.pass_secrecy_review(release, actor=world.secrecy_finance, on=REVIEWED)
    services.return_reply(release, actor=world.reviewer_finance, comment="请补充获取方式。")
    release.refresh_from_db()
    services.submit_reply(
        release,
        outcome=Outcome.PARTIAL,
        legal_basis="条例第十五条、第三十七条。",
        reply_text="已删除个人住址，可网上下载。",
        actor=world.handler_finance,
        expected_version=release.version,
    )
    release.refresh_from_db()
    assert release.secrecy_review is None
    with pytest.raises(DomainError, match="保密审查"):
        services.approve_reply(release, actor=world.reviewer_finance, on=REPLIED)
    assert SecrecyReview.objects.filter(application=release).count() == 2


def test_an_agency_without_a_secrecy_reviewer_approves_as_before(world):
    reviewer = staff("reviewer_environment", (world.environment, Role.REVIEWER))
    application = drafted(world.environment, world.handler_environment, Outcome.DISCLOSED)
    assert not services.secrecy_review_pending(application)
    services.approve_reply(application, actor=reviewer, on=REPLIED)
    application.refresh_from_db()
    assert application.state == ApplicationState.REPLIED
    assert not application.timeline.filter(kind=StepKind.SECRECY_PASSED).exists()


def test_a_reply_that_releases_nothing_needs_no_secrecy_review(world):
    application = drafted(
        world.finance,
        world.handler_finance,
        Outcome.WITHHELD_PROCESS,
        legal_basis="条例第十六条第二款。",
        reply_text="",
    )
    assert not services.secrecy_review_pending(application)
    with pytest.raises(DomainError, match="不需要保密审查"):
        services.pass_secrecy_review(application, actor=world.secrecy_finance, on=REVIEWED)
    services.approve_reply(application, actor=world.reviewer_finance, on=REPLIED)
    application.refresh_from_db()
    assert application.state == ApplicationState.REPLIED


def test_only_the_agencys_own_secrecy_reviewer_may_review(world, release):
    other = staff("secrecy_environment", (world.environment, Role.CONFIDENTIALITY))
    for person in (other, world.reviewer_finance, world.handler_finance, world.office):
        with pytest.raises(PermissionDenied):
            services.pass_secrecy_review(release, actor=person, on=REVIEWED)
    assert not SecrecyReview.objects.exists()


def test_a_reviewer_who_is_also_the_secrecy_reviewer_takes_both_steps(world, release):
    both = staff(
        "reviewer_and_secrecy",
        (world.finance, Role.REVIEWER),
        (world.finance, Role.CONFIDENTIALITY),
    )
    with pytest.raises(DomainError, match="保密审查"):
        services.approve_reply(release, actor=both, on=REPLIED)
    services.pass_secrecy_review(release, actor=both, on=REVIEWED)
    services.approve_reply(release, actor=both, on=REPLIED)
    release.refresh_from_db()
    assert release.state == ApplicationState.REPLIED


# -- the workbench page ----------------------------------------------------------------


def detail(client, user, application) -> str:
    client.force_login(user)
    url = reverse("workbench:applications_staff:detail", args=[application.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_offers_the_review_to_the_secrecy_reviewer_and_approval_only_after_it(
    client, world, release
):
    page = detail(client, world.reviewer_finance, release)
    assert 'id="approve"' not in page and 'id="secrecy"' not in page
    assert "须经本机关保密审查员保密审查通过后" in page
    assert 'id="return"' in page  # the reviewer may still return the draft

    page = detail(client, world.secrecy_finance, release)
    assert 'id="secrecy"' in page and 'id="approve"' not in page
    url = reverse("workbench:applications_staff:secrecy", args=[release.pk])
    refused = client.post(url, {"secrecy-conclusion": "returned", "secrecy-on": "2026-10-08"})
    assert refused.status_code == 400
    assert "退回修改的，请写明审查意见" in refused.content.decode()
    response = client.post(
        url,
        {
            "secrecy-conclusion": "passed",
            "secrecy-note": "未涉及国家秘密。",
            "secrecy-on": REVIEWED.isoformat(),
        },
    )
    assert response.status_code == 302
    again = client.post(url, {"secrecy-conclusion": "passed", "secrecy-on": "2026-10-08"})
    assert again.status_code == 302  # a second click: told on the page, nothing recorded
    assert SecrecyReview.objects.filter(application=release).count() == 1

    page = detail(client, world.reviewer_finance, release)
    assert 'id="approve"' in page
    assert "本次答复稿已通过保密审查" in page and "未涉及国家秘密。" in page
    assert "保密审查通过" in page  # the timeline line


def test_the_page_refuses_the_review_to_another_agencys_secrecy_reviewer(client, world, release):
    other = staff("secrecy_environment", (world.environment, Role.CONFIDENTIALITY))
    client.force_login(other)
    url = reverse("workbench:applications_staff:secrecy", args=[release.pk])
    response = client.post(url, {"secrecy-conclusion": "passed", "secrecy-on": "2026-10-08"})
    assert response.status_code == 404  # not even visible
    client.force_login(world.reviewer_finance)
    response = client.post(url, {"secrecy-conclusion": "passed", "secrecy-on": "2026-10-08"})
    assert response.status_code == 403
    assert not SecrecyReview.objects.exists()
