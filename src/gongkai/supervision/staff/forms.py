"""Forms of the task pages (任务分解 and 落实情况)."""

from __future__ import annotations

from django import forms

from gongkai.orgs.models import Department

DATE = forms.DateInput(attrs={"type": "date"})


def _required(label: str) -> dict:
    return {"required": f"请填写{label}。", "invalid": f"{label}的格式不对。"}


class PlanForm(forms.Form):
    title = forms.CharField(label="名称", max_length=200, error_messages=_required("名称"))
    year = forms.IntegerField(
        label="年度", min_value=2000, max_value=2100, error_messages=_required("年度")
    )
    source_url = forms.CharField(
        label="工作要点原文链接", max_length=300, required=False, help_text="公开目录中原文的地址"
    )


class TaskForm(forms.Form):
    title = forms.CharField(label="任务", max_length=300, error_messages=_required("任务"))
    content = forms.CharField(
        label="具体要求", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    lead = forms.ModelChoiceField(
        label="牵头部门", queryset=Department.objects.none(), error_messages=_required("牵头部门")
    )
    co = forms.ModelMultipleChoiceField(
        label="配合部门", queryset=Department.objects.none(), required=False
    )
    scope = forms.CharField(label="公开范围", max_length=200, required=False)
    publisher = forms.CharField(label="公开主体", max_length=200, required=False)
    form_of = forms.CharField(label="公开形式", max_length=200, required=False)
    due_on = forms.DateField(label="公开时限", widget=DATE, error_messages=_required("公开时限"))
    evidence_required = forms.CharField(label="完成佐证", max_length=300, required=False)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = departments
        self.fields["co"].queryset = departments


class ReportForm(forms.Form):
    text = forms.CharField(
        label="落实情况",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_required("落实情况"),
    )
    evidence = forms.CharField(
        label="佐证链接",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="每行一个：公开目录中的信息、页面或文件的地址",
    )
    completed = forms.BooleanField(label="任务已完成（牵头部门填写）", required=False)

    def links(self) -> list[str]:
        return [line for line in self.cleaned_data["evidence"].splitlines() if line.strip()]


class ReturnForm(forms.Form):
    reason = forms.CharField(label="退回理由", max_length=300, error_messages=_required("退回理由"))
