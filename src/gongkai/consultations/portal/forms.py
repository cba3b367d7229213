"""The participants' web forms: the shared validation plus what only a web form has.

``CommentForm`` and ``EntryForm`` are the validation forms of
``consultations.validation`` (every rule lives there) with the clause as a
choice among the round's clauses, the publication choice, the hidden
idempotency token and the honeypot (``website``, which people never see).
"""

from __future__ import annotations

import secrets

from django import forms

from gongkai.files.forms import MultipleFilesField, checked_uploads
from gongkai.files.kinds import ALL_KINDS

from ..validation import COMMENT_MAX, DESCRIPTION_MAX, CommentDataForm, EntryDataForm

MAX_FILES = 3
HONEYPOT = "website"


class WebMixin(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    website = forms.CharField(
        label="请勿填写",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def _web_fields(self):
        if not self.is_bound:
            self.fields["idempotency_key"].initial = secrets.token_urlsafe(16)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget = forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}
        )
        self.fields["phone"].help_text = "不会公开。反馈发布后会短信告知您。"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["wants_public"].initial = True

    @property
    def trapped(self) -> bool:
        """The honeypot was filled in: software, not a person."""
        return bool(self.data.get(HONEYPOT, "").strip())


class CommentForm(WebMixin, CommentDataForm):
    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, round=round, **kwargs)
        self._web_fields()
        choices = [("", "对草案的整体意见")] + [
            (
                c.position,
                f"{c.label}　{c.text[:24]}…" if len(c.text) > 24 else f"{c.label}　{c.text}",
            )
            for c in round.clauses.all()
            if c.label
        ]
        self.fields["clause"] = forms.TypedChoiceField(
            label="针对的条款",
            choices=choices,
            coerce=int,
            empty_value=None,
            required=False,
            error_messages={"invalid_choice": "所选条款不在本轮草案中，请刷新页面后重新选择。"},
        )
        self.fields["text"].widget = forms.Textarea(attrs={"rows": 6, "maxlength": COMMENT_MAX})

    def service_data(self) -> dict:
        data = self.cleaned_data
        clause = data.get("clause")
        return {
            "clause": clause.position if clause is not None else None,
            "text": data["text"],
            "name": data["name"],
            "phone": data["phone"],
            "email": data.get("email", ""),
            "wants_public": data.get("wants_public", False),
        }


class EntryForm(WebMixin, EntryDataForm):
    files = MultipleFilesField(label="作品文件（可选）", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._web_fields()
        self.fields["description"].widget = forms.Textarea(
            attrs={"rows": 6, "maxlength": DESCRIPTION_MAX}
        )
        self.fields["wants_public"].label = "同意公开我的作品（不公开姓名和联系方式）"
        self.fields[
            "files"
        ].help_text = (
            f"设计图、效果图或说明文档，最多{MAX_FILES}个，支持 PDF、Word、JPG、PNG 等格式。"
        )

    def clean_files(self):
        return checked_uploads(
            self.files.getlist("files"),
            allowed_kinds=ALL_KINDS,
            max_files=MAX_FILES,
            too_many=f"最多上传{MAX_FILES}个文件。",
        )

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "name": data["name"],
            "phone": data["phone"],
            "email": data.get("email", ""),
            "wants_public": data.get("wants_public", False),
        }


class VoteCodeForm(forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput)
    phone = forms.CharField(
        label="手机号码",
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        help_text="每个手机号码只能投一票；我们会发送短信验证码。",
        error_messages={"required": "请填写手机号码。"},
    )


class VoteForm(VoteCodeForm):
    code = forms.CharField(
        label="短信验证码",
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={"required": "请填写短信验证码。"},
    )
