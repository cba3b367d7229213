"""Questions the disclosure office (公开办) asks: what is missing or late.

* ``required_categories(department)`` / ``empty_required_categories(department)``
  — the 条例 Art. 20/21 content categories a department must fill, and those
  with nothing public in its catalogue; ``empty_categories_by_department``
  answers for many departments in a fixed number of queries.
* ``major_policies_without_interpretation(government, today)`` — public major
  policies with no public interpretation N working days after publication
  (N = ``DisclosureSettings.interpretation_alert_working_days``).
* ``late_publications`` / ``unpublished_past_due`` — 条例 Art. 26.
* ``expiring_documents`` — normative documents due for evaluation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet

from gongkai.workdays import working_days_between

from .models import (
    CategoryRequirement,
    ContentCategory,
    DisclosureSettings,
    InformationItem,
    ItemState,
    ItemType,
)


def required_categories(department) -> QuerySet[ContentCategory]:
    """Active content categories ``department`` must fill, in catalogue order."""
    requirements = CategoryRequirement.objects.applying_to(department)
    return (
        ContentCategory.objects.filter(active=True, requirements__in=requirements)
        .distinct()
        .order_by("sort_order", "id")
    )


def empty_required_categories(department) -> list[ContentCategory]:
    """Required categories with no public item in ``department``'s catalogue."""
    catalogue = InformationItem.objects.public().in_catalogue_of(department)
    filled = ContentCategory.objects.filter(items__in=catalogue).values("pk")
    return list(required_categories(department).exclude(pk__in=filled))


def empty_categories_by_department(departments) -> list[tuple[object, list[ContentCategory]]]:
    """``[(department, [empty categories])]`` for departments with at least one gap."""
    departments = list(departments)
    if not departments:
        return []
    categories = {c.pk: c for c in ContentCategory.objects.filter(active=True)}
    rules = list(CategoryRequirement.objects.filter(category__active=True))
    ids = [d.pk for d in departments]
    filled: set[tuple[int, int]] = set()
    through = InformationItem.content_categories.through
    public = InformationItem.objects.public()
    for dept_field in ("informationitem__department", "informationitem__publishing_departments"):
        pairs = through.objects.filter(
            informationitem__in=public, **{f"{dept_field}__in": ids}
        ).values_list(dept_field, "contentcategory_id")
        filled.update(pairs)
    result = []
    for department in departments:
        level = department.government.level
        required = {
            r.category_id
            for r in rules
            if r.department_id == department.pk
            or (
                r.department_id is None
                and r.department_kind in ("", department.kind)
                and r.government_level in ("", level)
            )
        }
        empty = [
            categories[pk]
            for pk in required
            if pk in categories and (department.pk, pk) not in filled
        ]
        if empty:
            empty.sort(key=lambda c: (c.sort_order, c.pk))
            result.append((department, empty))
    return result


@dataclass
class MissingInterpretation:
    policy: InformationItem
    working_days: int  # since publication
    threshold: int


def major_policies_without_interpretation(
    government, today: date, *, tree: bool = False, items: QuerySet | None = None
) -> list[MissingInterpretation]:
    """Public major policies of ``government`` (and those under it when ``tree``)
    published at least N working days before ``today`` with no public
    interpretation (政策解读) linked to them; N is each government's setting.

    ``items`` narrows the search (e.g. to what ``access.scope`` lets a person
    supervise); ``government`` may then be None.
    """
    interpreted = (
        InformationItem.objects.public()
        .filter(item_type=ItemType.INTERPRETATION, interprets__isnull=False)
        .values("interprets")
    )
    settings_cache: dict[int, int] = {}
    candidates = (items if items is not None else InformationItem.objects.all()).public()
    if government is not None:
        candidates = candidates.in_government(government, tree=tree)
    candidates = (
        candidates.filter(is_major_policy=True)
        .exclude(item_type=ItemType.INTERPRETATION)
        .exclude(pk__in=interpreted)
        # at least N working days needs at least N calendar days
        .filter(published_at__date__lte=today - timedelta(days=1))
        .select_related("department", "government")
        .order_by("published_at", "id")
    )
    found = []
    for policy in candidates:
        gov_id = policy.government_id
        if gov_id not in settings_cache:
            settings_cache[gov_id] = DisclosureSettings.for_government(
                policy.government
            ).interpretation_alert_working_days
        threshold = settings_cache[gov_id]
        days = working_days_between(policy.published_on, today)
        if days >= threshold:
            found.append(MissingInterpretation(policy, days, threshold))
    return found


def late_publications(items: QuerySet[InformationItem]) -> QuerySet[InformationItem]:
    """Items published later than Art. 26 allows, newest first."""
    return (
        items.late()
        .filter(state__in=[ItemState.PUBLISHED, ItemState.WITHDRAWN])
        .order_by("-published_at", "-id")
    )


def unpublished_past_due(items: QuerySet[InformationItem], today: date):
    """Items not yet published whose Art. 26 due date has passed."""
    return items.filter(
        ~Q(state__in=[ItemState.PUBLISHED, ItemState.WITHDRAWN]),
        publish_due_on__lt=today,
    ).order_by("publish_due_on", "id")


def expiring_documents(items: QuerySet[InformationItem], government, today: date):
    months = DisclosureSettings.for_government(government).expiry_warning_months
    return items.expiring_within(months=months, today=today)
