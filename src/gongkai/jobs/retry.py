"""Retries for tasks: django-tasks has none built in, so this is ours.

Put ``retrying`` directly under ``@task()``::

    @task()
    @retrying(max_attempts=5)
    def push_to_province(record_id: int) -> str: ...

When the body raises, the same task is enqueued again with the same
arguments, ``run_after`` set by the backoff and the attempt number in the
keyword argument ``_attempt``; the failed attempt's own result records
``{"retry_scheduled": {...}}`` with the error. After the last attempt the
exception is left to propagate, so the job is marked failed and shows up in
``gongkai.jobs.failures.failed_jobs()`` and the admin. Raise ``GiveUp`` to fail
at once without further attempts.

A retried task runs again from the start, so its body must be idempotent:
claim rows with a conditional UPDATE, check "already done" before doing it.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import Task

logger = logging.getLogger("gongkai.jobs")

ATTEMPT_KWARG = "_attempt"


class GiveUp(Exception):
    """Raised in a retrying task: fail now, no further attempts."""


def exponential_backoff(
    first: float = 60, factor: float = 2, maximum: float = 3600
) -> Callable[[int], float]:
    """Seconds to wait after failed attempt n: first, first*factor, … capped at maximum."""

    def delay(attempt: int) -> float:
        return min(maximum, first * factor ** (attempt - 1))

    return delay


# 1 min, 2, 4, 8, … at most an hour.
DEFAULT_BACKOFF = exponential_backoff()


def _task_of(wrapper: Callable) -> Task:
    task_obj = import_string(f"{wrapper.__module__}.{wrapper.__qualname__}")
    if not isinstance(task_obj, Task) or task_obj.func is not wrapper:
        raise ImproperlyConfigured(
            f"retrying() on {wrapper.__qualname__} must sit directly under @task() "
            "on a module-level function of the same name."
        )
    return task_obj


def retrying(
    *,
    max_attempts: int = 5,
    backoff: Callable[[int], float] | float = DEFAULT_BACKOFF,
    retry_on: tuple[type[Exception], ...] = (Exception,),
):
    """Re-enqueue the task on failure, up to ``max_attempts`` attempts in all."""
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")

    def decorate(func: Callable) -> Callable:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            attempt = int(kwargs.pop(ATTEMPT_KWARG, 1))
            try:
                return func(*args, **kwargs)
            except GiveUp:
                raise
            except retry_on as exc:
                if attempt >= max_attempts:
                    logger.error(
                        "%s failed after %d attempts: %s", wrapper.__qualname__, attempt, exc
                    )
                    raise
                seconds = backoff(attempt) if callable(backoff) else backoff
                run_after = timezone.now() + timedelta(seconds=seconds)
                again = _task_of(wrapper).using(run_after=run_after)
                result = again.enqueue(*args, **{**kwargs, ATTEMPT_KWARG: attempt + 1})
                logger.warning(
                    "%s attempt %d/%d failed (%s); retrying at %s",
                    wrapper.__qualname__,
                    attempt,
                    max_attempts,
                    exc,
                    run_after.isoformat(),
                )
                return {
                    "retry_scheduled": {
                        "attempt": attempt,
                        "max_attempts": max_attempts,
                        "error": f"{type(exc).__name__}: {exc}",
                        "next_task_result_id": str(result.id),
                        "run_after": run_after.isoformat(),
                    }
                }

        wrapper.max_attempts = max_attempts  # type: ignore[attr-defined]
        return wrapper

    return decorate
