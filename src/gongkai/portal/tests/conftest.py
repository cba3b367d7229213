import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    # The site profile is cached; each test builds its own database.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_profile(world):
    from gongkai.testing.factories import site_profile

    return site_profile(world.tianshui)
