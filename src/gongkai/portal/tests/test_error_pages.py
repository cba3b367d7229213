"""The Chinese error pages, also in development mode (DEBUG on), where Django would
otherwise show its English technical 404 page to anyone trying the demo."""

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import override_settings
from django.urls import path

pytestmark = pytest.mark.django_db

TECHNICAL_404 = "Using the URLconf defined in"


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


def test_an_unknown_address_gets_the_chinese_404_page_in_debug_mode(client, debug):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and "返回首页" in html
    assert '<header class="site-header"' in html  # the portal's own layout
    assert TECHNICAL_404 not in html


def test_a_404_raised_by_a_portal_view_is_chinese_in_debug_mode(client, debug):
    response = client.get("/modules/no-such-section/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html
    assert TECHNICAL_404 not in html and "Page not found" not in html


def test_robots_and_favicon_are_served_in_debug_mode(client, debug):
    assert client.get("/robots.txt").status_code == 200
    assert client.get("/favicon.ico").status_code == 200


def test_a_missing_slash_is_still_added_in_debug_mode(client, debug):
    response = client.get("/xxgk")
    assert response.status_code == 301
    assert response["Location"] == "/xxgk/"


@pytest.mark.parametrize("url", ["/workbench/no-such-page/", "/admin/no-such-page/"])
def test_staff_addresses_keep_django_s_debug_page_for_developers(client, debug, url):
    response = client.get(url)
    assert response.status_code in (302, 404)  # the admin sends visitors to its login first
    if response.status_code == 404:
        assert TECHNICAL_404 in response.content.decode()


def test_the_404_page_keeps_the_display_preference(client, debug):
    client.cookies["gk_display"] = "large"
    html = client.get("/no/such/page/").content.decode()
    assert '<html lang="zh-CN" class="display-large">' in html


def _suspicious(request):
    raise SuspiciousOperation("bad")


urlpatterns = [path("suspicious/", _suspicious)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_bad_request_gets_a_chinese_400_page(client):
    response = client.get("/suspicious/")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'lang="zh-CN"' in html
    assert "请求有误" in html
    assert "Bad Request" not in html


def test_the_400_page_renders_without_a_request_context():
    from django.template import loader

    html = loader.get_template("400.html").render()
    assert "请求有误" in html and 'href="/"' in html
