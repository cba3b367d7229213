"""The kernel's own tables: the attempt counters and locks of ``gongkai.core.ratelimit``."""

from __future__ import annotations

from django.db import models


class RateCounter(models.Model):
    """One counter of one key in one time window, or one lock (``gongkai.core.ratelimit``).

    Written only with single atomic statements (an upsert that adds one and
    returns the new count), so every web process counts the same attempts
    exactly once. ``expires`` (seconds since the epoch) is when the row may be
    deleted; expired rows are deleted as new ones are written.
    """

    name = models.CharField(max_length=200, primary_key=True)
    count = models.IntegerField(default=0)
    expires = models.FloatField(db_index=True)

    class Meta:
        verbose_name = "限流计数"
        verbose_name_plural = "限流计数"

    def __str__(self) -> str:
        return f"{self.name}: {self.count}"
