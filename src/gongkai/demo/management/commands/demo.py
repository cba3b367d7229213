from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.demo import tianshui
from gongkai.demo.loaders import load_all

SHOWN_LOGINS = [
    "admin",
    "ts_szfb_gkb",
    "ts_czj_handler",
    "ts_czj_reviewer",
    "ts_czj_secrecy",
    "ts_hbj_handler",
    "qz_zfb_gkb",
    "qz_czj_handler",
]


class Command(BaseCommand):
    help = "载入天水市演示数据（可重复运行，不会重复创建）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="在生产模式下也载入演示数据（演示账号共用公开的密码，正式环境不应使用）。",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION and not options["allow_production"]:
            raise CommandError(
                "生产模式下不载入演示数据：演示账号共用公开的密码。"
                "如确需在试用环境中载入，请加 --allow-production。"
            )
        self.stdout.write("载入天水市演示数据……")
        ctx = load_all(out=self.stdout.write)
        by_name = {username: (who, role) for username, who, role in ctx.logins}
        self.stdout.write(f"\n演示账号（密码均为 {tianshui.DEMO_PASSWORD}，仅供演示）：")
        for username in SHOWN_LOGINS:
            who, role = by_name[username]
            self.stdout.write(f"  {username:<18} {who} · {role}")
        self.stdout.write(
            "  其他部门同理：ts_<部门>_handler / _reviewer / _secrecy，县区以 qz_、mj_、qs_、qa_、gg_、ws_、zjc_ 开头；"
            "完整名单见 docs/demo.md。"
        )
