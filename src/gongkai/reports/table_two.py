"""Table 二 of the annual report (年度报告): 主动公开政府信息情况.

Four blocks, as 国办公开办函〔2021〕30号 prints them:

* 第二十条第（一）项 — 规章 and 行政规范性文件: 本年制发件数 · 本年废止件数 ·
  现行有效件数, computed from the disclosure catalogue's validity data:
  - 制发 (issued) in the year: published items of the type whose 成文日期
    (``written_on``; the publication day when it is missing) falls in the year;
  - 废止 (repealed) in the year: items whose validity was changed to 废止 with
    ``validity_changed_on`` in the year;
  - 现行有效 (in force) at 31 December: published items of the type, in force
    from a day on or before 31 December (``effective_on``, else the written or
    publication day), not expiring before then (``expires_on`` empty or on or
    after 31 December), and either still 有效 or changed (失效 / 废止 / 已修订)
    only after 31 December.
* 第二十条第（五）项 — 行政许可 本年处理决定数量;
* 第二十条第（六）项 — 行政处罚, 行政强制 本年处理决定数量;
* 第二十条第（八）项 — 行政事业性收费 本年收费金额（万元）.

The last three blocks come from modules not built yet (service catalogue,
enforcement): staff enter them, and each cell says where its figure comes from
(``computed`` or ``entered``); a cell nobody entered is ``None`` (未填报),
never 0. The counts are two aggregate queries over the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.db.models.functions import Coalesce, TruncDate

from gongkai.disclosure.models import InformationItem, ItemState, ItemType, Validity

COMPUTED, ENTERED = "computed", "entered"
DOCUMENT_ROWS = ((ItemType.RULE, "规章"), (ItemType.NORMATIVE, "行政规范性文件"))
DOCUMENT_COLUMNS = ("本年制发件数", "本年废止件数", "现行有效件数")
# (key, block heading, row heading, column heading) of the figures staff enter.
ENTERED_CELLS = (
    ("licensing", "第二十条第（五）项", "行政许可", "本年处理决定数量"),
    ("penalties", "第二十条第（六）项", "行政处罚", "本年处理决定数量"),
    ("enforcement", "第二十条第（六）项", "行政强制", "本年处理决定数量"),
    ("fees", "第二十条第（八）项", "行政事业性收费", "本年收费金额（万元）"),
)
ENTERED_KEYS = tuple(key for key, *_ in ENTERED_CELLS)


@dataclass(frozen=True)
class Cell:
    value: int | Decimal | None
    source: str  # COMPUTED or ENTERED

    def as_dict(self) -> dict:
        value = self.value
        if isinstance(value, Decimal):
            value = float(value)
        return {"value": value, "source": self.source}


def _items_of(scope):
    """Items owned by an agency (a Department), by several (a list of them), or by every
    agency of a government and the governments under it."""
    from gongkai.orgs.models import Department

    items = InformationItem.objects.filter(item_type__in=[t for t, _ in DOCUMENT_ROWS])
    if isinstance(scope, Department):
        return items.filter(department=scope)
    if isinstance(scope, list | tuple):
        return items.filter(department__in=[d.pk for d in scope])
    return items.filter(government__path__startswith=scope.path)


def document_counts(scope, year: int) -> dict[str, dict[str, int]]:
    """{规章 / 行政规范性文件: {本年制发件数, 本年废止件数, 现行有效件数}} for ``scope`` in ``year``."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    published = Q(state=ItemState.PUBLISHED)
    formed = Coalesce("written_on", TruncDate("published_at"))
    in_force_from = Coalesce("effective_on", "written_on", TruncDate("published_at"))
    rows = (
        _items_of(scope)
        .annotate(formed=formed, in_force_from=in_force_from)
        .values("item_type")
        .order_by()
        .annotate(
            issued=Count("pk", filter=published & Q(formed__gte=start, formed__lte=end)),
            repealed=Count(
                "pk",
                filter=Q(
                    validity=Validity.REPEALED,
                    validity_changed_on__gte=start,
                    validity_changed_on__lte=end,
                ),
            ),
            in_force=Count(
                "pk",
                filter=published
                & Q(in_force_from__lte=end)
                & (Q(expires_on__isnull=True) | Q(expires_on__gte=end))
                & (Q(validity=Validity.VALID) | Q(validity_changed_on__gt=end) | Q(validity="")),
            ),
        )
    )
    found = {r["item_type"]: r for r in rows}
    out = {}
    for item_type, heading in DOCUMENT_ROWS:
        r = found.get(item_type, {})
        out[heading] = {
            "本年制发件数": r.get("issued", 0),
            "本年废止件数": r.get("repealed", 0),
            "现行有效件数": r.get("in_force", 0),
        }
    return out


def table_two(scope, year: int, entered: dict | None = None) -> dict:
    """Table 二 as nested blocks keyed by the national headings, each cell with its source."""
    entered = entered or {}
    first_block = {
        row: {column: Cell(n, COMPUTED).as_dict() for column, n in columns.items()}
        for row, columns in document_counts(scope, year).items()
    }
    table: dict = {"第二十条第（一）项": first_block}
    for key, block, row, column in ENTERED_CELLS:
        table.setdefault(block, {})[row] = {column: Cell(entered.get(key), ENTERED).as_dict()}
    return table
