"""The powers rules as a matrix: who may view, import and adjust whose powers.

Written out by hand: a department keeps only its own powers, the 公开办 (disclosure
office) sees and keeps every list of its government and those under it, nobody
else's."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai import access
from gongkai.orgs.roles import Role
from gongkai.powers.models import AdjustmentKind, Power
from gongkai.powers.services.adjusting import Change, record_adjustment
from gongkai.powers.services.importing import import_list
from gongkai.testing.factories import department, staff

from .helpers import power_row, workbook

pytestmark = pytest.mark.django_db
DAY = date(2016, 1, 1)


@pytest.fixture
def powers(world):
    import_list(world.tianshui, workbook([power_row(1)]), valid_from=DAY)
    county = power_row(1, code="62050200CZ-XK-0001", department="秦州区财政局", level="县级")
    import_list(world.qinzhou, workbook([county]), valid_from=DAY)
    longnan = power_row(1, code="62120000CZ-XK-0001", department="陇南市财政局")
    import_list(world.longnan, workbook([longnan]), valid_from=DAY)
    return {
        "own": Power.objects.get(government=world.tianshui),
        "county": Power.objects.get(government=world.qinzhou),
        "other city": Power.objects.get(government=world.longnan),
    }


def people(world):
    return {
        "finance handler": world.handler_finance,
        "finance reviewer": world.reviewer_finance,
        "finance secrecy": world.secrecy_finance,
        "environment handler": world.handler_environment,
        "city office": world.office,
        "county office": staff(
            "office_qinzhou",
            (department(world.qinzhou, "秦州区人民政府办公室"), Role.DISCLOSURE_OFFICE),
        ),
    }


# person -> action -> the powers (by where they are) it may take it on.
# 天水市财政局 is "own"; 秦州区 is under 天水市; 陇南市 is another city.
EXPECTED = {
    "finance handler": {"powers.view": {"own"}, "powers.import": {"own"}, "powers.adjust": set()},
    "finance reviewer": {
        "powers.view": {"own"},
        "powers.import": {"own"},
        "powers.adjust": {"own"},
    },
    "finance secrecy": {"powers.view": set(), "powers.import": set(), "powers.adjust": set()},
    "environment handler": {"powers.view": set(), "powers.import": set(), "powers.adjust": set()},
    "city office": {
        "powers.view": {"own", "county"},
        "powers.import": {"own", "county"},
        "powers.adjust": {"own", "county"},
    },
    "county office": {
        "powers.view": {"county"},
        "powers.import": {"county"},
        "powers.adjust": {"county"},
    },
}


def test_the_matrix(world, powers):
    found = {}
    for name, person in people(world).items():
        found[name] = {}
        for action in ("powers.view", "powers.import", "powers.adjust"):
            if action == "powers.import":
                allowed = {w for w, p in powers.items() if access.can(person, action, p.department)}
            else:
                allowed = {w for w, p in powers.items() if access.can(person, action, p)}
            scoped = access.scope(person, action, Power.objects.all())
            assert set(scoped) == {powers[w] for w in allowed}, (name, action)
            found[name][action] = allowed
    assert found == EXPECTED


def test_a_department_importing_another_departments_rows_gets_them_refused(world):
    rows = [power_row(1), power_row(2, department="天水市环境保护局", code="62050000HB-XK-0002")]
    report = import_list(
        world.tianshui, workbook(rows), valid_from=DAY, actor=world.handler_finance
    )
    assert not report.imported
    assert [(p.row, p.reasons) for p in report.problems] == [
        (3, ["无权导入天水市环境保护局的职权（只能导入本部门的职权）"])
    ]
    report = import_list(world.tianshui, workbook(rows), valid_from=DAY, actor=world.office)
    assert report.imported and report.powers == 2


def test_adjusting_another_departments_power_is_refused(world, powers):
    def adjust(actor):
        return record_adjustment(
            world.tianshui,
            document_number="天政发〔2016〕35号",
            document_title="决定",
            decided_on=date(2016, 6, 20),
            effective_on=date(2016, 7, 1),
            changes=[Change(AdjustmentKind.CANCEL, [powers["own"]])],
            actor=actor,
        )

    with pytest.raises(PermissionDenied):
        adjust(world.handler_environment)
    with pytest.raises(PermissionDenied):
        adjust(world.handler_finance)  # a handler may import, not adjust
    assert Power.objects.current().filter(pk=powers["own"].pk).exists()
    adjust(world.reviewer_finance)
    assert not Power.objects.current().filter(pk=powers["own"].pk).exists()
