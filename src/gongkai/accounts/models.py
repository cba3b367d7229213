from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from gongkai.core.validators import validate_mobile


class User(AbstractUser):
    """A staff member. Citizens need no account."""

    full_name = models.CharField("姓名", max_length=64, blank=True)
    mobile = models.CharField("手机号码", max_length=11, blank=True, validators=[validate_mobile])

    class Meta(AbstractUser.Meta):
        verbose_name = "人员账号"
        verbose_name_plural = "人员账号"

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name or self.username
