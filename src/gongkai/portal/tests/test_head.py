"""HEAD is answered wherever GET is (RFC 9110 §9.3.2): link checkers, the website
inspection's probes and monitoring ask with HEAD, and a 405 reads as a broken link."""

import pytest
from django.urls import reverse

from gongkai.portal.modules import MODULES

pytestmark = pytest.mark.django_db


def test_every_built_module_s_home_answers_head_without_a_body(client, world):
    homes = [reverse("portal:home"), reverse("xxgk:catalogue")]
    homes += [m.url for m in MODULES if m.built]
    for url in homes:
        response = client.head(url, follow=True)
        assert (url, response.status_code, response.content) == (url, 200, b"")


def test_head_on_a_staff_page_asks_for_login_as_get_does(client, world):
    assert client.head("/workbench/").status_code == client.get("/workbench/").status_code == 302


def test_a_view_for_reading_still_refuses_a_post(client, world):
    assert client.post(reverse("xxgk:catalogue")).status_code == 405


def test_no_view_is_limited_to_get_alone():
    """``require_GET`` refuses HEAD with 405; views that read use ``require_safe``."""
    from pathlib import Path

    import gongkai

    root = Path(gongkai.__file__).parent
    found = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts and "require_GET" in path.read_text(encoding="utf-8")
    ]
    assert found == []
