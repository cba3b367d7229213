"""Writing and reading the one timeline (``Entry``) of an object.

``Workflow.apply`` calls :func:`transition` for every state change. A module
calls :func:`add` for what is not a state change, in its own words::

    timeline.add(application, "delivered", "送达", on=day, text="邮寄送达（EMS…）",
                 public=True, actor=user)

When :func:`add` follows ``Workflow.apply`` on the same object inside the
same transaction, it completes the transition's entry instead of writing a
second line: the timeline then reads "作出答复（答复书号）: 答复待审核 → 已答复"
once, not once as a state change and once as a note.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.db.models import Exists
from django.utils import timezone

from .models import Entry

# Set on the object by ``transition`` until the transaction commits.
_PENDING = "_timeline_pending_entry"


def _person(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _transition_entry(
    obj, *, workflow, action, label, from_state, to_state, actor, comment, at, on
):
    """An unsaved entry of a state change (``transition`` and ``transition_each``)."""
    return Entry(
        subject=obj,
        workflow=workflow,
        kind=action,
        label=label,
        action=action,
        from_state=from_state,
        to_state=to_state,
        actor=_person(actor),
        comment=comment,
        at=at or timezone.now(),
        on=on,
    )


def transition(
    obj,
    *,
    workflow: str,
    action: str,
    label: str,
    from_state: str,
    to_state: str,
    actor=None,
    comment: str = "",
    at: datetime | None = None,
    on: date | None = None,
) -> Entry:
    entry = _transition_entry(
        obj,
        workflow=workflow,
        action=action,
        label=label,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        comment=comment,
        at=at,
        on=on,
    )
    entry.save()
    obj.__dict__[_PENDING] = entry
    transaction.on_commit(lambda: obj.__dict__.pop(_PENDING, None))
    return entry


def transition_each(
    rows, *, workflow: str, action: str, label: str, from_states, to_state: str, actor, comment=""
) -> list[Entry]:
    """The entries of one state change of many rows at once (``Workflow.apply_each``);
    ``from_states`` gives each row's state before, in the order of ``rows``."""
    now = timezone.now()
    return Entry.objects.bulk_create(
        [
            _transition_entry(
                row,
                workflow=workflow,
                action=action,
                label=label,
                from_state=from_state,
                to_state=to_state,
                actor=actor,
                comment=comment,
                at=now,
                on=timezone.localdate(now),
            )
            for row, from_state in zip(rows, from_states, strict=True)
        ]
    )


def _note(obj, *, workflow, kind, label, on, text, public, actor, department, at) -> Entry:
    """An unsaved note (``add`` and ``add_each``)."""
    return Entry(
        subject=obj,
        workflow=workflow,
        kind=kind,
        label=label,
        on=on,
        text=text,
        public=public,
        actor=_person(actor),
        department=department,
        at=at or timezone.now(),
    )


def add(
    obj,
    kind: str,
    label: str,
    *,
    workflow: str,
    on: date | None = None,
    text: str = "",
    public: bool = False,
    actor=None,
    department=None,
    at: datetime | None = None,
) -> Entry:
    """Add a line to ``obj``'s timeline; returns the entry written or completed."""
    from gongkai.core.dates import today

    on = on or today()
    person = _person(actor)
    pending: Entry | None = obj.__dict__.pop(_PENDING, None)
    if (
        pending is not None
        and pending.kind == pending.action  # not completed by an earlier note
        and (person is None or pending.actor_id in (None, person.pk))
        and at is None
    ):
        values = {
            "kind": kind,
            "label": label,
            "on": on,
            "text": text,
            "public": public,
            "department": department,
            **({"actor": person} if person is not None else {}),
        }
        # The one place an entry is changed: the same transaction that wrote
        # it, before anyone can have read it.
        if Entry.objects.filter(pk=pending.pk).update(**values):
            for name, value in values.items():
                setattr(pending, name, value)
            return pending
    entry = _note(
        obj,
        workflow=workflow,
        kind=kind,
        label=label,
        on=on,
        text=text,
        public=public,
        actor=person,
        department=department,
        at=at,
    )
    entry.save()
    return entry


def add_each(
    objs,
    kind: str,
    label: str,
    *,
    workflow: str,
    on: date | None = None,
    text: str = "",
    public: bool = False,
    actor=None,
) -> list[Entry]:
    """The same line on the timelines of many objects at once (an import of a list)."""
    from gongkai.core.dates import today

    on = on or today()
    at = timezone.now()
    return Entry.objects.bulk_create(
        [
            _note(
                obj,
                workflow=workflow,
                kind=kind,
                label=label,
                on=on,
                text=text,
                public=public,
                actor=actor,
                department=None,
                at=at,
            )
            for obj in objs
        ],
        batch_size=1000,
    )


def of(obj):
    """The whole timeline of ``obj``, oldest first (for staff)."""
    return Entry.objects.about(obj)


def public_of(obj):
    """The lines of ``obj``'s timeline its citizen may see, oldest first."""
    return Entry.objects.about(obj).filter(public=True)


def having(model, **conditions) -> Exists:
    """``Exists`` of an entry of the outer ``model`` row matching ``conditions``,
    e.g. ``Application.objects.filter(timeline.having(Application, kind="replied"))``."""
    return Exists(Entry.objects.about_outer(model).filter(**conditions))


def backdate(model, pks, *, today: date, first_day: dict, hour: int = 9, minute: int = 30) -> int:
    """For loading history (the demo, an import): lines written on ``today`` by
    actions that take no date (an assignment, a draft, an extension request) take
    the date of the line before them, or ``first_day[pk]`` for an object's first
    line; every line's ``at`` becomes that day at ``hour:minute`` Beijing time, so a
    timeline reads in the order and on the days it happened. Returns lines written."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    beijing = ZoneInfo("Asia/Shanghai")
    changed = []
    last: dict[str, date] = {}
    entries = Entry.objects.about_each(model, pks).order_by("object_id", "id")
    for entry in entries.iterator(chunk_size=2000):
        previous = last.get(entry.object_id)
        if entry.on == today:
            entry.on = previous if previous is not None else first_day[int(entry.object_id)]
        last[entry.object_id] = entry.on
        entry.at = datetime.combine(entry.on, datetime.min.time(), tzinfo=beijing).replace(
            hour=hour, minute=minute
        )
        changed.append(entry)
    Entry.objects.bulk_update(changed, ["on", "at"], batch_size=1000)
    return len(changed)
