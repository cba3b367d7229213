"""Schedules declared in code.

Apply ``scheduled`` on top of a django-tasks ``@task``::

    @scheduled("5 0 * * *", name="workdays.mark_overdue")
    @task()
    def mark_overdue_clocks() -> int: ...

Modules named ``jobs`` in every installed gongkai app are imported by the
worker so their schedules are known. Times are Asia/Shanghai. A scheduled task
takes no arguments and must be safe to run twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from croniter import croniter

SCHEDULES: dict[str, Schedule] = {}


@dataclass(frozen=True)
class Schedule:
    name: str
    cron: str
    task: Any  # a django_tasks Task


def scheduled(cron: str, *, name: str | None = None):
    if not croniter.is_valid(cron):
        raise ValueError(f"Invalid cron expression for a schedule: {cron!r}")

    def decorate(task_obj):
        key = name or task_obj.module_path
        SCHEDULES[key] = Schedule(name=key, cron=cron, task=task_obj)
        return task_obj

    return decorate


# Duties of every node's worker, run at each turn of its loop (about every second):
# not queued jobs, which one worker of one node would take, but work each node
# does for itself, such as bringing its own search index up to date.
EVERY_LOOP: dict[str, Callable[[], object]] = {}


def every_loop(name: str, duty: Callable[[], object]) -> None:
    """Run ``duty()`` at each turn of every worker's loop (cheap when there is nothing to do)."""
    EVERY_LOOP[name] = duty
