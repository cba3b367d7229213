"""`gongkai proposals`: 建议提案 (deputies' suggestions and CPPCC proposals) from the command line.

gongkai proposals import --session ID --file ITEMS.xlsx --user USERNAME [--dry-run]
        import a session's items from the congress or CPPCC office's list
        through ``services.import_items``: the same checks, the same audit
        event and the same access check (USERNAME needs ``proposals.import``
        on the session, i.e. is 公开办 staff of its government). The row
        report is printed; with any bad row nothing is imported and the
        command exits non-zero naming the rows. --dry-run runs the very same
        import inside a transaction that is rolled back, so it reports what
        would happen (including the access check) and writes nothing.
"""

from __future__ import annotations

import os

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ...models import Session
from ...services import import_items
from ...services.importing import ImportProblem, ImportReport


class Command(BaseCommand):
    help = "建议提案：import（从 XLSX 导入某届次的人大代表建议或政协提案）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, title="子命令")
        run = sub.add_parser(
            "import", help="从 XLSX 导入某届次的建议、提案（逐行检查，有误则全部不导入）"
        )
        run.add_argument(
            "--session", required=True, help="届次编号（工作台该届次导入页面地址中的数字）"
        )
        run.add_argument(
            "--file",
            required=True,
            help="XLSX 文件：编号、标题、领衔人及附议人、内容、建议承办单位",
        )
        run.add_argument(
            "--user", required=True, help="以该账号（须为该届次所属政府的公开办人员）的名义导入"
        )
        run.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")

    def handle(self, *args, subcommand, **options):
        getattr(self, f"_{subcommand}")(**options)

    def _import(self, *, session, file, user, dry_run, **options):
        username = user
        from gongkai.accounts.models import User

        text = (session or "").strip()
        found = Session.objects.filter(pk=int(text)).first() if text.isdigit() else None
        if found is None:
            raise CommandError(
                f"找不到编号为“{session}”的届次：请写工作台该届次导入页面地址中的数字。"
            )
        user = User.objects.filter(username=(username or "").strip(), is_active=True).first()
        if user is None:
            raise CommandError(f"找不到在用的账号“{username}”。")
        if not os.path.isfile(file):
            raise CommandError(f"找不到文件：{file}")
        try:
            with open(file, "rb") as handle:
                upload = File(handle, name=os.path.basename(file))
                report = self._run(found, upload, user, dry_run=dry_run)
        except OSError as error:
            raise CommandError(f"无法读取文件“{file}”：{error.strerror or error}") from None
        except ImportProblem as problem:
            raise CommandError(f"未导入：{problem.message}") from None
        except PermissionDenied:
            raise CommandError(
                f"账号“{user.username}”无权导入{found.name}的{found.kind_label}："
                "须为该届次所属政府的公开办人员。"
            ) from None
        self._report(found, report, dry_run=dry_run)

    def _run(self, session: Session, upload, user, *, dry_run: bool) -> ImportReport:
        if not dry_run:
            return import_items(session, upload, actor=user)
        with transaction.atomic():
            report = import_items(session, upload, actor=user)
            transaction.set_rollback(True)
        return report

    def _report(self, session: Session, report: ImportReport, *, dry_run: bool) -> None:
        self.stdout.write(f"{session.name}（{session.kind_label}）：共 {len(report.rows)} 行。")
        for row in report.rows:
            problems = "；".join(row.errors) if row.errors else "无误"
            number = row.values.get("number") or "—"
            self.stdout.write(f"  第 {row.row} 行  编号 {number}  {problems}")
        bad = report.invalid_rows
        if bad:
            lines = [f"第 {r.row} 行：{'；'.join(r.errors)}" for r in bad]
            raise CommandError(
                f"{len(bad)} 行有误，未导入任何一行；请修改后重新导入。\n" + "\n".join(lines)
            )
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(
                    f"检查无误，可以导入 {report.imported} 件。（试运行：未写入任何数据。）"
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS(report.summary()))
