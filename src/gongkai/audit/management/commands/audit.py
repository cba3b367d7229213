from django.core.management.base import BaseCommand, CommandError

from gongkai.audit.services import verify


class Command(BaseCommand):
    help = "审计日志工具。`gongkai audit verify` 校验哈希链，报告第一个断点。"

    def add_arguments(self, parser):
        parser.add_argument("subcommand", choices=["verify"])

    def handle(self, *args, subcommand, **options):
        result = verify()
        if not result.ok:
            raise CommandError(result.message)
        self.stdout.write(self.style.SUCCESS(result.message))
