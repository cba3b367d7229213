"""Template context for every page: the site profile and display preferences."""

from __future__ import annotations

from gongkai.core.middleware import DISPLAY_OPTIONS

from .modules import MODULES
from .profile import get_site_profile


def site(request):
    """``site_profile`` and ``site_government`` (read lazily, once per request),
    ``display`` (the set of display preferences) and ``display_classes`` (the
    classes for ``<html>``) and ``portal_modules`` (the sections, for navigation)."""
    memo: dict[str, object] = {}

    def site_profile():
        if "profile" not in memo:
            memo["profile"] = get_site_profile()
        return memo["profile"]

    def site_government():
        profile = site_profile()
        return profile.government if profile else None

    display = getattr(request, "display", None) or set()
    return {
        "site_profile": site_profile,
        "site_government": site_government,
        "display": display,
        "portal_modules": MODULES,
        "display_classes": " ".join(f"display-{o}" for o in DISPLAY_OPTIONS if o in display),
    }
