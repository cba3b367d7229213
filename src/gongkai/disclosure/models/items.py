"""The government information item (政府信息) and its querysets."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from gongkai.core.concurrency import Versioned

from .reference import ContentCategory, Genre, KeyArea, SubjectCategory


class ItemState(models.TextChoices):
    """Review states (the transition table is ``gongkai.disclosure.review.REVIEW``)."""

    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待保密审查"
    APPROVAL = "approval", "待领导审批"
    SCHEDULED = "scheduled", "待定时发布"
    PUBLISHED = "published", "已发布"
    RETURNED = "returned", "退回修改"
    WITHDRAWN = "withdrawn", "已撤回"


EDITABLE_STATES = frozenset({ItemState.DRAFT, ItemState.RETURNED})


class ItemType(models.TextChoices):
    GENERAL = "general", "普通信息"
    NORMATIVE = "normative", "规范性文件"
    RULE = "rule", "规章"
    INTERPRETATION = "interpretation", "政策解读"
    RESPONSE = "response", "回应关切"
    INSPECTION = "inspection", "政务督查"
    GUIDE = "guide", "政府信息公开指南"
    ANNUAL_REPORT = "annual_report", "政府信息公开工作年度报告"


# Types that carry validity (生效日期, 有效期至, 有效性).
VALIDITY_TYPES = frozenset({ItemType.NORMATIVE, ItemType.RULE})


class DisclosureAttribute(models.TextChoices):
    """公开属性 (disclosure attribute)."""

    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    NOT_DISCLOSED = "not_disclosed", "不予公开"


class ExemptionReason(models.TextChoices):
    """The legal reason an item is not disclosed proactively (条例 Art. 14–16)."""

    STATE_SECRET = "art14_secret", "第十四条：属于国家秘密"
    BANNED_BY_LAW = "art14_law", "第十四条：法律、行政法规禁止公开"
    SECURITY = "art14_security", "第十四条：公开后可能危及国家安全、公共安全、经济安全、社会稳定"
    TRADE_SECRET = "art15_trade_secret", "第十五条：涉及商业秘密，公开会对第三方合法权益造成损害"
    PRIVACY = "art15_privacy", "第十五条：涉及个人隐私，公开会对第三方合法权益造成损害"
    INTERNAL = "art16_internal", "第十六条：内部事务信息（人事管理、后勤管理、内部工作流程等）"
    PROCESS = "art16_process", "第十六条：过程性信息（讨论记录、过程稿、磋商信函、请示报告等）"
    ENFORCEMENT = "art16_enforcement", "第十六条：行政执法案卷信息"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"
    REVISED = "revised", "已修订"


class InterpretationForm(models.TextChoices):
    TEXT = "text", "文字解读"
    GRAPHIC = "graphic", "图解"
    VIDEO = "video", "视频解读"
    EXPERT = "expert", "专家解读"
    QA = "qa", "问答"


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    import calendar

    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class InformationItemQuerySet(models.QuerySet):
    def public(self) -> InformationItemQuerySet:
        """What the public site, feeds, API and search show: published, proactive.

        Withdrawn items have their own state, so they are never in here.
        """
        return self.filter(
            state=ItemState.PUBLISHED, disclosure_attribute=DisclosureAttribute.PROACTIVE
        )

    def in_government(self, government, *, tree: bool = False) -> InformationItemQuerySet:
        if tree:
            return self.filter(government__path__startswith=government.path)
        return self.filter(government=government)

    def in_catalogue_of(self, department) -> InformationItemQuerySet:
        """Items in ``department``'s catalogue: it owns or co-publishes them."""
        return self.filter(
            Q(department=department) | Q(publishing_departments=department)
        ).distinct()

    def with_validity(self) -> InformationItemQuerySet:
        return self.filter(item_type__in=VALIDITY_TYPES)

    def expiring_within(
        self, months: int = 6, today: date | None = None
    ) -> InformationItemQuerySet:
        """Published normative documents and rules still valid whose 有效期至 falls
        between today and ``months`` months from today (条例 practice: evaluate
        six months before expiry; regulations.md §8)."""
        today = today or timezone.localdate()
        return (
            self.with_validity()
            .filter(
                state=ItemState.PUBLISHED,
                validity=Validity.VALID,
                expires_on__gte=today,
                expires_on__lte=add_months(today, months),
            )
            .order_by("expires_on", "id")
        )

    def late(self) -> InformationItemQuerySet:
        """Published later than 条例 Art. 26 allows (20 working days)."""
        return self.filter(late_publication=True)


class InformationItem(Versioned):
    """One piece of government information in the catalogue (政府信息公开目录).

    ``version`` (from ``Versioned``) guards concurrent edits; ``revision`` is
    the public version number that a correction (更正) raises.
    """

    # -- who ------------------------------------------------------------------
    government = models.ForeignKey(
        "orgs.Government",
        verbose_name="所属政府",
        on_delete=models.PROTECT,
        related_name="information_items",
        editable=False,
    )
    department = models.ForeignKey(
        "orgs.Department",
        verbose_name="主办机构",
        on_delete=models.PROTECT,
        related_name="owned_information_items",
        help_text="负责本条信息的机构；其统一社会信用代码用于生成索引号",
    )
    publishing_departments = models.ManyToManyField(
        "orgs.Department",
        verbose_name="发布机构",
        related_name="information_items",
        help_text="联合发布时选择全部发布机构（含主办机构）",
    )
    # -- catalogue metadata (regulations.md §5) --------------------------------
    index_number = models.CharField(
        "索引号", max_length=80, unique=True, null=True, blank=True, editable=False
    )
    document_number = models.CharField("文号", max_length=80, blank=True)
    title = models.CharField("标题", max_length=300)
    written_on = models.DateField("成文日期", null=True, blank=True)
    subject = models.ForeignKey(
        SubjectCategory, verbose_name="主题分类", on_delete=models.PROTECT, related_name="items"
    )
    genre = models.ForeignKey(
        Genre, verbose_name="体裁", on_delete=models.PROTECT, related_name="items"
    )
    keywords = models.CharField(
        "关键词", max_length=200, blank=True, help_text="多个关键词用空格分隔"
    )
    summary = models.TextField("内容概述", blank=True)
    body = models.TextField("正文", blank=True, help_text="保存时自动清理不安全的内容")
    source = models.CharField("信息来源", max_length=100, blank=True)
    disclosure_attribute = models.CharField(
        "公开属性",
        max_length=16,
        choices=DisclosureAttribute.choices,
        default=DisclosureAttribute.PROACTIVE,
    )
    exemption_reason = models.CharField(
        "不主动公开的理由",
        max_length=32,
        choices=ExemptionReason.choices,
        blank=True,
        help_text="公开属性不是主动公开时必须选择法定理由（条例第十四条至第十六条）",
    )
    exemption_note = models.TextField("理由说明", blank=True)
    item_type = models.CharField(
        "信息类型", max_length=20, choices=ItemType.choices, default=ItemType.GENERAL
    )
    key_areas = models.ManyToManyField(
        KeyArea, verbose_name="重点领域", blank=True, related_name="items"
    )
    content_categories = models.ManyToManyField(
        ContentCategory, verbose_name="法定公开内容", blank=True, related_name="items"
    )
    # -- Art. 26: publish within 20 working days of being formed or changed ----
    formed_or_changed_on = models.DateField(
        "信息形成或变更日期",
        null=True,
        blank=True,
        help_text="条例第二十六条：应自该日起20个工作日内公开",
    )
    publish_due_on = models.DateField("应公开日期", null=True, blank=True, editable=False)
    late_publication = models.BooleanField("超期公开", default=False, editable=False)
    # -- normative documents and rules (规范性文件, 规章) -------------------------
    effective_on = models.DateField("生效日期", null=True, blank=True)
    expires_on = models.DateField("有效期至", null=True, blank=True)
    validity = models.CharField(
        "有效性", max_length=16, choices=Validity.choices, blank=True, default=""
    )
    validity_changed_on = models.DateField("失效或废止日期", null=True, blank=True)
    replaced_by = models.ManyToManyField(
        "self",
        verbose_name="被以下文件替代",
        symmetrical=False,
        blank=True,
        related_name="replaces",
    )
    # -- policies and their interpretations (政策解读) --------------------------
    is_major_policy = models.BooleanField(
        "重大政策",
        default=False,
        help_text="重大政策发布后应及时解读，逾期未解读的提醒政务公开办公室",
    )
    interprets = models.ManyToManyField(
        "self",
        verbose_name="所解读的政策",
        symmetrical=False,
        blank=True,
        related_name="interpretations",
    )
    interpretation_form = models.CharField(
        "解读形式", max_length=16, choices=InterpretationForm.choices, blank=True
    )
    video_url = models.URLField(
        "视频链接", blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )
    expert_name = models.CharField("解读专家", max_length=60, blank=True)
    # -- review and publication ------------------------------------------------
    state = models.CharField(
        "状态", max_length=16, choices=ItemState.choices, default=ItemState.DRAFT, db_index=True
    )
    scheduled_publish_at = models.DateTimeField("定时发布时间", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True, editable=False)
    withdraw_reason = models.TextField("撤回理由", blank=True, editable=False)
    revision = models.PositiveIntegerField("版本号", default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="起草人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = InformationItemQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息"
        verbose_name_plural = "政府信息"
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["department", "state"], name="item_department_state_idx"),
            models.Index(fields=["state", "published_at"], name="item_state_published_idx"),
            models.Index(fields=["government", "state"], name="item_government_state_idx"),
            models.Index(fields=["item_type", "validity"], name="item_type_validity_idx"),
            # The public lists (the catalogue above all): only public rows, in the
            # lists' order, with the government the site's scope filters on, so the
            # first page and the capped count read the index alone (issue 17).
            # Scanned backwards it serves the oldest-first order too.
            models.Index(
                fields=["-published_at", "-id", "government"],
                condition=Q(
                    state=ItemState.PUBLISHED, disclosure_attribute=DisclosureAttribute.PROACTIVE
                ),
                name="item_public_newest_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(disclosure_attribute=DisclosureAttribute.PROACTIVE)
                | ~Q(exemption_reason=""),
                name="item_not_proactive_has_reason",
                violation_error_message="公开属性不是主动公开时，必须选择不主动公开的法定理由。",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    # -- access policy -----------------------------------------------------------
    @property
    def access_department(self):
        return self.department

    # -- reading -------------------------------------------------------------------
    @property
    def is_public(self) -> bool:
        return (
            self.state == ItemState.PUBLISHED
            and self.disclosure_attribute == DisclosureAttribute.PROACTIVE
        )

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def has_validity(self) -> bool:
        return self.item_type in VALIDITY_TYPES

    @property
    def published_on(self) -> date | None:
        """The 发布日期 in Beijing time."""
        return timezone.localdate(self.published_at) if self.published_at else None

    def keyword_list(self) -> list[str]:
        return [word for word in self.keywords.replace("，", " ").replace(",", " ").split() if word]

    def get_public_url(self) -> str | None:
        """The portal page of a public item: ``/xxgk/<索引号>/`` (None before publication)."""
        if not self.index_number:
            return None
        return f"/xxgk/{quote(self.index_number, safe='/-')}/"

    def get_workbench_url(self) -> str:
        from django.urls import NoReverseMatch, reverse

        try:
            return reverse("workbench:disclosure:item", args=[self.pk])
        except NoReverseMatch:  # the workbench URLconf does not include ours yet
            return f"/workbench/disclosure/items/{self.pk}/"
