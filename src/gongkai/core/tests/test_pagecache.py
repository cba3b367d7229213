"""The whole-page cache: what it stores, what it never stores, and how a change ends it.

The pages here are a tiny URLconf of this test (a government's name, a page with a
form, a page that sets a cookie), so the kernel is tested without any module.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import Context, Template
from django.test import override_settings
from django.urls import path

from gongkai.core import pagecache
from gongkai.orgs.models import Government

pytestmark = pytest.mark.django_db


def government_page(request):
    government = Government.objects.order_by("pk").first()
    return HttpResponse(f"<p>{government.name}</p>")


def form_page(request):
    return HttpResponse(f'<form><input name="csrfmiddlewaretoken" value="{get_token(request)}">')


def cookie_page(request):
    response = HttpResponse("<p>你好</p>")
    response.set_cookie("seen", "1")
    return response


def private_page(request):
    response = HttpResponse("<p>您的申请</p>")
    response["Cache-Control"] = "private"
    return response


def display_page(request):
    return HttpResponse(Template("{{ d }}").render(Context({"d": sorted(request.display)})))


urlpatterns = [
    path("g/", government_page),
    path("form/", form_page),
    path("cookie/", cookie_page),
    path("private/", private_page),
    path("display/", display_page),
    path("workbench/g/", government_page),
]

pages = override_settings(ROOT_URLCONF=__name__)


def rename(name: str) -> None:
    """Change the data without telling the cache (a bulk UPDATE sends no signal)."""
    Government.objects.filter(pk=Government.objects.order_by("pk").first().pk).update(name=name)


@pages
def test_an_anonymous_page_is_stored_and_answered_from_the_store(client, world):
    first = client.get("/g/")
    assert first["X-Page-Cache"] == "miss"
    rename("改名后的市")
    second = client.get("/g/")
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert second["Cache-Control"] == "public, no-cache" and "Cookie" in second["Vary"]
    assert second["ETag"] == first["ETag"]


@pages
def test_a_change_makes_every_stored_page_old_at_once(client, world):
    client.get("/g/")
    rename("改名后的市")
    pagecache.content_changed()
    fresh = client.get("/g/")
    assert fresh["X-Page-Cache"] == "miss" and "改名后的市" in fresh.content.decode()


@pages
def test_a_watched_model_s_save_is_a_change(client, world):
    client.get("/g/")
    government = Government.objects.order_by("pk").first()
    government.name = "保存后的市"
    government.save()  # orgs watches Government
    assert "保存后的市" in client.get("/g/").content.decode()


@pages
def test_the_etag_answers_304_until_the_content_changes(client, world):
    tag = client.get("/g/")["ETag"]
    assert client.get("/g/", headers={"if-none-match": tag}).status_code == 304
    pagecache.content_changed()
    again = client.get("/g/", headers={"if-none-match": tag})
    assert again.status_code == 200 and again["ETag"] != tag


@pages
def test_each_display_mode_is_its_own_page(client, world):
    plain = client.get("/display/")
    client.cookies["gk_display"] = "large"
    large = client.get("/display/")
    assert b"large" in large.content and b"large" not in plain.content
    assert large["X-Page-Cache"] == "miss"


@pages
@pytest.mark.parametrize("url", ["/form/", "/cookie/", "/private/", "/workbench/g/"])
def test_pages_with_anything_of_the_visitor_s_are_never_stored(client, world, url):
    client.get(url)
    second = client.get(url)
    assert "X-Page-Cache" not in second
    assert not any(key.startswith(":1:page:") for key in caches["pages"]._cache)


@pages
def test_a_visitor_with_a_session_or_a_message_waiting_is_never_served_a_stored_page(client, world):
    client.get("/g/")
    rename("改名后的市")
    for cookie in ("sessionid", "messages"):
        client.cookies.clear()
        client.cookies[cookie] = "x"
        response = client.get("/g/")
        assert "改名后的市" in response.content.decode() and "X-Page-Cache" not in response


@pages
def test_signed_in_staff_get_live_pages_and_store_nothing(client, world):
    client.force_login(world.handler_finance)
    client.get("/g/")
    rename("改名后的市")
    assert "改名后的市" in client.get("/g/").content.decode()


@pages
def test_posts_pass_through(client, world):
    response = client.post("/g/")
    assert "X-Page-Cache" not in response


@pages
def test_a_lost_version_starts_a_new_series_that_meets_no_old_page(client, world):
    client.get("/g/")
    caches["pages"].delete(pagecache.VERSION_KEY)
    rename("改名后的市")
    assert "改名后的市" in client.get("/g/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_another_process_s_change_is_seen_at_once(client, world, tmp_path, settings):
    """The web process and the job worker share the store: a bump in one is seen by all."""
    settings.ROOT_URLCONF = __name__
    store = {
        "BACKEND": "gongkai.core.filecache.FileCache",
        "LOCATION": str(tmp_path / "pages"),
    }
    settings.CACHES = {**settings.CACHES, "pages": store}
    client.get("/g/")
    rename("改名后的市")
    assert client.get("/g/")["X-Page-Cache"] == "hit"

    environment = {
        **os.environ,
        "GONGKAI_ENV": "test",
        "GONGKAI_PAGE_CACHE_DIR": str(tmp_path / "pages"),
        "GONGKAI_DATABASE_URL": "sqlite:///:memory:",
    }
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from gongkai.core import pagecache; pagecache.bump()",
        ],
        env={**environment, "DJANGO_SETTINGS_MODULE": "gongkai.settings"},
        check=True,
        timeout=120,
    )
    fresh = client.get("/g/")
    assert fresh["X-Page-Cache"] == "miss" and "改名后的市" in fresh.content.decode()


def test_switched_off_nothing_is_stored(client, world, settings):
    settings.ROOT_URLCONF = __name__
    settings.PAGE_CACHE_ENABLED = False
    client.get("/g/")
    assert "X-Page-Cache" not in client.get("/g/")


@pages
def test_a_new_day_in_beijing_is_a_new_page(client, world, today_is):
    today_is(date(2026, 12, 7), hour=9)
    client.get("/g/")
    rename("改名后的市")
    today_is(date(2026, 12, 7), hour=23, minute=59)
    assert client.get("/g/")["X-Page-Cache"] == "hit"
    today_is(date(2026, 12, 8), hour=0, minute=1)
    assert "改名后的市" in client.get("/g/").content.decode()


@pages
def test_a_registered_time_boundary_passing_moves_the_version_on(
    client, world, today_is, monkeypatch
):
    closes = datetime(2026, 12, 7, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    monkeypatch.setattr(pagecache, "_BOUNDARIES", [lambda now: closes if closes > now else None])
    today_is(date(2026, 12, 7), hour=16, minute=30)
    client.get("/g/")
    rename("改名后的市")
    assert client.get("/g/")["X-Page-Cache"] == "hit"
    today_is(date(2026, 12, 7), hour=17, minute=1)
    assert "改名后的市" in client.get("/g/").content.decode()
