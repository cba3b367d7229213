"""A gazette of 天水市 in the test world, catalogue items to place, and its staff."""

from __future__ import annotations

from datetime import date, datetime
from itertools import count
from zoneinfo import ZoneInfo

from gongkai.disclosure.models import Genre, InformationItem, SubjectCategory
from gongkai.orgs.roles import Role
from gongkai.publications.models import Gazette, Section
from gongkai.testing.factories import government, staff

BEIJING = ZoneInfo("Asia/Shanghai")
_serial = count(1)


def gazette(world, **fields) -> Gazette:
    return Gazette.objects.create(
        government=world.tianshui,
        title="天水市人民政府公报",
        sponsor="天水市人民政府办公室",
        **{"issues_before": 130, **fields},
    )


def office_reviewer(world):
    return staff("reviewer_office", (world.general_office, Role.REVIEWER))


def office_handler(world):
    return staff("handler_office", (world.general_office, Role.HANDLER))


def section(code: str) -> Section:
    return Section.objects.get(code=code)


def gansu(world):
    """甘肃省, above 天水市 (the world's 天水市 has no parent of its own)."""
    province = government("620000", "甘肃省", level="province")
    world.tianshui.parent = province
    world.tianshui.save()
    world.qinzhou.save()  # its path follows
    return province


def item(department, on: date, title: str = "", *, item_type="normative", genre=None, **extra):
    serial = next(_serial)
    return InformationItem.objects.create(
        government=department.government,
        department=department,
        index_number=f"TEST/GAZ-{serial}",
        title=title or f"关于第{serial}号事项的通知",
        document_number=extra.pop("document_number", f"天政发〔{on.year}〕{serial}号"),
        written_on=on,
        subject=SubjectCategory.objects.first(),
        genre=Genre.objects.get_or_create(name=genre)[0] if genre else Genre.objects.first(),
        item_type=item_type,
        state=extra.pop("state", "published"),
        published_at=datetime(on.year, on.month, on.day, 10, tzinfo=BEIJING),
        body=extra.pop(
            "body", "<p>各县区人民政府，市政府各部门：</p><p>现将有关事项通知如下。</p>"
        ),
        **extra,
    )
