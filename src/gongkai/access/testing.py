"""A small world for access matrices: one department's staff, the 公开办 of its
government, and departments at four distances from them.

``Places()`` builds (in a test with the database):
  own     — 天水市财政局, where the handler, reviewer and 保密审查员 sit
  sibling — another department of 天水市
  child   — a department of 秦州区 (under 天水市)
  other   — a department of 陇南市
and the office (公开办) in 天水市's general office, which reaches own, sibling and child.

``Places.mismatches(expected, states)`` checks ``access.can`` for every role ×
place × state against ``expected``: action → (states where it can be taken,
role → places allowed), and returns the cases that disagree, readably.
"""

from __future__ import annotations

from itertools import product
from types import SimpleNamespace

from gongkai import access
from gongkai.orgs.roles import Role
from gongkai.testing.factories import department, government, staff

H, R, C, O = Role.HANDLER, Role.REVIEWER, Role.CONFIDENTIALITY, Role.DISCLOSURE_OFFICE  # noqa: E741
OWN = frozenset({"own"})
TREE = frozenset({"own", "sibling", "child"})
NONE: frozenset[str] = frozenset()


class Places:
    def __init__(self):
        tianshui = government("620500", "天水市")
        qinzhou = government("620502", "秦州区", level="county", parent=tianshui)
        longnan = government("621200", "陇南市")
        finance = department(tianshui, "天水市财政局")
        office_home = department(tianshui, "天水市人民政府办公室", kind="general_office")
        self.departments = {
            "own": finance,
            "sibling": department(tianshui, "天水市环境保护局"),
            "child": department(qinzhou, "秦州区财政局"),
            "other": department(longnan, "陇南市财政局"),
        }
        self.people = {role: staff(f"p_{role}", (finance, role)) for role in (H, R, C)}
        self.people[O] = staff("p_office", (office_home, O))

    def mismatches(self, expected: dict, states) -> list[str]:
        wrong = []
        for action, (allowed_states, by_role) in expected.items():
            for role, place, state in product(by_role, self.departments, states):
                obj = SimpleNamespace(access_department=self.departments[place], state=state)
                want = state in allowed_states and place in by_role[role]
                if access.can(self.people[role], action, obj) != want:
                    wrong.append(f"{action} · {role.label} · {place} · {state}: expected {want}")
        return wrong
