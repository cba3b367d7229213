"""信息处理费 (information-processing fee): the two methods of 国办函〔2020〕109号.

Both are progressive excess rates (超额累进), and an application is charged by
one method only, never both (``gongkai.applications.services.fees`` enforces
that by keeping one ``FeeNotice`` per application).

* 按件计收 (by count): one applicant's applications to one agency in one
  calendar month. 1–10: free; 11–30: 100 yuan each; from the 31st, every
  further band of 10 costs 100 yuan more per application (31–40: 200,
  41–50: 300, …). 35 in a month: 20×100 + 5×200 = 3,000 yuan.
* 按量计收 (by pages), one application: 1–30 pages free; 31–100: 10 yuan a
  page; 101–200: 20 yuan a page; from 201: 40 yuan a page. 150 pages:
  70×10 + 50×20 = 1,700 yuan.
"""

from __future__ import annotations

from decimal import Decimal

FREE_APPLICATIONS = 10
FREE_PAGES = 30
PAGE_BANDS: tuple[tuple[int, int | None, int], ...] = (
    # (first page, last page or None, yuan per page)
    (31, 100, 10),
    (101, 200, 20),
    (201, None, 40),
)

__all__ = ["fee_by_count", "fee_by_pages", "marginal_fee_by_count", "rate_by_count"]


def rate_by_count(k: int) -> int:
    """Yuan charged for the ``k``-th application of the month (1-based)."""
    if k < 1:
        raise ValueError("applications are counted from 1")
    if k <= FREE_APPLICATIONS:
        return 0
    if k <= 30:
        return 100
    return 100 * ((k - 31) // 10 + 2)


def fee_by_count(n: int) -> Decimal:
    """Total fee for ``n`` applications by one applicant to one agency in one calendar month."""
    if n < 0:
        raise ValueError("the number of applications cannot be negative")
    return Decimal(sum(rate_by_count(k) for k in range(1, n + 1))).quantize(Decimal("0.01"))


def marginal_fee_by_count(k: int) -> Decimal:
    """Fee of the ``k``-th application alone: what its own fee notice charges."""
    return Decimal(rate_by_count(k)).quantize(Decimal("0.01"))


def fee_by_pages(pages: int) -> Decimal:
    """Fee for one application of ``pages`` pages."""
    if pages < 0:
        raise ValueError("the number of pages cannot be negative")
    total = 0
    for first, last, rate in PAGE_BANDS:
        top = pages if last is None else min(pages, last)
        if top >= first:
            total += (top - first + 1) * rate
    return Decimal(total).quantize(Decimal("0.01"))


def describe_count_fee(k: int) -> str:
    """The basis sentence of a by-count fee notice."""
    rate = rate_by_count(k)
    return (
        f"依据《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号），"
        f"按件计收：同一申请人一个自然月内向本机关提出的第{k}件申请，"
        + ("在10件以内，免收信息处理费。" if rate == 0 else f"适用每件{rate}元的标准。")
    )


def describe_page_fee(pages: int) -> str:
    amount = fee_by_pages(pages)
    parts = []
    for first, last, rate in PAGE_BANDS:
        top = pages if last is None else min(pages, last)
        if top >= first:
            parts.append(f"第{first}至{top}页{top - first + 1}页×{rate}元")
    detail = "；".join(parts) if parts else "30页以内免费"
    return (
        f"依据《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号），"
        f"按量计收：本次提供政府信息共{pages}页，30页以内免费，{detail}，合计{amount}元。"
    )
