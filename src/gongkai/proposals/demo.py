"""Demo data of 建议提案办理: the 2016 sessions of Tianshui, played through the real actions.

``load_proposals(ctx)`` (a loader for ``gongkai.demo.loaders``; it needs the
city, its departments and their demo staff) creates 市六届人大五次会议 with 183
deputies' suggestions (代表建议) and 市政协六届五次会议 with 221 CPPCC proposals
(政协提案), imports them through the import action, assigns them at the
交办会 in March 2016 and takes each through the steps its plan says, on the
historical dates (``on=``): co-handlers' opinions, reply letters drafted,
returned once in a while, approved and graded A/B/C/D, a few sent late, a few
not public (with the reason), satisfaction recorded (满意 / 基本满意 / 不满意),
不满意 re-handled in a second round. At the end every state is present: a
couple of items still 待交办, some still in handling or awaiting the leader's
signature, replied items awaiting the deputy's view, items in re-handling and
closed ones. Three 现场督办 visits are recorded; two are published as news
through the disclosure review.

Notices are withheld (``gongkai.notices.services.withhold_notices``): only the
in-app notices about items still open at the end are written, unread, as
what calls for the staff's attention now.

The plan is deterministic (one seeded ``random.Random``), so the summary
sentence is the same on every machine. Idempotent: when the congress session
already has items, nothing is added.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Max

from gongkai.accounts.models import User
from gongkai.notices.services import withhold_notices
from gongkai.orgs.models import Department
from gongkai.workflow.models import Entry

from . import services
from .flow import FLOW
from .models import Body, Proposal, ProposalRules, Session
from .stats import summary_sentence

SEED = 2016
BEIJING = ZoneInfo("Asia/Shanghai")
CONGRESS = ("市六届人大五次会议", date(2016, 1, 8), date(2016, 3, 4), 183, "建议")
CPPCC = ("市政协六届五次会议", date(2016, 1, 7), date(2016, 3, 7), 221, "提案")

# (subject, lead unit slug, co-handling slugs, what the reply says was done)
TOPICS = [
    ("加快{p}老旧小区改造", "jsj", ["czj"], "已将{p}老旧小区纳入2016年棚户区和老旧小区改造计划"),
    ("改善{p}农村饮水安全", "swj", ["wjw"], "已安排{p}农村饮水安全巩固提升工程"),
    ("加强{p}中小学校舍安全管理", "jyj", ["czj"], "已对{p}中小学校舍开展安全排查并安排维修资金"),
    ("治理{p}冬季大气污染", "hbj", ["gaj"], "已在{p}实施燃煤锅炉改造和黄标车淘汰"),
    ("规范{p}农贸市场食品安全监管", "sypj", ["gsj"], "已在{p}农贸市场设立食品快检室"),
    ("完善{p}城乡居民养老保险", "rsj", [], "已提高{p}城乡居民基础养老金标准"),
    ("加快{p}精准扶贫产业发展", "fpb", ["nyj"], "已为{p}贫困村安排产业扶持资金"),
    ("改善{p}群众交通出行条件", "jtj", ["gaj"], "已将{p}农村公路建设列入年度计划"),
    ("加强{p}基层医疗卫生服务能力", "wjw", [], "已为{p}乡镇卫生院招聘全科医生"),
    ("推进{p}苹果产业提质增效", "nyj", ["lyj"], "已在{p}推广矮化密植和果园提质技术"),
    ("保护{p}历史文化街区", "wgxj", ["jsj"], "已编制{p}历史文化街区保护规划"),
    ("加强{p}安全生产监管", "ajj", [], "已在{p}开展安全生产大检查"),
    ("规范{p}征地拆迁补偿", "gtj", [], "已统一{p}征地补偿标准并公开"),
    ("扶持{p}小微企业发展", "fgw", ["gsj", "czj"], "已落实{p}小微企业税费减免和贷款贴息"),
    ("提升{p}政务服务效率", "zwzx", [], "已在{p}推行一窗受理和网上审批"),
    ("加强{p}农村社会救助", "mzj", [], "已提高{p}农村低保标准"),
    ("推进{p}电子商务进农村", "sj", [], "已在{p}建设农村电商服务站"),
    ("加强{p}藉河流域综合治理", "swj", ["hbj"], "已实施{p}藉河流域水环境治理工程"),
    ("规范{p}公共资源交易", "ggzy", [], "已将{p}政府采购全部纳入平台交易"),
    ("加强{p}法治政府建设", "fzb", [], "已开展{p}行政执法案卷评查"),
    ("加强{p}城市停车管理", "gaj", ["jsj"], "已在{p}新增公共停车泊位"),
    ("加大{p}退耕还林力度", "lyj", [], "已下达{p}新一轮退耕还林任务"),
    ("加强{p}食品生产企业质量监管", "zjj", ["sypj"], "已对{p}食品生产企业开展专项抽检"),
    ("落实{p}审计整改", "sjj", [], "已督促{p}审计发现问题整改到位"),
    ("完善{p}统计监测制度", "tjj", [], "已在{p}建立重点项目统计监测"),
]
PLACES = [
    "秦州区",
    "麦积区",
    "清水县",
    "秦安县",
    "甘谷县",
    "武山县",
    "张家川回族自治县",
    "城区",
    "全市",
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹"
GIVEN = [
    "建华",
    "秀英",
    "志强",
    "文明",
    "晓东",
    "海燕",
    "国庆",
    "丽娟",
    "永红",
    "俊杰",
    "春梅",
    "德胜",
]
PARTIES = [
    "民革天水市委员会",
    "民盟天水市委员会",
    "民建天水市委员会",
    "农工党天水市委员会",
    "九三学社天水市委员会",
]
GRADES = ["A"] * 9 + ["B"] * 7 + ["C"] * 3 + ["D"]
LEADERS = {
    Body.CONGRESS: "市人大常委会副主任李文华",
    Body.CPPCC: "市政协副主席赵明德",
}


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _rows(body: str, count: int, word: str, rng: random.Random) -> list[tuple[int, dict]]:
    combos = [(t, p) for t in range(len(TOPICS)) for p in PLACES]
    rng.shuffle(combos)
    rows = []
    for n, (topic, place) in enumerate(combos[:count], start=1):
        subject = TOPICS[topic][0].format(p=place)
        if body == Body.CONGRESS:
            authors = f"{_person(rng)}（领衔），{_person(rng)}、{_person(rng)}"
        elif n % 4 == 0:
            authors = rng.choice(PARTIES)
        else:
            authors = f"{_person(rng)}等{rng.randint(2, 6)}位委员"
        content = (
            f"{place}在“{subject.removeprefix('加强').removeprefix('加快')}”方面仍有不少困难，群众反映较多。"
            f"建议：一是加大资金投入；二是明确责任单位和完成时限；三是建立定期通报制度，接受人大代表、政协委员和群众监督。"
        )
        rows.append(
            (
                n + 1,
                {
                    "number": str(n),
                    "title": f"关于{subject}的{word}",
                    "authors": authors,
                    "content": content,
                    "suggested_units": "",
                    "_topic": topic,
                    "_place": place,
                },
            )
        )
    return rows


# What happens to the i-th item (after shuffling): the ending it reaches.
ENDINGS = (
    ["pending"] * 2
    + ["handling"] * 3
    + ["approval"] * 2
    + ["replied"] * 5
    + ["reopened"] * 4
    + ["round2_satisfied", "round2_unsatisfied", "round2_basically"]
)
# Endings that leave the item open (not replied or closed) when the play ends: only
# the in-app notices about these are written, unread — what calls for attention now.
OPEN_ENDINGS = frozenset({"pending", "handling", "approval", "reopened"})


def _reply_text(proposal, done: str, grade: str) -> str:
    who = proposal.authors.split("（")[0].split("等")[0].split("，")[0]
    title = "代表" if proposal.session.body == Body.CONGRESS else "委员"
    salutation = who if who.endswith("委员会") else f"{who}{title}"
    outlook = {
        "A": "目前所提问题已基本解决。",
        "B": "该项工作已列入2016—2017年工作计划，正在逐步推进。",
        "C": "受财力和现有条件限制，将在今后条件具备时统筹解决。",
        "D": "您的意见对我们改进工作很有参考价值，我们将认真研究吸纳。",
    }[grade]
    return (
        f"{salutation}：您提出的《{proposal.title}》收悉，现答复如下。"
        f"我单位高度重视，专门召开会议研究办理，{done}。{outlook}"
        f"感谢您对{proposal.lead_department.name}工作的关心和支持。"
    )


class _Play:
    def __init__(self, ctx, session: Session, rng: random.Random):
        self.ctx = ctx
        self.session = session
        self.rng = rng
        self.office = _user("ts_szfb_gkb")
        self.units = {d.name: d for d in Department.objects.filter(government=session.government)}
        self.slugs = {}

    def unit(self, slug: str) -> Department:
        if slug not in self.slugs:
            from gongkai.demo import tianshui

            name = next(n for s, n, *_ in tianshui.CITY_DEPARTMENTS if s == slug)
            self.slugs[slug] = self.units[name]
        return self.slugs[slug]

    def co_opinions(self, item, opinions, before: date | None = None) -> None:
        for assignment, slug, on in opinions:
            if before is not None:
                on = max(assignment.assigned_on, min(on, before - timedelta(days=1)))
            services.give_co_opinion(
                item,
                department=assignment.department,
                opinion=f"{assignment.department.name}同意主办单位意见，将在职责范围内配合做好相关工作，并提供所需数据和资料。",
                actor=_user(f"ts_{slug}_handler"),
                on=on,
            )

    def play(self, item, plan: dict, assigned_on: date, ending: str) -> None:
        rng = self.rng
        topic = TOPICS[plan["_topic"]]
        if ending == "pending":
            return
        lead_slug = topic[1]
        complex_item = rng.random() < 0.03
        co = [self.unit(s) for s in topic[2]]
        joint, assist = (co[:1], co[1:]) if co else ([], [])
        services.assign(
            item,
            lead=self.unit(lead_slug),
            joint=joint,
            assist=assist,
            actor=self.office,
            on=assigned_on,
            complex=complex_item,
        )
        item.refresh_from_db()
        handler, leader = _user(f"ts_{lead_slug}_handler"), _user(f"ts_{lead_slug}_reviewer")
        opinions = []
        for a in item.co_assignments():
            slug = next(s for s in topic[2] if self.unit(s) == a.department)
            if ending == "handling" and rng.random() < 0.5:
                continue
            opinions.append((a, slug, a.due_date - timedelta(days=rng.randint(1, 10))))
        if ending == "handling":
            self.co_opinions(item, opinions)
            return
        late = rng.random() < 0.04
        span = (item.due_date - assigned_on).days
        drafted = assigned_on + timedelta(days=rng.randint(span // 3, span - 8))
        if late:
            drafted = item.due_date + timedelta(days=rng.randint(3, 12))
        # A co-handling unit's opinion reaches the lead unit before it drafts its letter.
        self.co_opinions(item, opinions, before=drafted)
        grade = rng.choice(GRADES)
        public = rng.random() > 0.04
        done = topic[3].format(p=plan["_place"])
        reason = "" if public else "答复中涉及尚未公开的项目安排和资金测算。"
        services.submit_reply(
            item,
            text=_reply_text(item, done, grade),
            grade=grade,
            public=public,
            not_public_reason=reason,
            actor=handler,
            on=drafted,
        )
        if ending == "approval":
            return
        if rng.random() < 0.08:
            services.return_reply(
                item,
                comment="请补充资金来源和完成时限，再送审签。",
                actor=leader,
                on=drafted + timedelta(days=1),
            )
            services.submit_reply(
                item,
                text=_reply_text(item, done + "，资金由市县两级财政分担，年底前完成", grade),
                grade=grade,
                public=public,
                not_public_reason=reason,
                actor=handler,
                on=drafted + timedelta(days=2),
            )
            drafted += timedelta(days=2)
        sent = drafted + timedelta(days=rng.randint(1, 4))
        services.approve_reply(item, actor=leader, on=sent)
        item.refresh_from_db()
        if ending == "replied":
            return
        asked = sent + timedelta(days=rng.randint(10, 25))
        if ending in ("reopened",) or ending.startswith("round2"):
            services.record_satisfaction(
                item,
                satisfaction="unsatisfied",
                comment="答复未明确具体完成时限，希望进一步落实。",
                actor=self.office,
                on=asked,
            )
            item.refresh_from_db()
            if ending == "reopened":
                return
            again = asked + timedelta(days=rng.randint(10, 20))
            services.submit_reply(
                item,
                text=_reply_text(item, done + "，并已明确于2016年12月底前全部完成", "B"),
                grade="B",
                actor=handler,
                on=again,
            )
            services.approve_reply(item, actor=leader, on=again + timedelta(days=2))
            item.refresh_from_db()
            final = ending.removeprefix("round2_")
            services.record_satisfaction(
                item,
                satisfaction=final,
                comment="仍希望加快进度。" if final == "unsatisfied" else "",
                actor=self.office,
                on=again + timedelta(days=15),
            )
            return
        view = "satisfied" if rng.random() < 0.82 else "basically"
        services.record_satisfaction(item, satisfaction=view, actor=self.office, on=asked)


def _rules(city) -> None:
    ProposalRules.objects.get_or_create(government=city, body=Body.CONGRESS)
    ProposalRules.objects.get_or_create(
        government=city,
        body=Body.CPPCC,
        defaults={"limit_months": 3, "complex_limit_months": 6, "rehandle_months": 1},
    )


def _session(city, office, body, spec) -> Session:
    name, opened_on, *_ = spec
    session, _ = Session.objects.get_or_create(
        government=city,
        name=name,
        defaults={"body": body, "opened_on": opened_on, "office": office},
    )
    return session


def _visits(sessions: dict[str, Session]) -> int:
    writer, secrecy, leader = (
        _user("ts_szfb_handler"),
        _user("ts_szfb_secrecy"),
        _user("ts_szfb_reviewer"),
    )
    office = _user("ts_szfb_gkb")
    plans = [
        (Body.CONGRESS, "老旧小区", date(2016, 5, 18), "秦州区建设路老旧小区改造现场", True),
        (Body.CPPCC, "藉河", date(2016, 6, 8), "藉河流域综合治理工程现场", True),
        (Body.CONGRESS, "饮水安全", date(2016, 9, 21), "清水县农村饮水安全工程现场", False),
    ]
    made = 0
    for body, word, on, place, publish in plans:
        session = sessions[body]
        items = list(session.items.filter(title__contains=word).order_by("number")[:3])
        if not items:
            continue
        units = "、".join(sorted({i.lead_department.name for i in items if i.lead_department}))
        visit = services.record_visit(
            session,
            actor=office,
            visited_on=on,
            leaders=LEADERS[body],
            place=place,
            summary=(
                f"督办组实地察看了{place}，听取了{units or '承办单位'}关于办理情况的汇报。"
                f"{LEADERS[body]}指出，承办单位要把办理工作与推动中心工作结合起来，"
                "明确时限、落实责任，确保办理质量和代表委员满意度。"
            ),
            proposals=items,
        )
        made += 1
        if publish:
            from gongkai.disclosure import actions

            written = datetime.combine(on, time(17, 0), tzinfo=BEIJING)
            news = services.publish_visit(visit, actor=writer, now=written)
            actions.pass_confidentiality_review(
                news, actor=secrecy, now=written + timedelta(hours=15)
            )
            actions.approve_item(news, actor=leader, now=written + timedelta(hours=17))
    return made


def _in_app(notice) -> bool:
    from gongkai.notices.models import NoticeChannel

    return notice.channel == NoticeChannel.INAPP


def load_proposals(ctx) -> None:
    city = ctx.city
    office = Department.objects.get(government=city, name="天水市人民政府办公室")
    _rules(city)
    sessions = {
        Body.CONGRESS: _session(city, office, Body.CONGRESS, CONGRESS),
        Body.CPPCC: _session(city, office, Body.CPPCC, CPPCC),
    }
    if sessions[Body.CONGRESS].items.exists():
        ctx.out("  建议提案：已存在，未重复载入")
        return
    mark = Entry.objects.aggregate(m=Max("pk"))["m"] or 0
    with withhold_notices():  # 2016: nobody is there to read them now
        visits = _play_sessions(ctx, sessions)
    _date_timelines(sessions.values(), mark)
    ctx.out(f"  建议提案：{summary_sentence(sessions.values())}；现场督办 {visits} 次")


def _date_timelines(sessions, mark: int) -> None:
    """The timeline lines the story wrote now belong to its days: each at 09:00 of the
    day it counts from (the import at the session's opening), in the order written."""
    opened = {s.pk: s.opened_on for s in sessions}
    session_of = dict(Proposal.objects.filter(session__in=opened).values_list("pk", "session_id"))
    lines = list(Entry.objects.filter(pk__gt=mark, workflow=FLOW.name).order_by("pk"))
    for rank, line in enumerate(lines):
        if line.kind == "imported":
            line.on = opened[session_of[int(line.object_id)]]
        line.at = datetime.combine(line.on, time(9), tzinfo=BEIJING) + timedelta(seconds=rank)
    Entry.objects.bulk_update(lines, ["on", "at"], batch_size=1000)


def _play_sessions(ctx, sessions: dict[str, Session]) -> int:
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    actor = _user("ts_szfb_gkb")
    for body, spec in ((Body.CONGRESS, CONGRESS), (Body.CPPCC, CPPCC)):
        session = sessions[body]
        _name, _opened, assigned_on, count, word = spec
        rows = _rows(body, count, word, rng)
        clean = [
            (r, {k: v for k, v in values.items() if not k.startswith("_")}) for r, values in rows
        ]
        report = services.import_items(session, actor=actor, rows=clean)
        assert report.imported == count, report.invalid_rows
        play = _Play(ctx, session, rng)
        endings = ENDINGS + ["closed"] * (count - len(ENDINGS))
        rng.shuffle(endings)
        items = {i.number: i for i in session.items.all()}
        for (_row, values), ending in zip(rows, endings, strict=True):
            with withhold_notices(keep=_in_app if ending in OPEN_ENDINGS else None):
                play.play(items[values["number"]], values, assigned_on, ending)
    return _visits(sessions)
