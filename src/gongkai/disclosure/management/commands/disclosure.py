"""`gongkai disclosure`: proactive disclosure from the command line.

gongkai disclosure import FILE --department DEPT [--valid-rows-only] [--dry-run] [--user USERNAME]
        import a catalogue (XLSX or CSV, headings as in the template) for DEPT
        (its id, 统一社会信用代码, full name or short name). Every row is checked
        first; with any invalid row nothing is imported unless --valid-rows-only.
        --dry-run checks and reports without importing. --user names the acting
        person (who must be a 审核人 of DEPT); without it the system acts.
gongkai disclosure template FILE
        write the XLSX import template to FILE.
"""

from __future__ import annotations

import os

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from gongkai.orgs.models import Department


def find_department(text: str) -> Department:
    text = (text or "").strip()
    condition = Q(uscc=text) | Q(name=text) | Q(short_name=text)
    if text.isdigit() and len(text) < 10:
        condition |= Q(pk=int(text))
    found = list(Department.objects.filter(condition, active=True).select_related("government")[:5])
    if not found:
        raise CommandError(f"找不到部门“{text}”：请写部门编号、统一社会信用代码或全称。")
    if len(found) > 1:
        names = "、".join(f"{d.name}（编号 {d.pk}）" for d in found)
        raise CommandError(f"“{text}”对应多个部门：{names}。请写编号或全称。")
    return found[0]


class Command(BaseCommand):
    help = "主动公开：import（从 XLSX/CSV 批量导入已公开的目录）、template（生成导入模板）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, title="子命令")
        run = sub.add_parser("import", help="批量导入已公开的政府信息目录（XLSX 或 CSV）")
        run.add_argument("file", help="XLSX 或 CSV 文件")
        run.add_argument(
            "--department", required=True, help="主办机构：编号、统一社会信用代码、全称或简称"
        )
        run.add_argument(
            "--valid-rows-only", action="store_true", help="有错误的行跳过，只导入无误的行"
        )
        run.add_argument("--dry-run", action="store_true", help="只检查并报告，不导入")
        run.add_argument("--user", help="以该人员（须为该部门审核人）的名义导入；不填则记为系统")
        template = sub.add_parser("template", help="生成 XLSX 导入模板")
        template.add_argument("file", help="输出文件名，如 模板.xlsx")

    def handle(self, *args, subcommand, **options):
        getattr(self, f"_{subcommand}")(**options)

    def _template(self, *, file, **options):
        from gongkai.disclosure.importing.template import template_bytes

        with open(file, "wb") as out:
            out.write(template_bytes())
        self.stdout.write(f"已生成导入模板：{file}")

    def _import(self, *, file, department, valid_rows_only, dry_run, user=None, **options):
        from gongkai.disclosure.importing import FileProblem, check_file, import_rows, may_import

        dept = find_department(department)
        actor = None
        if user:
            from gongkai.accounts.models import User

            actor = User.objects.filter(username=user, is_active=True).first()
            if actor is None:
                raise CommandError(f"找不到在用的账号“{user}”。")
            if not may_import(actor, dept):
                raise CommandError(
                    f"{actor.get_full_name()}不是{dept.name}的审核人，不能以其名义导入。"
                )
        if not os.path.isfile(file):
            raise CommandError(f"找不到文件：{file}")
        with open(file, "rb") as handle:
            try:
                rows = check_file(File(handle, name=os.path.basename(file)), dept)
            except FileProblem as problem:
                raise CommandError(str(problem)) from None
        invalid = [row for row in rows if not row.valid]
        self.stdout.write(
            f"{dept.name}：共 {len(rows)} 行，无误 {len(rows) - len(invalid)} 行，有误 {len(invalid)} 行。"
        )
        self._report(invalid)
        if dry_run:
            self.stdout.write("（试运行：未导入任何信息。）")
            return
        if invalid and not valid_rows_only:
            raise CommandError(
                "有错误的行，未导入任何信息。请修改后重新导入，或加 --valid-rows-only 只导入无误的行。"
            )
        outcome = import_rows(
            rows,
            actor=actor,
            department=dept,
            valid_rows_only=valid_rows_only,
            filename=os.path.basename(file),
        )
        refused = [row for row in outcome.failed if row not in invalid]
        self._report(refused)
        if outcome.rolled_back:
            raise CommandError("导入时有信息被拒绝，已全部撤销，未导入任何信息。")
        skipped = len(outcome.failed)
        self.stdout.write(
            self.style.SUCCESS(f"已导入 {len(outcome.imported)} 条。")
            + (f" 跳过有误的 {skipped} 行。" if skipped else "")
        )

    def _report(self, rows) -> None:
        for row in rows:
            for column, message in row.errors:
                where = f"【{column}】" if column else ""
                self.stdout.write(f"  第 {row.number} 行 {where}{message}")
