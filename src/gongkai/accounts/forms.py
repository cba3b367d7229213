"""Staff login (password, plus a TOTP code for those who enrolled one) and the
TOTP code form used when enrolling or removing an authenticator."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.validators import RegexValidator
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

CODE_HELP = "打开手机上的身份验证器应用，输入显示的 6 位数字。"

validate_code = RegexValidator(r"^\d{6}$", "动态验证码是 6 位数字。")


def code_widget() -> forms.TextInput:
    return forms.TextInput(
        attrs={
            "autocomplete": "one-time-code",
            "inputmode": "numeric",
            "pattern": "[0-9]{6}",
            "maxlength": "6",
            "size": "8",
        }
    )


def confirmed_totp_device(user) -> TOTPDevice | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


class StaffLoginForm(OTPAuthenticationFormMixin, AuthenticationForm):
    """Username and password; the 6-digit code only when the person has a
    confirmed TOTP device (then it is required).

    A wrong code counts as a failed login for django-axes, so the lockout after
    repeated failures covers the second factor too.
    """

    username = forms.CharField(
        label="用户名",
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label="密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    otp_token = forms.CharField(
        label="动态验证码",
        required=False,
        max_length=6,
        widget=code_widget(),
        help_text="已启用两步验证的人员填写身份验证器上的 6 位数字；未启用的不必填写。",
    )

    error_messages = {
        "invalid_login": "用户名或密码不正确（区分大小写）。连续输错 5 次，账号将被暂时锁定。",
        "inactive": "该账号已停用，请联系系统管理员。",
    }
    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": "您的账号已启用两步验证，请填写身份验证器上的 6 位动态验证码。",
        "invalid_token": "动态验证码不正确或已过期，请输入身份验证器上当前显示的数字。",
        "n_failed_attempts": "动态验证码错误次数过多，请稍候再试。",
        "verification_not_allowed": "暂时无法校验动态验证码，请稍候再试。",
        "device_required": "未找到可用的身份验证器，请联系系统管理员。",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.second_factor_failed = False

    def clean(self):
        self.cleaned_data = super().clean()
        user = self.get_user()
        device = confirmed_totp_device(user)
        if device is not None:
            self.cleaned_data["otp_device"] = device.persistent_id
            try:
                self.clean_otp(user)
            except forms.ValidationError:
                self.second_factor_failed = True
                user_login_failed.send(
                    sender=type(self),
                    credentials={"username": self.cleaned_data.get("username")},
                    request=self.request,
                )
                raise
        return self.cleaned_data

    def _update_form(self, user):
        # django-otp would echo the password back into the page for a second
        # attempt; the person types it again instead.
        return None


class TotpCodeForm(forms.Form):
    otp_token = forms.CharField(
        label="动态验证码",
        max_length=6,
        validators=[validate_code],
        widget=code_widget(),
        help_text=CODE_HELP,
        error_messages={"required": "请填写 6 位动态验证码。"},
    )
