"""Staff login and logout, and enrolling a TOTP authenticator."""

from __future__ import annotations

from base64 import b32encode

import django_otp
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.audit.services import client_ip, record
from gongkai.core.net import client_key
from gongkai.portal.profile import qr_data_uri

from . import limits
from .decorators import needs_second_factor, staff_required
from .forms import StaffLoginForm, TotpCodeForm, confirmed_totp_device

DEVICE_NAME = "身份验证器"
WRONG_CODE = "动态验证码不正确或已过期，请输入当前显示的数字。"
THROTTLED = "动态验证码错误次数过多，请稍候再试。"


class StaffLoginView(auth_views.LoginView):
    form_class = StaffLoginForm
    template_name = "accounts/login.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["needs_second_factor"] = needs_second_factor(self.request.user)
        return context

    def post(self, request, *args, **kwargs):
        """Count the attempt against the address and the account before the password is
        checked (``limits``); refused with 429 while either is paused."""
        username = limits.normal_username(request.POST.get("username", ""))
        self.attempt = limits.begin(request, client_key(request), username)
        if self.attempt.refused:
            record(
                "accounts.login_throttled",
                object_type="accounts.user",
                object_repr=username,
                actor_label="未登录访问者",
                after={"username": username, "reason": self.attempt.refused},
                ip=client_ip(request),
            )
            response = render(
                request,
                "accounts/throttled.html",
                {"message": self.attempt.message},
                status=429,
            )
            response["Retry-After"] = str(self.attempt.retry_after)
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.get_user()
        limits.succeeded(self.attempt)
        response = super().form_valid(form)
        limits.remember(self.request, response, user.get_username())
        record(
            "accounts.login",
            actor=user,
            obj=user,
            after={"two_factor": getattr(user, "otp_device", None) is not None},
            ip=client_ip(self.request),
        )
        return response

    def form_invalid(self, form):
        limits.failed(self.attempt)
        username = (form.data.get("username") or "")[:150]
        if getattr(self.request, "axes_locked_out", False):
            action, reason = "accounts.locked_out", "locked_out"
        elif form.second_factor_failed:
            action, reason = "accounts.login_failed", "otp"
        else:
            action, reason = "accounts.login_failed", "password"
        user = form.get_user()
        record(
            action,
            obj=user,
            object_type="accounts.user",
            object_repr=username,
            actor_label="未登录访问者",
            after={"username": username, "reason": reason},
            ip=client_ip(self.request),
        )
        return super().form_invalid(form)


class StaffLogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated:
            record("accounts.logout", actor=user, obj=user, ip=client_ip(request))
        return super().post(request, *args, **kwargs)


def _grouped_secret(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@staff_required
@require_http_methods(["GET", "POST"])
def totp(request):
    """Enrol an authenticator app (confirmed by a code), or remove it (also by
    a current code)."""
    user = request.user
    device = confirmed_totp_device(user)
    form = TotpCodeForm(request.POST or None)
    action = request.POST.get("action")

    if device is not None:
        if action == "remove" and form.is_valid():
            if not device.verify_is_allowed()[0]:
                form.add_error("otp_token", THROTTLED)
            elif device.verify_token(form.cleaned_data["otp_token"]):
                with transaction.atomic():
                    TOTPDevice.objects.filter(user=user).delete()
                    record("accounts.totp_removed", actor=user, obj=user, ip=client_ip(request))
                messages.success(request, "已解除身份验证器。此后登录只需用户名和密码。")
                return redirect("accounts:totp")
            else:
                form.add_error("otp_token", WRONG_CODE)
        return render(request, "accounts/totp.html", {"device": device, "form": form})

    pending = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if pending is None or action == "restart":
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        pending = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
        if action == "restart":
            return redirect("accounts:totp")
    if action == "confirm" and form.is_valid():
        if not pending.verify_is_allowed()[0]:
            form.add_error("otp_token", THROTTLED)
        elif pending.verify_token(form.cleaned_data["otp_token"]):
            with transaction.atomic():
                pending.confirmed = True
                pending.save(update_fields=["confirmed"])
                record("accounts.totp_enrolled", actor=user, obj=user, ip=client_ip(request))
            # This session has just proved possession of the device.
            django_otp.login(request, pending)
            messages.success(
                request, "两步验证已启用。此后登录时需要填写身份验证器上的动态验证码。"
            )
            return redirect("accounts:totp")
        else:
            form.add_error("otp_token", WRONG_CODE)
    return render(
        request,
        "accounts/totp.html",
        {
            "pending": pending,
            "form": form,
            # The URI holds the secret: drawn fresh, never cached.
            "qr": qr_data_uri(pending.config_url, cached=False),
            "secret": _grouped_secret(pending),
        },
    )
