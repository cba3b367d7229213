"""The public site's columns (栏目) and the records the website inspection judges.

The national inspection (国办秘函〔2019〕19号) asks of every column how recently it was
updated — a news-type column (动态、要闻) within two weeks, a notice- or policy-type
one (通知公告、政策文件) within six months — and whether it is empty, and of the
message channels whether any valid message went unanswered too long. On the
platform these are facts of the records, not of crawled pages, so each module
registers its columns and its messages here, and the inspection
(``gongkai.supervision``) reads them without naming any module:

- ``register_columns(source)``: ``source(government)`` yields the module's columns
  (``SiteColumn``) as the records show them: kind, address, the day of the newest
  public item and how many there are.
- ``register_messages(source)``: ``source(government, since)`` yields a
  ``MessageFact`` for each valid message received on or after ``since``: when it
  was received and when (if ever) it was answered.
- ``register_outside_links(source)``: ``source(government)`` yields the links the
  site's pages give to other sites (a key area's responsible unit, …) as
  ``OutsideLink``, which the inspection checks like any link of the site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

NEWS, NOTICE, OTHER = "news", "notice", "other"
KIND_LABELS = {NEWS: "动态、要闻类", NOTICE: "通知公告、政策文件类", OTHER: "其他栏目"}


@dataclass(frozen=True)
class SiteColumn:
    """A column as the records show it today for a site's government."""

    key: str
    label: str
    kind: str  # NEWS, NOTICE or OTHER
    url: str
    newest: date | None  # the day its newest public item was published (Beijing)
    count: int  # its public items: 0 is an empty column (空白栏目)


@dataclass(frozen=True)
class MessageFact:
    received: date
    answered: date | None
    label: str
    url: str = ""


@dataclass(frozen=True)
class OutsideLink:
    label: str
    url: str
    on: str  # the platform page showing the link


_COLUMNS: list[Callable[[object], Iterable[SiteColumn]]] = []
_MESSAGES: list[Callable[[object, date], Iterable[MessageFact]]] = []


def register_columns(source: Callable[[object], Iterable[SiteColumn]]) -> None:
    """``source(government)`` (None: the whole platform) yields the module's columns."""
    if source not in _COLUMNS:
        _COLUMNS.append(source)


def site_columns(government) -> list[SiteColumn]:
    columns = [column for source in _COLUMNS for column in source(government)]
    for column in columns:
        if column.kind not in KIND_LABELS:
            raise ValueError(f"unknown column kind {column.kind!r} of {column.key}")
    return columns


def register_messages(source: Callable[[object, date], Iterable[MessageFact]]) -> None:
    if source not in _MESSAGES:
        _MESSAGES.append(source)


def message_facts(government, since: date) -> list[MessageFact]:
    return [fact for source in _MESSAGES for fact in source(government, since)]


_OUTSIDE: list[Callable[[object], Iterable[OutsideLink]]] = []


def register_outside_links(source: Callable[[object], Iterable[OutsideLink]]) -> None:
    if source not in _OUTSIDE:
        _OUTSIDE.append(source)


def outside_links(government) -> list[OutsideLink]:
    return [link for source in _OUTSIDE for link in source(government)]
