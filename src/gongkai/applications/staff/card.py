"""The 依申请公开 card of 我的工作 (registered as the section's ``card``)."""

from __future__ import annotations

from gongkai import access

from .queries import my_counts


def home_card(user, today, department) -> dict | None:
    """The applications of the person's current post due soon / today / overdue (the
    overdue figure from the same computation as the 已超期 panel); None when the
    person has no post or may not see applications."""
    if department is None or not access.can(user, "applications.view"):
        return None
    return {"counts": my_counts(user, today, department)}
