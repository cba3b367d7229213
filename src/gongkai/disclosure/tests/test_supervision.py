"""What the disclosure office (公开办) is shown: empty required categories,
normative documents expiring soon, major policies without interpretation."""

from datetime import date

from gongkai.disclosure import actions
from gongkai.disclosure.models import (
    CategoryRequirement,
    ContentCategory,
    DisclosureSettings,
    InformationItem,
)
from gongkai.disclosure.queries import (
    empty_categories_by_department,
    empty_required_categories,
    major_policies_without_interpretation,
    required_categories,
)

from .conftest import beijing


def _codes(categories):
    return [c.code for c in categories]


# -- content categories (条例 Art. 20/21) ---------------------------------------


def test_a_city_bureau_must_fill_its_article_20_categories(world):
    assert _codes(required_categories(world.finance)) == [
        "art20-01",
        "art20-02",
        "art20-05",
        "art20-06",
        "art20-07",
        "art20-08",
    ]


def test_the_general_office_also_carries_the_article_21_additions(world):
    codes = _codes(required_categories(world.general_office))
    assert "art20-03" in codes and "art21-land-expropriation" in codes
    assert "art21-land-expropriation" not in _codes(required_categories(world.finance))


def test_a_department_named_in_the_mapping_must_fill_that_category_too(world):
    statistics = ContentCategory.objects.get(code="art20-04")
    CategoryRequirement.objects.create(category=statistics, department=world.finance)
    assert "art20-04" in _codes(required_categories(world.finance))
    assert "art20-04" not in _codes(required_categories(world.environment))


def test_a_category_is_empty_until_something_public_fills_it(world, draft, publish_through_review):
    budget = ContentCategory.objects.get(code="art20-07")
    assert "art20-07" in _codes(empty_required_categories(world.finance))
    item = draft(content_categories=[budget])
    assert "art20-07" in _codes(empty_required_categories(world.finance))  # a draft fills nothing
    publish_through_review(item)
    assert "art20-07" not in _codes(empty_required_categories(world.finance))
    actions.withdraw_item(item, actor=world.reviewer_finance, reason="撤回。")
    assert "art20-07" in _codes(empty_required_categories(world.finance))


def test_a_co_published_item_fills_the_co_publishers_catalogue(
    world, draft, publish_through_review
):
    budget = ContentCategory.objects.get(code="art20-07")
    publish_through_review(
        draft(content_categories=[budget], publishing_departments=[world.environment])
    )
    assert "art20-07" not in _codes(empty_required_categories(world.environment))


def test_the_bulk_answer_agrees_with_the_one_department_answer(
    world, draft, publish_through_review
):
    budget = ContentCategory.objects.get(code="art20-07")
    publish_through_review(draft(content_categories=[budget]))
    departments = [world.general_office, world.finance, world.environment, world.qinzhou_finance]
    bulk = {d: _codes(c) for d, c in empty_categories_by_department(departments)}
    for department in departments:
        assert bulk.get(department, []) == _codes(empty_required_categories(department))


# -- normative documents expiring -----------------------------------------------


def _normative(draft, publish_through_review, expires_on, **fields):
    item = draft(
        item_type="normative",
        effective_on=date(2024, 1, 1),
        expires_on=expires_on,
        title=f"有效期至{expires_on}的办法",
        **fields,
    )
    return publish_through_review(item)


def test_normative_documents_expiring_within_six_months(world, draft, publish_through_review):
    soon = _normative(draft, publish_through_review, date(2027, 5, 31))
    _normative(draft, publish_through_review, date(2027, 6, 2))  # beyond six months
    _normative(draft, publish_through_review, date(2026, 11, 30))  # already past
    today = date(2026, 12, 1)
    assert list(InformationItem.objects.expiring_within(months=6, today=today)) == [soon]
    assert soon.validity == "valid"


def test_a_repealed_document_is_no_longer_expiring(world, draft, publish_through_review):
    soon = _normative(draft, publish_through_review, date(2027, 3, 1))
    actions.change_validity(
        soon,
        actor=world.reviewer_finance,
        validity="repealed",
        on=date(2026, 11, 1),
        reason="已废止。",
    )
    assert not InformationItem.objects.expiring_within(months=6, today=date(2026, 12, 1)).exists()
    assert soon.versions.count() == 2


def test_lapsed_documents_become_expired(world, draft, publish_through_review):
    lapsed = _normative(draft, publish_through_review, date(2026, 10, 31))
    assert actions.expire_lapsed_documents(today=date(2026, 11, 1)) == 1
    lapsed.refresh_from_db()
    assert lapsed.validity == "expired" and lapsed.validity_changed_on == date(2026, 10, 31)
    assert actions.expire_lapsed_documents(today=date(2026, 11, 1)) == 0


# -- major policies without interpretation --------------------------------------


def test_a_major_policy_without_interpretation_after_n_working_days(
    world, draft, publish_through_review
):
    # Published Tuesday 29 Sep 2026; then 30 Sep, 8, 9, 10 (make-up Saturday), 12 Oct.
    policy = publish_through_review(
        draft(is_major_policy=True, title="重大政策"), now=beijing(2026, 9, 29, 10, 0)
    )
    publish_through_review(draft(title="普通政策"), now=beijing(2026, 9, 29, 10, 0))
    assert major_policies_without_interpretation(world.tianshui, date(2026, 10, 10)) == []
    (missing,) = major_policies_without_interpretation(world.tianshui, date(2026, 10, 12))
    assert missing.policy == policy and missing.working_days == 5 and missing.threshold == 5

    DisclosureSettings.objects.create(
        government=world.tianshui, interpretation_alert_working_days=3
    )
    (missing,) = major_policies_without_interpretation(world.tianshui, date(2026, 10, 9))
    assert missing.working_days == 3


def test_a_published_interpretation_clears_the_alert(world, draft, publish_through_review):
    policy = publish_through_review(draft(is_major_policy=True), now=beijing(2026, 9, 29, 10, 0))
    interpretation = draft(
        item_type="interpretation",
        interpretation_form="qa",
        interprets=[policy],
        title="一图读懂",
    )
    assert len(major_policies_without_interpretation(world.tianshui, date(2026, 10, 12))) == 1
    publish_through_review(interpretation)
    assert major_policies_without_interpretation(world.tianshui, date(2026, 10, 12)) == []
    assert list(policy.interpretations.all()) == [interpretation]


def test_the_office_sees_county_policies_through_the_tree(world, draft, publish_through_review):
    from gongkai.orgs.roles import Role
    from gongkai.testing.factories import staff

    handler = staff("handler_qz", (world.qinzhou_finance, Role.HANDLER))
    secrecy = staff("secrecy_qz", (world.qinzhou_finance, Role.CONFIDENTIALITY))
    reviewer = staff("reviewer_qz", (world.qinzhou_finance, Role.REVIEWER))
    item = draft(actor=handler, department=world.qinzhou_finance, is_major_policy=True)
    publish_through_review(
        item, now=beijing(2026, 9, 29, 10, 0), reviewer=reviewer, secrecy=secrecy
    )
    assert major_policies_without_interpretation(world.tianshui, date(2026, 10, 12)) == []
    assert (
        len(major_policies_without_interpretation(world.tianshui, date(2026, 10, 12), tree=True))
        == 1
    )
