"""Who may do what with an annual report: role × where it is × its state, written out by hand.
The office sits in 天水市's general office: it reaches 天水市's agencies and 秦州区's, not 陇南市's."""

from gongkai import access
from gongkai.access.testing import NONE, OWN, TREE, C, H, O, Places, R

STATES = ("draft", "submitted", "returned", "approved")
EXPECTED = {
    "reports.view": (set(STATES), {H: OWN, R: OWN, C: NONE, O: TREE}),
    # only the unit writes and submits its report; the office reviews (and writes its
    # own government's, through the general office it sits in: test below)
    "reports.edit": ({"draft", "returned"}, {H: OWN, R: OWN, C: NONE, O: NONE}),
    "reports.submit": ({"draft", "returned"}, {H: NONE, R: OWN, C: NONE, O: NONE}),
    "reports.review": ({"submitted"}, {H: NONE, R: NONE, C: NONE, O: TREE}),
    "reports.publish": ({"approved"}, {H: OWN, R: OWN, C: NONE, O: NONE}),
}


def test_matrix(db):
    assert Places().mismatches(EXPECTED, STATES) == []


def test_a_government_report_is_answered_for_by_its_general_office(world):
    from gongkai.reports import services

    report = services.report_for(world.tianshui, 2016)
    assert report.access_department == world.general_office
    assert access.can(world.office, "reports.edit", report)
    assert not access.can(world.handler_finance, "reports.view", report)
