"""Cases in the test world: a published item of 天水市财政局 and its applicants."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.validators import id_check_char
from gongkai.files.tests import samples
from gongkai.services.services import guides
from gongkai.services.services.cases import submit_online

from .helpers import complete_guide, item


def resident_id(first17: str = "62050219900101123") -> str:
    return first17 + id_check_char(first17)


PERSON = {
    "applicant_kind": "person",
    "name": "张三",
    "id_number": resident_id(),
    "phone": "13800000000",
}


def published_item(world, **guide_fields):
    """An item whose guide (申请书 required, 营业执照 shared) is published today."""
    service = item(world)
    guide = complete_guide(service, **guide_fields)
    guides.submit(guide, actor=world.handler_finance)
    guides.publish(guide, actor=world.reviewer_finance)
    service.refresh_from_db()
    return service


def application_form(name: str = "申请书.pdf", content: bytes | None = None):
    return SimpleUploadedFile(name, content or samples.pdf("申请书"), "application/pdf")


def apply(service, *, key: str = "", **applicant):
    """An online application with the required 申请书; the ``Submission``."""
    material = service.current.materials.get(position=1)
    return submit_online(
        service,
        {**PERSON, **applicant},
        files=[(material, application_form())],
        idempotency_key=key,
    )


MATRIX_DAY = date(2026, 3, 2)  # the access matrices date their cases on a fixed working day


def matrix_case(service, guide, *, number: str, state: str):
    """A bare case of ``service`` in ``state`` for the access matrices (no clocks, no
    timeline: only what the policy reads — its department and its state)."""
    from gongkai.services.models import Case

    return Case.objects.create(
        item=service,
        guide=guide,
        department=service.department,
        number=number,
        password_hash="x",
        state=state,
        channel="online",
        applicant_kind="person",
        name="矩阵",
        id_number="11010519491231002X",
        phone="13800000000",
        submitted_at=datetime.combine(MATRIX_DAY, time(12), tzinfo=ZoneInfo("Asia/Shanghai")),
        received_on=MATRIX_DAY,
        fingerprint=number,
    )
