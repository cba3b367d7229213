"""The figures of a government's report card (成绩单) for a year, from the records.

``report_card(government, year)`` returns plain data (JSON-able): the title, the
headline figures, the sections in the order of the Tianshui 2016 report card
(``../shared/seed``) and the data of the charts. Every figure is a dict::

    {"key", "label", "value", "unit", "source_url", "available", "status"}

``value`` is an int, a float (a rate in per cent, one decimal) or None; ``None``
with ``available: False`` is a module that does not exist yet (or whose data the
card does not read yet) — shown as 暂未提供, never as 0. ``None`` with
``available: True`` is a rate with nothing to divide (no reply, no rating).
``source_url`` is the public list the figure comes from, filtered to the year and
government where that list can be.

The card names no module: each module registers the provider of its sections with
``gongkai.core.figures`` in its ``AppConfig.ready()`` (``<module>.card_figures``;
the annual report's own sections are ``reports.card_figures``), and the card shows
the providers' sections in their ``order``: 主动公开's key areas (10), the platforms
(20), 依申请公开 (30), 留言 (40), 意见征集 (50), 规范性文件 (60), 管理公开 (70),
建议提案 (80), 政策解读 (90). A module that is not installed is simply absent. Sections of several providers with
the same key make one section (the platforms: 政府公报 at 19, the others at 20).

Scope: the government's own departments and every government under it (the
``path`` prefix), as the modules' statistics count. What each figure counts is
written in the providers and in docs/reports.md (Report card).
"""

from __future__ import annotations

from django.utils import timezone

from gongkai.core.figures import MONTHS, registered_figures
from gongkai.orgs.models import Government

from .links import annual_report


def card_title(government: Government, year: int) -> str:
    return f"{government.name}{year}年政务公开“成绩单”"


def _add(sections: list[dict], section: dict) -> None:
    """Append ``section``, or merge it into the one already there with its key: several
    providers may fill one section of the card (二、公开平台和载体: 政府公报 from its
    module, the platforms not built yet from ``reports.card_figures``; 七、管理公开: the
    lists, then the enforcement figures). A figure with the key of one that is not
    available (暂未提供) takes its place; other figures are added in provider order;
    sentences and listed items follow."""
    for found in sections:
        if found["key"] != section["key"]:
            continue
        figures = found["figures"]
        for figure in section["figures"]:
            index = next((i for i, f in enumerate(figures) if f["key"] == figure["key"]), None)
            if index is None:
                figures.append(figure)
            elif not figures[index]["available"]:
                figures[index] = figure
        found["sentence"] = "".join(s for s in (found["sentence"], section["sentence"]) if s)
        if "listed" in section:
            found["listed"] = found.get("listed", []) + section["listed"]
        return
    sections.append(section)


def report_card(government: Government, year: int) -> dict:
    sections, headline, series, charts = [], [], [], {}
    for provider in registered_figures():
        contribution = provider.contribution(government, year)
        for section in contribution.sections:
            _add(sections, section.as_dict())
            headline += [f.as_dict() for f in section.headline_figures()]
        series += [[name, list(values)] for name, values in contribution.monthly]
        charts.update(contribution.charts)
    return {
        "government": {"code": government.code, "name": government.name},
        "year": year,
        "title": card_title(government, year),
        "headline": headline,
        "sections": sections,
        "charts": {"monthly": {"labels": MONTHS, "series": series}, **charts},
        "annual_report_url": annual_report(government, year),
    }


def years_with_data(governments: list[Government], *, today=None) -> list[tuple[int, Government]]:
    """(year, government) for each government and each year in which anything of its scope
    happened — whatever a provider's ``years()`` names: an item published, an application
    received, a message written, a consultation published, a session opened — newest year
    first, then by path. Only years that have ended by ``today`` (Beijing time): a card
    sums up a whole year.

    One query of distinct (path, year) pairs per provider, rolled up along the paths."""
    this_year = (today or timezone.localdate()).year
    pairs: set[tuple[str, int]] = set()
    for provider in registered_figures():
        if provider.years is not None:
            pairs.update(provider.years())
    out = []
    for government in governments:
        years = {y for p, y in pairs if y is not None and p.startswith(government.path)}
        out.extend((y, government) for y in years if 2000 <= y < min(this_year, 2101))
    out.sort(key=lambda pair: (-pair[0], pair[1].path))
    return out
