"""`gongkai applications`: 依申请公开 (disclosure on application) from the command line.

gongkai applications stats (--agency ID_OR_USCC | --government CODE)
                           (--year 2016 | --start YYYY-MM-DD --end YYYY-MM-DD)
                           [--format text|json]
        Tables 三 and 四 of the annual report (see gongkai.applications.stats)
        for one agency (its id or 统一社会信用代码) or one government (its
        行政区划 code, with every government under it), and the cross-checks.
        Exits with an error when a cross-check fails.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from gongkai.orgs.lookup import find_agency

from ...api_stats import resolve_range, resolve_scope, statistics_payload
from ...stats import Table, table_four, table_three


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool = False) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


def render_text(table: Table) -> str:
    """The table as aligned plain text, headings indented as in the national layout."""
    labels = ["　" * row.level + row.heading for row in table.rows]
    first = max(_width(label) for label in labels)
    widths = [max(_width(heading), 6) for _, heading in table.columns]
    lines = [
        _pad("", first)
        + "".join(
            "  " + _pad(h, w, right=True) for (_, h), w in zip(table.columns, widths, strict=True)
        )
    ]
    for row, label in zip(table.rows, labels, strict=True):
        line = _pad(label, first)
        if row.numeric:
            line += "".join(
                "  " + _pad(str(table.cells[row.key][key]), w, right=True)
                for (key, _), w in zip(table.columns, widths, strict=True)
            )
        lines.append(line.rstrip())
    return "\n".join(lines)


class Command(BaseCommand):
    help = "依申请公开：stats（年度报告表三、表四统计与勾稽关系校验）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, title="子命令")
        stats = sub.add_parser("stats", help="依申请公开统计（年度报告表三、表四）")
        scope = stats.add_mutually_exclusive_group(required=True)
        scope.add_argument("--agency", help="机关编号或统一社会信用代码")
        scope.add_argument("--government", help="政府的行政区划代码（含所辖政府），如 620500")
        stats.add_argument("--year", type=int, help="年度，如 2016（即 1月1日至12月31日）")
        stats.add_argument("--start", help="开始日期 YYYY-MM-DD（含当日）")
        stats.add_argument("--end", help="结束日期 YYYY-MM-DD（含当日）")
        stats.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")

    def handle(self, *args, subcommand, **options):
        getattr(self, f"_{subcommand}")(**options)

    def _stats(self, *, agency, government, year, start, end, format, **options):
        try:
            first, last = resolve_range(_date(start, "--start"), _date(end, "--end"), year)
            scope = find_agency(agency) if agency else resolve_scope(None, government)
        except ValueError as error:
            raise CommandError(str(error)) from None
        if format == "json":
            payload = statistics_payload(scope, first, last)
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            failed = payload["checks"]
        else:
            three = table_three(scope, first, last)
            four = table_four(scope, first, last)
            self.stdout.write(f"{scope.name}  {first:%Y-%m-%d} 至 {last:%Y-%m-%d}")
            self.stdout.write(f"\n三、{three.title}\n")
            self.stdout.write(render_text(three))
            self.stdout.write(f"\n四、{four.title}\n")
            self.stdout.write(render_text(four))
            failed = three.checks() + four.checks()
            self.stdout.write("")
            if not failed:
                self.stdout.write(self.style.SUCCESS("勾稽关系校验：全部通过。"))
        if failed:
            raise CommandError("勾稽关系校验未通过：\n" + "\n".join(failed))


def _date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(f"{name}“{value}”不是有效日期，请写作 YYYY-MM-DD。") from None
