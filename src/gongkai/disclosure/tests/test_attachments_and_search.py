"""Attachments through gongkai.files, and the search index following publication,
correction and withdrawal (through the reindex job, enqueued on commit)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile

from gongkai.disclosure import actions
from gongkai.disclosure.indexing import get_entry
from gongkai.files.services import FileRejected
from gongkai.files.tests.samples import pdf
from gongkai.jobs.testing import run_jobs

from .conftest import base_data


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_an_attachment_is_stored_through_the_files_module(world, draft):
    item = draft()
    attachment = actions.add_attachment(
        item, actor=world.handler_finance, uploaded_file=ContentFile(pdf(), name="预算表.pdf")
    )
    assert attachment.title == "预算表" and attachment.file.kind == "pdf"
    assert len(attachment.file.sha256) == 64
    assert list(item.attachments.all()) == [attachment]


def test_a_file_whose_content_is_not_a_document_is_refused(world, draft):
    item = draft()
    with pytest.raises(FileRejected):
        actions.add_attachment(
            item,
            actor=world.handler_finance,
            uploaded_file=ContentFile(b"<html><script>x</script></html>", name="通知.pdf"),
        )
    assert not item.attachments.exists()


def test_attachments_are_fixed_once_submitted(world, draft):
    item = draft()
    attachment = actions.add_attachment(
        item, actor=world.handler_finance, uploaded_file=ContentFile(pdf(), name="a.pdf")
    )
    actions.submit_item(item, actor=world.handler_finance)
    with pytest.raises(PermissionDenied):
        actions.remove_attachment(attachment, actor=world.handler_finance)
    assert item.attachments.count() == 1


def test_the_search_entry_carries_the_attachments_text(
    world, draft, publish_through_review, django_capture_on_commit_callbacks
):
    item = draft()
    with django_capture_on_commit_callbacks(execute=True):
        actions.add_attachment(
            item,
            actor=world.handler_finance,
            uploaded_file=ContentFile(pdf("成纪新城道路命名方案"), name="方案.pdf"),
        )
    run_jobs()  # text extraction
    assert get_entry(str(item.pk)) is None  # not public yet
    publish_through_review(item)
    entry = get_entry(str(item.pk))
    assert "成纪新城道路命名方案" in entry["body"]
    assert entry["url"] == item.get_public_url()
    assert entry["facets"]["department"] == [world.finance.pk]
    assert entry["facets"]["subject"] == item.subject_id


def test_publication_indexes_and_withdrawal_removes_at_once(
    world, draft, publish_through_review, django_capture_on_commit_callbacks
):
    pytest.importorskip("gongkai.search.jobs")
    from gongkai.search.models import SearchEntry

    item = draft(title="关于淘汰黄标车的通告")
    with django_capture_on_commit_callbacks(execute=True):
        publish_through_review(item)
    run_jobs()
    assert SearchEntry.objects.filter(source="disclosure.item", object_id=str(item.pk)).exists()

    with django_capture_on_commit_callbacks(execute=True):
        actions.correct_item(
            item,
            actor=world.reviewer_finance,
            expected_version=item.version,
            data=base_data(title="关于淘汰黄标车的通告（更正）"),
            reason="标题更正。",
        )
    run_jobs()
    entry = SearchEntry.objects.get(source="disclosure.item", object_id=str(item.pk))
    assert entry.title == "关于淘汰黄标车的通告（更正）"

    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw_item(item, actor=world.reviewer_finance, reason="撤回。")
    # Gone at once, before any job has run.
    assert not SearchEntry.objects.filter(source="disclosure.item", object_id=str(item.pk)).exists()
    run_jobs()
    assert not SearchEntry.objects.filter(source="disclosure.item", object_id=str(item.pk)).exists()
