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
    from gongkai.portal.models import NewMediaAccount, Platform, SiteProfile

    profile = SiteProfile.objects.create(
        government=world.tianshui,
        site_name="天水市人民政府",
        site_code="6205000001",
        icp_record="陇ICP备00000001号",
        police_record="甘公网安备 62050202000001号",
        police_record_code="62050202000001",
        sponsor="天水市人民政府办公室",
        operator="天水市政务公开办公室",
        phone="0938-1234567",
        email="gongkai@example.gov.cn",
        address="甘肃省天水市秦州区",
    )
    NewMediaAccount.objects.create(
        name="天水发布",
        platform=Platform.WECHAT,
        url="https://mp.weixin.qq.com/tianshui",
        sort_order=1,
    )
    NewMediaAccount.objects.create(
        name="天水发布", platform=Platform.WEIBO, url="https://weibo.com/tianshuifabu", sort_order=2
    )
    return profile
