"""Issue numbers: 第N期 of the year and 总第N期, assigned at publication, continuous,
never duplicated — also when issues are published at once on PostgreSQL."""

import threading
from datetime import date

import pytest
from django.db import IntegrityError, connection, connections, transaction

from gongkai.core.errors import DomainError
from gongkai.publications import services
from gongkai.publications.models import Issue

from .helpers import gazette, item, office_reviewer, section

pytestmark = pytest.mark.django_db


def ready_issue(world, paper, on):
    issue = services.create_issue(paper, actor=world.office)
    services.place(issue, item(world.finance, on), section("departments"), actor=world.office)
    services.submit(issue, actor=world.office)
    return issue


def test_numbers_are_assigned_at_publication_and_restart_each_year(world):
    paper, reviewer = gazette(world), office_reviewer(world)
    first = ready_issue(world, paper, date(2016, 1, 10))
    assert (first.year_number, first.total_number) == (None, None)
    services.publish(first, actor=reviewer, on=date(2016, 1, 25))
    second = ready_issue(world, paper, date(2016, 2, 10))
    services.publish(second, actor=reviewer, on=date(2016, 2, 25))
    third = ready_issue(world, paper, date(2016, 12, 30))
    services.publish(third, actor=reviewer, on=date(2017, 1, 20))
    got = [
        (i.year, i.year_number, i.total_number, i.published_on)
        for i in Issue.objects.order_by("total_number")
    ]
    assert got == [
        (2016, 1, 131, date(2016, 1, 25)),
        (2016, 2, 132, date(2016, 2, 25)),
        (2017, 1, 133, date(2017, 1, 20)),
    ]
    assert third.label == "2017年第1期（总第133期）"


def test_an_issue_cannot_be_published_before_the_last_one(world):
    paper, reviewer = gazette(world), office_reviewer(world)
    services.publish(
        ready_issue(world, paper, date(2016, 3, 1)), actor=reviewer, on=date(2016, 3, 25)
    )
    late = ready_issue(world, paper, date(2016, 3, 2))
    with pytest.raises(DomainError, match="不能早于上一期"):
        services.publish(late, actor=reviewer, on=date(2016, 3, 20))
    late.refresh_from_db()
    assert late.state == "review" and late.total_number is None


def test_the_database_refuses_a_duplicated_total_number(world):
    paper = gazette(world)
    Issue.objects.create(gazette=paper, year=2016, year_number=1, total_number=131)
    with pytest.raises(IntegrityError), transaction.atomic():
        Issue.objects.create(gazette=paper, year=2016, year_number=2, total_number=131)
    with pytest.raises(IntegrityError), transaction.atomic():
        Issue.objects.create(gazette=paper, year=2016, year_number=1, total_number=132)


@pytest.mark.django_db(transaction=True)
def test_concurrent_publication_gives_continuous_numbers(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (GONGKAI_TEST_DATABASE_URL): row locks between connections")
    paper, reviewer = gazette(world), office_reviewer(world)
    issues = [ready_issue(world, paper, date(2016, 5, 1)) for _ in range(8)]
    barrier = threading.Barrier(len(issues))
    errors = []

    def publish(issue):
        try:
            barrier.wait()
            services.publish(Issue.objects.get(pk=issue.pk), actor=reviewer, on=date(2016, 5, 25))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(i,)) for i in issues]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = list(
        Issue.objects.order_by("total_number").values_list("year_number", "total_number")
    )
    assert numbers == [(n, 130 + n) for n in range(1, 9)]
