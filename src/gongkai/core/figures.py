"""The report card's figures (成绩单), contributed by the modules that count them.

The report card (``gongkai.reports.card``) names no module. A module registers a
provider of its figures in its ``AppConfig.ready()``::

    from gongkai.core.figures import register_figures

    from .card_figures import card_figures, card_years

    register_figures("applications", card_figures, order=30, years=card_years)

``figures(government, year)`` answers with the module's part of the government's
card for the year — the government and every government under it (the ``path``
prefix), 1 January – 31 December Beijing time — as a ``Contribution``: its
section(s) of ``Figure`` s, and optionally a series of the monthly chart and the data
of its own charts (or simply one ``CardSection``). ``years()`` answers with the
(government path, year) pairs in which anything the module counts happened, for the
list of cards. The card shows the sections by ``order`` (a module whose sections sit
apart on the card, such as 主动公开's key areas first and its policy interpretations
last, registers one provider per place). A module that is not installed registers
nothing, so its sections are simply absent.

Why here, in ``gongkai.core``: the registry is plain data and functions, imports no
model and no other package, so every module (and the card, in ``reports``) can use it
without an import cycle; the workbench's registries are about the staff pages, and
the card is a public document, not a workbench page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from urllib.parse import urlencode

MONTHS = [f"{m}月" for m in range(1, 13)]


@dataclass(frozen=True)
class Figure:
    """One figure of the card. ``value`` is an int, a rate in per cent with one decimal
    (``rate``), or None: with ``available=False`` a module whose data the card does not
    read (``status`` says why: 暂未提供…, never 0), otherwise a rate with nothing to
    divide. ``source_url`` is the public list the figure comes from."""

    key: str
    label: str  # Chinese, as printed on the card
    value: int | float | None
    unit: str
    source_url: str = ""
    available: bool = True
    status: str = ""  # a note shown instead of the value when not available

    def as_dict(self) -> dict:
        """``{key, label, value, unit, source_url, available, status}``: the card's data."""
        return asdict(self)


@dataclass(frozen=True)
class CardSection:
    """One section of the card: a heading, a sentence summing it up, its figures.
    ``headline``: keys of its figures that also lead the card (全年概况), in that order.
    ``listed``: the records it names, each ``{title, kind, fed_back, url}`` (意见征集)."""

    key: str
    heading: str
    figures: tuple[Figure, ...]
    sentence: str = ""
    headline: tuple[str, ...] = ()
    listed: tuple[dict, ...] | None = None

    def as_dict(self) -> dict:
        data = {
            "key": self.key,
            "heading": self.heading,
            "sentence": self.sentence,
            "figures": [f.as_dict() for f in self.figures],
        }
        if self.listed is not None:
            data["listed"] = [dict(item) for item in self.listed]
        return data

    def headline_figures(self) -> list[Figure]:
        by_key = {f.key: f for f in self.figures}
        return [by_key[key] for key in self.headline]


@dataclass(frozen=True)
class Contribution:
    """A provider's part of the card: its sections; optionally its series of the monthly
    chart (name, 12 counts) and its charts' data by the chart's name."""

    sections: tuple[CardSection, ...]
    monthly: tuple[tuple[str, list[int]], ...] = ()
    charts: dict = field(default_factory=dict)


Figures = Callable[..., "Contribution | CardSection"]
Years = Callable[[], Iterable[tuple[str, int]]]


@dataclass(frozen=True)
class FigureProvider:
    key: str
    order: int
    figures: Figures = field(compare=False)
    years: Years | None = field(default=None, compare=False)

    def contribution(self, government, year: int) -> Contribution:
        found = self.figures(government, year)
        if isinstance(found, CardSection):
            return Contribution(sections=(found,))
        return found


_PROVIDERS: dict[str, FigureProvider] = {}


def register_figures(
    key: str, figures: Figures, *, order: int, years: Years | None = None
) -> FigureProvider:
    """Register (or replace) the provider ``key``; see the module's docstring."""
    provider = FigureProvider(key, order, figures, years)
    _PROVIDERS[key] = provider
    return provider


def unregister_figures(key: str) -> None:
    _PROVIDERS.pop(key, None)


def registered_figures() -> list[FigureProvider]:
    """The providers in the card's order."""
    return sorted(_PROVIDERS.values(), key=lambda p: (p.order, p.key))


# -- helpers the providers share ---------------------------------------------------------


def year_dates(year: int) -> tuple[date, date]:
    """1 January and 31 December of ``year``: the card's year, both days counted."""
    return date(year, 1, 1), date(year, 12, 31)


def rate(part: int, whole: int) -> float | None:
    """Per cent with one decimal, as the modules print it; None when there is nothing to divide."""
    return round(part * 100 / whole, 1) if whole else None


def per_month(rows: Iterable[tuple[int, int]]) -> list[int]:
    """Twelve counts, January first, from (month, count) rows (months absent count 0)."""
    counts = dict(rows)
    return [counts.get(m, 0) for m in range(1, 13)]


def with_query(path: str, **params) -> str:
    """``path`` with the non-empty ``params`` as its query string (a figure's source list)."""
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(params)}" if params else path
