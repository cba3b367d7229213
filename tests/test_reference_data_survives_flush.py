"""Data that migrations seed (the holiday calendar, the catalogue's reference
data) comes back when a database is flushed, as test databases are between
transactional tests: no test depends on running before one that flushes."""

from datetime import date

import pytest
from django.core.management import call_command


@pytest.mark.django_db(transaction=True)
def test_flush_leaves_the_calendar_and_the_catalogue_reference_data_in_place():
    from gongkai import workdays
    from gongkai.disclosure.models import KeyArea, SubjectCategory
    from gongkai.powers.models import PowerType, PublicationPeriod

    call_command("flush", "--noinput", verbosity=0)
    workdays.invalidate()
    assert workdays.add_working_days(date(2026, 9, 30), 1) == date(
        2026, 10, 8
    )  # 国庆节 1–7 October
    assert SubjectCategory.objects.count() == 22
    assert KeyArea.objects.count() == 9
    assert PowerType.objects.filter(government__isnull=True).count() == 10
    assert PublicationPeriod.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_flush_leaves_the_gazette_s_sections_in_place():
    from gongkai.publications.models import Section

    call_command("flush", "--noinput", verbosity=0)
    assert list(Section.objects.values_list("name", flat=True)) == [
        "市政府规章",
        "市政府文件",
        "市政府办公室文件",
        "部门文件",
        "人事任免",
        "政府大事记",
        "发文要目",
    ]
