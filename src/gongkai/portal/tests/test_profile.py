import pytest
from django.db import IntegrityError, transaction

from gongkai.portal.models import NewMediaAccount, Platform, SiteProfile
from gongkai.portal.profile import get_site_profile, qr_data_uri


def test_the_profile_is_read_once_then_served_from_the_cache(
    site_profile, django_assert_num_queries
):
    with django_assert_num_queries(2):  # the profile with its government, the accounts
        profile = get_site_profile()
    with django_assert_num_queries(0):
        again = get_site_profile()
    assert again.site_name == profile.site_name == "天水市人民政府"
    assert [a.get_platform_display() for a in again.visible_accounts] == ["微信公众号", "微博"]


def test_saving_the_profile_or_an_account_refreshes_the_cache(site_profile):
    get_site_profile()
    site_profile.phone = "0938-7654321"
    site_profile.save()
    assert get_site_profile().phone == "0938-7654321"
    NewMediaAccount.objects.create(
        name="天水发布", platform=Platform.DOUYIN, url="https://www.douyin.com/tianshui"
    )
    assert len(get_site_profile().visible_accounts) == 3
    NewMediaAccount.objects.filter(platform=Platform.DOUYIN).delete()
    assert len(get_site_profile().visible_accounts) == 2


def test_hidden_accounts_are_not_shown(site_profile):
    NewMediaAccount.objects.filter(platform=Platform.WEIBO).update(active=False)
    # update() sends no signal: the cache still holds both until it expires or is dropped
    from gongkai.portal.profile import forget_site_profile

    forget_site_profile()
    assert [a.platform for a in get_site_profile().visible_accounts] == [Platform.WECHAT]


@pytest.mark.django_db
def test_no_profile_yet_is_none():
    assert get_site_profile() is None


def test_there_is_only_one_profile(site_profile, world):
    with pytest.raises(IntegrityError), transaction.atomic():
        SiteProfile.objects.create(id=2, government=world.qinzhou, site_name="秦州区人民政府")


def test_qr_codes_are_svg_data_uris_drawn_locally():
    uri = qr_data_uri("https://weibo.com/tianshuifabu")
    assert uri.startswith("data:image/svg+xml")
    assert qr_data_uri("https://weibo.com/tianshuifabu") == uri
    assert qr_data_uri("https://weibo.com/other") != uri


def test_context_processor_gives_profile_government_and_display(rf, site_profile):
    from gongkai.portal.context_processors import site

    request = rf.get("/")
    request.display = {"large"}
    context = site(request)
    assert context["site_profile"]().site_name == "天水市人民政府"
    assert context["site_government"]().code == "620500"
    assert context["display"] == {"large"}
    assert context["display_classes"] == "display-large"
