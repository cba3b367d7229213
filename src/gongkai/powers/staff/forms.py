"""Forms of the workbench's 权责清单 pages."""

from __future__ import annotations

from django import forms

from gongkai.orgs.models import Government

from ..models import AdjustmentKind, ListKind


class GovernmentField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class ImportForm(forms.Form):
    government = GovernmentField(
        label="清单所属政府", queryset=Government.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label="权责清单（.xlsx）",
        help_text="工作表：权力事项、设定依据、责任事项、追责情形（见导入模板）。",
        error_messages={"required": "请选择要导入的文件。", "empty": "文件是空的。"},
    )
    valid_from = forms.DateField(
        label="生效日期",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="清单自该日起施行",
    )
    valid_rows_only = forms.BooleanField(
        label="仅导入有效行",
        required=False,
        help_text="不勾选时，有任何一行有误则整份文件都不导入。",
    )

    def __init__(self, *args, governments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["government"].queryset = governments


ADJUSTABLE = [(k, label) for k, label in AdjustmentKind.choices if k != AdjustmentKind.ADD]


class AdjustmentForm(forms.Form):
    government = GovernmentField(
        label="清单所属政府", queryset=Government.objects.none(), empty_label=None
    )
    document_number = forms.CharField(label="决定文号", max_length=60)
    document_title = forms.CharField(label="决定名称", max_length=200)
    decided_on = forms.DateField(label="决定日期", widget=forms.DateInput(attrs={"type": "date"}))
    effective_on = forms.DateField(label="生效日期", widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label="调整方式", choices=ADJUSTABLE)
    codes = forms.CharField(
        label="职权编码",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="每行一个。取消、下放：每个编码一项；调整：一个编码；合并：两个以上编码合并为一项。",
    )
    recipient = forms.CharField(label="下放至", max_length=200, required=False)
    new_name = forms.CharField(label="调整（合并）后的职权名称", max_length=300, required=False)
    note = forms.CharField(label="调整说明", max_length=300, required=False)

    def __init__(self, *args, governments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["government"].queryset = governments

    def clean_codes(self) -> list[str]:
        codes = [c.strip() for c in self.cleaned_data["codes"].splitlines() if c.strip()]
        if not codes:
            raise forms.ValidationError("请填写职权编码。")
        return list(dict.fromkeys(codes))


class ListChangeForm(forms.Form):
    """A 负面清单 or 财政专项资金管理清单 published or changed by one document."""

    government = GovernmentField(
        label="清单所属政府", queryset=Government.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(label="清单", choices=ListKind.choices)
    number = forms.CharField(label="文号", max_length=60)
    title = forms.CharField(label="文件名称", max_length=200)
    effective_on = forms.DateField(label="生效日期", widget=forms.DateInput(attrs={"type": "date"}))
    file = forms.FileField(
        label="清单事项（.xlsx）",
        help_text="工作表“清单事项”：变化方式（新增、调整、取消）、编号及各项内容；调整时只填要改的列。",
        error_messages={"required": "请选择要导入的文件。", "empty": "文件是空的。"},
    )

    def __init__(self, *args, governments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["government"].queryset = governments


class CreditImportForm(forms.Form):
    department = forms.ModelChoiceField(label="信息来源部门", queryset=None, empty_label=None)
    file = forms.FileField(
        label="信用信息（.xlsx）",
        help_text="工作表：企业、从业人员、信用记录（见导入模板）；任何一行有误则整份文件都不导入。",
        error_messages={"required": "请选择要导入的文件。", "empty": "文件是空的。"},
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
