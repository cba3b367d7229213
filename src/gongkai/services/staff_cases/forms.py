"""The forms of the case page's actions and of the counter's registration."""

from __future__ import annotations

from django import forms

from gongkai.core.formfields import date_field, text_field
from gongkai.files.forms import MultipleFilesField, checked_uploads
from gongkai.files.kinds import ALL_KINDS, accept_attribute, describe

from ..models import ApplicantKind, CaseState, Outcome, ProcedureKind
from ..rules import JOINT_EXTENSION_DAYS

MAX_FILES = 10


class AcceptForm(forms.Form):
    on = date_field(
        "受理日期", help_text="补正告知期限届满后受理的，依法自收到申请之日起视为受理。"
    )


class CorrectionForm(forms.Form):
    missing = text_field(
        "需补正的材料和内容",
        rows=5,
        help_text="一次性列明全部需要补正的内容，每行一项；补正告知只能发出一次。",
    )
    on = date_field("告知日期")


class RefuseForm(forms.Form):
    reasons = text_field(
        "不予受理的理由", help_text="告知申请人理由，以及申请行政复议、提起行政诉讼的权利。"
    )
    on = date_field("决定日期")


def _files_field(label: str, help_text: str) -> MultipleFilesField:
    field = MultipleFilesField(
        label=label,
        required=False,
        help_text=f"{help_text}支持 {describe(ALL_KINDS)}，最多{MAX_FILES}个文件。",
    )
    field.widget.attrs["accept"] = accept_attribute(ALL_KINDS)
    return field


class _FilesMixin:
    def clean_files(self):
        return checked_uploads(
            self.files.getlist(self.add_prefix("files")) if self.files else [],
            allowed_kinds=ALL_KINDS,
            max_files=MAX_FILES,
            too_many=f"一次最多上传{MAX_FILES}个文件。",
        )


class SupplyForm(_FilesMixin, forms.Form):
    note = text_field("补正内容", required=False, rows=3)
    files = _files_field("补正材料", "申请人在窗口提交的补正材料的扫描件。")
    on = date_field("补正日期")


class ProcedureForm(forms.Form):
    kind = forms.ChoiceField(label="特别程序", choices=ProcedureKind.choices)
    planned_days = forms.IntegerField(
        label="所需时间（工作日）",
        min_value=1,
        max_value=250,
        help_text="书面告知申请人的所需时间。",
        error_messages={"required": "请填写所需时间。"},
    )
    note = forms.CharField(label="说明", required=False, max_length=300)
    on = date_field("开始日期", help_text="当日仍计入办理期限，次日起暂停。")


class EndProcedureForm(forms.Form):
    on = date_field("结束日期", help_text="次日起恢复计算办理期限。")


class ExtensionForm(forms.Form):
    days = forms.IntegerField(
        label="延长工作日数",
        min_value=1,
        max_value=JOINT_EXTENSION_DAYS,
        help_text="只能延长一次：最多10个工作日，联合办理最多15个工作日。",
        error_messages={"required": "请填写延长的工作日数。"},
    )
    reason = text_field("延长理由", help_text="经批准后告知申请人。", max_length=500)


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label="决定",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择准予或不予许可。"},
    )
    reasons = text_field(
        "决定内容与理由", help_text="不予许可的，须说明理由并告知申请行政复议、提起行政诉讼的权利。"
    )
    on = date_field("决定日期")


class IssueForm(forms.Form):
    certificate_number = forms.CharField(
        label="证照编号", required=False, max_length=60, help_text="准予许可的必填。"
    )
    on = date_field("办结日期")


class DeliverForm(forms.Form):
    method = forms.CharField(
        label="送达方式",
        max_length=60,
        help_text="如 窗口领取、邮寄（挂号号码）、电子证照。",
        error_messages={"required": "请填写送达方式。"},
    )
    on = date_field("送达日期")


QUEUE_STATES = [("open", "待办"), *CaseState.choices, ("all", "全部")]


class RegisterForm(forms.Form):
    """A case received at the counter, or entered after the fact (事后补录)."""

    applicant_kind = forms.ChoiceField(
        label="申请人类型",
        choices=ApplicantKind.choices,
        widget=forms.RadioSelect,
        initial=ApplicantKind.PERSON,
    )
    name = forms.CharField(label="申请人姓名或单位名称", max_length=100)
    id_number = forms.CharField(
        label="居民身份证号码或统一社会信用代码", max_length=18, help_text="将核对校验位。"
    )
    phone = forms.CharField(label="联系电话", max_length=40)
    received_on = date_field(
        "收到申请之日", help_text="早于今天的为事后补录，须写明原因；期限自该日起计算。"
    )
    late_reason = forms.CharField(label="补录原因", required=False, max_length=300)
    joint = forms.BooleanField(label="联合办理（45个工作日，可延长15个工作日）", required=False)

    def __init__(self, *args, guide, **kwargs):
        from gongkai.files.forms import AttachmentField

        super().__init__(*args, **kwargs)
        self.material_fields = []
        for material in guide.materials.all():
            if material.shareable:
                continue
            name = f"material_{material.pk}"
            self.fields[name] = AttachmentField(
                label=f"{material.name}（扫描件）",
                allowed_kinds=ALL_KINDS,
                required=material.required,
                error_messages={"required": f"请上传必需的申请材料：{material.name}。"},
            )
            self.material_fields.append((name, material))

    def uploads(self) -> list:
        return [
            (material, self.cleaned_data[name])
            for name, material in self.material_fields
            if self.cleaned_data.get(name)
        ]
