"""Demo data of 行政执法公示: the seed's "公布了市、县区430个行政执法主体和10594名
行政执法人员的基本信息", and a year (2016) of penalty and licence decisions.

* 430 bodies (行政执法主体): the city's and counties' departments that enforce,
  the bodies authorised or entrusted under them, the townships and street offices,
  and police stations (派出所) to the seed's number; each body that is a department
  exercises that department's powers in the 权责清单 (when the powers demo loaded
  them), a body under a department its penalties and inspections.
* 10,594 officers, written to an XLSX export in the provincial layout and read by
  the same import as an upload (``services.officers``); every certificate valid
  at the end of 2016; some have expired or been withdrawn since.
* Decisions of 2016 through the real services (publication clocks included): a
  few published late, one revoked and withdrawn. They left public view when their
  display period ended; a few recent ones (the last weeks before the day the demo
  runs) are public, so the pages show the feed as it works.

One seeded ``random.Random``: the same on every machine. Idempotent: nothing is
added when the city already has bodies.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.core.files.base import ContentFile

from gongkai.core.dates import today
from gongkai.core.errors import DomainError
from gongkai.core.validators import org_code_check_char, uscc_check_char
from gongkai.demo import tianshui as world
from gongkai.orgs.models import Department, DepartmentType
from gongkai.workdays import is_working_day

from . import enforcement_demo_names as names
from .models import BodyKind, EnforcementBody, InspectionItem, Power
from .services.decisions import publish_decision, record_decision, withdraw_decision
from .services.officers import apply_officers, preview_officers
from .services.officers_file import write_officers_xlsx

SEED = 2016
BODIES, OFFICERS = 430, 10594
YEAR = 2016
DECISIONS_2016 = 240
LATE = 5
RECENT = 24
ENFORCING = {DepartmentType.CONSTITUENT, DepartmentType.DIRECT}


def body_uscc(government_code: str, serial: int) -> str:
    body = f"{int(government_code) % 1000:03d}{50000 + serial:05d}"
    org = body + org_code_check_char(body)
    first17 = "12" + government_code + org
    return first17 + uscc_check_char(first17)


def company_uscc(serial: int) -> str:
    body = f"MA{serial:06X}"[:8].rjust(8, "0")
    org = body + org_code_check_char(body)
    first17 = "91620500" + org
    return first17 + uscc_check_char(first17)


def _field(name: str) -> str:
    for word, field in names.FIELDS_BY_WORD:
        if word in name:
            return field
    return "综合执法"


def _plan(city, counties) -> list[dict]:
    """The 430 bodies: (government, department, name, kind, basis, own powers?)."""
    depts = {(d.government_id, d.name): d for d in Department.objects.filter(active=True)}
    plan = []
    for _slug, name, _short, kind, _address in world.CITY_DEPARTMENTS:
        if kind in ENFORCING and (city.pk, name) in depts:
            plan.append((city, depts[(city.pk, name)], name, BodyKind.AGENCY, True))
    city_by_slug = {s: depts.get((city.pk, n)) for s, n, *_ in world.CITY_DEPARTMENTS}
    for slug, name, kind, basis in names.CITY_SUBBODIES:
        if city_by_slug.get(slug):
            plan.append((city, city_by_slug[slug], name, kind, basis))
    stations = []
    for county in counties:
        by_slug = {
            s: depts.get((county.pk, county.name + n)) for s, n, *_ in world.COUNTY_DEPARTMENTS
        }
        for slug, suffix, _short, kind in world.COUNTY_DEPARTMENTS:
            if kind in ENFORCING and by_slug.get(slug):
                plan.append((county, by_slug[slug], county.name + suffix, BodyKind.AGENCY, True))
        for slug, suffix, kind, basis in names.COUNTY_SUBBODIES:
            if by_slug.get(slug):
                plan.append((county, by_slug[slug], county.name + suffix, kind, basis))
        office = by_slug.get("zfb")
        for town in names.TOWNSHIPS.get(county.code, "").split():
            office_name = f"{county.name}{town}{'办事处' if town.endswith('街道') else '人民政府'}"
            basis = "《中华人民共和国行政处罚法》第二十四条；《甘肃省乡镇综合行政执法办法》"
            if office:
                plan.append((county, office, office_name, BodyKind.AUTHORIZED, basis))
                stem = town.removesuffix("街道").removesuffix("镇").removesuffix("乡")
                stations.append(
                    (
                        county,
                        office,
                        f"{county.name}公安局{stem}派出所",
                        BodyKind.AUTHORIZED,
                        "《中华人民共和国治安管理处罚法》第九十一条",
                    )
                )
    # Police stations to the seed's number, one county after another.
    by_county: dict[int, list] = {}
    for station in stations:
        by_county.setdefault(station[0].pk, []).append(station)
    queues = list(by_county.values())
    while len(plan) < BODIES and any(queues):
        for queue in queues:
            if queue and len(plan) < BODIES:
                plan.append(queue.pop(0))
    return plan[:BODIES]


def _bodies(plan) -> list[EnforcementBody]:
    rows = []
    for serial, (government, department, name, kind, basis) in enumerate(plan, 1):
        own = basis is True
        rows.append(
            EnforcementBody(
                government=government,
                department=department,
                name=name,
                uscc=department.uscc if own else body_uscc(government.code, serial),
                kind=kind,
                basis=(
                    f"《{name.removeprefix(government.name)}主要职责内设机构和人员编制规定》；"
                    "相关法律法规规章的授权"
                    if own
                    else basis
                ),
                address=department.address,
                phone=department.phone,
                sort_order=serial,
            )
        )
    EnforcementBody.objects.bulk_create(rows, batch_size=500)
    return list(
        EnforcementBody.objects.filter(name__in=[r.name for r in rows]).order_by("sort_order")
    )


def _powers(bodies, rng) -> None:
    """Department bodies exercise their department's powers; bodies under one its
    penalties and inspections (a share of them)."""
    current = Power.objects.as_of(date(YEAR, 12, 31)).select_related("power_type")
    by_dept: dict[int, list[Power]] = {}
    for power in current:
        by_dept.setdefault(power.department_id, []).append(power)
    through = EnforcementBody.powers.through
    links = []
    for body in bodies:
        powers = by_dept.get(body.department_id, [])
        if body.uscc != body.department.uscc:
            powers = [p for p in powers if p.power_type.name in ("行政处罚", "行政检查")]
            powers = rng.sample(powers, min(len(powers), 12))
        links += [through(enforcementbody_id=body.pk, power_id=p.pk) for p in powers]
    through.objects.bulk_create(links, batch_size=2000)


def _inspections(bodies, rng) -> None:
    items = []
    for body in bodies:
        field = _field(body.name)
        count = rng.randint(2, 5) if body.kind != BodyKind.AUTHORIZED else rng.randint(0, 2)
        for n in range(1, count + 1):
            items.append(
                InspectionItem(
                    body=body,
                    position=n,
                    name=f"{field}领域{['经营资质', '安全管理', '执业行为', '日常监管', '专项整治'][n - 1]}检查",
                    inspected=rng.choice(
                        ["企业", "个体工商户", "社会组织", "事业单位", "生产经营单位"]
                    ),
                    basis=body.basis.split("；")[0],
                    method=rng.choice(["现场检查", "书面检查", "网络监测", "抽样检测"]),
                    ratio=f"{rng.choice([3, 5, 10, 20])}%",
                    frequency=rng.choice(["每年1次", "每半年1次", "每季度1次"]),
                )
            )
    InspectionItem.objects.bulk_create(items, batch_size=2000)


def _person(rng) -> str:
    return rng.choice(names.SURNAMES) + rng.choice(names.GIVEN)


def officers_export(bodies, rng) -> bytes:
    """The provincial export of the 10,594 officers (all valid on 31 December 2016)."""
    weights = []
    for body in bodies:
        if "公安局" in body.name and "派出所" not in body.name:
            weights.append(rng.uniform(90, 160))
        elif "派出所" in body.name or "交通警察" in body.name:
            weights.append(rng.uniform(10, 22))
        elif body.name.endswith(("人民政府", "办事处")):
            weights.append(rng.uniform(4, 9))
        else:
            weights.append(rng.uniform(12, 40))
    total = sum(weights)
    counts = [int(w * OFFICERS / total) for w in weights]
    for i in range(OFFICERS - sum(counts)):
        counts[i % len(counts)] += 1
    rows, serial = [], 0
    for body, count in zip(bodies, counts, strict=True):
        field = _field(body.name)
        for _ in range(count):
            serial += 1
            issued = date(2013, 1, 1) + timedelta(days=rng.randint(0, 1400))
            number = (
                f"甘A{serial:08d}" if issued.year <= 2014 else f"{body.government.code}{serial:08d}"
            )
            expires = date(rng.choice([2027, 2028, 2029, 2030]), 12, 31)
            status, since = "在岗", ""
            if serial % 400 == 7:
                expires = date(rng.choice([2019, 2022, 2025]), 6, 30)
            elif serial % 500 == 11:
                status, since = (
                    rng.choice(["注销", "吊销", "暂扣"]),
                    f"{rng.randint(2018, 2024)}-05-20",
                )
            rows.append(
                (
                    _person(rng),
                    number,
                    body.name,
                    field,
                    issued.isoformat(),
                    expires.isoformat(),
                    status,
                    since,
                    "",
                )
            )
    return write_officers_xlsx(rows)


def _working_day(start: date, rng, span: int) -> date:
    day = start + timedelta(days=rng.randint(0, span))
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _party(rng, serial: int) -> dict:
    if rng.random() < 0.35:
        return {"party_type": "person", "party_name": _person(rng)}
    trade, suffix = rng.choice(names.TRADES)
    return {
        "party_type": "legal" if rng.random() < 0.8 else "business",
        "party_name": f"天水{rng.choice(names.TRADE_NAMES)}{trade}{suffix}"
        if serial % 5
        else f"天水市秦州区{rng.choice(names.TRADE_NAMES)}{trade}经营部",
        "party_uscc": company_uscc(serial),
        "legal_representative": _person(rng),
    }


def _decide(body, power, decided: date, serial: int, rng, late=False, recent=False):
    penalty = power.power_type.name == "行政处罚"
    prefix = body.name.removeprefix(body.government.name)[:2]
    decision = record_decision(
        body,
        power=power,
        case_name=(
            f"{power.name.removeprefix('对').removesuffix('的处罚')}案" if penalty else power.name
        ),
        document_number=f"{prefix}{'罚' if penalty else '许'}〔{decided.year}〕{serial}号",
        facts=(
            f"经查，当事人存在{power.name.removeprefix('对').removesuffix('的处罚')}。"
            if penalty
            else "申请人提交的申请材料齐全、符合法定形式。"
        ),
        basis=f"{body.basis.split('；')[0]}及相关法律法规",
        content=(
            f"责令改正，罚款人民币{rng.choice([2, 5, 10, 20, 50])}千元。"
            if penalty
            else "准予行政许可。"
        ),
        amount=None if not penalty else rng.choice([2000, 5000, 10000, 20000, 50000]),
        decided_on=decided,
        actor=None,
        system=True,
        severity="serious" if penalty and serial % 23 == 0 else "general",
        field=_field(body.name),
        **_party(rng, serial),
    )
    offset = rng.randint(8, 14) if late else rng.randint(1, 6)
    published = decided
    for _ in range(offset):
        published += timedelta(days=1)
        while not is_working_day(published):
            published += timedelta(days=1)
    publish_decision(decision, actor=None, system=True, on=min(published, today()))
    return decision


def _decisions(bodies, rng) -> int:
    eligible = []
    for body in bodies:
        powers = [
            p
            for p in body.powers.select_related("power_type")
            if p.power_type.name in ("行政处罚", "行政许可") and p.valid_from <= date(YEAR, 1, 1)
        ]
        if powers:
            eligible.append((body, powers))
    if not eligible:
        return 0
    made = 0
    revoked = None
    for serial in range(1, DECISIONS_2016 + 1):
        body, powers = eligible[serial % len(eligible)]
        decided = _working_day(date(YEAR, 1, 4), rng, 340)
        decision = _decide(body, rng.choice(powers), decided, serial, rng, late=serial <= LATE)
        if serial == 100:
            revoked = decision
        made += 1
    if revoked is not None:
        revoked_on = revoked.decided_on + timedelta(days=30)
        while not is_working_day(revoked_on):
            revoked_on += timedelta(days=1)
        withdraw_decision(
            revoked,
            revoked_on=revoked_on,
            reason=f"经行政复议，{revoked.document_number}决定被撤销",
            actor=None,
            on=revoked_on + timedelta(days=1),
            system=True,
        )
    start = today() - timedelta(days=60)
    for serial in range(1, RECENT + 1):
        body, powers = eligible[(serial * 7) % len(eligible)]
        decided = _working_day(start, rng, 40)
        try:
            _decide(body, rng.choice(powers), decided, 9000 + serial, rng)
        except DomainError:  # the calendar of the year under way is not loaded
            break
        made += 1
    return made


def load_enforcement(ctx) -> None:
    from gongkai.orgs.models import Government

    city = ctx.city or Government.objects.get(code=world.CITY[0])
    counties = ctx.counties or list(Government.objects.filter(parent=city).order_by("code"))
    if EnforcementBody.objects.filter(government=city).exists():
        ctx.out("  行政执法公示：已存在，跳过")
        from .credit_demo import load_credit

        if said := load_credit(city):  # added later: a database loaded before gets it too
            ctx.out(said)
        return
    rng = random.Random(SEED)  # noqa: S311 - deterministic demo data, not secrets
    bodies = _bodies(_plan(city, counties))
    _powers(bodies, rng)
    _inspections(bodies, rng)
    export = ContentFile(officers_export(bodies, rng), name="甘肃省行政执法人员名录.xlsx")
    preview = preview_officers(city, export, None, system=True)
    if preview.problems:
        raise DomainError("演示数据的执法人员名录有误：" + "；".join(preview.problem_lines()[:3]))
    counts = apply_officers(preview, None)
    made = _decisions(bodies, rng)
    ctx.out(
        f"  行政执法公示：{len(bodies)} 个执法主体，{counts['new']} 名执法人员，{made} 件执法决定"
    )
    from .credit_demo import load_credit

    if said := load_credit(city):
        ctx.out(said)
