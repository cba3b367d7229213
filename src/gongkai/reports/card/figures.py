"""The figures of a government's report card (成绩单) for a year, from the records.

``report_card(government, year)`` returns plain data (JSON-able): the title, the
headline figures, the sections in the order of the Tianshui 2016 report card
(``../shared/seed``) and the data of the charts. Every figure is a dict::

    {"key", "label", "value", "unit", "source_url", "available", "status"}

``value`` is an int, a float (a rate in per cent, one decimal) or None; ``None``
with ``available: False`` is a module that does not exist yet (or whose data the
card does not read yet) — shown as 暂未提供, never as 0. ``None`` with
``available: True`` is a rate with nothing to divide (no reply, no rating).
``source_url`` is the public list the figure comes from, filtered to the year and
government where that list can be (see ``links``).

Scope: the government's own departments and every government under it (the
``path`` prefix), as the modules' statistics count. What each figure counts is
written beside it below and in docs/reports.md (Report card).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, Min, OuterRef, Q
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from gongkai.applications.models import Application
from gongkai.applications.models.taxonomy import outcome_label
from gongkai.applications.stats import OUTCOME_ROWS, table_three, year_range
from gongkai.consultations.models import Comment, Consultation, Entry, Kind, Round
from gongkai.disclosure.models import InformationItem, ItemType, KeyArea
from gongkai.interaction.models import Message, MessageState
from gongkai.orgs.models import Department, Government
from gongkai.portal.modules import MODULES_BY_SLUG
from gongkai.proposals.models import Body, Session
from gongkai.proposals.stats import summary, summary_sentence
from gongkai.workdays.models import Clock, ClockState

from ..table_two import document_counts
from .links import Links

NOT_BUILT = "暂未提供（该功能尚未上线）"
NOT_READ = "暂未提供（该模块的数据尚未纳入成绩单）"
MONTHS = [f"{m}月" for m in range(1, 13)]
# Messages that were never taken on (interaction.stats.NOT_ACCEPTED).
NOT_ACCEPTED = (MessageState.HELD, MessageState.TRIAGE, MessageState.REFUSED, MessageState.MERGED)
SATISFIED = ("satisfied", "basically")
# Short labels of Table 三's outcome rows for the chart (the national wording is long).
OUTCOME_SHORT = {
    "disclose": "予以公开",
    "partial": "部分公开",
    "withhold.state_secret": "不予公开·国家秘密",
    "withhold.prohibited_by_law": "不予公开·法律禁止",
    "withhold.security_stability": "不予公开·危及安全",
    "withhold.third_party": "不予公开·第三方权益",
    "withhold.internal_affairs": "不予公开·内部事务",
    "withhold.process_information": "不予公开·过程性信息",
    "withhold.enforcement_file": "不予公开·执法案卷",
    "withhold.administrative_query": "不予公开·行政查询",
    "unable.not_held": "无法提供·不掌握",
    "unable.needs_creation": "无法提供·需另行制作",
    "unable.still_unclear": "无法提供·仍不明确",
    "refuse.petition": "不予处理·信访举报",
    "refuse.repeat": "不予处理·重复申请",
    "refuse.publication": "不予处理·公开出版物",
    "refuse.excessive": "不予处理·大量反复",
    "refuse.confirmation": "不予处理·要求确认",
    "other.no_correction": "其他·逾期不补正",
    "other.fee_unpaid": "其他·逾期未缴费",
    "other.other": "其他·其他",
}
# Modules the card cannot read yet: (key, label, unit, portal module slug).
MISSING = {
    "gazette_issues": ("政府公报", "期", "gazette"),
    "bulletin_issues": ("政务公开栏", "期", "gazette"),
    "website_inspections": ("政府网站检查", "次", "supervision"),
    "powers": ("权责清单公布的行政权力", "项", "powers"),
    "enforcement_officers": ("公布的行政执法人员", "名", "powers"),
}


def figure(key, label, value, unit, source_url, *, available=True, status="") -> dict:
    return {
        "key": key,
        "label": label,
        "value": value,
        "unit": unit,
        "source_url": source_url,
        "available": available,
        "status": status,
    }


def missing(key: str) -> dict:
    """A figure of a module the card does not read: never 0."""
    label, unit, slug = MISSING[key]
    module = MODULES_BY_SLUG[slug]
    status = NOT_READ if module.built else NOT_BUILT
    return figure(key, label, None, unit, module.url, available=False, status=status)


def rate(part: int, whole: int) -> float | None:
    """Per cent with one decimal, as the modules print it; None when there is nothing to divide."""
    return round(part * 100 / whole, 1) if whole else None


def report_card(government: Government, year: int) -> dict:
    links = Links(government, year)
    start, end = year_range(year)
    disclosure = _disclosure(government, year, links)
    applications = _applications(government, year, start, end, links)
    messages = _messages(government, start, end, links)
    consultations = _consultations(government, start, end, links)
    documents = _documents(government, year, links)
    proposals = _proposals(government, year, links)
    sections = [
        {
            "key": "key_areas",
            "heading": "重点领域信息公开",
            "sentence": disclosure["sentence"],
            "figures": disclosure["figures"],
        },
        {
            "key": "channels",
            "heading": "公开平台和载体",
            "sentence": "",
            "figures": [
                missing("gazette_issues"),
                missing("bulletin_issues"),
                missing("website_inspections"),
            ],
        },
        {
            "key": "applications",
            "heading": "依申请公开",
            "sentence": applications["sentence"],
            "figures": applications["figures"],
        },
        {
            "key": "messages",
            "heading": "留言办理和回应关切",
            "sentence": messages["sentence"],
            "figures": messages["figures"],
        },
        {
            "key": "consultations",
            "heading": "决策公开：意见征集",
            "sentence": consultations["sentence"],
            "figures": consultations["figures"],
            "listed": consultations["listed"],
        },
        {
            "key": "documents",
            "heading": "执行公开：规范性文件和规章",
            "sentence": documents["sentence"],
            "figures": documents["figures"],
        },
        {
            "key": "management",
            "heading": "管理公开：权责清单和行政执法公示",
            "sentence": "",
            "figures": [missing("powers"), missing("enforcement_officers")],
        },
        {
            "key": "proposals",
            "heading": "结果公开：建议提案办理",
            "sentence": proposals["sentence"],
            "figures": proposals["figures"],
        },
        {
            "key": "interpretations",
            "heading": "政策解读",
            "sentence": disclosure["interpretation_sentence"],
            "figures": [disclosure["interpretations"]],
        },
    ]
    by_key = {f["key"]: f for s in sections for f in s["figures"]}
    headline = [
        by_key[k]
        for k in (
            "items_total",
            "applications_new",
            "messages_received",
            "consultations_held",
            "proposals_handled",
        )
    ]
    return {
        "government": {"code": government.code, "name": government.name},
        "year": year,
        "title": f"{government.name}{year}年政务公开“成绩单”",
        "headline": headline,
        "sections": sections,
        "charts": {
            "monthly": {
                "labels": MONTHS,
                "series": [
                    ["依申请公开申请", applications["monthly"]],
                    ["群众留言", messages["monthly"]],
                ],
            },
            "outcomes": applications["outcomes"],
            "on_time_messages": messages["on_time_by_department"],
            "on_time_applications": applications["on_time_by_department"],
        },
        "annual_report_url": links.annual_report(),
    }


# -- 主动公开 -------------------------------------------------------------------------


def _disclosure(government, year, links) -> dict:
    """Items published proactively in the year (published and 主动公开 now, 发布时间 in the
    year, Beijing time), by key area; policy interpretations among them."""
    items = (
        InformationItem.objects.public()
        .in_government(government, tree=True)
        .filter(published_at__year=year)
    )
    totals = items.aggregate(
        total=Count("pk"),
        interpretations=Count("pk", filter=Q(item_type=ItemType.INTERPRETATION)),
    )
    per_area = dict(
        items.filter(key_areas__isnull=False)
        .values_list("key_areas")
        .order_by()
        .annotate(n=Count("pk"))
    )
    areas = list(KeyArea.objects.filter(active=True))
    figures = [
        figure(
            "items_total",
            "主动公开政府信息",
            totals["total"],
            "条",
            links.catalogue(),
        )
    ]
    for area in areas:
        figures.append(
            figure(
                f"key_area_{area.slug}",
                f"重点领域：{area.name}",
                per_area.get(area.pk, 0),
                "条",
                links.catalogue(key_area=area.slug),
            )
        )
    in_areas = sum(per_area.get(a.pk, 0) for a in areas)
    sentence = (
        f"全年主动公开政府信息{totals['total']}条，设立{len(areas)}个重点领域信息公开栏目，"
        f"各重点领域共公开信息{in_areas}条（一条信息可属于多个领域）。"
    )
    interpretations = figure(
        "interpretations",
        "发布政策解读",
        totals["interpretations"],
        "篇",
        links.catalogue(type=ItemType.INTERPRETATION),
    )
    return {
        "figures": figures,
        "sentence": sentence,
        "interpretations": interpretations,
        "interpretation_sentence": f"全年发布政策解读{totals['interpretations']}篇。",
    }


# -- 依申请公开 -----------------------------------------------------------------------


def _reply_clocks(model, stages: Q, government, start, end):
    """Reply clocks of ``model`` finished within [start, end] — met (按期) or overdue (超期)."""
    return Clock.objects.filter(
        stages,
        content_type=ContentType.objects.get_for_model(model),
        department__government__path__startswith=government.path,
        finished_on__gte=start,
        finished_on__lte=end,
        state__in=[ClockState.MET, ClockState.OVERDUE],
    )


def _on_time_rows(clocks, government) -> tuple[int, int, list]:
    """(replied, on time, [[unit, rate %], …]) from reply clocks: one row per department of
    the government itself and one per government directly under it (its departments
    together), lowest rate first (the units to act on lead), then by name; units with
    nothing replied are not listed."""
    rows = (
        clocks.values("department_id", "department__short_name", "department__name")
        .annotate(path=F("department__government__path"))
        .order_by()
        .annotate(n=Count("pk"), met=Count("pk", filter=Q(state=ClockState.MET)))
    )
    children = dict(Government.objects.filter(parent=government).values_list("code", "name"))
    units: dict[tuple, list] = {}
    replied = on_time = 0
    for r in rows:
        replied += r["n"]
        on_time += r["met"]
        if r["path"] == government.path:
            key = ("department", r["department_id"])
            label = r["department__short_name"] or r["department__name"]
        else:
            code = r["path"][len(government.path) :].split("/")[0]
            key, label = ("government", code), children.get(code, code)
        unit = units.setdefault(key, [label, 0, 0])
        unit[1] += r["n"]
        unit[2] += r["met"]
    by_unit = [[label, rate(met, n)] for label, n, met in units.values()]
    by_unit.sort(key=lambda row: (row[1], row[0]))
    return replied, on_time, by_unit


def _monthly(rows) -> list[int]:
    counts = dict(rows)
    return [counts.get(m, 0) for m in range(1, 13)]


def _applications(government, year, start, end, links) -> dict:
    """Table 三 over the government and year (``applications.stats.table_three``), the
    monthly receipts (收到申请之日), and replies on time: reply clocks (答复期限, Art. 33,
    or the one set under Art. 35) finished in the year, 按期 when on or before the due
    date (extensions included)."""
    table = table_three(government, start, end)
    source = links.application_statistics()
    value = table.value
    outcomes = []
    for outcome in OUTCOME_ROWS:
        n = value(outcome, "total")
        if n:
            outcomes.append([OUTCOME_SHORT.get(outcome, outcome_label(outcome)), n])
    monthly = _monthly(
        Application.objects.received()
        .in_government(government)
        .filter(received_on__gte=start, received_on__lte=end)
        .annotate(month=ExtractMonth("received_on"))
        .values_list("month")
        .order_by()
        .annotate(n=Count("pk"))
    )
    clocks = _reply_clocks(
        Application, Q(stage__in=["reply", "reply_art35"]), government, start, end
    )
    replied, on_time, by_department = _on_time_rows(clocks, government)
    disclosed = value("disclose", "total") + value("partial", "total")
    figures = [
        figure("applications_new", "本年新收政府信息公开申请", value("new", "total"), "件", source),
        figure(
            "applications_carried_in", "上年结转申请", value("carried_in", "total"), "件", source
        ),
        figure("applications_concluded", "本年办结申请", value("concluded", "total"), "件", source),
        figure("applications_disclosed", "予以公开或部分公开", disclosed, "件", source),
        figure(
            "applications_carried_out",
            "结转下年度继续办理",
            value("carried_out", "total"),
            "件",
            source,
        ),
        figure("applications_replied", "本年作出答复（计时结束）", replied, "件", source),
        figure("applications_on_time_rate", "按期答复率", rate(on_time, replied), "%", source),
    ]
    sentence = (
        f"全年新收政府信息公开申请{value('new', 'total')}件，上年结转{value('carried_in', 'total')}件，"
        f"办结{value('concluded', 'total')}件，其中予以公开或部分公开{disclosed}件，"
        f"结转下年度{value('carried_out', 'total')}件。"
    )
    return {
        "figures": figures,
        "sentence": sentence,
        "monthly": monthly,
        "outcomes": outcomes,
        "on_time_by_department": by_department,
    }


# -- 互动交流 -------------------------------------------------------------------------


def _messages(government, start, end, links) -> dict:
    """The figures of ``interaction.stats.message_statistics`` (the module's statistics
    page) for the year: messages written in the year (收到), of which taken on (受理), of
    which answered by the year's end (答复, by their first reply), 按时 when on or before
    the due date; ratings given in the year, (满意 + 基本满意) ÷ rated. Every reply counts
    with the message it answers, so 按时答复 ≤ 答复 ≤ 受理 ≤ 收到."""
    from gongkai.interaction.stats import message_statistics

    stats = message_statistics(government, start, end)
    total = stats.total
    written = Message.objects.filter(
        channel__government__path__startswith=government.path,
        submitted_at__date__gte=start,
        submitted_at__date__lte=end,
    )
    monthly = _monthly(
        written.annotate(month=ExtractMonth("submitted_at"))
        .values_list("month")
        .order_by()
        .annotate(n=Count("pk"))
    )
    source = links.board()
    satisfaction = rate(total.satisfied + total.basically, total.rated)
    replied, on_time = total.replied, total.on_time
    figures = [
        figure("messages_received", "收到群众留言", total.received, "件", source),
        figure("messages_accepted", "受理留言", total.accepted, "件", source),
        figure("messages_replied", "答复留言", replied, "件", source),
        figure("messages_on_time", "按时答复", on_time, "件", source),
        figure("messages_on_time_rate", "按时答复率", rate(on_time, replied), "%", source),
        figure("messages_satisfaction", "留言人满意率", satisfaction, "%", source),
    ]
    sentence = (
        f"全年收到群众留言{total.received}件，受理{total.accepted}件，"
        f"答复{replied}件，其中按时答复{on_time}件"
    )
    if satisfaction is not None:
        sentence += f"，留言人满意率{satisfaction:g}%"
    return {
        "figures": figures,
        "sentence": sentence + "。",
        "monthly": monthly,
        "on_time_by_department": _units(government, stats.by_department),
    }


def _units(government, rows) -> list:
    """[[unit, on-time rate %], …] from per-department rows: one per department of the
    government itself and one per government directly under it (its departments
    together), lowest rate first, then by name; units with nothing answered are left out."""
    places = {
        pk: (path, short or name)
        for pk, path, short, name in Department.objects.filter(
            pk__in=[r.key for r in rows]
        ).values_list("pk", "government__path", "short_name", "name")
    }
    children = dict(Government.objects.filter(parent=government).values_list("code", "name"))
    units: dict[tuple, list] = {}
    for row in rows:
        if not row.replied or row.key not in places:
            continue
        path, label = places[row.key]
        if path == government.path:
            key = ("department", row.key)
        else:
            code = path[len(government.path) :].split("/")[0]
            key, label = ("government", code), children.get(code, code)
        unit = units.setdefault(key, [label, 0, 0])
        unit[1] += row.replied
        unit[2] += row.on_time
    by_unit = [[label, rate(met, n)] for label, n, met in units.values()]
    by_unit.sort(key=lambda r: (r[1], r[0]))
    return by_unit


# -- 意见征集 -------------------------------------------------------------------------


def _consultations(government, start, end, links) -> dict:
    """Published consultations of the government's departments whose first round opened in
    the year (Beijing time), by kind; with a published feedback report (any round);
    comments and entries received on them (every one sent, moderated or not)."""
    held = (
        Consultation.objects.published()
        .filter(department__government__path__startswith=government.path)
        .annotate(first_opens=Min("rounds__opens_at"))
        .filter(first_opens__date__gte=start, first_opens__date__lte=end)
    )
    rows = list(
        held.annotate(
            fed_back=Exists(
                Round.objects.filter(
                    consultation=OuterRef("pk"), feedback_published_at__isnull=False
                )
            )
        )
        .values("pk", "title", "kind", "subject", "fed_back", "first_opens")
        .order_by("first_opens", "pk")
    )
    ids = [r["pk"] for r in rows]
    comments = Comment.objects.filter(round__consultation__in=ids).count()
    entries = Entry.objects.filter(round__consultation__in=ids).count()
    drafts = sum(r["kind"] == Kind.DRAFT for r in rows)
    calls = sum(r["kind"] == Kind.CALL for r in rows)
    fed_back = sum(r["fed_back"] for r in rows)
    figures = [
        figure("consultations_held", "开展意见征集", len(rows), "项", links.consultations()),
        figure("consultations_drafts", "草案征求意见", drafts, "项", links.consultations("draft")),
        figure("consultations_calls", "方案、名称等征集", calls, "项", links.consultations("call")),
        figure("consultations_fed_back", "公布意见采纳反馈", fed_back, "项", links.consultations()),
        figure("consultations_comments", "收到意见", comments, "条", links.consultations("draft")),
        figure(
            "consultations_entries",
            "收到应征作品和方案",
            entries,
            "件",
            links.consultations("call"),
        ),
    ]
    listed = [
        {
            "title": r["title"],
            "kind": Kind(r["kind"]).label,
            "fed_back": r["fed_back"],
            "url": links.consultation(r["pk"]),
        }
        for r in rows
    ]
    sentence = (
        f"全年开展意见征集{len(rows)}项，其中草案征求意见{drafts}项、方案和名称等征集{calls}项，"
        f"收到意见{comments}条、应征作品和方案{entries}件，{fed_back}项已公布采纳情况反馈。"
    )
    return {"figures": figures, "sentence": sentence, "listed": listed}


# -- 规范性文件 -----------------------------------------------------------------------


def _documents(government, year, links) -> dict:
    """Table 二's first block (``table_two.document_counts``): 制发 by 成文日期 in the
    year, 废止 by the day validity changed to 废止, 现行有效 at 31 December."""
    counts = document_counts(government, year)
    normative, rules = counts["行政规范性文件"], counts["规章"]
    figures = [
        figure(
            "normative_issued",
            "制发行政规范性文件",
            normative["本年制发件数"],
            "件",
            links.normative("normative"),
        ),
        figure(
            "normative_repealed",
            "废止行政规范性文件",
            normative["本年废止件数"],
            "件",
            links.normative("normative", repealed=True),
        ),
        figure(
            "normative_in_force",
            "年末现行有效行政规范性文件",
            normative["现行有效件数"],
            "件",
            links.normative("normative", valid=True),
        ),
        figure("rules_issued", "制发规章", rules["本年制发件数"], "件", links.normative("rule")),
        figure(
            "rules_repealed",
            "废止规章",
            rules["本年废止件数"],
            "件",
            links.normative("rule", repealed=True),
        ),
    ]
    sentence = (
        f"全年制发行政规范性文件{normative['本年制发件数']}件、废止{normative['本年废止件数']}件，"
        f"年末现行有效{normative['现行有效件数']}件；制发规章{rules['本年制发件数']}件、"
        f"废止{rules['本年废止件数']}件。"
    )
    return {"figures": figures, "sentence": sentence}


# -- 建议提案 -------------------------------------------------------------------------


def _proposals(government, year, links) -> dict:
    """Sessions of the government (and those under it) opened in the year, counted by
    ``proposals.stats.summary`` — the figures of its summary sentence."""
    sessions = list(
        Session.objects.filter(
            government__path__startswith=government.path, opened_on__year=year
        ).order_by("opened_on", "pk")
    )
    figures_ = summary(sessions)
    congress = [s for s in sessions if s.body == Body.CONGRESS]
    cppcc = [s for s in sessions if s.body == Body.CPPCC]
    all_sessions = links.proposals()
    figures = [
        figure(
            "proposals_handled",
            "承办人大代表建议和政协提案",
            figures_.handled,
            "件",
            all_sessions,
        ),
        figure(
            "proposals_suggestions",
            "承办人大代表建议",
            figures_.suggestions,
            "件",
            links.proposals(congress),
        ),
        figure(
            "proposals_proposals",
            "承办政协提案",
            figures_.proposals,
            "件",
            links.proposals(cppcc),
        ),
        figure("proposals_done", "已办结", figures_.done, "件", all_sessions),
        figure(
            "proposals_satisfaction",
            "代表委员满意率",
            rate(figures_.satisfied, figures_.rated),
            "%",
            all_sessions,
        ),
    ]
    sentence = summary_sentence(sessions)
    if not sentence.endswith("。"):
        sentence += "。"
    return {"figures": figures, "sentence": sentence}


# -- the list of cards ------------------------------------------------------------------


def years_with_data(governments: list[Government], *, today=None) -> list[tuple[int, Government]]:
    """(year, government) for each government and each year in which anything of its scope
    happened — an item published, an application received, a message written, a
    consultation published, a session opened — newest year first, then by path. Only
    years that have ended by ``today`` (Beijing time): a card sums up a whole year.

    Five queries of distinct (path, year) pairs, rolled up along the paths."""
    this_year = (today or timezone.localdate()).year
    pairs: set[tuple[str, int]] = set()
    sources = [
        (InformationItem.objects.public(), "government__path", "published_at__year"),
        (Application.objects.received(), "department__government__path", "received_on__year"),
        (Message.objects.all(), "channel__government__path", "submitted_at__year"),
        (
            Consultation.objects.published(),
            "department__government__path",
            "published_at__year",
        ),
        (Session.objects.all(), "government__path", "opened_on__year"),
    ]
    for queryset, path, year in sources:
        pairs.update(queryset.values_list(path, year).order_by().distinct())
    out = []
    for government in governments:
        years = {y for p, y in pairs if y is not None and p.startswith(government.path)}
        out.extend((y, government) for y in years if 2000 <= y < min(this_year, 2101))
    out.sort(key=lambda pair: (-pair[0], pair[1].path))
    return out
