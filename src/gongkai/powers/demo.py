"""Demo data of 权责清单: Tianshui's city list and the seven counties' lists, built by
the real import (``services.importing``) from generated XLSX files, and the 2016
adjustments recorded through ``services.adjusting``.

The seed's figures exactly: the city keeps 2,900 powers (行政权力) with 19,595
responsibility items (责任事项) and 25,788 accountability circumstances (追责情形)
after the 2016 adjustments cancelled or devolved 36 licensing items; the seven
counties list 17,977 powers together (without children, to keep the demo fast).
Names come from what each department regulates (``demo_names``): 设立…审批,
对……的处罚 and so on. One seeded ``random.Random``: the same on every machine.
Idempotent: nothing is added when the city already has a list.
"""

from __future__ import annotations

import random
from datetime import date

from django.core.files.base import ContentFile

from gongkai.orgs.models import Department

from . import demo_names as names
from .models import AdjustmentKind, BodyCode, Power
from .services.adjusting import Change, record_adjustment
from .services.importing import import_list
from .services.workbook import ACCOUNTABILITIES, BASES, POWERS, RESPONSIBILITIES, write_workbook

SEED = 2016
LISTED_ON = date(2016, 1, 1)
CITY_POWERS, CITY_RESPONSIBILITIES, CITY_ACCOUNTABILITIES = 2900, 19595, 25788
COUNTY_POWERS = {
    "620502": 2746,
    "620503": 2698,
    "620521": 2461,
    "620522": 2580,
    "620523": 2633,
    "620524": 2597,
    "620525": 2262,
}  # 17,977 together
# The 2016 documents: (number, title, decided, effective, cancelled, devolved)
ADJUSTMENTS = (
    (
        "天政发〔2016〕21号",
        "天水市人民政府关于取消和下放一批行政审批项目的决定",
        date(2016, 5, 9),
        date(2016, 5, 16),
        14,
        10,
    ),
    (
        "天政发〔2016〕58号",
        "天水市人民政府关于第二批取消和下放行政审批项目的决定",
        date(2016, 9, 12),
        date(2016, 9, 19),
        8,
        4,
    ),
)
EXTRA = sum(a[4] + a[5] for a in ADJUSTMENTS)  # listed in January, gone by September
LEVELS = {"city": "市级", "county": "县级"}
SKIPPED = {"szfb", "zwzx", "ggzy", "yiyuan"}  # no administrative powers of their own


def _slug(department: Department, slugs: dict[str, str]) -> str | None:
    for suffix, slug in slugs.items():
        if department.name.endswith(suffix):
            return slug
    return None


def _candidates(subjects) -> list[tuple[str, str]]:
    found = []
    for s in subjects:
        for abbreviation, templates in names.TEMPLATES.items():
            found += [(abbreviation, t.format(s=s)) for t in templates]
        for violation in names.VIOLATIONS:
            v = violation.format(s=s)
            found += [("CF", form.format(v=v)) for form in names.PENALTY_FORMS]
    return found


def _body_codes(government, departments: list[tuple[Department, str]]) -> dict[int, str]:
    codes = {}
    existing = dict(
        BodyCode.objects.filter(department__government=government).values_list(
            "department_id", "code"
        )
    )
    used = set(existing.values())
    for department, slug in departments:
        if department.pk in existing:
            codes[department.pk] = existing[department.pk]
            continue
        letters = (slug.upper() + "X")[:2]
        serial = 0
        while f"{government.code}{serial:02d}{letters}" in used:
            serial += 1
        code = f"{government.code}{serial:02d}{letters}"
        BodyCode.objects.create(department=department, code=code)
        codes[department.pk] = code
        used.add(code)
    return codes


def _departments(government, slugs: dict[str, str]) -> list[tuple[Department, str]]:
    found = []
    for department in Department.objects.filter(government=government).order_by("pk"):
        slug = _slug(department, slugs)
        if slug and slug not in SKIPPED and slug in names.SUBJECTS:
            found.append((department, slug))
    return found


def _powers(rng, government, level: str, total: int, slugs) -> list[dict]:
    """``total`` power rows spread over the departments by what they regulate."""
    departments = _departments(government, slugs)
    codes = _body_codes(government, departments)
    pools = []
    for department, slug in departments:
        pool = _candidates(names.SUBJECTS[slug])
        rng.shuffle(pool)
        pools.append((department, pool))
    capacity = sum(len(pool) for _, pool in pools)
    shares = [total * len(pool) // capacity for _, pool in pools]
    for index in rng.sample(range(len(pools)), total - sum(shares)):
        shares[index] += 1
    rows = []
    for (department, pool), share in zip(pools, shares, strict=True):
        sequence: dict[str, int] = {}
        for abbreviation, name in sorted(pool[:share], key=lambda c: c[0]):
            sequence[abbreviation] = sequence.get(abbreviation, 0) + 1
            rows.append(
                {
                    "code": f"{codes[department.pk]}-{abbreviation}-{sequence[abbreviation]:04d}",
                    "name": name,
                    "type": abbreviation,
                    "department": department.name,
                    "level": level,
                    "phone": department.phone or "0938-12345",
                }
            )
    return rows


def _children(rng, rows: list[dict], responsibilities: int, accountabilities: int):
    """Responsibility counts per power (by type, adjusted to the exact total) and
    accountability circumstances (one each, two for as many as the total needs)."""
    counts = [7 if r["type"] == "CF" else 6 if r["type"] == "XK" else 5 for r in rows]
    while sum(counts) != responsibilities:
        index = rng.randrange(len(counts))
        step = 1 if sum(counts) < responsibilities else -1
        if 3 <= counts[index] + step <= 9:
            counts[index] += step
    duties = []
    for row, count in zip(rows, counts, strict=True):
        listed = names.DUTIES.get(row["type"], names.DEFAULT_DUTIES)
        duties += [
            (row["code"], position, listed[position - 1]) for position in range(1, count + 1)
        ]
    doubled = set(rng.sample(range(len(duties)), accountabilities - len(duties)))
    cases = []
    for index, (code, position, duty) in enumerate(duties):
        short = duty.removesuffix("责任")
        picks = rng.sample(names.ACCOUNTABILITY, 2 if index in doubled else 1)
        cases += [(code, position, text.format(d=f"{short}职责")) for text in picks]
    return duties, cases


def _workbook(rows, duties=(), cases=()) -> ContentFile:
    data = write_workbook(
        {
            POWERS: [
                (
                    r["code"],
                    r["name"],
                    r["type"],
                    r["department"],
                    r["level"],
                    "受理—审查—决定—送达",
                    "法定期限内办结" if r["type"] != "XK" else "20个工作日",
                    "不收费",
                    r["phone"],
                )
                for r in rows
            ],
            BASES: [
                (
                    r["code"],
                    1,
                    *names.LAWS.get(r["type"], names.OTHER_LAW),
                    names.LAW_TEXT,
                )
                for r in rows
                if duties
            ],
            RESPONSIBILITIES: [
                (code, position, duty, f"依法履行{duty.removesuffix('责任')}职责")
                for code, position, duty in duties
            ],
            ACCOUNTABILITIES: list(cases),
        }
    )
    return ContentFile(data, name="权责清单.xlsx")


def city_workbook(rng, city) -> tuple[ContentFile, set[str]]:
    """The city's generated XLSX (the 2,900 kept powers with the seed's children, and
    the 36 licences the 2016 adjustments take away), and the codes of those 36."""
    from gongkai.demo import tianshui

    city_slugs = {
        name.removeprefix(city.name): slug for slug, name, *_ in tianshui.CITY_DEPARTMENTS
    }
    rows = _powers(rng, city, LEVELS["city"], CITY_POWERS + EXTRA, city_slugs)
    licences = [r for r in rows if r["type"] == "XK"]
    leaving = {r["code"] for r in rng.sample(licences, EXTRA)}
    kept = [r for r in rows if r["code"] not in leaving]
    duties, cases = _children(rng, kept, CITY_RESPONSIBILITIES, CITY_ACCOUNTABILITIES)
    gone = [r for r in rows if r["code"] in leaving]
    gone_duties = [(r["code"], n, names.DUTIES["XK"][n - 1]) for r in gone for n in (1, 2, 3)]
    gone_cases = [
        (c, n, names.ACCOUNTABILITY[0].format(d=d[:2] + "职责")) for c, n, d in gone_duties
    ]
    return _workbook(rows, duties + gone_duties, cases + gone_cases), leaving


def load_powers(ctx) -> None:
    city = ctx.city
    if city is None:
        return
    if Power.objects.filter(government=city).exists():
        _other_lists(ctx)  # added to the demo later: a database loaded before gets them too
        return
    from gongkai.demo import tianshui

    rng = random.Random(SEED)  # noqa: S311 - varied demo data, not security
    upload, leaving = city_workbook(rng, city)
    report = import_list(city, upload, valid_from=LISTED_ON)
    if not report.valid:
        raise RuntimeError(f"演示权责清单导入失败：{report.problems[0]}")
    ctx.out(f"  权责清单：{city.name} {report.summary()}")
    _adjust(rng, city, sorted(leaving))
    county_slugs = {suffix: slug for slug, suffix, *_ in tianshui.COUNTY_DEPARTMENTS}
    listed = 0
    for county in ctx.counties:
        total = COUNTY_POWERS.get(county.code)
        if not total or Power.objects.filter(government=county).exists():
            continue
        rows = _powers(rng, county, LEVELS["county"], total, county_slugs)
        report = import_list(county, _workbook(rows), valid_from=LISTED_ON)
        if not report.valid:
            raise RuntimeError(f"演示权责清单导入失败：{report.problems[0]}")
        listed += report.powers
    ctx.out(f"  权责清单：{len(ctx.counties)} 个县区共计行政权力{listed}项")
    _other_lists(ctx)


def _other_lists(ctx) -> None:
    from .demo_lists import load_other_lists

    if said := load_other_lists(ctx):
        ctx.out(said)


def _adjust(rng, city, codes: list[str]) -> None:
    powers = list(
        Power.objects.filter(government=city, code__in=codes).select_related("department")
    )
    rng.shuffle(powers)
    for number, title, decided, effective, cancelled, devolved in ADJUSTMENTS:
        chosen, powers = powers[: cancelled + devolved], powers[cancelled + devolved :]
        changes = [
            Change(AdjustmentKind.CANCEL, [p], note="市场机制能够有效调节，取消审批")
            for p in chosen[:cancelled]
        ]
        changes += [
            Change(
                AdjustmentKind.DEVOLVE,
                [p],
                recipient="各县区" + p.department.short_name.removeprefix("市"),
            )
            for p in chosen[cancelled:]
        ]
        record_adjustment(
            city,
            document_number=number,
            document_title=title,
            decided_on=decided,
            effective_on=effective,
            changes=changes,
        )
