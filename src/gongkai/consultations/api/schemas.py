"""The consultation endpoints' schemas (names unique across the API)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field

from ..validation import COMMENT_MAX, COMMENT_MIN


class ConsultationDepartmentRef(Schema):
    id: int
    name: str


class ConsultationSummaryOut(Schema):
    id: int
    title: str
    kind: str = Field(description="draft 草案征求意见；call 方案征集")
    kind_label: str
    subject: str = Field(description="方案征集的对象，如“道路名称”")
    department: ConsultationDepartmentRef
    round: int = Field(description="当前轮次")
    phase: str = Field(
        description="planned 即将开始、open 征集中、closed 已截止、voting 投票中、feedback 已反馈"
    )
    phase_label: str
    opens_at: datetime
    closes_at: datetime = Field(description="此刻起不再接受意见（北京时间）")
    last_day: date = Field(description="征集期的最后一天")
    feedback_published_at: datetime | None
    url: str = Field(description="网页地址")


class ConsultationPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[ConsultationSummaryOut]


class ClauseOut(Schema):
    position: int = Field(description="条款序号：提交意见时作为 clause 的值")
    label: str = Field(description="条款号，如“第三条”；空表示标题或序言")
    text: str
    comments: int = Field(description="公开的意见条数")


class ConsultationOut(ConsultationSummaryOut):
    summary: str
    contact_name: str
    contact_phone: str
    changes_note: str = Field(description="新一轮：根据上一轮意见作的修改")
    clauses: list[ClauseOut]
    comments: int = Field(description="公开的意见条数")
    feedback_url: str | None


class CommentIn(BaseModel):
    """对草案提出意见。校验规则与网页相同。"""

    model_config = ConfigDict(extra="forbid")

    clause: int | None = Field(None, description="针对的条款序号（position）；不填为整体意见")
    text: str = Field(description=f"意见，{COMMENT_MIN}–{COMMENT_MAX}字")
    name: str = Field(description="姓名（不公开）")
    phone: str = Field(description="联系电话（不公开）：反馈发布后短信告知")
    email: str = Field("", description="电子邮箱（可选，不公开）")
    public: bool = Field(False, description="是否同意公开意见（不公开姓名和联系方式）")


class CommentOut(Schema):
    id: int
    created: bool = Field(description="false 表示重复提交，返回的是第一次提交的意见")
    consultation: int
    round: int
    clause: int | None
    moderation: str = Field(description="pending 待审核（审核通过且同意公开的才会公开）")
    moderation_label: str
    submitted_at: datetime
