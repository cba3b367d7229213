"""The report card's charts, drawn on the server by ``gongkai.core.charts`` (inline SVG
with the figures as a table): they print, and need no script."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from gongkai.core.charts import bar_chart, column_chart

# Bars of one chart on a PDF page: 20 rows of a 560-unit-wide chart scaled to the A4 text
# width (166 mm) are about 193 mm high with their title, within the 247 mm of a page.
PDF_ROWS = 20


def _in_parts(rows: list, per_part: int | None, *, title: str, **chart) -> SafeString:
    """One bar chart, or for ``per_part`` several charts of at most ``per_part`` rows each,
    every one on the same scale and titled with the rows it holds, so that a long chart is
    never cut at a page's foot (a chart does not break across pages)."""
    if per_part is None or len(rows) <= per_part:
        return bar_chart(title=title, rows=rows, **chart)
    parts = []
    for start in range(0, len(rows), per_part):
        chunk = rows[start : start + per_part]
        label = f"{title}（第{start + 1}—{start + len(chunk)}个，共{len(rows)}个）"
        parts.append(bar_chart(title=label, rows=chunk, **chart))
    return mark_safe("".join(parts))  # noqa: S308 (each part escaped by bar_chart)


def card_charts(data: dict, *, rows_per_chart: int | None = None) -> dict:
    """{monthly, outcomes, on_time_messages, on_time_applications}: SafeString each, for
    the charts whose data the card holds (a module that is not installed contributes
    none: its charts are left out). With ``rows_per_chart`` (the PDF: ``PDF_ROWS``) a
    chart by unit longer than that is drawn as several charts, lowest rate first."""
    charts = data["charts"]
    year = data["year"]
    monthly = charts.get("monthly") or {"series": []}
    drawn = {}
    if monthly["series"]:
        drawn["monthly"] = column_chart(
            title=f"{year}年每月收到的政府信息公开申请和群众留言",
            labels=monthly["labels"],
            series=[(name, values) for name, values in monthly["series"]],
            unit="件",
            description="申请按收到申请之日计，留言按留言时间计。",
        )
    if "outcomes" in charts:
        drawn["outcomes"] = bar_chart(
            title=f"{year}年办结的政府信息公开申请：办理结果",
            rows=[(label, n) for label, n in charts["outcomes"]],
            unit="件",
            description="按年度报告表三的办理结果分类，只列出有办结申请的结果。",
        )
    if "on_time_applications" in charts:
        drawn["on_time_applications"] = _in_parts(
            [(label, r) for label, r in charts["on_time_applications"]],
            rows_per_chart,
            title=f"{year}年各机关依申请公开按期答复率",
            unit="%",
            maximum=100,
            description="本年结束计时的答复期限中，在期限内（含延长的期限）作出答复的比例，"
            "按比率从低到高排列；本年没有作出答复的机关不列出。",
        )
    if "on_time_messages" in charts:
        drawn["on_time_messages"] = _in_parts(
            [(label, r) for label, r in charts["on_time_messages"]],
            rows_per_chart,
            title=f"{year}年各部门留言按时答复率",
            unit="%",
            maximum=100,
            description="本年结束计时的留言答复期限中，按时答复的比例，按比率从低到高排列；"
            "本年没有答复留言的部门不列出。",
        )
    return drawn
