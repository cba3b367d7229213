"""One workflow mechanism for every stateful object.

A module declares its transitions as a table::

    REVIEW = Workflow(
        "disclosure.item",
        states={"draft": "草稿", "submitted": "待保密审查", ...},
        transitions=[
            Transition("submit", {"draft", "returned"}, "submitted", "disclosure.submit", "提交审核"),
            Transition("return", {"submitted"}, "returned", "disclosure.review", "退回修改",
                       comment_required=True),
        ],
    )

and changes state only through ``REVIEW.apply(obj, "submit", actor=user)``,
which checks the access policy and the source state, locks the row, saves the
new state, appends an ``Entry`` to its timeline and an audit event, and runs
``after`` hooks on commit. ``REVIEW.available(obj, user)`` lists the actions a
person may take now (for the buttons).
"""

from .engine import Transition, TransitionRefused, Workflow

__all__ = ["Transition", "TransitionRefused", "Workflow"]
