"""Deploy checks of the audit chain (``gongkai check --deploy``)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def audit_key(app_configs, **kwargs):
    problems = []
    if not settings.AUDIT_KEY:
        problems.append(
            checks.Warning(
                "审计链的密钥由 GONGKAI_SECRET_KEY 派生：更换网站密钥时旧事件将无法校验，"
                "且掌握网站密钥的人即可重算审计链。",
                hint="设置独立的 GONGKAI_AUDIT_KEY（至少 32 个字符），不要与数据库放在一起保管。",
                id="gongkai.W101",
            )
        )
    elif len(settings.AUDIT_KEY) < 32:
        problems.append(
            checks.Error("GONGKAI_AUDIT_KEY 太短（至少 32 个字符）。", id="gongkai.E102")
        )
    if not settings.AUDIT_ANCHOR_EMAILS:
        problems.append(
            checks.Warning(
                "每日签名链头只保存在文件存储中，没有发送给任何人。",
                hint="设置 GONGKAI_AUDIT_ANCHOR_EMAILS（如公开办和审计人员的邮箱），"
                "使能同时改动数据库和存储的人也无法悄悄改写审计日志。",
                id="gongkai.W103",
            )
        )
    return problems
