"""The applicant's forms for cases: apply (the guide's materials as upload fields),
look up (number + password), supply the correction."""

from __future__ import annotations

import secrets

from django import forms

from gongkai.files.forms import AttachmentField, MultipleFilesField, checked_uploads
from gongkai.files.kinds import ALL_KINDS, accept_attribute, describe

from ..models import ApplicantKind

MAX_CORRECTION_FILES = 10


class CaseApplyForm(forms.Form):
    """The applicant, then one upload per material of the item's current guide.

    Required materials are required fields (a material shared from another
    department's certificate is not asked for); every file is sniffed and
    size-limited by ``AttachmentField`` before anything is stored.
    """

    applicant_kind = forms.ChoiceField(
        label="申请人类型",
        choices=ApplicantKind.choices,
        widget=forms.RadioSelect,
        initial=ApplicantKind.PERSON,
        error_messages={"required": "请选择申请人类型。"},
    )
    name = forms.CharField(
        label="申请人姓名或单位名称",
        max_length=100,
        error_messages={"required": "请填写申请人姓名或单位名称。"},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    id_number = forms.CharField(
        label="居民身份证号码或统一社会信用代码",
        max_length=18,
        help_text="自然人填写18位居民身份证号码，法人或其他组织填写18位统一社会信用代码；将核对校验位。",
        error_messages={"required": "请填写居民身份证号码或统一社会信用代码。"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="联系电话",
        max_length=40,
        help_text="如 13800000000 或 0938-8212345，办理中联系您。",
        error_messages={"required": "请填写联系电话。"},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, guide, **kwargs):
        super().__init__(*args, **kwargs)
        self.guide = guide
        self.shared = []
        self.material_fields = []
        for material in guide.materials.all():
            if material.shareable:
                self.shared.append(material)
                continue
            name = f"material_{material.pk}"
            help_text = (
                f"{material.get_original_display()}，{material.copies}份。"
                + (f"{material.note}。" if material.note else "")
                + f"支持 {describe(ALL_KINDS)} 格式。"
            )
            self.fields[name] = AttachmentField(
                label=material.name,
                allowed_kinds=ALL_KINDS,
                required=material.required,
                help_text=help_text,
                error_messages={"required": f"请上传必需的申请材料：{material.name}。"},
            )
            self.material_fields.append((name, material))
        if not self.is_bound and not self.initial.get("idempotency_key"):
            self.initial["idempotency_key"] = secrets.token_urlsafe(24)

    def material_bound_fields(self):
        return [self[name] for name, _ in self.material_fields]

    def uploads(self) -> list:
        """``(Material, upload)`` for each material given."""
        return [
            (material, self.cleaned_data[name])
            for name, material in self.material_fields
            if self.cleaned_data.get(name)
        ]


class CaseLookupForm(forms.Form):
    """The case number and the query password (``gongkai.core.lookup.post_lookup``)."""

    code_field = "number"
    number = forms.CharField(
        label="办件编号",
        max_length=40,
        help_text="申请回执上的办件编号。",
        error_messages={"required": "请填写办件编号。"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="查询密码",
        max_length=40,
        help_text="申请回执上的查询密码（不区分大小写）。",
        error_messages={"required": "请填写查询密码。"},
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )

    @property
    def code_label(self) -> str:
        return self.fields["number"].label

    def clean_number(self):
        return self.cleaned_data["number"].strip().upper()


class CaseCorrectionForm(forms.Form):
    note = forms.CharField(
        label="补正说明",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="写明补正了哪些内容。",
    )
    files = MultipleFilesField(
        label="补正材料",
        required=False,
        help_text=f"按补正通知上传所缺材料。支持 {describe(ALL_KINDS)}，"
        f"最多{MAX_CORRECTION_FILES}个文件。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].widget.attrs["accept"] = accept_attribute(ALL_KINDS)

    def clean_files(self):
        return checked_uploads(
            self.files.getlist("files") if self.files else [],
            allowed_kinds=ALL_KINDS,
            max_files=MAX_CORRECTION_FILES,
            too_many=f"一次最多上传{MAX_CORRECTION_FILES}个文件。",
        )

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("note") or "").strip() and not cleaned.get("files"):
            self.add_error("files", "请上传补正材料，或写明补正的内容。")
        return cleaned
