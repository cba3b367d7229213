"""Demo data of the service catalogue: Tianshui's licensing departments serving at
the city's service centre (天水市政务服务中心, 市政务大厅), one item for every city
power of type 行政许可, 行政确认 or 行政给付 listed on 1 January 2016, each with a
complete guide written, submitted and published through the real actions on
4 January 2016.

Then the year, as it happened: in July some departments compressed their
promised time limits (a second guide version, so the public page shows what
changed); the items whose powers the 2016 adjustments of the powers list
cancelled or devolved (天政发〔2016〕21号 and 58号) stop on the adjustments'
effective dates, the reason naming the decision. One seeded ``random.Random``;
idempotent: nothing is added when the city already has items.
"""

from __future__ import annotations

import io
import random
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from gongkai.accounts.models import User
from gongkai.orgs.models import Department

from . import demo_names as names
from .models import GuideVersion, Material, Question, ServiceItem, Step, Theme
from .services import guides

SEED = 2019
BEIJING = ZoneInfo("Asia/Shanghai")
OPENED = date(2016, 1, 4)  # the first working day of 2016
COMPRESSED = date(2016, 7, 1)
TYPES = ("XK", "QR", "JF")
CENTRE = "天水市政务服务中心（秦州区成纪大道88号）"
HOURS = "周一至周五 上午8:30—12:00，下午14:30—18:00（法定节假日除外）"
COMPLAINT_PHONE = "0938-12345"


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=BEIJING)


def _themes(city) -> dict[str, Theme]:
    found = {}
    for position, (audience, slug, name) in enumerate(names.THEMES, 1):
        found[slug], _ = Theme.objects.get_or_create(
            government=city,
            slug=slug,
            defaults={"audience": audience, "name": name, "position": position},
        )
    return found


def _slug_of(department: Department) -> str | None:
    from gongkai.demo import tianshui

    for slug, full_name, *_ in tianshui.CITY_DEPARTMENTS:
        if full_name == department.name:
            return slug
    return None


def _blank_form(department: Department, uploader) -> object:
    """A blank application form (申请表) of ``department`` as a DOCX, stored as an upload."""
    from docx import Document

    from gongkai.core.docx import FONT_TITLE, paragraph
    from gongkai.files.kinds import DOCUMENT_KINDS
    from gongkai.files.services import store_upload

    doc = Document()
    paragraph(doc, f"{department.name}行政审批服务事项申请表", size=18, font=FONT_TITLE)
    table = doc.add_table(rows=7, cols=2)
    table.style = "Table Grid"
    for row, label in zip(
        table.rows,
        ("申请事项", "申请人（单位）", "统一社会信用代码或身份证号码", "联系人", "联系电话",
         "通讯地址", "申请内容"),
        strict=True,
    ):  # fmt: skip
        row.cells[0].text = label
    paragraph(doc, "申请人（签章）：                    年    月    日", size=14, before=12)
    buffer = io.BytesIO()
    doc.save(buffer)
    upload = SimpleUploadedFile(
        f"{department.short_name}申请表.docx",
        buffer.getvalue(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    return store_upload(upload, allowed_kinds=DOCUMENT_KINDS, uploaded_by=uploader)


def _guide(rng, item: ServiceItem, power, kind: str, department, blank) -> GuideVersion:
    short = department.short_name
    legal = rng.choice((20, 20, 20, 20, 15, 10, 30)) if kind == "XK" else rng.choice((10, 15, 20))
    promised = max(1, round(legal * rng.uniform(0.35, 0.75)))
    visits = rng.choice((0, 1, 1, 1, 1, 2))
    paid = kind == "XK" and rng.random() < 0.08
    bases = (
        "；".join(f"《{b.law}》{b.article}".strip() for b in power.bases.all())
        or "《中华人民共和国行政许可法》第十二条"
    )
    guide = GuideVersion.objects.create(
        item=item,
        number=1,
        basis=bases,
        conditions=names.CONDITIONS[kind],
        free=not paid,
        fee_basis="《甘肃省行政事业性收费项目目录》" if paid else "",
        fee_standard="工本费每证10元" if paid else "",
        legal_limit=legal,
        promised_limit=promised,
        visits=visits,
        place=f"{CENTRE}{short}窗口",
        hours=HOURS,
        online_url=f"https://zwfw.tianshui.gov.cn/banshi/{item.code}/" if visits == 0 else "",
        consult_phone=department.phone or "0938-8212345",
        complaint_phone=COMPLAINT_PHONE,
    )
    Material.objects.bulk_create(
        Material(
            guide=guide,
            position=position,
            name=name.format(name=item.name),
            required=required,
            medium=medium,
            original=original,
            copies=copies,
            shared_from=shared,
            blank_form=blank if with_form else None,
        )
        for position, (name, required, medium, original, copies, shared, with_form) in enumerate(
            names.MATERIALS[kind], 1
        )
    )
    steps = names.STEPS[kind]  # their times add up to the promise (``_step_limit``)
    others = len(steps) - 1
    Step.objects.bulk_create(
        Step(
            guide=guide,
            position=position,
            name=name,
            actor=actor.format(short=short),
            limit=_step_limit(promised, others, review=limit is None),
            description=text,
        )
        for position, (name, actor, limit, text) in enumerate(steps, 1)
    )
    Question.objects.bulk_create(
        Question(
            guide=guide,
            position=position,
            question=q.format(name=item.name),
            answer=a.format(legal=legal, promised=promised),
        )
        for position, (q, a) in enumerate(names.QUESTIONS, 1)
    )
    return guide


def _step_limit(promised: int, others: int, *, review: bool) -> int | None:
    """A step's time when the steps share the promise: one working day each but the
    review, which takes the rest; when the promise is too short for that, only the
    review has a time of its own."""
    if review:
        return promised - others if promised > others else promised
    return 1 if promised > others else None


def _powers(city):
    Power = apps.get_model("powers", "Power")
    return list(
        Power.objects.as_of(OPENED)
        .filter(government=city, power_type__abbreviation__in=TYPES)
        .select_related("department", "power_type")
        .prefetch_related("bases")
        .order_by("code")
    )


def load_services(ctx) -> None:
    city = ctx.city
    if city is None:
        return
    if ServiceItem.objects.filter(government=city).exists():
        _cases(ctx)  # added to the demo later: a database loaded before gets them too
        return
    rng = random.Random(SEED)  # noqa: S311 - varied demo data, not security
    themes = _themes(city)
    staff: dict[int, tuple[User, User]] = {}
    blanks: dict[int, object] = {}
    published = 0
    for power in _powers(city):
        department = power.department
        slug = _slug_of(department)
        if slug is None:
            continue
        if department.pk not in staff:
            staff[department.pk] = (
                User.objects.get(username=f"ts_{slug}_handler"),
                User.objects.get(username=f"ts_{slug}_reviewer"),
            )
        handler, reviewer = staff[department.pk]
        if department.pk not in blanks:
            blanks[department.pk] = _blank_form(department, handler)
        kind = power.power_type.abbreviation
        chosen = [themes[s] for s in names.DEPARTMENT_THEMES.get(slug, ())]
        person = any(t.audience == "person" for t in chosen) and kind != "XK"
        with transaction.atomic():
            item = ServiceItem.objects.create(
                government=city,
                department=department,
                code=f"{power.code}-01",
                name=power.name,
                level="city",
                audiences="person,legal" if person else "legal",
                power_code=power.code,
            )
            item.themes.set(rng.sample(chosen, min(len(chosen), rng.choice((1, 1, 2)))))
            guide = _guide(rng, item, power, kind, department, blanks[department.pk])
            guides.submit(guide, actor=handler, at=_at(OPENED, 9))
            guides.publish(guide, actor=reviewer, on=OPENED, at=_at(OPENED, 15))
        published += 1
    revised = _compress(rng, city, staff)
    stopped = _apply_adjustments(city, staff)
    ctx.out(
        f"  政务服务事项：{published} 项办事指南已发布，{revised} 项压缩承诺时限（第2版），"
        f"{stopped} 项随权责清单调整停止办理"
    )
    _cases(ctx)


def _cases(ctx) -> None:
    from .demo_cases import load_cases

    if said := load_cases(ctx.city):
        ctx.out(said)


def _compress(rng, city, staff) -> int:
    """July 2016: a fifth of the items promise a shorter time (a second version)."""
    items = list(
        ServiceItem.objects.filter(government=city).select_related("current").order_by("code")
    )
    chosen = [i for i in items if i.current.promised_limit > 2 and rng.random() < 0.2]
    for item in chosen:
        handler, reviewer = staff[item.department_id]
        draft = guides.new_draft(
            item, actor=handler, change_note="按照“放管服”改革要求进一步压缩承诺办结时限"
        )
        draft.promised_limit = max(1, draft.promised_limit - rng.choice((1, 2, 3)))
        draft.save(update_fields=["promised_limit"])
        kind = item.power_code.split("-")[-2]
        steps = list(draft.steps.order_by("position"))
        reviews = [names.STEPS[kind][s.position - 1][2] is None for s in steps]
        for step, review in zip(steps, reviews, strict=True):
            step.limit = _step_limit(draft.promised_limit, len(steps) - 1, review=review)
        Step.objects.bulk_update(steps, ["limit"])
        guides.submit(draft, actor=handler, at=_at(COMPRESSED, 9))
        guides.publish(draft, actor=reviewer, on=COMPRESSED, at=_at(COMPRESSED, 15))
    return len(chosen)


def _apply_adjustments(city, staff) -> int:
    """The items of powers cancelled or devolved by the 2016 adjustments stop."""
    AdjustmentItem = apps.get_model("powers", "AdjustmentItem")
    stopped = 0
    for change in (
        AdjustmentItem.objects.filter(adjustment__government=city, kind__in=("cancel", "devolve"))
        .select_related("adjustment", "before")
        .order_by("adjustment__effective_on", "pk")
    ):
        item = ServiceItem.objects.filter(
            government=city, power_code=change.before.code, state="published"
        ).first()
        if item is None:
            continue
        adjustment = change.adjustment
        what = "取消" if change.kind == "cancel" else f"下放至{change.recipient or '县区'}"
        _, reviewer = staff[item.department_id]
        guides.withdraw(
            item,
            actor=reviewer,
            on=adjustment.effective_on,
            reason=f"依据{adjustment.document_number}《{adjustment.document_title}》{what}",
        )
        stopped += 1
    return stopped
