"""Sessions (届次), their items (代表建议 / 政协提案) and what happens to each item.

An item is imported from the list the congress or CPPCC office sends, assigned
(交办) to a lead unit (主办) and co-handling units (会办 / 协办), answered with a
reply letter (答复函) that the unit's leader approves and grades, and closed
when the deputy's or member's satisfaction is recorded; 不满意 (unsatisfied)
sends it back for re-handling (重新办理) in a new round. History is
append-only: assignments, reply letters and satisfaction records are rows per
round, never overwritten.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Case, F, When
from django.db.models.functions import Cast

from gongkai.core.concurrency import Versioned
from gongkai.workflow.models import HasTimeline

from .rules import Body


class Session(models.Model):
    """A plenary session whose items the government handles, e.g. 市六届人大五次会议."""

    government = models.ForeignKey(
        "orgs.Government", verbose_name="政府", on_delete=models.PROTECT, related_name="+"
    )
    body = models.CharField("类别", max_length=16, choices=Body.choices)
    name = models.CharField("届次", max_length=100, help_text="如 市六届人大五次会议")
    opened_on = models.DateField("开幕日期")
    office = models.ForeignKey(
        "orgs.Department",
        verbose_name="交办单位",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="负责导入、交办和督办的办公室（通常为政府办公室）",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "届次"
        verbose_name_plural = "届次"
        ordering = ["-opened_on", "body", "id"]
        constraints = [
            models.UniqueConstraint(fields=["government", "name"], name="proposal_session_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_label(self) -> str:
        """代表建议 or 政协提案."""
        return "代表建议" if self.body == Body.CONGRESS else "政协提案"

    @property
    def item_word(self) -> str:
        return "建议" if self.body == Body.CONGRESS else "提案"

    @property
    def access_department(self):
        return self.office


class ProposalState(models.TextChoices):
    PENDING = "pending", "待交办"
    HANDLING = "handling", "办理中"
    APPROVAL = "approval", "答复函待审签"
    REPLIED = "replied", "已答复，待评价"
    CLOSED = "closed", "已办结"


OPEN_STATES = frozenset({ProposalState.PENDING, ProposalState.HANDLING, ProposalState.APPROVAL})
# 办结: a reply letter has been sent and the item is not back in re-handling.
DONE_STATES = frozenset({ProposalState.REPLIED, ProposalState.CLOSED})


class Grade(models.TextChoices):
    """办理结果分类 (regulations.md §7)."""

    A = "A", "A类（所提问题已经解决或基本解决）"
    B = "B", "B类（所提问题正在解决或已列入计划逐步解决）"
    C = "C", "C类（所提问题因条件限制需以后解决）"
    D = "D", "D类（所提问题留作参考）"


GRADE_SHORT = {
    "A": "解决或基本解决",
    "B": "正在解决或列入计划",
    "C": "因条件限制以后解决",
    "D": "留作参考",
}


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class ProposalQuerySet(models.QuerySet):
    def in_number_order(self, *first):
        """Ordered by ``first`` (order_by terms), then by the number within the session as
        a number (1, 2, 10, 11, 100), not as text (1, 10, 100, 11, 2). 编号 is free text
        from the office's spreadsheet: numbers of digits only come first by value, any
        others (A12, 第3号) after them as text."""
        value = Case(
            When(number__regex=r"^[0-9]{1,18}$", then=Cast("number", models.BigIntegerField())),
            default=None,
            output_field=models.BigIntegerField(),
        )
        return self.alias(number_value=value).order_by(
            *first, F("number_value").asc(nulls_last=True), "number", "pk"
        )


class Proposal(HasTimeline, Versioned):
    """One deputy's suggestion (代表建议) or CPPCC proposal (政协提案); the kind follows the session."""

    objects = ProposalQuerySet.as_manager()

    session = models.ForeignKey(
        Session, verbose_name="届次", on_delete=models.PROTECT, related_name="items"
    )
    number = models.CharField("编号", max_length=20)
    title = models.CharField("标题", max_length=200)
    authors = models.CharField("领衔人及附议人", max_length=300)
    content = models.TextField("内容")
    suggested_units = models.CharField("建议承办单位", max_length=300, blank=True)
    state = models.CharField(
        "状态",
        max_length=16,
        choices=ProposalState.choices,
        default=ProposalState.PENDING,
        db_index=True,
    )
    complex = models.BooleanField("复杂事项", default=False)
    limit_months = models.PositiveSmallIntegerField(
        "办理期限（月）", null=True, blank=True, help_text="留空按办理规则；复杂事项默认6个月"
    )
    lead_department = models.ForeignKey(
        "orgs.Department",
        verbose_name="主办单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_proposals",
    )
    assigned_on = models.DateField("交办日期", null=True, blank=True)
    due_date = models.DateField(
        "答复期限", null=True, blank=True, db_index=True, help_text="本轮办理的答复期限"
    )
    round = models.PositiveSmallIntegerField("办理轮次", default=1, help_text="重新办理后加1")
    grade = models.CharField("办理结果分类", max_length=1, choices=Grade.choices, blank=True)
    satisfaction = models.CharField(
        "满意度", max_length=16, choices=Satisfaction.choices, blank=True
    )
    replied_on = models.DateField("答复日期", null=True, blank=True)
    replied_on_time = models.BooleanField("按期答复", null=True, blank=True)
    created_at = models.DateTimeField("导入时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "建议提案"
        verbose_name_plural = "建议提案"
        ordering = ["session", "number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="proposal_number_unique")
        ]
        indexes = [
            models.Index(fields=["lead_department", "state"], name="proposal_lead_state_idx"),
        ]

    def __str__(self) -> str:
        return f"第{self.number}号{self.session.item_word}：{self.title}"

    @property
    def access_departments(self) -> list:
        """The session's office and every unit the item is assigned to (this round)."""
        departments = [self.session.office]
        departments += [a.department for a in self.assignments.filter(active=True)]
        return departments

    def lead_assignment(self) -> Assignment | None:
        return (
            self.assignments.filter(active=True, role=AssignmentRole.LEAD)
            .select_related("department")
            .first()
        )

    def co_assignments(self):
        return (
            self.assignments.filter(active=True)
            .exclude(role=AssignmentRole.LEAD)
            .select_related("department")
        )

    def current_reply(self) -> ReplyLetter | None:
        return self.replies.filter(round=self.round).order_by("-id").first()

    def public_reply(self) -> ReplyLetter | None:
        """The latest sent reply letter marked public."""
        return (
            self.replies.filter(state=ReplyState.SENT, public=True)
            .order_by("-round", "-id")
            .first()
        )


class AssignmentRole(models.TextChoices):
    LEAD = "lead", "主办"
    JOINT = "joint", "会办"
    ASSIST = "assist", "协办"


class Assignment(models.Model):
    """A unit's share of one item in one round; co-handlers send their opinion to the lead."""

    proposal = models.ForeignKey(
        Proposal, verbose_name="建议提案", on_delete=models.CASCADE, related_name="assignments"
    )
    department = models.ForeignKey(
        "orgs.Department", verbose_name="承办单位", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField("承办方式", max_length=8, choices=AssignmentRole.choices)
    assigned_on = models.DateField("交办日期")
    due_date = models.DateField("期限", null=True, blank=True)
    active = models.BooleanField("有效", default=True)
    opinion = models.TextField("会办意见", blank=True)
    opinion_on = models.DateField("提出意见日期", null=True, blank=True)
    opinion_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="意见提出人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "交办"
        verbose_name_plural = "交办"
        ordering = ["proposal", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "department"],
                condition=models.Q(active=True),
                name="proposal_assignment_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.department}（{self.get_role_display()}）"

    @property
    def access_department(self):
        return self.department

    @property
    def state(self) -> str:
        """The item's state: the access rules limited to states ask the assignment."""
        return self.proposal.state


class ReplyState(models.TextChoices):
    APPROVAL = "approval", "待领导审签"
    RETURNED = "returned", "退回修改"
    SENT = "sent", "已签发"


class ReplyLetter(models.Model):
    """答复函 (reply letter) of one round: drafted, approved by the unit's leader, sent."""

    proposal = models.ForeignKey(
        Proposal, verbose_name="建议提案", on_delete=models.CASCADE, related_name="replies"
    )
    round = models.PositiveSmallIntegerField("办理轮次")
    department = models.ForeignKey(
        "orgs.Department", verbose_name="答复单位", on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField("答复函正文")
    grade = models.CharField("办理结果分类", max_length=1, choices=Grade.choices)
    public = models.BooleanField("公开", default=True)
    not_public_reason = models.CharField("不公开理由", max_length=300, blank=True)
    state = models.CharField(
        "状态", max_length=16, choices=ReplyState.choices, default=ReplyState.APPROVAL
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="起草人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    drafted_on = models.DateField("起草日期")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审签人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_on = models.DateField("签发日期", null=True, blank=True)
    return_comment = models.TextField("退回意见", blank=True)

    class Meta:
        verbose_name = "答复函"
        verbose_name_plural = "答复函"
        ordering = ["proposal", "round", "id"]

    def __str__(self) -> str:
        return f"{self.proposal}的答复函（第{self.round}轮）"


class SatisfactionRecord(models.Model):
    """The deputy's or member's view of one round's reply (征询意见)."""

    proposal = models.ForeignKey(
        Proposal, verbose_name="建议提案", on_delete=models.CASCADE, related_name="ratings"
    )
    round = models.PositiveSmallIntegerField("办理轮次")
    satisfaction = models.CharField("满意度", max_length=16, choices=Satisfaction.choices)
    comment = models.TextField("意见", blank=True)
    recorded_on = models.DateField("登记日期")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "满意度"
        verbose_name_plural = "满意度"
        ordering = ["proposal", "round", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "round"], name="proposal_rating_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.proposal}：{self.get_satisfaction_display()}（第{self.round}轮）"


class SupervisionVisit(models.Model):
    """现场督办: congress or CPPCC leaders visit a unit about one or more items."""

    session = models.ForeignKey(
        Session, verbose_name="届次", on_delete=models.PROTECT, related_name="visits"
    )
    proposals = models.ManyToManyField(Proposal, verbose_name="督办事项", related_name="visits")
    visited_on = models.DateField("督办日期")
    leaders = models.CharField("督办领导", max_length=200)
    place = models.CharField("地点", max_length=200)
    summary = models.TextField("督办情况")
    news_item = models.ForeignKey(
        "disclosure.InformationItem",
        verbose_name="新闻稿",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "现场督办"
        verbose_name_plural = "现场督办"
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.visited_on:%Y-%m-%d} {self.leaders}现场督办"

    @property
    def access_department(self):
        return self.session.office
