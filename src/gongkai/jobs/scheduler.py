"""The scheduler: every slot of every schedule is enqueued exactly once.

Each worker process runs a ``Scheduler`` in its loop. For every schedule it
computes the most recent slot at or before now (croniter, Beijing time). If no
``ScheduleRun`` at or after that slot exists, it inserts one and enqueues the
task in the same transaction; the unique constraint on (name, slot) turns a
second worker's attempt into an ``IntegrityError``, which means "already
taken". Because only the latest slot is considered, a worker that was down for
a day runs a five-minute job once when it comes back, not 288 times.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module
from zoneinfo import ZoneInfo

from croniter import croniter
from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from . import registry
from .models import ScheduleRun
from .registry import Schedule

logger = logging.getLogger("gongkai.jobs")

BEIJING = ZoneInfo("Asia/Shanghai")


def autodiscover() -> None:
    """Import the ``jobs`` module of every installed ``gongkai.*`` app."""
    for config in apps.get_app_configs():
        if config.name.startswith("gongkai.") and module_has_submodule(config.module, "jobs"):
            import_module(f"{config.name}.jobs")


def latest_slot(cron: str, now: datetime) -> datetime:
    """The most recent time at or before ``now`` that ``cron`` names, in Beijing time."""
    start = now.astimezone(BEIJING).replace(microsecond=0) + timedelta(seconds=1)
    return croniter(cron, start).get_prev(datetime)


def next_slot(cron: str, now: datetime) -> datetime:
    """The first time after ``now`` that ``cron`` names, in Beijing time."""
    return croniter(cron, now.astimezone(BEIJING)).get_next(datetime)


class Scheduler:
    """Enqueues due schedule slots. Pass ``schedules`` to use a fixed list (tests)."""

    def __init__(self, schedules: Iterable[Schedule] | None = None):
        self._fixed = list(schedules) if schedules is not None else None
        # The latest slot per schedule known to be taken (by this or another
        # worker): ticks in between cost no database query.
        self._taken: dict[str, datetime] = {}

    def schedules(self) -> list[Schedule]:
        if self._fixed is not None:
            return self._fixed
        autodiscover()
        return list(registry.SCHEDULES.values())

    def tick(self, now: datetime | None = None) -> list[ScheduleRun]:
        """Enqueue every due slot not yet taken; return the runs this call enqueued."""
        now = now or timezone.now()
        enqueued = []
        for schedule in self.schedules():
            slot = latest_slot(schedule.cron, now)
            if self._taken.get(schedule.name) == slot:
                continue
            try:
                run = self._enqueue_once(schedule, slot)
            except Exception:
                logger.exception("Could not enqueue schedule %s for %s", schedule.name, slot)
                continue
            self._taken[schedule.name] = slot
            if run is not None:
                enqueued.append(run)
        return enqueued

    def _enqueue_once(self, schedule: Schedule, slot: datetime) -> ScheduleRun | None:
        # A cheap look first; the constraint below is what guarantees "once".
        if ScheduleRun.objects.filter(name=schedule.name, slot__gte=slot).exists():
            return None
        try:
            with transaction.atomic():
                run = ScheduleRun.objects.create(name=schedule.name, slot=slot)
                result = schedule.task.enqueue()
                run.task_result_id = str(result.id)
                run.save(update_fields=["task_result_id"])
        except IntegrityError:
            # Another worker inserted this slot first.
            return None
        logger.debug("Enqueued schedule %s for slot %s", schedule.name, slot.isoformat())
        return run


@dataclass(frozen=True)
class ScheduleInfo:
    name: str
    cron: str
    task_path: str
    last_slot: datetime | None
    next_slot: datetime


def schedules_overview(now: datetime | None = None) -> list[ScheduleInfo]:
    """Every schedule declared in code with its last enqueued and next slot (for admin pages)."""
    now = now or timezone.now()
    autodiscover()
    last = dict(
        ScheduleRun.objects.values("name").annotate(last=Max("slot")).values_list("name", "last")
    )
    return [
        ScheduleInfo(
            name=s.name,
            cron=s.cron,
            task_path=s.task.module_path,
            last_slot=last.get(s.name),
            next_slot=next_slot(s.cron, now),
        )
        for s in sorted(registry.SCHEDULES.values(), key=lambda s: s.name)
    ]
