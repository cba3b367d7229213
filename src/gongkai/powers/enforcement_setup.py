"""Registrations of the enforcement part of the module (行政执法主体、执法人员名录、
行政执法公示), called from ``PowersConfig.ready()``: the page cache, the staff's
to-dos, the API router, the report card's figure, the demo loader, and the
display periods' reference data after a flush."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings


def seed_display_periods_if_empty(sender, *, apps=None, using="default", **kwargs) -> None:
    """``post_migrate`` receiver: put back migration 0004's display periods when the
    table is empty (test databases are flushed). Never touches existing rows."""
    from importlib import import_module

    if using != "default":
        return
    if apps is None:
        from django.apps import apps
    try:
        apps.get_model("powers", "DisplayPeriod")
    except LookupError:
        return
    import_module("gongkai.powers.migrations.0004_display_periods").seed(apps, None)


def next_display_end(now):
    """The next midnight (Beijing) at which a published decision leaves public view."""
    from django.db.models import Min

    from .models import Decision

    zone = ZoneInfo(settings.TIME_ZONE)
    day = now.astimezone(zone).date()
    found = Decision.objects.filter(
        published_on__isnull=False, withdrawn_on__isnull=True, display_ends__gt=day
    ).aggregate(m=Min("display_ends"))["m"]
    if found is None:
        return None
    return datetime.combine(found, time(0), tzinfo=zone)


def _public(row) -> bool:
    return row.published_on is not None or row.withdrawn_on is not None


def ready(config) -> None:
    from django.db.models.signals import post_migrate

    from gongkai.api.registry import register_router
    from gongkai.core.figures import register_figures
    from gongkai.core.pagecache import register_boundary, watch
    from gongkai.demo.registry import register_loader
    from gongkai.workbench.sections import Section, register_section
    from gongkai.workbench.todos import register_todos

    from . import admin_enforcement, card_enforcement  # noqa: F401 (admin: registers)
    from .models import Decision, EnforcementBody, InspectionItem, Officer
    from .staff_todos import todos

    for model in (EnforcementBody, InspectionItem, Officer):
        watch(model)
    watch(Decision, when=_public)
    watch(EnforcementBody.powers.through)
    register_boundary(next_display_end)
    register_router("gongkai.powers.api.enforcement.router", order=84)
    register_loader(
        "powers_enforcement", "gongkai.powers.enforcement_demo.load_enforcement", order=146
    )
    register_figures(
        "powers_enforcement",
        card_enforcement.card_figures,
        order=71,
        years=card_enforcement.card_years,
    )
    register_todos("enforcement", label="行政执法公示", items=todos)
    register_section(
        Section(
            "enforcement",
            label="行政执法公示",
            order=46,
            urls=(("zhifa/", "gongkai.powers.staff_enforcement.urls"),),
            home="enforcement_staff:home",
        )
    )
    post_migrate.connect(
        seed_display_periods_if_empty, sender=config, dispatch_uid="powers.display_periods"
    )


__all__ = ["next_display_end", "ready", "seed_display_periods_if_empty"]
