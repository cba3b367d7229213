import pytest
from django.urls import reverse

from gongkai.core.middleware import DISPLAY_COOKIE

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    """A browser on a page of this site: its posts say where they come from."""
    from django.test import Client

    return Client(headers={"Sec-Fetch-Site": "same-origin"})


def test_the_toggle_turns_larger_text_on_and_returns_to_the_page(client):
    response = client.post(
        reverse("portal:display"), {"toggle": "large", "next": "/modules/gazette/?a=1"}
    )
    assert response.status_code == 303
    assert response["Location"] == "/modules/gazette/?a=1"
    assert response.cookies[DISPLAY_COOKIE].value == "large"
    assert response.cookies[DISPLAY_COOKIE]["samesite"] == "Lax"


def test_the_page_renders_with_the_chosen_classes_and_pressed_buttons(client):
    client.cookies[DISPLAY_COOKIE] = "large,contrast"
    html = client.get(reverse("portal:home")).content.decode()
    assert '<html lang="zh-CN" class="display-large display-contrast">' in html
    assert 'value="large" aria-pressed="true"' in html
    assert 'value="contrast" aria-pressed="true"' in html


def test_toggling_twice_turns_the_option_off_and_keeps_the_other(client):
    client.cookies[DISPLAY_COOKIE] = "large,contrast"
    response = client.post(reverse("portal:display"), {"toggle": "large", "next": "/"})
    assert response.cookies[DISPLAY_COOKIE].value == "contrast"


def test_turning_the_last_option_off_deletes_the_cookie(client):
    client.cookies[DISPLAY_COOKIE] = "contrast"
    response = client.post(reverse("portal:display"), {"toggle": "contrast", "next": "/"})
    assert response.cookies[DISPLAY_COOKIE].value == ""
    assert response.cookies[DISPLAY_COOKIE]["max-age"] == 0


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "",
    ],
)
def test_the_toggle_only_redirects_to_this_site(client, target):
    response = client.post(reverse("portal:display"), {"toggle": "large", "next": target})
    assert response.status_code == 303
    assert response["Location"] == reverse("portal:home")


def test_an_absolute_url_on_this_host_is_allowed(client):
    response = client.post(
        reverse("portal:display"), {"toggle": "large", "next": "http://testserver/search/"}
    )
    assert response["Location"] == "http://testserver/search/"


def test_unknown_options_are_ignored(client):
    response = client.post(reverse("portal:display"), {"toggle": "sparkles", "next": "/"})
    assert DISPLAY_COOKIE not in response.cookies or response.cookies[DISPLAY_COOKIE].value == ""


def test_the_toggle_takes_only_post(client):
    assert client.get(reverse("portal:display")).status_code == 405


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "https://evil.example"},
        {"Referer": "https://evil.example/page"},
        {"Origin": "null"},
        {},  # says nothing of where it comes from
    ],
)
def test_a_post_from_another_site_or_from_nowhere_is_refused(headers):
    from django.test import Client

    response = Client(headers=headers).post(
        reverse("portal:display"), {"toggle": "large", "next": "/"}
    )
    assert response.status_code == 403
    assert DISPLAY_COOKIE not in response.cookies


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Origin": "http://testserver"},
        {"Referer": "http://testserver/xxgk/"},
    ],
)
def test_a_post_from_a_page_of_this_site_works_without_a_token(headers):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True, headers=headers)
    page = strict.get(reverse("portal:home")).content.decode()
    form = page[page.index('class="display-toggle"') :]
    assert "csrfmiddlewaretoken" not in form[: form.index("</form>")]
    response = strict.post(reverse("portal:display"), {"toggle": "large", "next": "/"})
    assert response.status_code == 303
    assert response.cookies[DISPLAY_COOKIE].value == "large"
