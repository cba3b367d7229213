"""Storing uploads: one blob per content, one row per upload, text after commit."""

import hashlib
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

from gongkai.audit.models import AuditEvent
from gongkai.files.kinds import DOCUMENT_KINDS, IMAGE_KINDS
from gongkai.files.models import StoredFile, blob_path
from gongkai.files.services import FileRejected, store_upload
from gongkai.jobs.testing import run_jobs

from . import samples


def blobs(media_root: Path) -> list[Path]:
    return [path for path in (media_root / "files").rglob("*") if path.is_file()]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """store_upload as if the caller's transaction had committed."""

    def store(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return store_upload(*args, **kwargs)

    return store


def test_an_upload_is_stored_under_its_sha256_with_its_original_name(db, _media_root, world):
    content = samples.pdf()
    stored = store_upload(
        SimpleUploadedFile("天水市2016年政府信息公开年度报告.pdf", content),
        allowed_kinds=DOCUMENT_KINDS,
        uploaded_by=world.handler_finance,
    )
    digest = hashlib.sha256(content).hexdigest()
    stored.refresh_from_db()
    assert stored.sha256 == digest
    assert stored.blob.name == f"files/{digest[:2]}/{digest[2:4]}/{digest}" == blob_path(digest)
    assert (_media_root / stored.blob.name).read_bytes() == content
    assert stored.original_name == "天水市2016年政府信息公开年度报告.pdf"
    assert (stored.kind, stored.mime_type, stored.size) == ("pdf", "application/pdf", len(content))
    assert stored.uploaded_by == world.handler_finance


def test_identical_content_is_stored_once(db, _media_root, world):
    content = samples.docx()
    first = store_upload(SimpleUploadedFile("通告.docx", content), allowed_kinds=DOCUMENT_KINDS)
    second = store_upload(
        SimpleUploadedFile("通告（再次上传）.docx", content),
        allowed_kinds=DOCUMENT_KINDS,
        uploaded_by=world.handler_finance,
    )
    assert first.pk != second.pk
    assert first.sha256 == second.sha256
    assert first.blob.name == second.blob.name
    assert len(blobs(_media_root)) == 1
    assert StoredFile.objects.filter(sha256=first.sha256).count() == 2


def test_the_filename_is_never_used_as_a_path(db, _media_root):
    stored = store_upload(
        SimpleUploadedFile("../../../../tmp/evil.png", samples.png()), allowed_kinds=IMAGE_KINDS
    )
    assert stored.original_name == "evil.png"
    assert stored.blob.name.startswith("files/")
    assert "evil" not in stored.blob.name
    assert not Path("/tmp/evil.png").exists() or Path("/tmp/evil.png").read_bytes() != samples.png()


def test_a_blob_cut_short_is_replaced_by_the_next_identical_upload(db, _media_root):
    content = samples.xlsx()
    digest = hashlib.sha256(content).hexdigest()
    broken = _media_root / blob_path(digest)
    broken.parent.mkdir(parents=True)
    broken.write_bytes(content[:100])
    store_upload(SimpleUploadedFile("统计表.xlsx", content), allowed_kinds=DOCUMENT_KINDS)
    assert broken.read_bytes() == content


def test_an_upload_spooled_to_disk_is_stored(db, _media_root):
    content = samples.pdf(pad_to=3 * 1024 * 1024)
    upload = TemporaryUploadedFile("大文件.pdf", "application/pdf", len(content), None)
    upload.write(content)
    upload.seek(0)
    stored = store_upload(upload, allowed_kinds=DOCUMENT_KINDS)
    upload.close()
    assert (_media_root / stored.blob.name).read_bytes() == content


def test_a_programmatic_content_file_is_accepted(db):
    stored = store_upload(ContentFile(samples.ofd(), name="通告.ofd"), allowed_kinds=DOCUMENT_KINDS)
    assert stored.kind == "ofd"


def test_a_refused_upload_leaves_no_row_and_no_blob(db, _media_root):
    with pytest.raises(FileRejected):
        store_upload(SimpleUploadedFile("setup.pdf", samples.exe()), allowed_kinds=DOCUMENT_KINDS)
    assert not StoredFile.objects.exists()
    assert not (_media_root / "files").exists()


def test_an_oversize_upload_is_refused_with_the_default_limit(db, settings):
    settings.UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    with pytest.raises(FileRejected, match="超过了 2 MB 的上限"):
        store_upload(
            SimpleUploadedFile("大文件.pdf", samples.pdf(pad_to=2 * 1024 * 1024 + 1)),
            allowed_kinds=DOCUMENT_KINDS,
        )


def test_storing_records_an_audit_event(db, world):
    stored = store_upload(
        SimpleUploadedFile("照片.jpg", samples.jpeg()),
        allowed_kinds=IMAGE_KINDS,
        uploaded_by=world.handler_finance,
    )
    event = AuditEvent.objects.get(action="files.store")
    assert event.object_id == str(stored.pk)
    assert event.actor_id == world.handler_finance.pk
    assert event.after["sha256"] == stored.sha256


def test_text_is_extracted_by_a_job_after_commit(db, committed):
    stored = committed(
        SimpleUploadedFile("通告.docx", samples.docx()), allowed_kinds=DOCUMENT_KINDS
    )
    assert stored.text_extracted_at is None
    assert run_jobs() == 1
    stored.refresh_from_db()
    assert samples.SLOGAN in stored.extracted_text
    assert stored.text_extracted_at is not None


def test_nothing_is_scheduled_when_the_transaction_rolls_back(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        store_upload(SimpleUploadedFile("通告.pdf", samples.pdf()), allowed_kinds=DOCUMENT_KINDS)
    assert len(callbacks) == 1
    assert run_jobs() == 0


def test_images_need_no_extraction_job(db, committed):
    stored = committed(SimpleUploadedFile("照片.png", samples.png()), allowed_kinds=IMAGE_KINDS)
    assert stored.text_extracted_at is not None
    assert stored.extracted_text == ""
    assert run_jobs() == 0


def test_a_second_upload_of_the_same_content_reuses_the_extracted_text(db, committed):
    committed(SimpleUploadedFile("通告.pdf", samples.pdf()), allowed_kinds=DOCUMENT_KINDS)
    run_jobs()
    again = committed(SimpleUploadedFile("转发.pdf", samples.pdf()), allowed_kinds=DOCUMENT_KINDS)
    assert samples.SLOGAN in again.extracted_text
    assert run_jobs() == 0


def test_the_extraction_job_is_safe_to_run_twice(db, committed):
    from gongkai.files.jobs import extract_text_job

    stored = committed(SimpleUploadedFile("通告.pdf", samples.pdf()), allowed_kinds=DOCUMENT_KINDS)
    extract_text_job.enqueue(stored.pk)
    assert run_jobs() == 2
    first = StoredFile.objects.get(pk=stored.pk).text_extracted_at
    extract_text_job.enqueue(stored.pk)
    run_jobs()
    assert StoredFile.objects.get(pk=stored.pk).text_extracted_at == first


def test_a_lost_extraction_job_is_made_up_by_the_hourly_sweep(db):
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.files.jobs import extract_missing_text

    stored = store_upload(
        SimpleUploadedFile("表.xlsx", samples.xlsx()), allowed_kinds=DOCUMENT_KINDS
    )
    StoredFile.objects.filter(pk=stored.pk).update(created_at=timezone.now() - timedelta(hours=2))
    extract_missing_text.enqueue()
    run_jobs()
    stored.refresh_from_db()
    assert "秦州区" in stored.extracted_text
