"""GET /api/v1/powers/decisions: the 双公示 feed by cursor, persons masked, bad
parameters answered in Chinese."""

from datetime import date

import pytest

from gongkai.powers.services.decisions import publish_decision
from gongkai.testing.problems import problem_of

from .enforcement_helpers import body, finance_powers, penalty, resident_id

pytestmark = pytest.mark.django_db
URL = "/api/v1/powers/decisions"


@pytest.fixture(autouse=True)
def _on_7_december_2026(today_is):
    """The dates below are written for this day, whatever day the suite runs on."""
    today_is(date(2026, 12, 7))


@pytest.fixture
def decisions(world):
    licence, punish, inspect = finance_powers(world)
    the_body = body(world, powers=[licence, punish, inspect])
    found = [penalty(world, the_body, punish, date(2026, 11, 2), person=True, number=1)]
    found += [penalty(world, the_body, punish, date(2026, 11, 2), number=n) for n in (2, 3)]
    for d in found:
        publish_decision(d, actor=world.handler_finance, on=date(2026, 11, 4))
    penalty(world, the_body, punish, date(2026, 11, 2), number=4)  # not yet published
    return found


def test_the_feed_pages_by_cursor_and_masks_persons(decisions, client):
    first = client.get(URL, {"limit": 2, "government": "620500", "kind": "penalty"}).json()
    assert [i["id"] for i in first["items"]] == [decisions[0].pk, decisions[1].pk]
    person = first["items"][0]
    assert person["party_name"] == "张**" and person["id_number"] == ""
    assert person["party_category"] == "自然人" and person["party_uscc"] == ""
    assert first["items"][1]["party_uscc"] == decisions[1].party_uscc
    second = client.get(first["next"]).json()
    assert [i["id"] for i in second["items"]] == [decisions[2].pk]
    assert second["next"] is None
    raw = client.get(URL).content.decode()
    assert "张三丰" not in raw and resident_id() not in raw


def test_filters_narrow_the_feed(decisions, client):
    assert client.get(URL, {"kind": "licence"}).json()["items"] == []
    assert client.get(URL, {"year": "2016"}).json()["items"] == []
    assert len(client.get(URL, {"year": "2026"}).json()["items"]) == 3
    assert client.get(URL, {"government": "621200"}).json()["items"] == []


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ({"kind": "fine"}, "kind"),
        ({"limit": "0"}, "limit"),
        ({"government": "62"}, "government"),
        ({"cursor": "forged"}, "cursor"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_parameters_are_named(decisions, client, query, name):
    response = client.get(URL, query)
    assert response.status_code == 400
    assert name in problem_of(response)["detail"]
