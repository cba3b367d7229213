"""The consultation actions, by who takes them.

* ``drafting`` — the department: create, edit, publish, extend, new round, vote;
* ``participating`` — the public: comments, entries, vote codes and votes;
* ``moderating`` — the department: approve or reject what the public sent;
* ``feedback`` — the department: groups, decisions, the published report.

Every staff action checks ``gongkai.access`` and writes the audit trail.
"""

from .drafting import (
    Draft,
    attach_files,
    create,
    extend,
    open_new_round,
    publish,
    remove_file,
    schedule_vote,
    update,
)
from .feedback import (
    create_group,
    decide_entry,
    decide_group,
    delete_group,
    merge_groups,
    move_comments,
    problems,
    publish_feedback,
    report,
    suggest_groups,
)
from .moderating import moderate
from .participating import (
    NotAccepting,
    Receipt,
    cast_vote,
    send_vote_code,
    submit_comment,
    submit_entry,
)

__all__ = [
    "Draft",
    "NotAccepting",
    "Receipt",
    "attach_files",
    "cast_vote",
    "create",
    "create_group",
    "decide_entry",
    "decide_group",
    "delete_group",
    "extend",
    "merge_groups",
    "moderate",
    "move_comments",
    "open_new_round",
    "problems",
    "publish",
    "publish_feedback",
    "remove_file",
    "report",
    "schedule_vote",
    "send_vote_code",
    "submit_comment",
    "submit_entry",
    "suggest_groups",
    "update",
]
