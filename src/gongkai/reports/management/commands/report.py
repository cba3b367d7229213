"""``gongkai report annual --agency <id or code> | --government <division code> --year 2016
--format json|docx|pdf|xlsx [--output FILE]``.

JSON is printed on stdout (or written to ``--output`` when given); DOCX, PDF and
XLSX (``documents``) are written to ``--output``, which they require. Each gives the report as it stands: the stored report's texts and entered figures
(its frozen content once approved) or, when none was started, the figures
computed from the records with empty texts; ``checks`` lists every failed
cross-check (empty when all hold)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from gongkai.orgs.lookup import find_agency
from gongkai.orgs.models import Government

from ...annual import annual_report
from ...documents import render
from ...models import AnnualReport
from ...services import content

FORMATS = ("json", "docx", "pdf", "xlsx")


class Command(BaseCommand):
    help = "年度报告：annual（政府信息公开工作年度报告，按全国统一格式，数据来自系统记录）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, title="子命令")
        annual = sub.add_parser("annual", help="政府信息公开工作年度报告")
        scope = annual.add_mutually_exclusive_group(required=True)
        scope.add_argument("--agency", help="机关编号或统一社会信用代码")
        scope.add_argument("--government", help="政府的行政区划代码（含所辖政府），如 620500")
        annual.add_argument("--year", type=int, required=True, help="年度，如 2016")
        annual.add_argument("--format", choices=FORMATS, default="json", help="输出格式")
        annual.add_argument(
            "--output", help="输出文件（docx、pdf、xlsx 格式必填；json 输出到屏幕）"
        )

    def handle(self, *args, subcommand, **options):
        getattr(self, f"_{subcommand}")(**options)

    def _annual(self, *, agency, government, year, format, output=None, **options):
        if not 2000 <= year <= 2100:
            raise CommandError(f"年度“{year}”不正确，应为四位年份，如 2016。")
        if format != "json" and not output:
            raise CommandError(
                f"{format} 格式须用 --output 指定输出文件，如 --output /tmp/年度报告.{format}。"
            )
        if agency:
            scope = find_agency(agency)
        else:
            scope = Government.objects.filter(code=(government or "").strip()).first()
            if scope is None:
                raise CommandError(f"没有行政区划代码为“{government}”的政府。")
        key = {"department": scope} if agency else {"government": scope}
        stored = AnnualReport.objects.filter(**key, year=year).first()
        # The stored report's texts and entered figures (frozen once approved), else the records.
        data = content(stored) if stored is not None else annual_report(scope, year)
        if format == "json":
            text = json.dumps(data, ensure_ascii=False, indent=2)
            if not output:
                self.stdout.write(text)
                return
            made = (text + "\n").encode()
        else:
            made = render(data, format)
        try:
            with open(output, "wb") as out:
                out.write(made)
        except OSError as exc:
            raise CommandError(f"无法写入输出文件“{output}”：{exc.strerror or exc}") from exc
        self.stdout.write(f"已生成 {data['title']}（{format}）：{output}")
