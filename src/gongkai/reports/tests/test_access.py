"""Who may do what with an annual report: role × where it is × its state, written out by hand.
The office sits in 天水市's general office: it reaches 天水市's agencies and 秦州区's, not 陇南市's."""

from itertools import product
from types import SimpleNamespace

from gongkai import access
from gongkai.orgs.roles import Role
from gongkai.testing.factories import department, government, staff

H, R, C, O = Role.HANDLER, Role.REVIEWER, Role.CONFIDENTIALITY, Role.DISCLOSURE_OFFICE  # noqa: E741
STATES = ("draft", "submitted", "returned", "approved")
OWN = {"own"}
TREE = {"own", "sibling", "child"}
NONE: set[str] = set()
EXPECTED = {
    "reports.view": (set(STATES), {H: OWN, R: OWN, C: NONE, O: TREE}),
    "reports.edit": ({"draft", "returned"}, {H: OWN, R: OWN, C: NONE, O: TREE}),
    "reports.submit": ({"draft", "returned"}, {H: NONE, R: OWN, C: NONE, O: TREE}),
    "reports.review": ({"submitted"}, {H: NONE, R: NONE, C: NONE, O: TREE}),
    "reports.publish": ({"approved"}, {H: OWN, R: OWN, C: NONE, O: NONE}),
}


def test_matrix(db):
    tianshui = government("620500", "天水市")
    qinzhou = government("620502", "秦州区", level="county", parent=tianshui)
    longnan = government("621200", "陇南市")
    finance = department(tianshui, "天水市财政局")
    office_home = department(tianshui, "天水市人民政府办公室", kind="general_office")
    places = {
        "own": finance,
        "sibling": department(tianshui, "天水市环境保护局"),
        "child": department(qinzhou, "秦州区财政局"),
        "other": department(longnan, "陇南市财政局"),
    }
    people = {role: staff(f"p_{role}", (finance, role)) for role in (H, R, C)}
    people[O] = staff("p_office", (office_home, O))
    wrong = []
    for action, (states, by_role) in EXPECTED.items():
        for role, place, state in product(by_role, places, STATES):
            obj = SimpleNamespace(access_department=places[place], state=state)
            expected = state in states and place in by_role[role]
            if access.can(people[role], action, obj) != expected:
                wrong.append(f"{action} · {role.label} · {place} · {state}: expected {expected}")
    assert wrong == []


def test_a_government_report_is_answered_for_by_its_general_office(world):
    from gongkai.reports import services

    report = services.report_for(world.tianshui, 2016)
    assert report.access_department == world.general_office
    assert access.can(world.office, "reports.edit", report)
    assert not access.can(world.handler_finance, "reports.view", report)
