"""The report card's 服务公开 section: the catalogue as it stood on 31 December,
revisions and stopped items of the year, ."""

from datetime import date

import pytest

from gongkai.services.card_figures import card_figures, card_years
from gongkai.services.services import guides

from .helpers import complete_guide, item

pytestmark = pytest.mark.django_db


def _values(section):
    return {f.key: f.value for f in section.figures}


def publish(world, guide, on):
    guides.submit(guide, actor=world.handler_finance)
    return guides.publish(guide, actor=world.reviewer_finance, on=on)


def test_the_card_counts_the_catalogue_at_the_end_of_each_year(world):
    kept, stopped, later = item(world), item(world), item(world)
    publish(world, complete_guide(kept), date(2016, 1, 4))
    publish(world, complete_guide(stopped), date(2016, 1, 4))
    publish(world, complete_guide(later), date(2017, 2, 1))
    draft = guides.new_draft(kept, actor=world.handler_finance)
    publish(world, draft, date(2016, 7, 1))
    stopped.refresh_from_db()
    guides.withdraw(stopped, actor=world.reviewer_finance, on=date(2016, 9, 19), reason="取消")

    section = card_figures(world.tianshui, 2016)
    values = _values(section)
    assert section.key == "services"
    assert (values["service_items"], values["service_guides_revised"]) == (1, 1)
    assert values["service_items_stopped"] == 1
    assert "集中公开了1项政务服务事项的办事指南" in section.sentence
    assert _values(card_figures(world.tianshui, 2017))["service_items"] == 2
    assert _values(card_figures(world.tianshui, 2015))["service_items"] == 0
    assert {(world.tianshui.path, 2016), (world.tianshui.path, 2017)} <= set(card_years())


def test_cases_and_their_on_time_rates(world):
    from datetime import date

    from gongkai.services.models import Case

    from .case_helpers import apply, published_item

    service = published_item(world)
    case = apply(service).case
    Case.objects.filter(pk=case.pk).update(
        received_on=date(2026, 3, 2), decided_on=date(2026, 3, 20), issued_on=date(2026, 3, 23),
        promise_due=date(2026, 3, 16), decision_due=date(2026, 3, 30),
    )  # fmt: skip
    values = {f.key: f for f in card_figures(world.tianshui, 2026).figures}
    assert values["service_cases"].value == 1 and values["service_completed"].value == 1
    assert values["service_on_promise"].value == 0.0  # decided four days after the promise
    assert values["service_on_law"].value == 100.0
    empty = {f.key: f for f in card_figures(world.tianshui, 2025).figures}
    assert empty["service_on_promise"].value is None  # no case completed: no rate, not 0
