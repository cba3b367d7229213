import re

import pytest
from django.urls import reverse

from gongkai.portal.modules import MODULES

pytestmark = pytest.mark.django_db


def test_home_lists_every_module_with_a_link_to_its_page(client):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-CN"' in html
    assert len(MODULES) == 10
    for module in MODULES:
        assert module.title in html
        assert module.summary in html
        assert module.url in html


def test_home_has_skip_link_landmarks_and_a_labelled_search_box(client):
    html = client.get(reverse("portal:home")).content.decode()
    assert '<a class="skip-link" href="#main">跳到主要内容</a>' in html
    assert '<main id="main"' in html
    assert re.search(r'<header[^>]*aria-label="网站页头"', html)
    assert re.search(r'<nav[^>]*aria-label="栏目导航"', html)
    assert re.search(r'<footer[^>]*aria-label="网站信息"', html)
    assert '<label class="visually-hidden" for="site-search-q">站内搜索</label>' in html
    assert 'action="/search/"' in html


def test_pages_carry_no_inline_styles_or_scripts(client, site_profile):
    # The CSP forbids them: they would be silently ignored by browsers.
    for url in [reverse("portal:home"), reverse("portal:module", args=["applications"])]:
        html = client.get(url).content.decode()
        assert "style=" not in html
        assert "<style" not in html
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_every_module_is_built():
    # 政务服务 was the last section under construction (issue 19).
    assert [m.slug for m in MODULES if not m.built] == []


def test_a_section_not_built_yet_says_so_honestly(client, monkeypatch):
    # No section is under construction today; the page stays for the next one added.
    from gongkai.portal.modules import MODULES_BY_SLUG, PortalModule

    future = PortalModule("future", "新栏目", "将来的栏目", ("将来提供的服务",))
    monkeypatch.setitem(MODULES_BY_SLUG, "future", future)
    response = client.get(reverse("portal:module", args=["future"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>新栏目</h1>" in html
    assert "本栏目正在建设中，暂未开放" in html
    assert "将来提供的服务" in html


def test_an_unknown_module_is_a_chinese_404(client):
    response = client.get(reverse("portal:module", args=["no-such-section"]))
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_404_page_is_chinese(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html
    assert "返回首页" in html


def test_500_page_renders_without_a_request_context():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "服务器暂时出错" in html
    assert 'lang="zh-CN"' in html


def test_a_built_module_card_leads_to_its_real_home(client):
    built = [m for m in MODULES if m.built]
    assert [m.slug for m in built] == [
        "disclosure",
        "applications",
        "interaction",
        "consultations",
        "proposals",
        "powers",
        "services",
        "gazette",
        "annual-reports",
        "supervision",
    ]
    response = client.get(reverse("portal:module", args=["disclosure"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("xxgk:home")
    response = client.get(reverse("portal:module", args=["applications"]))
    assert response["Location"] == reverse("applications_portal:index")
    response = client.get(reverse("portal:module", args=["interaction"]))
    assert response["Location"] == reverse("interaction_portal:index")
    response = client.get(reverse("portal:module", args=["consultations"]))
    assert response["Location"] == reverse("consultations_portal:index")
    response = client.get(reverse("portal:module", args=["proposals"]))
    assert response["Location"] == reverse("proposals_portal:index")
    response = client.get(reverse("portal:module", args=["powers"]))
    assert response["Location"] == reverse("powers_portal:index")
    response = client.get(reverse("portal:module", args=["services"]))
    assert response["Location"] == reverse("services_portal:index")
    response = client.get(reverse("portal:module", args=["supervision"]))
    assert response["Location"] == reverse("supervision_portal:index")
    response = client.get(reverse("portal:module", args=["gazette"]))
    assert response["Location"] == reverse("publications_portal:index")
    response = client.get(reverse("portal:module", args=["annual-reports"]))
    assert response["Location"] == reverse("reports_portal:index")


def test_the_header_search_box_leads_to_the_site_wide_search(client):
    response = client.get(reverse("portal:search"), {"q": "黄标车 实施细则"})
    assert response.status_code == 302
    assert (
        response["Location"]
        == reverse("xxgk:search")
        + "?q=%E9%BB%84%E6%A0%87%E8%BD%A6+%E5%AE%9E%E6%96%BD%E7%BB%86%E5%88%99"
    )
    assert client.get(reverse("portal:search"))["Location"] == reverse("xxgk:search")


def test_footer_shows_filing_numbers_contact_and_new_media_qr_codes(client, site_profile):
    html = client.get(reverse("portal:home")).content.decode()
    assert "网站标识码：6205000001" in html
    assert "陇ICP备00000001号" in html
    assert "https://beian.miit.gov.cn/" in html
    assert "甘公网安备 62050202000001号" in html
    assert "code=62050202000001" in html
    assert "天水市人民政府办公室" in html
    assert "天水市政务公开办公室" in html
    assert "0938-1234567" in html
    assert html.count('src="data:image/svg+xml') == 2
    assert "“天水发布”微信公众号二维码" in html
    assert "“天水发布”微博二维码" in html
    assert '<span class="site-name">天水市人民政府</span>' in html


def test_home_works_before_a_site_profile_exists(client):
    html = client.get(reverse("portal:home")).content.decode()
    assert "网站主办信息尚未登记" in html
