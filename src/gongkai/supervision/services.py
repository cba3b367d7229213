"""Registered sites: availability probes through the day, the week's figures, and
inspections kept with their reports."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from . import rules
from .crawler import Fetcher
from .inspecting import CERTAINLY_BROKEN, Report, inspect_site
from .models import Inspection, LinkCheck, Probe, SeriousWording, Site
from .rules import Table

WEEK = timedelta(days=7)


def probe_sites(now: datetime | None = None, fetcher: Fetcher | None = None) -> int:
    """Probe every active site's home page once; returns how many failed. The job runs
    this every hour (24 probes a day, the indicators ask for at least 20)."""
    now = now or timezone.now()
    fetcher = fetcher or Fetcher(min_interval=0)
    table = Table.load()
    failed = 0
    for site in Site.objects.filter(active=True).order_by("id"):
        got = fetcher.get(site.home_url)
        bad = rules.probe_failed(table, seconds=got.seconds, status=got.status)
        Probe.objects.create(
            site=site,
            at=now,
            status=got.status,
            seconds=round(got.seconds, 3),
            failed=bad,
            error=got.error[:200],
        )
        failed += bad
    return failed


def week_availability(site: Site, now: datetime) -> tuple[int, int]:
    """(probes, failures) of the seven days up to ``now``."""
    probes = Probe.objects.filter(site=site, at__gt=now - WEEK, at__lte=now)
    return probes.count(), probes.filter(failed=True).count()


def registered_site(url: str) -> Site | None:
    return Site.objects.filter(home_url__in={url, url.rstrip("/"), url.rstrip("/") + "/"}).first()


def inspect_registered(
    site: Site, *, today: date, fetcher: Fetcher, probes: int = 3, max_links: int = 200
) -> tuple[Report, Inspection]:
    """Inspect ``site`` with its registered columns and its week of probes, and keep the
    report (``Inspection``)."""
    columns = [(c.name, c.url, c.kind) for c in site.columns.all()] or None
    end_of_day = timezone.make_aware(datetime.combine(today, datetime.max.time()))
    report = inspect_site(
        site.home_url,
        today=today,
        fetcher=fetcher,
        table=Table.load(),
        wordings=list(SeriousWording.objects.filter(active=True).values_list("wrong", "right")),
        probes=probes,
        max_links=max_links,
        with_services=site.with_services,
        columns=columns,
        week=week_availability(site, min(end_of_day, timezone.now())),
    )
    data = report.as_dict()
    with transaction.atomic():
        kept = Inspection.objects.create(
            site=site,
            inspected_on=today,
            score=report.score,
            passed=report.passed,
            vetoes=[v["code"] for v in data["vetoes"]],
            report=data,
        )
    return report, kept


def check_outside_links(government=None, fetcher: Fetcher | None = None) -> int:
    """Check every link the site's pages give to other sites; returns how many are
    broken (404 or 403: certain). Other failures are marked to check again. Links no
    page gives any more are forgotten."""
    from gongkai.portal.columns import outside_links

    fetcher = fetcher or Fetcher(min_interval=1.0)
    now = timezone.now()
    links = {link.url: link for link in outside_links(government)}
    broken = 0
    for url, link in links.items():
        got = fetcher.get(url)
        is_broken = got.status in CERTAINLY_BROKEN
        failing = not is_broken and got.allowed and (got.status is None or got.status >= 400)
        LinkCheck.objects.update_or_create(
            url=url,
            defaults={
                "label": link.label[:200],
                "on": link.on[:300],
                "status": got.status,
                "error": got.error[:200],
                "broken": is_broken,
                "failing": failing,
                "checked_at": now,
            },
        )
        broken += is_broken
    LinkCheck.objects.exclude(url__in=list(links)).delete()
    return broken
