"""The department a person is working for right now.

Someone with memberships in several departments chooses one (kept in the
session); every "my department" list in the workbench uses that choice. The
choice is checked against the person's active memberships on every request,
so a membership that ends takes effect at once.
"""

from __future__ import annotations

from gongkai.orgs.models import Department, Membership

SESSION_KEY = "workbench.department_id"


def departments_of(user) -> list[Department]:
    """Departments in which ``user`` holds an active membership, in a stable order."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_gongkai_departments", None)
    if cached is None:
        seen: dict[int, Department] = {}
        memberships = (
            Membership.objects.filter(user=user, active=True, department__active=True)
            .select_related("department__government")
            .order_by("department__government__code", "department__sort_order", "department_id")
        )
        for membership in memberships:
            seen.setdefault(membership.department_id, membership.department)
        cached = list(seen.values())
        user._gongkai_departments = cached
    return cached


def current_department(request) -> Department | None:
    """The chosen department if the person still belongs to it, else their first."""
    departments = departments_of(request.user)
    if not departments:
        return None
    chosen = request.session.get(SESSION_KEY)
    for department in departments:
        if department.pk == chosen:
            return department
    return departments[0]


class NotAMember(ValueError):
    pass


def choose_department(request, department_id) -> Department:
    """Make ``department_id`` the current department; refuse a department the
    person holds no active membership in."""
    for department in departments_of(request.user):
        if str(department.pk) == str(department_id):
            request.session[SESSION_KEY] = department.pk
            return department
    raise NotAMember("您不在该部门任职，不能切换到该部门。")
