"""待办: what is waiting for a person, contributed by the modules that own it.

The workbench names no module. A module registers a source of to-dos in its
``AppConfig.ready()``::

    from gongkai.workbench.todos import register_todos

    register_todos("applications", label="依申请公开", items=todos)

``items(user, department, *, now, limit)`` answers with the ``ToDo`` rows
waiting for ``user`` in their post at ``department`` (the workbench's current
department): new applications to confirm, messages to sign for, replies to
review… Each source

* asks ``gongkai.access.scope`` (usually with ``member_of=department``) so a
  person is only shown what they may act on, and the action that waits;
* answers with one or a few queries whatever the number of items (no query per
  row), at most ``limit`` items of each kind, oldest first;
* says since when each item waits (``since``: when it arrived in the state that
  asks for the action; a date counts from its start, Beijing time).

``todos_for`` merges the sources' items, oldest first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings

TODO_LIMIT = 50


def _local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class ToDo:
    action: str  # the step that waits, as on its button: 确认收到, 签收, 审核答复…
    subject: str  # what it is about: "YSQ2026-0002-00001 张三"
    url: str  # the object's workbench page
    since: datetime  # waiting since (a date is taken at 0:00 Beijing time)
    department: str = ""  # the department it belongs to, when worth saying
    module: str = field(default="", compare=False)  # set from the source's label

    def __post_init__(self):
        since = self.since
        if not isinstance(since, datetime):
            since = datetime.combine(since, time(0), tzinfo=_local_zone())
        elif since.tzinfo is None:
            since = since.replace(tzinfo=_local_zone())
        object.__setattr__(self, "since", since)


Items = Callable[..., Iterable[ToDo]]


@dataclass(frozen=True)
class ToDoSource:
    name: str
    label: str  # the module's name as staff know it: 依申请公开
    items: Items


_SOURCES: dict[str, ToDoSource] = {}


def register_todos(name: str, *, label: str, items: Items) -> ToDoSource:
    """Register (or replace) the source ``name``; see the module docstring."""
    source = ToDoSource(name, label, items)
    _SOURCES[name] = source
    return source


def unregister_todos(name: str) -> None:
    _SOURCES.pop(name, None)


def registered_todo_sources() -> list[ToDoSource]:
    return list(_SOURCES.values())


class ToDoList(list):
    """The items, oldest first; ``more`` when some were left out (only the oldest
    ``limit`` are listed)."""

    def __init__(self, items=(), *, more: bool = False):
        super().__init__(items)
        self.more = more


def todos_for(user, department, *, now: datetime, limit: int = TODO_LIMIT) -> ToDoList:
    """What waits for ``user`` in their post at ``department``, oldest first."""
    if department is None:
        return ToDoList([])
    items: list[ToDo] = []
    for source in registered_todo_sources():
        for item in source.items(user, department, now=now, limit=limit):
            items.append(replace(item, module=source.label))
    items.sort(key=lambda item: (item.since, item.module, item.url))
    return ToDoList(items[:limit], more=len(items) > limit)
