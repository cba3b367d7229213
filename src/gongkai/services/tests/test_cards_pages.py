"""电子监察 pages: the supervisor's dashboard (counts by department, overdue cases, the
chart with its table), a card's page and its actions through the desk."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.orgs.roles import Role
from gongkai.services.models import Case, SupervisionCard
from gongkai.services.services.cards import sweep
from gongkai.testing.factories import staff

from .case_helpers import apply, published_item

pytestmark = pytest.mark.django_db

DASHBOARD = "workbench:services_cards:dashboard"


@pytest.fixture
def red_card(world, today_is):
    today_is(date(2026, 12, 7))
    case = apply(published_item(world)).case
    Case.objects.filter(pk=case.pk).update(entered_late=True, late_reason="窗口系统故障")
    [card] = sweep()
    return card


@pytest.fixture
def supervisor(world):
    return staff("jiancha", (world.general_office, Role.SUPERVISOR))


def test_the_dashboard_counts_cards_by_department_and_shows_the_chart_table(
    client, world, red_card, supervisor
):
    client.force_login(supervisor)
    page = client.get(reverse(DASHBOARD)).content.decode()
    assert "天水市财政局" in page
    assert "<td>0</td><td>1</td>" in page  # no yellow, one red
    assert "近12个月发牌数" in page and "<table" in page and "<svg" in page
    assert "2026年1月至2026年12月" in page and '<th scope="row">12月</th>' in page
    assert "超期办件" in page


def test_the_department_explains_and_the_supervisor_confirms(client, world, red_card, supervisor):
    client.force_login(world.handler_finance)
    url = reverse("workbench:services_cards:detail", args=[red_card.pk])
    assert "部门说明" in client.get(url).content.decode()
    response = client.post(
        reverse("workbench:services_cards:explain", args=[red_card.pk]),
        {"explain-text": "窗口系统故障，当日纸质登记"},
    )
    assert response.status_code == 302
    assert (
        client.post(reverse("workbench:services_cards:confirm", args=[red_card.pk])).status_code
        == 403
    )
    client.force_login(supervisor)
    page = client.get(url).content.decode()
    assert "窗口系统故障，当日纸质登记" in page
    response = client.post(reverse("workbench:services_cards:confirm", args=[red_card.pk]), {})
    assert response.status_code == 302
    red_card.refresh_from_db()
    assert red_card.state == "confirmed"


def test_withdrawing_without_a_reason_shows_the_error(client, red_card, supervisor):
    client.force_login(supervisor)
    response = client.post(
        reverse("workbench:services_cards:withdraw", args=[red_card.pk]), {"withdraw-comment": ""}
    )
    assert response.status_code == 400
    assert SupervisionCard.objects.get(pk=red_card.pk).state == "issued"


def test_other_departments_do_not_see_the_card(client, world, red_card):
    client.force_login(world.handler_environment)
    url = reverse("workbench:services_cards:detail", args=[red_card.pk])
    assert client.get(url).status_code == 404
    assert "天水市财政局" not in client.get(reverse(DASHBOARD)).content.decode()


def test_the_case_page_links_its_cards(client, world, red_card):
    client.force_login(world.handler_finance)
    page = client.get(
        reverse("workbench:services_cases:detail", args=[red_card.case_id])
    ).content.decode()
    assert reverse("workbench:services_cards:detail", args=[red_card.pk]) in page
