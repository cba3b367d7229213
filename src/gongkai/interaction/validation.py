"""The one validation of a message's data (form, API, hotline recording)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from gongkai.core.errors import InvalidFields, first_message
from gongkai.core.text import fold_phone
from gongkai.core.validators import validate_phone
from gongkai.orgs.models import Government

from .models import Channel, MessageType

SUBJECT_MIN, SUBJECT_MAX = 4, 60
TEXT_MIN, TEXT_MAX = 10, 3000


class MessageInvalid(InvalidFields):
    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors, f"留言未提交：{first_message(errors, '留言内容有误。')}")


def _clean_text(value: str) -> str:
    return "".join(ch for ch in value if ch in "\n\t" or ch.isprintable()).strip()


class MessageDataForm(forms.Form):
    channel = forms.ModelChoiceField(
        label="留言渠道",
        queryset=Channel.objects.filter(active=True),
        error_messages={
            "required": "请选择留言渠道。",
            "invalid_choice": "所选留言渠道不存在或已停用。",
        },
    )
    message_type = forms.ModelChoiceField(
        label="留言类型",
        queryset=MessageType.objects.all(),
        error_messages={
            "required": "请选择留言类型：咨询、求助、建议、投诉或举报。",
            "invalid_choice": "留言类型不正确。",
        },
    )
    subject = forms.CharField(
        label="标题",
        max_length=SUBJECT_MAX,
        error_messages={
            "required": "请填写留言标题。",
            "max_length": f"标题不能超过{SUBJECT_MAX}字。",
        },
    )
    text = forms.CharField(
        label="留言内容",
        max_length=TEXT_MAX,
        widget=forms.Textarea,
        error_messages={
            "required": "请填写留言内容。",
            "max_length": f"留言内容不能超过{TEXT_MAX}字。",
        },
    )
    place = forms.ModelChoiceField(
        label="所涉地区",
        queryset=Government.objects.all(),
        required=False,
        error_messages={"invalid_choice": "所选地区不正确。"},
    )
    writer_name = forms.CharField(
        label="姓名", max_length=50, error_messages={"required": "请填写您的姓名（不会公开）。"}
    )
    writer_phone = forms.CharField(
        label="联系电话",
        max_length=40,
        error_messages={"required": "请填写联系电话（不会公开），以便回复和回访。"},
    )
    wants_public = forms.BooleanField(label="同意公开留言（个人信息将自动遮蔽）", required=False)

    def clean_subject(self):
        subject = _clean_text(self.cleaned_data["subject"])
        if len(subject) < SUBJECT_MIN:
            raise ValidationError(f"标题至少{SUBJECT_MIN}个字，请概括您反映的问题。")
        return subject

    def clean_text(self):
        text = _clean_text(self.cleaned_data["text"])
        if len(text) < TEXT_MIN:
            raise ValidationError(f"留言内容至少{TEXT_MIN}个字，请写明时间、地点和具体问题。")
        return text

    def clean_writer_name(self):
        return _clean_text(self.cleaned_data["writer_name"])

    def clean_writer_phone(self):
        phone = fold_phone(self.cleaned_data["writer_phone"])
        validate_phone(phone)
        return phone

    def clean(self):
        cleaned = super().clean()
        channel, place = cleaned.get("channel"), cleaned.get("place")
        if channel and place and not place.path.startswith(channel.government.path):
            self.add_error(
                "place", f"{place.name}不在{channel.government.name}辖区内，请选择辖区内的地区。"
            )
        return cleaned


def clean_message(data) -> dict:
    form = MessageDataForm(data)
    if not form.is_valid():
        raise MessageInvalid({k: [str(m) for m in v] for k, v in form.errors.items()})
    return form.cleaned_data
