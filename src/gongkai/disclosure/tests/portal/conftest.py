"""Fixtures of the portal tests: the site profile of 天水市 and the URLconf."""

from __future__ import annotations

import pytest
from django.core.cache import cache


def column_is_wired() -> bool:
    """Whether the root URLconf serves the column and the sitemap index."""
    from django.urls import NoReverseMatch, Resolver404, resolve, reverse

    try:
        reverse("xxgk:home")
        resolve("/sitemap.xml")
    except (NoReverseMatch, Resolver404):
        return False
    return True


@pytest.fixture(autouse=True)
def _portal_urls(settings):
    """Until ``gongkai.urls`` includes the column and the sitemap, use a URLconf that does."""
    if not column_is_wired():
        settings.ROOT_URLCONF = "gongkai.disclosure.tests.portal.urls"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(world):
    from gongkai.testing.factories import site_profile

    return site_profile(world.tianshui)
