"""/robots.txt and /favicon.ico: the two files every browser and crawler asks for."""

import io
import re

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db


def robots_rules(client) -> tuple[list[str], list[str], list[str]]:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = [line.split("#")[0].strip() for line in response.content.decode().splitlines()]

    def field(name: str) -> list[str]:
        return [x.split(":", 1)[1].strip() for x in lines if x.startswith(name + ":")]

    return field("Disallow"), field("Allow"), field("Sitemap")


def test_robots_txt_lets_crawlers_read_the_public_site(client):
    disallowed, allowed, _ = robots_rules(client)
    assert allowed == ["/"]
    for public in ["/", "/xxgk/", "/xxgk/catalog/", "/ysqgk/", "/hudong/board/", "/jianyi/"]:
        assert not any(public.startswith(rule.rstrip("$")) for rule in disallowed if rule != "/")
    assert "/" not in disallowed


def test_robots_txt_keeps_crawlers_out_of_staff_pages_write_paths_and_lookups(client):
    disallowed, _, _ = robots_rules(client)
    for rule in [
        "/workbench/",
        "/admin/",
        "/accounts/",
        "/api/v1/documents/submissions",
        "/api/v1/applications$",
        "/api/v1/applications/lookup",
        "/api/v1/messages/lookup",
        "/api/v1/consultations/*/comments",
        "/ysqgk/lookup/",
        "/ysqgk/status/",
        "/ysqgk/receipt/",
        "/hudong/lookup/",
        "/hudong/status/",
        "/hudong/receipt/",
    ]:
        assert rule in disallowed, rule


def test_robots_txt_points_to_the_sitemap_on_this_host(client):
    _, _, sitemaps = robots_rules(client)
    assert sitemaps == ["http://testserver/sitemap.xml"]
    assert client.get("/sitemap.xml").status_code == 200


def test_favicon_ico_is_a_real_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "max-age=" in response["Cache-Control"]
    body = response.content
    assert body[:4] == b"\x00\x00\x01\x00"  # ICONDIR: reserved 0, type 1 (icon)
    icon = Image.open(io.BytesIO(body))
    assert icon.format == "ICO"
    assert (32, 32) in icon.info["sizes"] and (16, 16) in icon.info["sizes"]
    icon.size = (32, 32)
    pixels = icon.convert("RGBA")
    assert pixels.getpixel((16, 2))[:3] == (0x9B, 0x1C, 0x1C)  # the brand red


def test_pages_link_the_svg_favicon(client, django_user_model):
    svg = client.get("/static/portal/favicon.svg")
    assert svg.status_code == 200
    assert svg["Content-Type"] == "image/svg+xml"
    content = b"".join(svg.streaming_content) if svg.streaming else svg.content
    assert content.lstrip().startswith(b"<svg")
    for url in ["/", "/accounts/login/", "/no/such/page/"]:
        html = client.get(url).content.decode()
        assert re.search(
            r'<link rel="icon" href="/static/portal/favicon\.svg" type="image/svg\+xml">', html
        ), url
        assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html, url
