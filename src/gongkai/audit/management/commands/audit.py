from django.core.management.base import BaseCommand, CommandError

from gongkai.audit import anchors
from gongkai.audit.services import verify


class Command(BaseCommand):
    help = (
        "审计日志工具。`gongkai audit verify` 校验哈希链（含密钥签名和库外签名链头），"
        "报告第一个断点；`gongkai audit anchor` 立即签署当前链头并保存到库外存储。"
    )

    def add_arguments(self, parser):
        parser.add_argument("subcommand", choices=["verify", "anchor"])

    def handle(self, *args, subcommand, **options):
        if subcommand == "anchor":
            anchor = anchors.write()
            self.stdout.write(
                self.style.SUCCESS(
                    f"已签署链头：{anchor.count} 条事件，{anchors.DIRECTORY}/{anchor.name}"
                )
            )
            return
        result = verify()
        if not result.ok:
            raise CommandError(result.message)
        self.stdout.write(self.style.SUCCESS(result.message))
