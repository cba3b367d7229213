"""Attachments of a draft and files of entries: sniffed on upload, kept through rounds,
downloadable by staff who see the consultation and, once public, by everyone."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.consultations import services
from gongkai.consultations.models import ConsultationFile, Kind
from gongkai.files.tests import samples

from .helpers import at, draft, entry_data, live

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf(name="细则全文.pdf"):
    return SimpleUploadedFile(name, samples.pdf("黄标车实施细则全文"), "application/pdf")


def staff_url(name, *args):
    return reverse(f"workbench:consultations_staff:{name}", args=args)


def test_attach_before_publication_only_and_by_content(world, client):
    consultation = services.create(world.finance, draft(), actor=world.handler_finance)
    client.force_login(world.handler_finance)
    response = client.post(staff_url("attach", consultation.pk), {"attach-files": [pdf()]})
    assert response.status_code == 302
    attached = ConsultationFile.objects.get()
    assert attached.file.original_name == "细则全文.pdf"
    fake = SimpleUploadedFile("图纸.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    refused = client.post(staff_url("attach", consultation.pk), {"attach-files": [fake]})
    assert refused.status_code == 400 and ConsultationFile.objects.count() == 1
    download = client.get(staff_url("file", consultation.pk, attached.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    services.publish(consultation, actor=world.reviewer_finance, now=at(2026, 5, 20))
    with pytest.raises(PermissionDenied):  # published: the attachments are part of the record
        services.remove_file(consultation, attached.pk, actor=world.handler_finance)


def test_public_downloads_only_once_published(world, client):
    consultation = services.create(world.finance, draft(), actor=world.handler_finance)
    attached = services.attach_files(consultation, [pdf()], actor=world.handler_finance)[0]
    url = reverse("consultations_portal:file", args=[consultation.pk, attached.pk])
    assert client.get(url).status_code == 404
    services.publish(consultation, actor=world.reviewer_finance, now=at(2026, 5, 20))
    assert client.get(url).status_code == 200
    assert "细则全文.pdf" in client.get(consultation.get_public_url()).content.decode()
    client.force_login(world.handler_environment)
    assert client.get(staff_url("file", consultation.pk, attached.pk)).status_code == 404


def test_entry_files_public_only_when_approved_and_agreed(world, client):
    call = live(world, Kind.CALL, title="伏羲庙标识设计方案征集")
    round = call.current_round()
    entry = services.submit_entry(
        round, entry_data(), files=[pdf("标识设计.pdf")], idempotency_key="e1"
    ).record
    attached = entry.files.get()
    url = reverse("consultations_portal:entry_file", args=[call.pk, entry.pk, attached.pk])
    assert client.get(url).status_code == 404
    client.force_login(world.handler_finance)
    assert client.get(staff_url("entry_file", call.pk, entry.pk, attached.pk)).status_code == 200
    services.moderate(call, entry_ids=[entry.pk], approve=True, actor=world.handler_finance)
    client.logout()
    assert client.get(url).status_code == 200


def test_a_new_round_keeps_the_attachments(world):
    from datetime import date

    from gongkai.files.services import DOCUMENT_KINDS, store_upload

    from .helpers import DRAFT_TEXT
    from .test_rounds import finished_first_round

    consultation = finished_first_round(world)
    stored = store_upload(pdf(), allowed_kinds=DOCUMENT_KINDS)
    ConsultationFile.objects.create(round=consultation.current_round(), file=stored)
    round = services.open_new_round(
        consultation,
        draft_text=DRAFT_TEXT,
        changes_note="按意见修改。",
        opens_on=date(2026, 8, 1),
        closes_on=date(2026, 8, 15),
        actor=world.handler_finance,
        now=at(2026, 7, 20),
    )
    assert [f.file_id for f in round.files.all()] == [stored.pk]
