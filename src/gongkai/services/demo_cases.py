"""Demo cases (办件) of 2016 at the city's service centre, played through the real
actions (``services.cases``) on their historical dates: online and counter
applications, 补正 notices and supplies, a window missed (deemed accepted), refusals,
special procedures (专家评审, 现场核查) pausing the clock, the one extension,
decisions granted and denied, certificates and delivery; a few decided after the
legal limit or the promise, a few entered after the fact, and a few still open at
the end of the year. Every applicant is invented, with valid ID or credit-code
check digits. One seeded ``random.Random``; idempotent.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.core.validators import id_check_char, org_code_check_char, uscc_check_char
from gongkai.workdays.engine import add_working_days, is_working_day
from gongkai.workflow import timeline

from .models import Case, ServiceItem
from .services import cards
from .services import cases as actions
from .services.cases.intake import required_materials

SEED = 2020
YEAR = 2016
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = ("建华", "秀英", "志明", "玉兰", "海峰", "丽君", "国强", "春燕", "永平", "晓红", "文斌",
         "桂芳", "俊杰", "淑珍", "家乐", "明轩", "婷婷", "子涵", "浩然", "思远")  # fmt: skip
TRADES = ("成纪", "麦积", "伏羲", "陇上", "秦州", "渭河", "天水湾", "羲皇", "卦台", "南山")
SUFFIXES = ("商贸有限公司", "建筑工程有限公司", "农业科技有限公司", "餐饮管理有限公司",
            "会计服务有限公司", "物流有限公司", "医药连锁有限公司")  # fmt: skip
DEPARTMENTS = ("czj", "gsj", "jsj", "wjw", "mzj", "rsj", "jtj", "sypj", "hbj", "jyj")


@dataclass
class Plan:
    story: str  # normal, correction, deemed, refused, procedure, extension, late, denied, open, entered_late
    received: date


def _material_file() -> bytes:
    """One small DOCX for every demo upload: stored once (same content), read once."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("申请材料（演示数据）")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _person(rng) -> dict:
    area = rng.choice(("620502", "620503", "620521", "620522", "620523"))
    born = date(1960, 1, 1) + timedelta(days=rng.randint(0, 14000))
    first17 = f"{area}{born:%Y%m%d}{rng.randint(100, 999)}"
    return {"applicant_kind": "person", "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
            "id_number": first17 + id_check_char(first17),
            "phone": f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"}  # fmt: skip


def _company(rng, serial: int) -> dict:
    body = f"MD{serial:06d}"
    org = body + org_code_check_char(body)
    first17 = "91620500" + org
    return {"applicant_kind": "legal",
            "name": f"天水{rng.choice(TRADES)}{rng.choice(SUFFIXES)}",
            "id_number": first17 + uscc_check_char(first17),
            "phone": f"0938-8{rng.randint(100000, 999999)}"}  # fmt: skip


def _working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _plans(rng) -> list[Plan]:
    stories = (["normal"] * 62 + ["correction"] * 10 + ["refused"] * 5 + ["procedure"] * 5
               + ["extension"] * 4 + ["late"] * 5 + ["denied"] * 5 + ["deemed"] * 2
               + ["entered_late"] * 2)  # fmt: skip
    plans = []
    for month in range(1, 13):
        for _ in range(25):
            day = _working_day(date(YEAR, month, rng.randint(1, 26)))
            plans.append(Plan(rng.choice(stories), day))
    for day in (date(YEAR, 12, 26), date(YEAR, 12, 27), date(YEAR, 12, 28), date(YEAR, 12, 29)):
        plans.append(Plan("open", day))  # still being examined at the end of the year
    return sorted(plans, key=lambda p: p.received)


def load_cases(city) -> str:
    if Case.objects.filter(item__government=city).exists():
        return ""
    from gongkai.demo import tianshui

    rng = random.Random(SEED)  # noqa: S311 - varied demo data, not security
    slugs = {name: slug for slug, name, *_ in tianshui.CITY_DEPARTMENTS}
    items = [
        i for i in ServiceItem.objects.filter(government=city, state="published")
        .select_related("department", "current").order_by("code")
        if slugs.get(i.department.name) in DEPARTMENTS
    ]  # fmt: skip
    staff: dict[int, tuple[User, User]] = {}
    content = _material_file()
    made: list[int] = []
    first_day: dict[int, date] = {}
    counts: dict[str, int] = {}
    for serial, plan in enumerate(_plans(rng), 1):
        item = rng.choice(items)
        if item.withdrawn_on and item.withdrawn_on <= plan.received:
            continue
        slug = slugs[item.department.name]
        if item.department_id not in staff:
            staff[item.department_id] = (
                User.objects.get(username=f"ts_{slug}_handler"),
                User.objects.get(username=f"ts_{slug}_reviewer"),
            )
        handler, reviewer = staff[item.department_id]
        applicant = (
            _person(rng)
            if "person" in item.audiences and rng.random() < 0.6
            else _company(rng, serial)
        )
        case = _play(rng, item, plan, applicant, handler, reviewer, content)
        made.append(case.pk)
        first_day[case.pk] = plan.received
        counts[plan.story] = counts.get(plan.story, 0) + 1
    timeline.backdate(Case, made, today=timezone.localdate(), first_day=first_day)
    rated, bad = _ratings(rng, made, staff)
    cards.sweep(on=date(YEAR, 12, 30))  # the year's last sweep: anomalies and the open cases
    counts["cards"] = _judge_cards(city, staff)
    counts["rated"], counts["bad"] = rated, bad
    return (
        f"  政务服务办件：{len(made)} 件（补正 {counts.get('correction', 0)}，"
        f"逾期视为受理 {counts.get('deemed', 0)}，不予受理 {counts.get('refused', 0)}，"
        f"特别程序 {counts.get('procedure', 0)}，延期 {counts.get('extension', 0)}，"
        f"超期办结 {counts.get('late', 0)}，不予许可 {counts.get('denied', 0)}，"
        f"事后补录 {counts.get('entered_late', 0)}，年末在办 {counts.get('open', 0)}）；"
        f"好差评 {counts['rated']} 条，其中实名差评 {counts['bad']} 条已回访整改；"
        f"电子监察黄牌、红牌 {counts['cards']} 张"
    )


EXPLANATIONS = {
    "late": "该件涉及多部门会签，承办人未及时申请延期，已对承办人进行批评教育并整改。",
    "other": "窗口系统故障期间纸质登记，已补录并说明情况。",
}


def _judge_cards(city, staff) -> int:
    """The departments explain their red cards; the 监察 confirms most, withdraws one."""
    from .models import SupervisionCard

    supervisor = User.objects.filter(username="ts_zwzx_supervisor").first()
    issued = list(SupervisionCard.objects.filter(case__item__government=city).order_by("pk"))
    first_day = {}
    for n, card in enumerate(issued):
        first_day[card.pk] = card.issued_on
        if card.colour != "red" or card.state != "issued":
            continue
        handler, _ = staff[card.case.department_id]
        text = EXPLANATIONS["late" if card.limit in ("legal", "promise") else "other"]
        cards.explain(card, actor=handler, text=text)
        if supervisor is None:
            continue
        card.refresh_from_db()
        if n % 7 == 3:
            cards.withdraw(card, actor=supervisor, comment="核实为系统停电导致延误，不计入考核。")
        else:
            cards.confirm(card, actor=supervisor, comment="情况属实，计入部门考核。")
    timeline.backdate(SupervisionCard, first_day, today=timezone.localdate(), first_day=first_day)
    return len(issued)


GRADES = (5,) * 60 + (4,) * 25 + (3,) * 8 + (2,) * 5 + (1,) * 2
COMMENTS = {5: "窗口工作人员热情周到，一次办好。", 4: "办理顺利。", 3: "等候时间稍长。",
            2: "材料要求说明不清楚，跑了两趟。", 1: "办理超时，电话无人接听。"}  # fmt: skip


def _at(day: date, hour: int = 16):
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    return datetime.combine(day, time(hour), tzinfo=ZoneInfo("Asia/Shanghai"))


def _ratings(rng, made: list[int], staff) -> tuple[int, int]:
    """好差评 of the delivered cases: most applicants rate online after delivery; each
    named 差评 is called back and rectified on its clock, half re-rated."""
    from .models import RatingFollowUp
    from .services import ratings

    rated = bad = 0
    follow_ups, first_day = [], {}
    for case in Case.objects.filter(pk__in=made, state="delivered").order_by("pk"):
        if rng.random() > 0.7:
            continue
        grade = rng.choice(GRADES)
        when = add_working_days(case.delivered_on, 1)
        rating = ratings.rate(case, grade=grade, comment=COMMENTS[grade],
                              anonymous=rng.random() < 0.1, at=_at(when))  # fmt: skip
        rated += 1
        follow_up = RatingFollowUp.objects.filter(rating=rating).first()
        if follow_up is None:
            continue
        bad += 1
        handler, _ = staff[case.department_id]
        called = add_working_days(when, 1)
        ratings.record_call(follow_up, actor=handler, on=called,
                            notes="电话回访申请人，了解到其对材料要求的说明不满意。")  # fmt: skip
        ratings.rectify(follow_up, actor=handler, on=add_working_days(called, 2),
                        answer="已在办事指南中逐项说明材料要求，并对窗口人员进行了培训。")  # fmt: skip
        if rng.random() < 0.5:
            follow_up.refresh_from_db()
            ratings.rerate(follow_up, grade=4, comment="整改后满意。",
                           at=_at(add_working_days(called, 4)))  # fmt: skip
        follow_ups.append(follow_up.pk)
        first_day[follow_up.pk] = when
    timeline.backdate(RatingFollowUp, follow_ups, today=timezone.localdate(), first_day=first_day)
    return rated, bad


def _play(rng, item, plan, applicant, handler, reviewer, content) -> Case:
    day = plan.received
    files = [
        (m, SimpleUploadedFile(f"{m.name[:20]}.docx", content,
                               "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        for m in required_materials(item)
    ]  # fmt: skip
    if plan.story == "entered_late":
        registered = add_working_days(day, 4)
        case = actions.register_at_counter(
            item, applicant, actor=handler, received_on=day, files=files,
            registered_on=registered, late_reason="窗口系统故障，纸质登记后补录",
        ).case  # fmt: skip
    elif rng.random() < 0.35:
        case = actions.register_at_counter(item, applicant, actor=handler, files=files,
                                           registered_on=day).case  # fmt: skip
    else:
        case = actions.submit_online(item, applicant, files=files, received_on=day).case
    guide = item.current
    step = day
    if plan.story == "refused":
        actions.refuse(case, actor=handler, on=add_working_days(day, 1),
                       reasons="申请事项不属于本机关职权范围，请向县区主管部门申请。")  # fmt: skip
        return case
    if plan.story == "correction":
        notice = add_working_days(day, rng.randint(1, 3))
        actions.request_correction(case, actor=handler, on=notice,
                                   missing="营业场所使用权证明未加盖公章；法定代表人身份证明复印件不清晰。")  # fmt: skip
        step = add_working_days(notice, rng.randint(2, 6))
        actions.supply_correction(case, note="已补交加盖公章的证明和清晰的复印件。", actor=handler, on=step)  # fmt: skip
        case.refresh_from_db()
    if plan.story == "deemed":
        actions.deem_overdue_cases(on=add_working_days(day, 6))
        case.refresh_from_db()
        step = add_working_days(day, 6)
    else:
        step = add_working_days(step, 1)
        actions.accept(case, actor=handler, on=step)
        case.refresh_from_db()
    if plan.story == "open":
        return case
    promised = max(1, guide.promised_limit or 1)
    legal = max(1, guide.legal_limit or 1)
    took = rng.randint(max(1, promised // 2), promised)
    if plan.story == "procedure":
        started = add_working_days(step, 1)
        procedure = actions.start_procedure(case, kind=rng.choice(("expert", "inspection")),
                                            planned_days=8, actor=handler, on=started,
                                            note="组织专家对技术方案进行评审")  # fmt: skip
        ended = add_working_days(started, 8)
        actions.end_procedure(procedure, actor=handler, on=ended)
        case.refresh_from_db()
        step, took = ended, rng.randint(1, promised)
    if plan.story == "extension":
        request = actions.request_extension(case, days=10, reason="涉及多个部门会商，需延长办理期限",
                                            actor=handler)  # fmt: skip
        actions.decide_extension(request, approve=True, actor=reviewer)
        case.refresh_from_db()
        took = legal + rng.randint(2, 8)
    if plan.story == "late":
        took = legal + rng.randint(1, 6)
    decided = add_working_days(step, took)
    if plan.story == "late":
        # 电子监察 saw it coming: the sweeps of the day before the limit and after it
        case.refresh_from_db()
        for day in (
            add_working_days(case.decision_due, -1),
            add_working_days(case.decision_due, 1),
        ):
            if day < decided:
                cards.sweep(on=day)
    outcome = "denied" if plan.story == "denied" else "granted"
    reasons = ("经审查，申请人不具备规定的专业技术人员条件，依法不予许可。" if outcome == "denied"
               else "申请材料齐全，符合法定条件，准予许可。")  # fmt: skip
    actions.decide(case, actor=reviewer, outcome=outcome, reasons=reasons, on=decided)
    case.refresh_from_db()
    issued = add_working_days(decided, rng.randint(1, 3))
    number = (
        f"天{item.department.short_name[1:3]}证〔{YEAR}〕{case.pk:05d}号"
        if outcome == "granted"
        else ""
    )
    actions.issue(case, actor=handler, certificate_number=number, on=issued)
    case.refresh_from_db()
    actions.deliver(case, actor=handler, on=add_working_days(issued, rng.randint(0, 2)) or issued,
                    method=rng.choice(("窗口领取", "邮政寄递（EMS）", "电子证照推送")))  # fmt: skip
    return case
