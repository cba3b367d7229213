"""The demo's gazette: the twelve monthly issues of 2016 of 《天水市人民政府公报》,
总第131–142期, compiled from the demo catalogue, 12,000 copies in the year."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.publications.models import Issue, Placement, TextBlock
from gongkai.publications.services import copies_in_year


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    from importlib import import_module

    from django.apps import apps
    from django.db import transaction

    from gongkai.demo import loaders
    from gongkai.disclosure.demo import load_disclosure
    from gongkai.disclosure.models import SubjectCategory
    from gongkai.publications.demo import load_gazette

    printed: list[str] = []
    with django_db_blocker.unblock(), transaction.atomic():
        if not SubjectCategory.objects.exists():
            import_module("gongkai.disclosure.migrations.0002_reference_data").seed(apps, None)
        ctx = loaders.DemoContext(out=printed.append)
        for loader in (
            loaders.load_governments,
            loaders.load_departments_and_staff,
            load_disclosure,
            load_gazette,
            load_gazette,  # a second run adds nothing
        ):
            loader(ctx)
        yield ctx, printed
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_world, db):
    return demo_world


def test_twelve_monthly_issues_numbered_131_to_142(demo):
    issues = list(Issue.objects.order_by("total_number"))
    assert [(i.year, i.year_number, i.total_number) for i in issues] == [
        (2016, n, 130 + n) for n in range(1, 13)
    ]
    assert [i.published_on for i in issues] == [date(2016, m, 25) for m in range(1, 13)]
    assert all(i.state == "published" for i in issues)
    # each issue links to the catalogue's announcement of it, never places it
    assert all(
        f"第{i.year_number}期（总第{i.total_number}期）" in i.catalogue_item.title for i in issues
    )
    assert not Placement.objects.filter(item__genre__name="公报").exists()


def test_the_issues_hold_the_catalogues_documents_once_and_their_own_texts(demo):
    placed = list(Placement.objects.select_related("item", "section", "issue"))
    assert len(placed) >= 12
    assert len({p.item_id for p in placed}) == len(placed)
    for p in placed:
        assert p.item.state == "published" and p.item.government == p.issue.gazette.government
        day = p.item.published_at.date()
        assert p.issue.covers_from <= day <= p.issue.covers_to
    sections = {p.section.code for p in placed}
    assert {"government", "office", "departments"} <= sections
    assert TextBlock.objects.filter(section__code="chronicle").count() == 12
    assert TextBlock.objects.filter(section__code="documents_list").count() == 12


def test_the_year_s_copies_are_the_seed_s_12000(demo):
    ctx, printed = demo
    assert copies_in_year(ctx.city, 2016) == 12000
    assert printed.count("  政府公报：2016年出版12期（总第131–142期），赠阅12000册") == 1
    assert "  政府公报：已存在，未重复载入" in printed


def test_the_seed_s_16_bulletin_board_issues(demo):
    from gongkai.publications.models import BulletinIssue

    issues = list(BulletinIssue.objects.order_by("number"))
    assert [i.number for i in issues] == list(range(1, 17))
    assert all(i.year == 2016 and i.boards.count() == 4 for i in issues)
    assert all(i.removed_on > i.posted_on for i in issues)
    assert issues[-1].posted_on.year == 2016
