import itertools
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

_subjects = itertools.count(1)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def make_clock(
    department,
    *,
    label,
    due_date: date | None,
    state="running",
    assignee=None,
    finished_on=None,
    url="/x/",
):
    """A clock row as the workdays engine would have stored it (the subject is a
    stand-in: the workbench only reads the clock's own fields)."""
    from gongkai.orgs.models import Department
    from gongkai.workdays.models import Clock

    return Clock.objects.create(
        content_type=ContentType.objects.get_for_model(Department),
        object_id=str(next(_subjects)),
        stage="reply",
        label=label,
        url=url,
        department=department,
        assignee=assignee,
        start_date=date(2026, 10, 9),
        limit_days=20,
        due_date=due_date,
        state=state,
        finished_on=finished_on,
    )
