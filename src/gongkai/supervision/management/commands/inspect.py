"""``gongkai inspect URL [--date YYYY-MM-DD] [--format json|text]``: inspect one site
outside the platform now, to the national indicators (``gongkai.supervision``). A
registered site (admin: 检查网站) is read with its registered columns and judged on
its week of stored probes, and the report is kept."""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.supervision.crawler import Fetcher
from gongkai.supervision.inspecting import inspect_site
from gongkai.supervision.models import SeriousWording
from gongkai.supervision.rules import Table
from gongkai.supervision.services import inspect_registered, registered_site


class Command(BaseCommand):
    help = "按政府网站检查指标检查一个网站（首页更新、栏目、空白栏目、错误链接、严重表述错误）。"

    def add_arguments(self, parser):
        parser.add_argument("url", help="网站首页地址，http:// 或 https://")
        parser.add_argument("--date", help="检查日 YYYY-MM-DD（默认今天，北京时间）")
        parser.add_argument("--format", choices=("json", "text"), default="text")
        parser.add_argument("--probes", type=int, default=3, help="访问首页的次数（默认3）")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="同一网站两次请求之间的秒数（默认1）"
        )
        parser.add_argument("--max-links", type=int, default=200, help="最多检查的链接数")

    def handle(self, *args, url, date=None, format, probes, interval, max_links, **options):
        if not url.startswith(("http://", "https://")):
            raise CommandError("请给出以 http:// 或 https:// 开头的网站地址。")
        today = _day(date) if date else timezone.localdate()
        fetcher = Fetcher(min_interval=interval)
        site = registered_site(url)
        if site is not None:  # its columns, its week of probes; the report is kept
            report, _ = inspect_registered(
                site, today=today, fetcher=fetcher, probes=probes, max_links=max_links
            )
        else:
            report = inspect_site(
                url,
                today=today,
                fetcher=fetcher,
                table=Table.load(),
                wordings=list(
                    SeriousWording.objects.filter(active=True).values_list("wrong", "right")
                ),
                probes=probes,
                max_links=max_links,
            )
        if format == "json":
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{report.url}  检查日 {report.date}")
        self.stdout.write(f"得分 {report.score:g}，{'合格' if report.passed else '不合格'}")
        for veto in report.vetoes:
            self.stdout.write(f"单项否决 {veto.code}：{veto.label}（{veto.detail}）")
        for item in report.deductions:
            self.stdout.write(
                f"扣分 {item.code}：{item.label} {item.findings}处，扣{item.points:g}分"
            )
        for note in report.notes:
            self.stdout.write(note)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"日期“{text}”不是 YYYY-MM-DD。") from error
