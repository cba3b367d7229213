"""Forms of the writer's pages and the board's filters.

``WriteForm`` is ``validation.MessageDataForm`` (every rule about a message's
data lives there) plus what only the web form has: the channel fixed by the
URL, the places of that channel, the public/private choice as two plain
options, the attachments (checked by content here, stored by the service),
the hidden idempotency token and the honeypot.
"""

from __future__ import annotations

import secrets

from django import forms
from django.conf import settings

from gongkai.core.lookup import CodeLookupForm
from gongkai.files.forms import MultipleFilesField, checked_uploads
from gongkai.files.kinds import ALL_KINDS, accept_attribute, describe
from gongkai.files.models import format_size

from ..models import Channel, MessageType, Satisfaction
from ..validation import SUBJECT_MAX, TEXT_MAX, MessageDataForm
from .common import places_for

MAX_FILES = 5
# The honeypot: a text input people never see (visually hidden, skipped by the
# keyboard and by screen readers). Software that fills every field fills it too.
HONEYPOT = "website"
PUBLIC, PRIVATE = "public", "private"

HELP = {
    "message_type": "咨询：询问政策、办事流程；求助：遇到困难需要帮助；建议：对工作提出意见建议；"
    "投诉：反映自身权益受到侵害；举报：反映违法违纪行为（举报一律不公开）。",
    "subject": f"一句话概括您反映的问题，{SUBJECT_MAX}字以内，如“秦州区某小区供暖不热”。",
    "text": f"请写明时间、地点、经过和您的诉求，{TEXT_MAX}字以内。"
    "不要在内容中填写身份证号、银行卡号等个人信息；公开时电话、地址等会自动遮蔽。",
    "place": "问题发生的县区，便于交办到当地的部门。",
    "writer_name": "不会公开，只用于办理和回访。",
    "writer_phone": "手机或固定电话，如 13800000000、0938-8212345。不会公开；"
    "用于联系和回访，也可凭查询码和此号码查询办理情况。",
}


class WriteForm(MessageDataForm):
    wants_public = forms.ChoiceField(
        label="是否公开",
        choices=[
            (PUBLIC, "同意公开：答复后在留言板公开（姓名、电话等个人信息自动遮蔽）"),
            (PRIVATE, "不公开：只有办理的工作人员和您本人能看到"),
        ],
        widget=forms.RadioSelect,
        initial=PUBLIC,
        error_messages={"required": "请选择是否公开。", "invalid_choice": "请选择是否公开。"},
    )
    files = MultipleFilesField(label="附件（可选）", required=False)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    website = forms.CharField(
        label="请勿填写",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, channel: Channel, **kwargs):
        super().__init__(*args, **kwargs)
        self.channel = channel
        self.fields["channel"].widget = forms.HiddenInput()
        self.fields["channel"].required = False
        self.fields["message_type"].widget = forms.RadioSelect()
        self.fields["message_type"].empty_label = None
        self.fields["message_type"].queryset = MessageType.objects.order_by("sort_order", "id")
        place = self.fields["place"]
        place.queryset = places_for(channel)
        place.empty_label = "请选择（可选）"
        self.fields["subject"].widget.attrs.update(maxlength=SUBJECT_MAX)
        self.fields["text"].widget = forms.Textarea(attrs={"rows": 8, "maxlength": TEXT_MAX})
        self.fields["writer_name"].widget.attrs["autocomplete"] = "name"
        self.fields["writer_phone"].widget = forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}
        )
        limit = format_size(settings.UPLOAD_MAX_BYTES)
        self.fields["files"].help_text = (
            f"可选，最多{MAX_FILES}个。支持 {describe(ALL_KINDS)}，单个文件不超过 {limit}。"
            "附件不公开。"
        )
        self.fields["files"].widget.attrs["accept"] = accept_attribute(ALL_KINDS)
        if channel.private_by_nature:
            del self.fields["wants_public"]
        for name, text in HELP.items():
            self.fields[name].help_text = text
        for name in ("subject", "text", "writer_name", "writer_phone"):
            self.fields[name].widget.attrs["required"] = True
        if not self.is_bound and not self.initial.get("idempotency_key"):
            self.initial["idempotency_key"] = secrets.token_urlsafe(24)

    def clean_channel(self):
        return self.channel

    def clean_wants_public(self):
        return self.cleaned_data["wants_public"] == PUBLIC

    def clean_files(self):
        uploads = self.files.getlist("files") if self.files else []
        return checked_uploads(
            uploads,
            allowed_kinds=ALL_KINDS,
            max_files=MAX_FILES,
            too_many=f"最多上传{MAX_FILES}个附件，您选择了{len(uploads)}个。",
        )

    @property
    def trapped(self) -> bool:
        """The honeypot was filled in: software, not a person."""
        return bool((self.data.get(HONEYPOT) or "").strip())

    def service_data(self) -> dict:
        """The cleaned data as ``submit_message`` takes it (it validates again)."""
        data = self.cleaned_data
        return {
            "channel": self.channel.pk,
            "message_type": data["message_type"].pk,
            "subject": data["subject"],
            "text": data["text"],
            "place": data["place"].pk if data.get("place") else "",
            "writer_name": data["writer_name"],
            "writer_phone": data["writer_phone"],
            "wants_public": bool(data.get("wants_public", False)),
        }


class LookupForm(CodeLookupForm):
    code_field = "query_code"
    submitted_as = "留言"

    query_code = forms.CharField(
        label="查询码",
        max_length=24,
        help_text="提交留言后页面上显示的查询码，如 LY20261127-0012。",
        error_messages={"required": "请填写查询码。"},
    )


class RatingForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label="您对答复是否满意",
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "请选择满意、基本满意或不满意。",
            "invalid_choice": "请选择满意、基本满意或不满意。",
        },
    )
    reason = forms.CharField(
        label="评价说明",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="选择“不满意”的请说明原因，留言将重新交办办理一次。",
    )


STATUS_CHOICES = [("", "全部"), ("replied", "已回复"), ("handling", "办理中")]


class BoardFilterForm(forms.Form):
    q = forms.CharField(label="关键词", required=False, max_length=100)
    channel = forms.TypedChoiceField(label="留言渠道", required=False, coerce=int, empty_value=None)
    message_type = forms.TypedChoiceField(
        label="留言类型", required=False, coerce=int, empty_value=None
    )
    department = forms.TypedChoiceField(
        label="答复单位", required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(label="办理状态", required=False, choices=STATUS_CHOICES)
    year = forms.TypedChoiceField(label="留言年份", required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, channels, types, departments, years=()):
        super().__init__(data)
        self.fields["year"].choices = [("", "全部"), *[(y, f"{y}年") for y in years]]
        self.fields["q"].widget = forms.TextInput(
            attrs={"type": "search", "placeholder": "标题、内容或答复中的词语"}
        )
        self.fields["channel"].choices = [("", "全部"), *[(c.pk, c.name) for c in channels]]
        self.fields["message_type"].choices = [("", "全部"), *[(t.pk, t.name) for t in types]]
        self.fields["department"].choices = [
            ("", "全部"),
            *[(d.pk, d.name) for d in departments],
        ]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = "所选条件不存在，请重新选择。"

    @property
    def active(self) -> bool:
        return self.is_bound and any((self.data.get(name) or "").strip() for name in self.fields)
