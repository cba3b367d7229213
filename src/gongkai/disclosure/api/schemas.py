"""Response shapes of the disclosure API (what ``/api/v1/openapi.json`` shows)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema
from pydantic import Field


class NamedRef(Schema):
    id: int
    name: str


class KeyAreaOut(Schema):
    slug: str
    name: str
    description: str
    responsible_department: NamedRef | None


class DocumentRef(Schema):
    index_number: str
    title: str
    url: str | None = Field(description="门户网站上的页面")
    api_url: str


class InterpretationRef(DocumentRef):
    form: str = Field(description="解读形式代码")
    form_label: str


class AttachmentOut(Schema):
    name: str
    size: int = Field(description="字节数")
    size_display: str
    kind: str
    download_url: str


class VersionOut(Schema):
    revision: int
    kind: str = Field(
        description="published（首次发布）、corrected（更正）、validity（有效性变更）"
    )
    kind_label: str
    reason: str
    at: datetime


class DocumentSummary(Schema):
    index_number: str
    title: str
    document_number: str
    item_type: str
    item_type_label: str
    department: NamedRef = Field(description="主办机构")
    publishing_departments: list[NamedRef] = Field(description="发布机构（联合发布时有多个）")
    subject: NamedRef
    genre: NamedRef
    written_on: date | None = Field(description="成文日期")
    published_at: datetime
    published_on: date = Field(description="发布日期（北京时间）")
    validity: str | None = Field(description="有效性（仅规范性文件和规章）")
    validity_label: str | None
    key_areas: list[str] = Field(description="重点领域标识")
    url: str | None = Field(description="门户网站上的页面")
    api_url: str


class InterpretationInfo(Schema):
    form: str
    form_label: str
    video_url: str
    expert_name: str


class DocumentDetail(DocumentSummary):
    keywords: list[str]
    summary: str = Field(description="内容概述")
    body: str = Field(description="正文（已清理的 HTML）")
    source: str = Field(description="信息来源")
    revision: int = Field(description="版本号（更正后递增）")
    effective_on: date | None = Field(description="生效日期")
    expires_on: date | None = Field(description="有效期至")
    validity_changed_on: date | None = Field(description="失效或废止日期")
    replaced_by: list[DocumentRef]
    replaces: list[DocumentRef]
    is_major_policy: bool
    interpretation: InterpretationInfo | None = Field(description="本信息为政策解读时的解读信息")
    interprets: list[DocumentRef] = Field(description="本解读所解读的政策")
    interpretations: list[InterpretationRef] = Field(description="解读本政策的政策解读")
    attachments: list[AttachmentOut]
    versions: list[VersionOut] = Field(description="发布和更正记录")


class DocumentPage(Schema):
    items: list[DocumentSummary]
    limit: int
    next: str | None = Field(description="下一页的完整地址；没有下一页时为 null")


class HistoryEntryOut(Schema):
    action: str
    label: str
    from_state: str
    to_state: str
    at: datetime
    comment: str = Field(description="审查意见（退回修改时说明需要修改的内容）")


class SubmissionAttachmentOut(Schema):
    id: int
    name: str
    size: int


class SubmissionOut(Schema):
    id: int
    title: str
    department: NamedRef
    state: str = Field(
        description="draft 草稿、submitted 待保密审查、approval 待领导审批、scheduled 待定时发布、"
        "published 已发布、returned 退回修改、withdrawn 已撤回"
    )
    state_label: str
    index_number: str | None = Field(description="发布后才有索引号")
    public_url: str | None
    published_at: datetime | None
    attachments: list[SubmissionAttachmentOut]
    history: list[HistoryEntryOut]
    status_url: str


class AttachmentCreatedOut(Schema):
    id: int
    name: str
    size: int
    kind: str
    sha256: str
    submission: SubmissionOut
