"""Reading the site profile (cached) and drawing QR codes for it.

The profile is read on every public page, so it is cached; saving or deleting a
profile or a new-media account drops the cache (see ``PortalConfig.ready``).
QR codes are drawn at request time from each account's URL with ``segno`` as
SVG data URIs (no image files, no network) and cached by URL.
"""

from __future__ import annotations

import hashlib

import segno
from django.core.cache import cache
from django.db.models import Prefetch

from .models import NewMediaAccount, SiteProfile

PROFILE_CACHE_KEY = "portal:site-profile:v1"
PROFILE_CACHE_SECONDS = 300
QR_CACHE_SECONDS = 24 * 3600
_MISSING = "missing"


def get_site_profile() -> SiteProfile | None:
    """The site profile with its government and visible new-media accounts.

    ``profile.visible_accounts`` lists the active accounts in display order.
    None when no profile has been set up yet.
    """
    profile = cache.get(PROFILE_CACHE_KEY)
    if profile is None:
        profile = (
            SiteProfile.objects.select_related("government")
            .prefetch_related(
                Prefetch(
                    "new_media_accounts",
                    queryset=NewMediaAccount.objects.filter(active=True).order_by(
                        "sort_order", "id"
                    ),
                    to_attr="visible_accounts",
                )
            )
            .first()
        )
        cache.set(PROFILE_CACHE_KEY, profile or _MISSING, PROFILE_CACHE_SECONDS)
    return None if profile == _MISSING else profile


def forget_site_profile(**_kwargs) -> None:
    """Drop the cached profile (connected to save/delete of the profile models)."""
    cache.delete(PROFILE_CACHE_KEY)


def qr_data_uri(data: str, *, scale: int = 4, cached: bool = True) -> str:
    """An SVG data URI of a QR code for ``data``, for ``<img src>``.

    Pass ``cached=False`` for secrets (e.g. a TOTP enrolment URI): they must
    never land in a shared cache.
    """
    if not cached:
        return _render(data, scale)
    key = "portal:qr:" + hashlib.sha256(f"{scale}:{data}".encode()).hexdigest()
    uri = cache.get(key)
    if uri is None:
        uri = _render(data, scale)
        cache.set(key, uri, QR_CACHE_SECONDS)
    return uri


def _render(data: str, scale: int) -> str:
    # Dark modules on a white quiet zone: stays scannable in high-contrast mode.
    return segno.make(data, error="m", micro=False).svg_data_uri(
        scale=scale, border=2, dark="#000", light="#fff"
    )
