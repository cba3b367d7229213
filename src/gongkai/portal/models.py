"""The portal's site profile: who runs the site and how to reach them.

One ``SiteProfile`` row describes the public site (the footer's 网站标识码,
ICP and 公安 filing numbers, sponsor and operator, contact details);
``NewMediaAccount`` rows are the government's accounts on WeChat, Weibo and
other platforms, shown in the footer with QR codes generated from their URLs.
"""

from __future__ import annotations

from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.db.models import Q

from gongkai.core.concurrency import Versioned
from gongkai.core.validators import validate_phone

SITE_PROFILE_ID = 1

validate_site_code = RegexValidator(
    r"^\d{10}$", "网站标识码是 10 位数字（由政府网站信息报送系统分配）。"
)
validate_police_code = RegexValidator(r"^\d{14}$", "公安备案编号是 14 位数字。")


class SiteProfile(Versioned):
    """The one row describing the public site."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=SITE_PROFILE_ID, editable=False)
    government = models.ForeignKey(
        "orgs.Government",
        verbose_name="本站政府",
        on_delete=models.PROTECT,
        related_name="+",
    )
    site_name = models.CharField("网站名称", max_length=64, help_text="如 天水市人民政府")
    site_code = models.CharField(
        "网站标识码", max_length=10, blank=True, validators=[validate_site_code]
    )
    icp_record = models.CharField(
        "ICP备案号", max_length=40, blank=True, help_text="如 陇ICP备05000000号"
    )
    police_record = models.CharField(
        "公安备案号", max_length=40, blank=True, help_text="如 甘公网安备 62050202000001号"
    )
    police_record_code = models.CharField(
        "公安备案编号",
        max_length=14,
        blank=True,
        validators=[validate_police_code],
        help_text="备案号中的 14 位数字，用于链接到全国互联网安全管理服务平台的备案信息",
    )
    sponsor = models.CharField("主办单位", max_length=100, blank=True)
    operator = models.CharField("承办单位", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True, validators=[validate_phone])
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)

    class Meta:
        verbose_name = "网站信息"
        verbose_name_plural = "网站信息"
        constraints = [
            models.CheckConstraint(condition=Q(id=SITE_PROFILE_ID), name="site_profile_single_row"),
        ]

    def __str__(self) -> str:
        return self.site_name


class Platform(models.TextChoices):
    WECHAT = "wechat", "微信公众号"
    WEIBO = "weibo", "微博"
    DOUYIN = "douyin", "抖音"
    TOUTIAO = "toutiao", "今日头条"
    KUAISHOU = "kuaishou", "快手"
    CHANNELS = "channels", "微信视频号"
    APP = "app", "客户端"
    OTHER = "other", "其他"


class NewMediaAccount(models.Model):
    """A government account on a social platform, e.g. 天水发布 on WeChat."""

    profile = models.ForeignKey(
        SiteProfile,
        verbose_name="网站",
        on_delete=models.CASCADE,
        related_name="new_media_accounts",
        default=SITE_PROFILE_ID,
    )
    name = models.CharField("账号名称", max_length=40, help_text="如 天水发布")
    platform = models.CharField("平台", max_length=16, choices=Platform.choices)
    url = models.URLField(
        "账号链接",
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="二维码由此链接生成",
    )
    sort_order = models.PositiveIntegerField("排序", default=100)
    active = models.BooleanField("显示", default=True)

    class Meta:
        verbose_name = "政务新媒体账号"
        verbose_name_plural = "政务新媒体账号"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_platform_display()}）"

    @property
    def label(self) -> str:
        return f"{self.name} {self.get_platform_display()}"

    @property
    def qr_data_uri(self) -> str:
        from .profile import qr_data_uri

        return qr_data_uri(self.url)
