"""Access tokens of the write API: a department's own system submits items.

A token belongs to one department and names one staff member, the acting
person in whose name its submissions are drafted and submitted (so the audit
trail and the review workflow see a person, with that person's rights). The
token itself is shown once, when it is created; only its SHA-256 is stored.
Tokens can be revoked; each use records ``last_used_at``.

``ApiIdempotencyKey`` remembers the response to a POST sent with an
``Idempotency-Key`` header, so a client that retries after a network error
gets the first result back instead of a second item.

Writes: ``create_api_token`` and ``revoke_api_token`` (verb-named, with the
acting administrator, audited). The models are imported by the disclosure
models package, so they belong to the ``disclosure`` app.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from gongkai import access
from gongkai.audit.services import record
from gongkai.core.errors import DomainError

TOKEN_PREFIX = "gk_"  # noqa: S105 - marks our tokens, not a secret
# Recording every use would write a row per request; once a minute is enough
# to tell an administrator which tokens are still in use.
LAST_USED_GRANULARITY = timedelta(minutes=1)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    name = models.CharField(
        "名称", max_length=100, help_text="调用方系统的名称，如“市财政局公文系统”"
    )
    department = models.ForeignKey(
        "orgs.Department",
        verbose_name="所属部门",
        on_delete=models.PROTECT,
        related_name="api_tokens",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="代表人员",
        on_delete=models.PROTECT,
        related_name="api_tokens",
        help_text="以该人员的名义起草并提交信息（审计记录中的操作人）；须是本部门的经办人或审核人",
    )
    key_prefix = models.CharField("令牌前缀", max_length=12, editable=False)
    key_hash = models.CharField("令牌摘要（SHA-256）", max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("创建时间", default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_used_at = models.DateTimeField("最近使用时间", null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撤销人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        app_label = "disclosure"
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.key_prefix}…）"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def access_department(self):
        return self.department

    def touch(self, now=None) -> None:
        """Record a use (at most once per ``LAST_USED_GRANULARITY``)."""
        now = now or timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= LAST_USED_GRANULARITY:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now


class ApiIdempotencyKey(models.Model):
    """The first response to a POST carrying ``Idempotency-Key`` (per token)."""

    token = models.ForeignKey(
        ApiToken, verbose_name="接口令牌", on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField("幂等键", max_length=200)
    fingerprint = models.CharField("请求摘要", max_length=64)
    status_code = models.PositiveSmallIntegerField("响应状态码", null=True)
    response = models.JSONField("响应内容", null=True)
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        app_label = "disclosure"
        verbose_name = "接口幂等键"
        verbose_name_plural = "接口幂等键"
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="api_idempotency_key_unique")
        ]

    def __str__(self) -> str:
        return self.key


class TokenRefused(DomainError):
    pass


def check_acting_user(user, department) -> None:
    """The person named on a token must be able to draft and submit for ``department``."""
    if not department.active:
        raise TokenRefused(f"{department.name}已停用，不能为其创建接口令牌。", code="inactive")
    if user is None or not user.is_active:
        raise TokenRefused("代表人员的账号已停用。", code="inactive_user")
    if not access.can(user, "disclosure.create", department):
        raise TokenRefused(
            f"{user.get_full_name()}不是{department.name}的经办人或审核人，"
            "不能作为接口令牌的代表人员。",
            code="not_a_member",
        )


def create_api_token(*, actor, department, user, name: str, ip=None) -> tuple[ApiToken, str]:
    """A new token; returns it and the raw secret, which is never shown again."""
    name = (name or "").strip()
    if not name:
        raise TokenRefused("请填写令牌名称（调用方系统的名称）。", code="name")
    check_acting_user(user, department)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            name=name,
            department=department,
            user=user,
            key_prefix=raw[:10],
            key_hash=hash_token(raw),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record(
            "disclosure.api_token.create",
            actor=actor,
            obj=token,
            after={"name": name, "department": department.pk, "user": user.pk, "prefix": raw[:10]},
            ip=ip,
        )
    return token, raw


def revoke_api_token(token: ApiToken, *, actor, ip=None) -> ApiToken:
    """Revoke at once; a revoked token is refused from the next request on."""
    with transaction.atomic():
        now = timezone.now()
        updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=now, revoked_by=actor if getattr(actor, "is_authenticated", False) else None
        )
        if not updated:
            return token
        token.refresh_from_db()
        record(
            "disclosure.api_token.revoke",
            actor=actor,
            obj=token,
            before={"revoked_at": None},
            after={"revoked_at": now},
            ip=ip,
        )
    return token


def find_active_token(raw: str) -> ApiToken | None:
    """The active token with this secret, or None."""
    if not raw or len(raw) > 200 or not raw.startswith(TOKEN_PREFIX):
        return None
    return (
        ApiToken.objects.select_related("department__government", "user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True)
        .first()
    )
