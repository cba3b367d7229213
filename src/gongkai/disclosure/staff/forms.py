"""Forms of the staff pages. Each field's problems are shown beside it, in Chinese;
the metadata rules are those of ``validation`` (the actions check them again)."""

from __future__ import annotations

from django import forms
from django.core.validators import URLValidator

from gongkai import access
from gongkai.core.concurrency import VersionedFormMixin
from gongkai.core.formfields import DATE_INPUT
from gongkai.files.forms import AttachmentField
from gongkai.orgs.models import Department

from .. import validation
from ..attaching import ATTACHMENT_KINDS
from ..models import (
    ContentCategory,
    Genre,
    InformationItem,
    ItemState,
    ItemType,
    KeyArea,
    SubjectCategory,
    Validity,
)

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class IndexNumbersField(forms.CharField):
    """Items named by their 索引号, one per line (instead of a list of thousands)."""

    def __init__(self, *, queryset=None, **kwargs):
        self.queryset = queryset
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple) or hasattr(value, "all"):
            items = value.all() if hasattr(value, "all") else value
            return "\n".join(i.index_number or "" for i in items if hasattr(i, "index_number"))
        return value

    def clean(self, value):
        text = super().clean(value) or ""
        numbers = [line.strip() for line in text.splitlines() if line.strip()]
        queryset = self.queryset if self.queryset is not None else InformationItem.objects.all()
        found = {i.index_number: i for i in queryset.filter(index_number__in=numbers)}
        missing = [n for n in numbers if n not in found]
        if missing:
            raise forms.ValidationError(
                "以下索引号没有对应的已发布信息：" + "、".join(missing) + "。请核对后重新填写。"
            )
        return [found[n] for n in dict.fromkeys(numbers)]


def _published():
    return InformationItem.objects.filter(state=ItemState.PUBLISHED)


class ItemForm(VersionedFormMixin, forms.ModelForm):
    """Create or edit a draft: every catalogue field of the item."""

    interprets = IndexNumbersField(
        label="所解读政策的索引号",
        help_text="所解读政策的索引号，每行一个（本平台已发布的政策）。",
    )
    video_url = forms.URLField(
        label="视频链接",
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="视频解读填写，以 http:// 或 https:// 开头。",
    )

    class Meta:
        model = InformationItem
        fields = [
            "department",
            "title",
            "document_number",
            "publishing_departments",
            "written_on",
            "formed_or_changed_on",
            "subject",
            "genre",
            "item_type",
            "keywords",
            "summary",
            "body",
            "source",
            "disclosure_attribute",
            "exemption_reason",
            "exemption_note",
            "key_areas",
            "content_categories",
            "effective_on",
            "expires_on",
            "is_major_policy",
            "interpretation_form",
            "video_url",
            "expert_name",
            "scheduled_publish_at",
        ]
        widgets = {
            "written_on": DATE_INPUT,
            "formed_or_changed_on": DATE_INPUT,
            "effective_on": DATE_INPUT,
            "expires_on": DATE_INPUT,
            "scheduled_publish_at": DATETIME,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 16}),
            "exemption_note": forms.Textarea(attrs={"rows": 2}),
            "key_areas": forms.CheckboxSelectMultiple,
            "content_categories": forms.CheckboxSelectMultiple,
            "disclosure_attribute": forms.RadioSelect,
        }
        help_texts = {
            "body": "可使用段落、小标题、列表、表格、链接和本站上传的图片；脚本、样式和不安全的链接会被自动清除。",
            "scheduled_publish_at": "留空则审批通过后立即发布；填写则在该时间（北京时间）自动发布。",
        }

    def __init__(self, *args, user, department, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        fields = self.fields
        if "department" in fields:
            fields["department"].queryset = access.scope(
                user,
                "disclosure.create",
                Department.objects.filter(active=True),
                department_field=None,
            )
            fields["department"].label = "主办机构"
            if not self.instance.pk:
                fields["department"].initial = department
        querysets = {
            "publishing_departments": Department.objects.filter(
                active=True, government=department.government
            ),
            "subject": SubjectCategory.objects.filter(active=True),
            "genre": Genre.objects.filter(active=True),
            "key_areas": KeyArea.objects.filter(active=True),
            "content_categories": ContentCategory.objects.filter(active=True),
        }
        for name, queryset in querysets.items():
            if name in fields:
                fields[name].queryset = queryset
        if "publishing_departments" in fields:
            fields["publishing_departments"].required = False
            fields[
                "publishing_departments"
            ].help_text = "联合发布时选择其他发布机构；主办机构自动包含在内。"
        if "content_categories" in fields:
            fields["content_categories"].label_from_instance = lambda c: (
                f"{c.name}（{c.legal_basis}）"
            )
        if "formed_or_changed_on" in fields:
            fields["formed_or_changed_on"].required = True
        fields["interprets"].queryset = _published()
        if self.instance.pk:
            fields["interprets"].initial = "\n".join(
                i.index_number or "" for i in self.instance.interprets.all()
            )

    def rule_data(self, cleaned: dict) -> dict:
        return dict(cleaned)

    def clean(self):
        cleaned = super().clean()
        data = validation.normalise(self.rule_data(cleaned))
        for field, message in validation.problems(data).items():
            if field in self.fields:
                if field not in self.errors:
                    self.add_error(field, message)
            else:
                self.add_error(None, message)
        return cleaned

    def action_data(self) -> dict:
        """What the actions take: the cleaned values less the form's own fields."""
        data = dict(self.cleaned_data)
        data.pop("expected_version", None)
        data.setdefault("publishing_departments", [])
        data["publishing_departments"] = list(data["publishing_departments"])
        data["key_areas"] = list(data.get("key_areas") or [])
        data["content_categories"] = list(data.get("content_categories") or [])
        return data


class CorrectionForm(ItemForm):
    """更正 a published item: the correctable fields and the reason."""

    reason = forms.CharField(
        label="更正说明",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="说明更正了什么、为什么更正；将在信息页面的“变更记录”中公开。",
    )

    class Meta(ItemForm.Meta):
        fields = [
            name
            for name in ItemForm.Meta.fields
            if name in validation.CORRECTABLE_FIELDS or name in validation.CORRECTABLE_RELATIONS
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("department", None)

    def rule_data(self, cleaned: dict) -> dict:
        return {
            **cleaned,
            "department": self.instance.department,
            "item_type": self.instance.item_type,
        }


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="意见",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="退回修改和撤回必须填写；其他操作可不填。",
    )


class AttachmentForm(forms.Form):
    file = AttachmentField(label="附件文件", allowed_kinds=ATTACHMENT_KINDS)
    title = forms.CharField(
        label="附件名称", required=False, max_length=200, help_text="留空则使用文件名。"
    )


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(
        label="有效性",
        choices=[(v.value, v.label) for v in Validity if v != Validity.VALID],
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label="失效或废止日期", widget=DATE_INPUT)
    reason = forms.CharField(label="依据或原因", widget=forms.Textarea(attrs={"rows": 3}))
    replaced_by = IndexNumbersField(
        label="替代文件的索引号",
        help_text="已修订的文件须填写修订后新文件的索引号，每行一个。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaced_by"].queryset = _published().filter(
            item_type__in=[ItemType.NORMATIVE, ItemType.RULE]
        )


class ItemFilterForm(forms.Form):
    state = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部状态"), *ItemState.choices]
    )
    item_type = forms.ChoiceField(
        label="信息类型", required=False, choices=[("", "全部类型"), *ItemType.choices]
    )
    q = forms.CharField(label="标题或索引号", required=False, max_length=100)
    year = forms.IntegerField(label="年份", required=False, min_value=2000, max_value=2100)
