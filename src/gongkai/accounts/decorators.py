"""Entry to staff pages: logged in, and verified by TOTP when enrolled."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login

from .forms import confirmed_totp_device


def needs_second_factor(user) -> bool:
    """True when ``user`` has a confirmed TOTP device but this session was not
    verified with it (e.g. a session from before the device was enrolled)."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_gongkai_needs_otp", None)
    if cached is None:
        has_device = confirmed_totp_device(user) is not None
        cached = has_device and not user.is_verified()
        user._gongkai_needs_otp = cached
    return cached


def staff_required(view):
    """Send anonymous visitors and unverified sessions of TOTP users to the
    login page, which returns them here afterwards."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated or not user.is_active or needs_second_factor(user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped
