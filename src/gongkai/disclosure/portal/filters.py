"""The catalogue's filters, read from GET parameters.

``department`` (id), ``subject`` (id), ``genre`` (id), ``type`` (信息类型),
``year`` (year of publication, Beijing time), ``validity`` (有效性),
``key_area`` (slug), ``category`` (条例 content category code) and ``order``
(``date``: newest first, the default; ``date_asc``: oldest first).

A value that names nothing (``department=abc``, ``year=1900``) is not an
error page: the form says in Chinese what is wrong and the list is empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from gongkai.core.dates import in_years
from gongkai.core.widgets import FastSelect

from ..models import ContentCategory, Genre, ItemType, KeyArea, SubjectCategory, Validity
from .scope import catalogue_of

ORDER_CHOICES = [("date", "最新发布在前"), ("date_asc", "最早发布在前")]
ORDERING = {"date": ("-published_at", "-id"), "date_asc": ("published_at", "id")}


def _invalid(label: str) -> dict[str, str]:
    return {"invalid_choice": f"{label}“%(value)s”不存在，请从列表中选择。"}


def _field(label: str, choices, empty: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", empty), *choices],
        error_messages=_invalid(label),
        widget=FastSelect,
    )


def year_choices(items: QuerySet) -> list[tuple[str, str]]:
    """From this year back to the year of the oldest public item (one indexed query).

    The oldest as the first row by date, not ``Min``: PostgreSQL answers an
    aggregate over the join with the governments by reading every item (0.6 s
    for 600,000), the first row from the (state, published_at) index.
    """
    this_year = timezone.localdate().year
    first = (
        items.filter(published_at__isnull=False)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    first_year = timezone.localtime(first).year if first else this_year
    return [
        (str(year), f"{year}年") for year in range(this_year, min(first_year, this_year) - 1, -1)
    ]


def department_choices(departments) -> list:
    """Departments as option groups per government (the city first, then its counties)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for department in departments:
        groups.setdefault(department.government.name, []).append(
            (str(department.pk), department.name)
        )
    return list(groups.items())


@dataclass(frozen=True)
class Place:
    """A government, or a department with its government: what a filter needs of it.
    Plain values rather than model instances, which cost more to keep and read back
    than the queries they save."""

    pk: int
    name: str
    code: str = ""  # a government's
    path: str = ""  # a government's
    government: Place | None = None  # a department's


@dataclass(frozen=True)
class Topic:
    """A key area (by slug) or a content category (by code)."""

    pk: int
    name: str
    slug: str = ""
    code: str = ""
    legal_basis: str = ""


@dataclass(frozen=True)
class Reference:
    """What the filters offer: the same for every visitor of a site until the content
    changes, so the catalogue keeps it per content version (``pagecache.memo``)."""

    departments: list[Place]
    key_areas: list[Topic]
    categories: list[Topic]
    subjects: list
    genres: list
    years: list


def _places(departments) -> list[Place]:
    governments: dict[int, Place] = {}
    out = []
    for department in departments:
        government = department.government
        if government.pk not in governments:
            governments[government.pk] = Place(
                government.pk, government.name, code=government.code, path=government.path
            )
        out.append(Place(department.pk, department.name, government=governments[government.pk]))
    return out


def reference(departments, items) -> Reference:
    return Reference(
        departments=_places(departments),
        key_areas=[Topic(a.pk, a.name, slug=a.slug) for a in KeyArea.objects.filter(active=True)],
        categories=[
            Topic(c.pk, c.name, code=c.code, legal_basis=c.legal_basis)
            for c in ContentCategory.objects.filter(active=True)
        ],
        subjects=[(str(s.pk), s.name) for s in SubjectCategory.objects.filter(active=True)],
        genres=[(str(g.pk), g.name) for g in Genre.objects.filter(active=True)],
        years=year_choices(items),
    )


def remembered_reference(government, departments, items) -> Reference:
    """``reference(...)`` of the site of ``government``, kept per content version and day."""
    from gongkai.core.pagecache import memo

    day = timezone.localdate().isoformat()  # the year list starts at this year
    site = government.pk if government is not None else "all"
    return memo(f"catalogue-reference:{site}:{day}", lambda: reference(departments, items))


class CatalogueFilters(forms.Form):
    """Built with the reference data and the departments in scope."""

    def __init__(self, data, *, departments=None, items, with_fields=None, known=None):
        super().__init__(data)
        known = known or reference(departments, items)
        departments = known.departments
        self.departments = {str(d.pk): d for d in departments}
        self.governments = {d.government.code: d.government for d in departments}
        self.key_areas = {a.slug: a for a in known.key_areas}
        self.categories = {c.code: c for c in known.categories}
        fields = {
            "gov": _field(
                "所属地区",
                [(code, g.name) for code, g in self.governments.items()],
                "全部地区",
            ),
            "department": _field("发布机构", department_choices(departments), "全部机构"),
            "subject": _field("主题分类", known.subjects, "全部主题"),
            "genre": _field("体裁", known.genres, "全部体裁"),
            "type": _field("信息类型", ItemType.choices, "全部类型"),
            "year": _field("发布年份", known.years, "全部年份"),
            "validity": _field("有效性", Validity.choices, "不限"),
            "key_area": _field(
                "重点领域", [(a.slug, a.name) for a in self.key_areas.values()], "全部领域"
            ),
            "category": _field(
                "法定公开内容",
                [(c.code, f"{c.legal_basis} {c.name}") for c in self.categories.values()],
                "不限",
            ),
            "order": forms.ChoiceField(
                label="排序",
                required=False,
                choices=ORDER_CHOICES,
                error_messages=_invalid("排序方式"),
            ),
        }
        for name in with_fields or fields:
            self.fields[name] = fields[name]

    @property
    def active(self) -> bool:
        """Whether any filter (other than the order) was chosen."""
        return any(self.data.get(name) for name in self.fields if name not in ("order", "page"))

    def problems(self) -> list[str]:
        return [message for errors in self.errors.values() for message in errors]

    def apply(self, items: QuerySet) -> QuerySet:
        """``items`` filtered and ordered; none at all when a filter is invalid."""
        if not self.is_valid():
            return items.none()
        data = self.cleaned_data
        if data.get("gov"):  # that government's departments and those of the ones under it
            items = items.filter(government__path__startswith=self.governments[data["gov"]].path)
        if data.get("department"):
            items = catalogue_of(items, self.departments[data["department"]])
        if data.get("subject"):
            items = items.filter(subject_id=int(data["subject"]))
        if data.get("genre"):
            items = items.filter(genre_id=int(data["genre"]))
        if data.get("type"):
            items = items.filter(item_type=data["type"])
        if data.get("year"):
            items = items.filter(in_years("published_at", [int(data["year"])]))
        if data.get("validity"):
            items = items.with_validity().filter(validity=data["validity"])
        if data.get("key_area"):
            items = items.filter(key_areas=self.key_areas[data["key_area"]].pk)
        if data.get("category"):
            items = items.filter(content_categories=self.categories[data["category"]].pk)
        return items.order_by(*ORDERING[data.get("order") or "date"])

    def key(self) -> str:
        """The valid filters in use (not the order), normalised: one name per set of
        rows, for what is kept per filter set (the catalogue's count). Empty when the
        form is invalid."""
        if not self.is_valid():
            return ""
        used = sorted(
            (name, str(value))
            for name, value in self.cleaned_data.items()
            if value and name != "order"
        )
        return urlencode(used) or "all"

    def chosen(self) -> list[tuple[str, str]]:
        """(label, value shown) of each valid filter in use, for the summary line."""
        if not self.is_bound or not self.is_valid():
            return []
        out = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if not value or name == "order":
                continue
            out.append((field.label, _choice_label(field.choices, value)))
        return out


def _choice_label(choices, value: str) -> str:
    for key, label in choices:
        if isinstance(label, list | tuple):  # an option group
            for inner_key, inner_label in label:
                if inner_key == value:
                    return inner_label
        elif key == value:
            return label
    return value
