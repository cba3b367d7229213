"""Forms of the enforcement staff pages (labels and messages in Chinese)."""

from __future__ import annotations

from django import forms

from ..models import PartyType, Severity

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DecisionForm(forms.Form):
    body = forms.TypedChoiceField(label="执法主体", coerce=int)
    power_code = forms.CharField(
        label="职权编码",
        max_length=40,
        help_text="该执法主体行使的行政权力的职权编码，如 62050000CZ-CF-0001",
    )
    case_name = forms.CharField(label="案件名称", max_length=200)
    document_number = forms.CharField(label="决定书文号", max_length=100)
    party_type = forms.ChoiceField(label="当事人类别", choices=PartyType.choices)
    party_name = forms.CharField(label="当事人名称", max_length=200)
    party_uscc = forms.CharField(
        label="统一社会信用代码", max_length=18, required=False, help_text="法人、个体工商户必填"
    )
    legal_representative = forms.CharField(label="法定代表人", max_length=40, required=False)
    party_id_number = forms.CharField(
        label="身份证号码",
        max_length=18,
        required=False,
        help_text="自然人可填，只保存加密摘要，不公开",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    facts = forms.CharField(label="违法事实或申请事项", widget=forms.Textarea(attrs={"rows": 3}))
    basis = forms.CharField(label="决定依据", widget=forms.Textarea(attrs={"rows": 2}))
    content = forms.CharField(label="决定内容", widget=forms.Textarea(attrs={"rows": 2}))
    amount = forms.DecimalField(
        label="罚款金额（元）", required=False, min_value=0, decimal_places=2
    )
    decided_on = forms.DateField(label="决定日期", widget=DATE)
    severity = forms.ChoiceField(label="情节", choices=Severity.choices)
    field = forms.CharField(label="执法领域", max_length=60, required=False)

    def __init__(self, *args, bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [(b.pk, b.name) for b in bodies]


class WithdrawForm(forms.Form):
    revoked_on = forms.DateField(label="撤销或变更日期", widget=DATE)
    reason = forms.CharField(
        label="撤下原因", max_length=500, help_text="如：经行政复议撤销（复议决定书文号）"
    )


class RepairForm(forms.Form):
    requested_on = forms.DateField(label="当事人申请日期", widget=DATE)
    reason = forms.CharField(label="信用修复说明", max_length=500)
