"""`gongkai calendar`: the holiday calendar from the command line.

gongkai calendar seed [--force]     load the years of chinese-calendar missing from the database
gongkai calendar import FILE [--check]
                                    import one year's arrangement (format: docs/calendar.md)
gongkai calendar show YEAR          list the holidays and make-up working days of a year
gongkai calendar coverage           first and last covered year, days of calendar left
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.errors import DomainError

WEEKDAYS = "一二三四五六日"


class Command(BaseCommand):
    help = "节假日日历：seed（从 chinese-calendar 载入）、import FILE（导入一年安排）、show YEAR、coverage。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, title="子命令")
        seed = sub.add_parser(
            "seed", help="从 chinese-calendar 载入数据库中缺少的年度（可重复运行）"
        )
        seed.add_argument(
            "--force",
            action="store_true",
            help="与 chinese-calendar 不一致的已有年度也用其数据替换（会覆盖管理员的修改）",
        )
        imp = sub.add_parser("import", help="导入一年的节假日安排（文本格式见 docs/calendar.md）")
        imp.add_argument("file", help="UTF-8 文本文件")
        imp.add_argument("--check", action="store_true", help="只检查格式，不导入")
        show = sub.add_parser("show", help="列出某年的节假日与调休上班日")
        show.add_argument("year", type=int)
        sub.add_parser("coverage", help="日历覆盖的年度与剩余天数")

    def handle(self, *args, subcommand, **options):
        try:
            getattr(self, f"_{subcommand}")(**options)
        except DomainError as error:
            raise CommandError(error.message) from error

    def _seed(self, *, force=False, **options):
        from gongkai.workdays.calendar_changes import seed_from_package

        result = seed_from_package(force=force)
        if result.years:
            self.stdout.write(
                self.style.SUCCESS(
                    f"已载入{len(result.years)}个年度（{result.years[0]}–{result.years[-1]}），"
                    f"{result.clocks_changed}个未结时限的到期日随之调整。"
                )
            )
        else:
            self.stdout.write("日历已包含 chinese-calendar 的全部年度，无需载入。")
        kept = [y for y in result.differing if y not in result.years]
        if kept:
            self.stdout.write(
                self.style.WARNING(
                    "以下年度与 chinese-calendar 不一致，保留了数据库中的数据："
                    + "、".join(map(str, kept))
                    + "（如需覆盖，加 --force）。"
                )
            )

    def _import(self, *, file, check=False, **options):
        from gongkai.workdays.importing import import_arrangement_text, parse_arrangement

        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as error:
            raise CommandError(f"无法读取文件 {path}：{error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"文件 {path} 不是 UTF-8 编码的文本。") from error
        if check:
            arrangement = parse_arrangement(text, filename=path.name)
            for note in arrangement.notes:
                self.stdout.write(self.style.WARNING(note))
            self.stdout.write(
                self.style.SUCCESS(
                    f"格式正确：{arrangement.year}年，{len(arrangement.days)}个特殊日期（未导入）。"
                )
            )
            return
        result = import_arrangement_text(text, filename=path.name)
        for note in result.notes:
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(
            self.style.SUCCESS(
                f"已导入{result.year}年节假日安排：放假{result.holidays}个工作日，"
                f"调休上班{result.workdays}天；{result.clocks_changed}个未结时限的到期日随之调整。"
            )
        )

    def _show(self, *, year, **options):
        from gongkai.workdays.models import CalendarYear, SpecialDay

        calendar_year = CalendarYear.objects.filter(year=year).first()
        if calendar_year is None:
            from gongkai.workdays.engine import get_engine
            from gongkai.workdays.provisional import projected_special_days, source

            if year not in get_engine().provisional:
                raise CommandError(f"日历中没有{year}年：该年的工作日无法计算。")
            self.stdout.write(f"{year}年（预估，尚未导入正式安排）　依据：{source()}")
            for day, _, name in projected_special_days(year):
                self.stdout.write(f"{day:%Y-%m-%d} 星期{WEEKDAYS[day.weekday()]} 放假 {name}")
            return
        self.stdout.write(f"{year}年　来源：{calendar_year.source}")
        if calendar_year.note:
            self.stdout.write(f"备注：{calendar_year.note}")
        for day in SpecialDay.objects.filter(year=year).order_by("date"):
            kind = "放假" if day.kind == "holiday" else "上班"
            weekday = WEEKDAYS[day.date.weekday()]
            self.stdout.write(f"{day.date:%Y-%m-%d} 星期{weekday} {kind} {day.name}")

    def _coverage(self, **options):
        from gongkai.workdays.coverage import coverage_summary

        summary = coverage_summary()
        if summary["first_year"] is None:
            raise CommandError("日历为空：请运行 gongkai calendar seed。")
        self.stdout.write(
            f"覆盖年度：{summary['first_year']}–{summary['last_year']}年"
            f"（共{len(summary['years'])}年）"
        )
        if summary["gaps"]:
            self.stdout.write(
                self.style.WARNING("缺少年度：" + "、".join(map(str, summary["gaps"])))
            )
        days_left = summary["days_left"]
        self.stdout.write(
            f"正式安排可连续计算到：{summary['runs_out_on']:%Y-%m-%d}（还剩{max(days_left, 0)}天）"
        )
        if summary["provisional_years"]:
            self.stdout.write(
                "预估年度（按法定节假日推算，无调休）："
                + "、".join(map(str, summary["provisional_years"]))
            )
        if summary["warning"]:
            self.stdout.write(self.style.WARNING(summary["warning"]))
