"""The report card's charts, drawn on the server by ``gongkai.reports.charts`` (inline SVG
with the figures as a table): they print, and need no script."""

from __future__ import annotations

from ..charts import bar_chart, column_chart


def card_charts(data: dict) -> dict:
    """{monthly, outcomes, on_time_messages, on_time_applications}: SafeString each."""
    charts = data["charts"]
    year = data["year"]
    monthly = charts["monthly"]
    return {
        "monthly": column_chart(
            title=f"{year}年每月收到的政府信息公开申请和群众留言",
            labels=monthly["labels"],
            series=[(name, values) for name, values in monthly["series"]],
            unit="件",
            description="申请按收到申请之日计，留言按留言时间计。",
        ),
        "outcomes": bar_chart(
            title=f"{year}年办结的政府信息公开申请：办理结果",
            rows=[(label, n) for label, n in charts["outcomes"]],
            unit="件",
            description="按年度报告表三的办理结果分类，只列出有办结申请的结果。",
        ),
        "on_time_applications": bar_chart(
            title=f"{year}年各机关依申请公开按期答复率",
            rows=[(label, r) for label, r in charts["on_time_applications"]],
            unit="%",
            maximum=100,
            description="本年结束计时的答复期限中，在期限内（含延长的期限）作出答复的比例；"
            "本年没有作出答复的机关不列出。",
        ),
        "on_time_messages": bar_chart(
            title=f"{year}年各部门留言按时答复率",
            rows=[(label, r) for label, r in charts["on_time_messages"]],
            unit="%",
            maximum=100,
            description="本年结束计时的留言答复期限中，按时答复的比例；本年没有答复留言的部门不列出。",
        ),
    }
