"""Who may do what with enforcement bodies, officers and decisions: role × where the
body's department is × the decision's state, written out by hand. The office sits in
天水市's general office: it reaches 天水市's bodies and 秦州区's, not 陇南市's."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai import access
from gongkai.access.testing import NONE, OWN, TREE, C, H, O, Places, R
from gongkai.powers.models import Decision, EnforcementBody
from gongkai.powers.services.decisions import publish_decision

from .enforcement_helpers import body, finance_powers, penalty

STATES = ("draft", "published", "withdrawn", "repaired")
ALL = set(STATES)
EXPECTED = {
    "enforcement.view": (ALL, {H: OWN, R: OWN, C: NONE, O: TREE}),
    "enforcement.edit_body": (ALL, {H: NONE, R: OWN, C: NONE, O: TREE}),
    "enforcement.edit_officers": (ALL, {H: OWN, R: OWN, C: NONE, O: TREE}),
    "enforcement.record_decision": (ALL, {H: OWN, R: OWN, C: NONE, O: NONE}),
    "enforcement.publish_decision": ({"draft"}, {H: OWN, R: OWN, C: NONE, O: NONE}),
    "enforcement.withdraw_decision": ({"draft", "published"}, {H: NONE, R: OWN, C: NONE, O: TREE}),
    "enforcement.credit_repair": ({"published"}, {H: NONE, R: OWN, C: NONE, O: TREE}),
    "enforcement.supervise": (ALL, {H: NONE, R: NONE, C: NONE, O: TREE}),
}


def test_matrix(db):
    assert Places().mismatches(EXPECTED, STATES) == []


def test_a_decision_is_answered_for_by_its_bodys_department(world):
    licence, punish, inspect = finance_powers(world)
    own = body(world, powers=[licence, punish, inspect])
    other = body(world, world.environment, serial=2, powers=[punish])
    decision = penalty(world, own, punish, date(2026, 11, 2))
    assert decision.access_department == world.finance
    assert access.can(world.handler_finance, "enforcement.publish_decision", decision)
    assert not access.can(world.handler_environment, "enforcement.publish_decision", decision)
    with pytest.raises(PermissionDenied):
        publish_decision(decision, actor=world.handler_environment)
    with pytest.raises(PermissionDenied):
        penalty(world, other, punish, date(2026, 11, 2), number=5)  # handler_finance, not theirs
    seen = access.scope(
        world.handler_environment,
        "enforcement.view",
        Decision.objects.all(),
        department_field="body__department",
    )
    assert not seen.exists()
    assert (
        access.scope(
            world.office,
            "enforcement.view",
            Decision.objects.all(),
            department_field="body__department",
        ).get()
        == decision
    )
    assert set(
        access.scope(
            world.handler_finance, "enforcement.edit_officers", EnforcementBody.objects.all()
        )
    ) == {own}
