"""Import and re-import of the officers' list: preview, bad rows by row number,
one transaction, and no ID number kept."""

from datetime import date

import pytest

from gongkai.core.errors import DomainError
from gongkai.powers.models import Officer, OfficerStatus
from gongkai.powers.services.officers import apply_officers, preview_officers

from .enforcement_helpers import body, officer_row, officers_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_7_december_2026(today_is):
    """The dates below are written for this day, whatever day the suite runs on."""
    today_is(date(2026, 12, 7))


def test_a_first_import_creates_every_officer(world):
    body(world)
    preview = preview_officers(
        world.tianshui, officers_file([officer_row(n) for n in range(3)]), world.handler_finance
    )
    assert preview.ok and len(preview.new) == 3 and not preview.changed and not preview.gone
    assert Officer.objects.count() == 0  # a preview writes nothing
    assert apply_officers(preview, world.handler_finance) == {
        "new": 3,
        "changed": 0,
        "gone": 0,
        "skipped": 0,
    }
    officer = Officer.objects.get(certificate_number="甘A05000001")
    assert officer.expires_on == date(2028, 2, 29) and officer.status == OfficerStatus.ACTIVE


def test_csv_exports_are_read_too(world):
    body(world)
    preview = preview_officers(
        world.tianshui, officers_file([officer_row(1)], csv=True), world.handler_finance
    )
    assert preview.new == ["甘A05000001"]


def test_a_reimport_shows_new_changed_and_gone_before_applying(world):
    body(world)
    apply_officers(
        preview_officers(
            world.tianshui, officers_file([officer_row(n) for n in range(3)]), world.office
        ),
        world.office,
    )
    rows = [
        officer_row(0),
        officer_row(1, field="会计监督", expires_on="2030-02-28"),
        officer_row(7),
    ]
    preview = preview_officers(world.tianshui, officers_file(rows), world.office)
    assert preview.new == ["甘A05000007"]
    [change] = preview.changed
    assert change.officer.certificate_number == "甘A05000001"
    assert change.fields == {
        "field": ("财政", "会计监督"),
        "expires_on": (date(2028, 2, 29), date(2030, 2, 28)),
    }
    assert [o.certificate_number for o in preview.gone] == ["甘A05000002"]
    assert Officer.objects.get(certificate_number="甘A05000001").field == "财政"
    apply_officers(preview, world.office)
    assert Officer.objects.get(certificate_number="甘A05000001").field == "会计监督"
    gone = Officer.objects.get(certificate_number="甘A05000002")
    assert gone.status == OfficerStatus.CANCELLED and gone.status_since == date(2026, 12, 7)
    assert Officer.objects.count() == 4


def test_bad_rows_are_reported_by_row_number_and_nothing_is_applied(world):
    body(world)
    rows = [
        officer_row(1),
        officer_row(2, issued_on="2022-13-01"),
        officer_row(3, body="天水市不存在局"),
        officer_row(1),
        officer_row(4, expires_on="2020-01-01"),
        officer_row(5, status="停用"),
        officer_row(6, name=""),
    ]
    preview = preview_officers(world.tianshui, officers_file(rows), world.office)
    assert preview.problem_lines() == [
        "第3行：“发证日期”不是有效日期：2022-13-01。",
        "第4行：执法主体“天水市不存在局”不在本地区的执法主体名录中。",
        "第5行：执法证号“甘A05000001”与第2行重复。",
        "第6行：有效期至早于发证日期。",
        "第7行：证件状态“停用”无效（应为在岗、暂扣、注销或吊销）。",
        "第8行：“姓名”不能为空。",
    ]
    with pytest.raises(DomainError, match="6行有误，未导入任何数据"):
        apply_officers(preview, world.office)
    assert Officer.objects.count() == 0
    assert apply_officers(preview, world.office, valid_only=True)["new"] == 1
    assert Officer.objects.count() == 1


def test_a_bodys_staff_keep_only_their_own_bodys_officers(world):
    body(world)
    body(world, world.environment, serial=2)
    rows = [officer_row(1), officer_row(2, body_name="天水市环境保护局")]
    preview = preview_officers(world.tianshui, officers_file(rows), world.handler_finance)
    assert preview.problem_lines() == ["第3行：无权维护执法主体“天水市环境保护局”的人员。"]
    assert preview_officers(world.tianshui, officers_file(rows), world.office).ok


def test_no_id_number_is_kept(world):
    body(world)
    number = "620502199001011234"
    preview = preview_officers(
        world.tianshui, officers_file([officer_row(1, id_number=number)]), world.office
    )
    apply_officers(preview, world.office)
    officer = Officer.objects.get()
    stored = [str(getattr(officer, f.attname)) for f in Officer._meta.concrete_fields]
    assert not any(number in value or "19900101" in value for value in stored)
    assert len(officer.id_digest) == 64


def test_a_bodys_file_never_touches_another_bodys_officers(world):
    body(world)
    body(world, world.environment, serial=2)
    rows = [officer_row(1), officer_row(2, body_name="天水市环境保护局")]
    apply_officers(
        preview_officers(world.tianshui, officers_file(rows), world.office), world.office
    )
    mine = preview_officers(world.tianshui, officers_file([officer_row(1)]), world.handler_finance)
    assert mine.ok and mine.gone == [] and mine.changed == []
    moving = preview_officers(
        world.tianshui,
        officers_file([officer_row(2, body_name="天水市财政局")]),
        world.handler_finance,
    )
    assert moving.problem_lines() == ["第2行：执法证号“甘A05000002”登记在其他执法主体，无权变更。"]
    assert [o.certificate_number for o in moving.gone] == ["甘A05000001"]
