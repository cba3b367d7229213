"""The message endpoints' schemas (what /api/v1/openapi.json shows; names unique across the API)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field

from ..validation import TEXT_MAX


class MessageIn(BaseModel):
    """网上留言。校验规则与留言板网页相同。"""

    model_config = ConfigDict(extra="forbid")

    channel: str = Field(
        description="留言渠道代码，如 mayor-board（市长热线由话务员登记，不能通过接口留言）"
    )
    message_type: str = Field(
        description="留言类型代码：consult 咨询、help 求助、suggest 建议、complain 投诉、report 举报"
    )
    subject: str = Field(description="标题，4–60字")
    text: str = Field(description=f"留言内容，10–{TEXT_MAX}字；请写明时间、地点和具体问题")
    place: str | None = Field(
        None, description="所涉地区的行政区划代码（可选），须在该渠道所属政府辖区内，如 620502"
    )
    writer_name: str = Field(description="姓名（不公开）")
    writer_phone: str = Field(description="联系电话（不公开），如 13800000000 或 0938-8212345")
    public: bool = Field(
        False, description="是否同意公开（公开时自动遮蔽个人信息；举报和信箱来信一律不公开）"
    )


class CodeRef(Schema):
    code: str
    name: str


class MessageDepartmentRef(Schema):
    id: int
    name: str


class MessageSubmittedOut(Schema):
    query_code: str = Field(description="查询码")
    password: str = Field(description="查询密码：请妥善保存，只在此返回（重复提交时重新生成）")
    created: bool = Field(description="false 表示重复提交，返回的是第一次提交的留言")
    state: str = Field(description="triage 待受理；held 待人工核查（内容几乎只有链接或为重复文字）")
    state_label: str
    channel: CodeRef
    submitted_at: datetime
    lookup_url: str = Field(description="网上查询页面")


class MessageLookupIn(BaseModel):
    query_code: str = Field(description="查询码，如 LY20261127-0012")
    password: str = Field("", description="查询密码（不区分大小写）")
    phone: str = Field("", description="或：留言时填写的联系电话")


class MessageStepOut(Schema):
    kind: str
    label: str = Field(description="环节名称")
    on: date = Field(description="日期")
    text: str = Field(description="说明")


class RatingOut(Schema):
    satisfaction: str = Field(description="satisfied 满意、basically 基本满意、unsatisfied 不满意")
    label: str
    reason: str = Field(description="评价说明")
    rated_on: date | None
    by_callback: bool = Field(description="true 表示由工作人员回访登记")


class MessageLookupOut(Schema):
    query_code: str
    subject: str
    channel: CodeRef
    type: CodeRef
    state: str = Field(
        description="held 待人工核查、triage 待受理、refused 不予受理、merged 已合并、assigned 已交办待签收、"
        "handling 办理中、reply_review 答复待审核、replied 已回复、closed 已办结"
    )
    state_label: str
    submitted_at: datetime = Field(description="留言时间")
    accepted_at: datetime | None = Field(description="受理时间")
    replied_at: datetime | None = Field(description="答复时间")
    department: MessageDepartmentRef | None = Field(description="主办部门（交办后）")
    reply_due: date | None = Field(description="答复期限（办理中时）")
    reply_due_provisional: bool = Field(
        description="答复期限按尚未导入正式安排的年度预估（法定节假日推算，不含调休），正式安排导入后可能变化"
    )
    steps: list[MessageStepOut] = Field(description="办理过程")
    reply: str | None = Field(description="答复内容（原文，仅留言人可见）")
    rating: RatingOut | None = Field(description="评价（已评价时）")
    can_rate: bool = Field(description="现在能否评价（已回复、未评价、未过评价截止日）")
    rating_due: date | None = Field(description="评价截止日")
    public_url: str | None = Field(description="已公开时，留言板上的页面")
    lookup_url: str = Field(description="网上查询和评价页面")


class PublicMessageOut(Schema):
    id: int
    url: str = Field(description="留言板上的页面")
    subject: str = Field(description="标题（已遮蔽个人信息）")
    text: str = Field(description="留言内容（已遮蔽个人信息）")
    reply: str = Field(description="答复内容（已遮蔽个人信息）")
    channel: CodeRef
    type: CodeRef
    department: MessageDepartmentRef | None = Field(description="答复部门")
    place: CodeRef | None = Field(description="所涉地区（行政区划代码和名称）")
    submitted_at: datetime
    replied_at: datetime | None
    published_at: datetime
    status: str = Field(description="replied 已回复；handling 办理中（留言人不满意，重新办理）")
    status_label: str
    satisfaction: str | None = Field(description="satisfied、basically、unsatisfied；未评价为空")
    satisfaction_label: str | None


class PublicMessageDetailOut(PublicMessageOut):
    assigned_on: date | None = Field(description="交办日期")


class MessagePage(Schema):
    items: list[PublicMessageOut]
    limit: int
    next: str | None = Field(description="下一页的完整地址；没有下一页时为 null")
