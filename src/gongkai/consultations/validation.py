"""The one validation of what participants send (web form and API alike)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from gongkai.core.errors import InvalidFields, first_message
from gongkai.core.validators import validate_phone

COMMENT_MIN, COMMENT_MAX = 5, 3000
TITLE_MAX, DESCRIPTION_MAX = 100, 3000


class ParticipationInvalid(InvalidFields):
    """Field → Chinese messages, for a form or an API answer."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors, f"未提交：{first_message(errors, '提交的内容有误。')}")


def clean_text(value: str) -> str:
    """Control characters out (a line break and a tab stay), ends trimmed."""
    return "".join(ch for ch in value if ch in "\n\t" or ch.isprintable()).strip()


class ParticipantForm(forms.Form):
    name = forms.CharField(
        label="姓名", max_length=50, error_messages={"required": "请填写您的姓名（不会公开）。"}
    )
    phone = forms.CharField(
        label="联系电话",
        max_length=20,
        error_messages={"required": "请填写联系电话（不会公开），反馈发布后将短信告知。"},
    )
    email = forms.EmailField(
        label="电子邮箱（可选）",
        required=False,
        max_length=254,
        error_messages={"invalid": "电子邮箱格式不正确，如 name@example.com。"},
    )
    wants_public = forms.BooleanField(
        label="同意公开我的意见（不公开姓名和联系方式）", required=False
    )

    def clean_name(self):
        name = clean_text(self.cleaned_data["name"])
        if not name:
            raise ValidationError("请填写您的姓名（不会公开）。")
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip().replace(" ", "")
        validate_phone(phone)
        return phone


class CommentDataForm(ParticipantForm):
    clause = forms.IntegerField(label="条款", required=False, min_value=1)
    text = forms.CharField(
        label="意见建议",
        max_length=COMMENT_MAX,
        widget=forms.Textarea,
        error_messages={
            "required": "请填写您的意见建议。",
            "max_length": f"意见不能超过{COMMENT_MAX}字。",
        },
    )

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round

    def clean_text(self):
        text = clean_text(self.cleaned_data["text"])
        if len(text) < COMMENT_MIN:
            raise ValidationError(f"意见太短，请至少写{COMMENT_MIN}个字。")
        return text

    def clean_clause(self):
        position = self.cleaned_data.get("clause")
        if position is None:
            return None
        clause = self.round.clauses.filter(position=position).first()
        if clause is None:
            raise ValidationError("所选条款不在本轮草案中，请刷新页面后重新选择。")
        return clause


class EntryDataForm(ParticipantForm):
    title = forms.CharField(
        label="作品名称",
        max_length=TITLE_MAX,
        error_messages={
            "required": "请填写作品名称（如建议的道路名称）。",
            "max_length": f"作品名称不能超过{TITLE_MAX}字。",
        },
    )
    description = forms.CharField(
        label="作品说明",
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea,
        error_messages={
            "required": "请说明作品的含义或设计思路。",
            "max_length": f"作品说明不能超过{DESCRIPTION_MAX}字。",
        },
    )

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round

    def clean_title(self):
        title = clean_text(self.cleaned_data["title"])
        if not title:
            raise ValidationError("请填写作品名称（如建议的道路名称）。")
        return title

    def clean_description(self):
        text = clean_text(self.cleaned_data["description"])
        if len(text) < COMMENT_MIN:
            raise ValidationError(f"作品说明太短，请至少写{COMMENT_MIN}个字。")
        return text


def validated(form: forms.Form) -> dict:
    """The cleaned data, or ``ParticipationInvalid`` with every field's messages."""
    if not form.is_valid():
        raise ParticipationInvalid(
            {name: [str(e) for e in errors] for name, errors in form.errors.items()}
        )
    return form.cleaned_data
