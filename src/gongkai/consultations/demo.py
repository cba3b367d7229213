"""``gongkai demo``: the seed's consultations of 2016, and one open today.

From the 2016 Tianshui report: the public participation in the city master
plan, the 19 road names of 成纪新城 (with a public vote), the design schemes
of the 西关片区 (棚户区改造) first phase, the 伏羲庙 logo, the 伏羲大典 texts,
the mascot of the provincial secondary-school games, and the draft rules on
retiring 黄标车 with comments and a published feedback report. Everything
goes through the services (access, clock, audit) with the dates of 2016,
those of ``gongkai.demo.timeline``, which the catalogue's notices share;
only the votes of the road names are written directly (thousands of SMS
codes would tell the demo nothing).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.demo import tianshui, timeline
from gongkai.demo.timeline import CALL_PERIODS, YELLOW_DRAFT
from gongkai.orgs.models import Department, Government

from . import services
from .models import Comment, Consultation, Entry, FeedbackGroup, Kind, Outcome, Vote

SEED = 2016
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐"
GIVEN = "建国志强丽娟海燕文明晓东小红国庆春梅秀英永刚玉兰红霞卫东晓燕德明"

# Themes of the public's comments on the draft: (clause position, group title,
# outcome, reason, texts). Position 1 is the title line; 第一条 is position 2.
YELLOW_THEMES = [
    (
        4,
        "关于提高补贴标准的意见",
        Outcome.PARTLY,
        "综合考虑财政承受能力和周边市州标准，第三条改为“重型载货汽车每辆20000元”，其他车型标准不变；"
        "提前淘汰的“按淘汰时间分档”补贴，越早淘汰补贴越多。",
        [
            "小型载客汽车补贴3000元偏低，建议提高到5000元，否则车主积极性不高。",
            "补贴标准应当考虑车辆剩余使用年限，剩余年限长的多补一些。",
            "建议参照兰州市的补贴标准，适当提高各类车型的补贴金额。",
            "重型载货汽车18000元补贴不足以弥补损失，建议提高到25000元。",
            "农村地区的老旧车辆多，希望补贴标准对农户适当倾斜。",
        ],
    ),
    (
        7,
        "关于补贴拨付时限的意见",
        Outcome.ADOPTED,
        "第六条增加“自核查完成之日起15个工作日内拨付到车主本人账户”。",
        [
            "补贴什么时候到账没有规定，建议明确拨付时限，不要让车主长期等待。",
            "希望规定财政部门在核查完成后多少个工作日内拨付补贴。",
            "以前的补贴有拖了半年才发的，建议写明拨付期限并公开进度。",
        ],
    ),
    (
        5,
        "关于限行区域和时间的意见",
        Outcome.PARTLY,
        "限行区域不变；第四条的限行开始时间推迟至“2016年11月1日”，给车主留出办理报废的时间。",
        [
            "10月1日开始限行太仓促，建议推迟一到两个月，给车主留出报废更新的时间。",
            "限行区域应当扩大到麦积区主城区，麦积的黄标车也很多。",
            "建议在限行路段设置明显的标志，并提前通过媒体告知。",
        ],
    ),
    (
        6,
        "关于简化补贴申请材料的意见",
        Outcome.ADOPTED,
        "取消车主到环保部门现场申请的要求，改为“在报废回收企业一次性提交申请材料”，由部门内部流转核查。",
        [
            "申请补贴要跑环保局、回收企业好几个地方，建议在回收企业现场一次办结。",
            "外地登记的车辆在天水报废能否申请补贴，建议明确。",
            "建议补贴申请可以网上办理，减少群众跑腿。",
        ],
    ),
    (
        3,
        "关于黄标车认定标准的意见",
        Outcome.NOT_ADOPTED,
        "黄标车和老旧机动车的认定执行国家标准，本细则不宜另行规定；车主可到车管所查询车辆环保标志。",
        [
            "有的车辆排放检测合格但被划为黄标车，建议以实际检测结果认定。",
            "老旧机动车的范围不够明确，使用多少年算老旧车应当写清楚。",
        ],
    ),
]

ROAD_NAMES = [
    ("羲皇大道东延段", "伏羲是天水的文化标识，延续羲皇大道的名称，便于市民识别方向。"),
    ("成纪路", "天水古称成纪，以成纪命名新城主干道，彰显城市历史。"),
    ("卦台山路", "卦台山是伏羲画卦之地，道路通往卦台山方向。"),
    ("秦州大道", "秦州是天水的古称之一，道路宽阔，适合以大道命名。"),
    ("渭滨路", "道路沿渭河南岸，渭滨之名简洁明了。"),
    ("麦积路", "以麦积山石窟命名，体现天水的旅游文化。"),
    ("伏羲路", "以人文始祖伏羲命名，寓意文化传承。"),
    ("女娲路", "与伏羲路相对应，体现天水“羲皇故里”的文化内涵。"),
    ("大地湾路", "大地湾遗址是天水重要的史前文化遗址。"),
    ("轩辕路", "天水是轩辕黄帝的诞生地之一。"),
    ("李广路", "飞将军李广是天水人，以其命名激励后人。"),
    ("赵充国路", "西汉名将赵充国是天水人。"),
    ("姜维路", "三国名将姜维是天水甘谷人。"),
    ("苏蕙路", "前秦才女苏蕙织锦回文璇玑图，为天水文化名人。"),
    ("南山路", "道路靠近南山，地名通俗易记。"),
    ("籍河路", "道路与藉河平行，沿用河流名称。"),
    ("花牛路", "天水花牛苹果闻名全国，以特产命名。"),
    ("玉泉路", "道路靠近玉泉观，沿用地名。"),
    ("天河路", "取“天水”之意，寓意天河注水。"),
]

CALLS = [
    # (department slug, subject, title, summary, open, close, names of entries)
    (
        "jsj",
        "设计方案",
        "西关片区名城保护（棚户区改造）一期项目设计方案公开征集意见",
        "西关片区是天水历史文化名城的核心区域。一期项目设计方案共三套，现予公示，"
        "请市民对各方案的街巷格局、建筑风貌和古民居保护提出意见，并投票选出最满意的方案。",
        *CALL_PERIODS["西关片区名城保护（棚户区改造）一期项目设计方案"],
        [
            (
                "方案一：保留街巷肌理、院落式更新",
                "保留西关片区原有街巷格局，以四合院式院落为单元进行更新，古民居原址修缮。",
            ),
            (
                "方案二：主街商业、背街居住",
                "沿主街布置传统风貌商业，背街恢复居住功能，增加停车和绿地。",
            ),
            (
                "方案三：文化街区整体开发",
                "以文化旅游街区为定位整体开发，引入博物馆和非遗展示空间。",
            ),
        ],
    ),
    (
        "wgxj",
        "标识",
        "伏羲庙标识（LOGO）设计方案征集",
        "为提升伏羲庙的文化品牌形象，面向社会征集伏羲庙标识设计方案。作品应体现伏羲文化和"
        "明代古建筑群特色，简洁醒目，便于在门票、导览和宣传品上使用。",
        *CALL_PERIODS["伏羲庙标识"],
        [
            ("太极八卦", "以八卦图形为主体，融合伏羲庙牌坊轮廓。"),
            ("古柏龙首", "以伏羲庙古柏和龙首图案表现人文始祖的形象。"),
            ("印章篆刻", "以篆书“伏羲庙”印章形式设计，古朴庄重。"),
        ],
    ),
    (
        "wgxj",
        "祭文和宣传语",
        "2016（丙申）年公祭中华人文始祖伏羲大典祭文和宣传语征集",
        "面向社会征集2016年公祭伏羲大典祭文和宣传语。祭文要求内容庄重、文辞典雅；"
        "宣传语要求简洁凝练，体现“羲皇故里、龙城天水”的城市形象。",
        *CALL_PERIODS["伏羲大典祭文和宣传语"],
        [
            ("羲皇故里 龙城天水", "突出天水的两张城市名片，朗朗上口。"),
            ("一画开天 万古文明", "取伏羲一画开天的典故，表现中华文明之源。"),
            ("寻根问祖到天水", "面向海内外华人的寻根主题宣传语。"),
        ],
    ),
    (
        "jyj",
        "吉祥物",
        "甘肃省第三届中学生运动会吉祥物设计方案征集",
        "甘肃省第三届中学生运动会在天水举办，现面向社会征集吉祥物设计方案。作品应体现青春活力"
        "和天水地域文化，造型可爱，便于制作成各类宣传品。",
        *CALL_PERIODS["甘肃省第三届中学生运动会吉祥物设计方案"],
        [
            ("羲羲和苹苹", "以伏羲形象和花牛苹果为原型设计的一对卡通形象。"),
            ("麦积小佛", "以麦积山石窟小沙弥为原型，表现微笑与友善。"),
            ("龙龙", "以天水“龙城”为主题的小龙形象。"),
        ],
    ),
]


@dataclass
class People:
    rng: random.Random
    serial: int = 0

    def next(self) -> dict:
        self.serial += 1
        given = [GIVEN[i : i + 2] for i in range(0, len(GIVEN), 2)]
        name = self.rng.choice(SURNAMES) + self.rng.choice(given)
        return {
            "name": name,
            "phone": f"139{self.rng.randrange(10**7, 10**8):08d}",
            "email": "",
            "wants_public": self.rng.random() < 0.85,
        }


def _at(on: date, hour: int = 10) -> datetime:
    return datetime.combine(on, time(hour), tzinfo=timezone.get_default_timezone())


class Loader:
    def __init__(self, ctx):
        self.ctx = ctx
        self.city = Government.objects.get(code=tianshui.CITY[0])
        self.rng = random.Random(SEED)  # noqa: S311 - varied demo data, not security
        self.people = People(self.rng)

    def dept(self, slug: str) -> Department:
        name = next(n for s, n, *_ in tianshui.CITY_DEPARTMENTS if s == slug)
        return Department.objects.get(government=self.city, name=name)

    def user(self, slug: str, role: str) -> User:
        return User.objects.get(username=f"ts_{slug}_{role}")

    def consultation(self, slug, kind, title, summary, opens_on, closes_on, *, text="", subject=""):
        draft = services.Draft(
            kind=kind,
            title=title,
            summary=summary,
            subject=subject,
            contact_name=self.people.next()["name"],
            contact_phone=f"0938-82{self.rng.randrange(10000, 99999)}",
            opens_on=opens_on,
            closes_on=closes_on,
            draft_text=text,
        )
        consultation = services.create(self.dept(slug), draft, actor=self.user(slug, "handler"))
        services.publish(
            consultation,
            actor=self.user(slug, "reviewer"),
            now=_at(opens_on - timedelta(days=1), 16),
        )
        return Consultation.objects.get(pk=consultation.pk)

    # -- the draft rules on 黄标车, with comments and published feedback ----------
    def yellow_label_rules(self) -> Consultation:
        c = self.consultation(
            "hbj",
            Kind.DRAFT,
            "《天水市淘汰尾气排放不达标黄标车和老旧机动车实施细则》草案公开征求意见",
            "为加快淘汰黄标车和老旧机动车、改善城市空气质量，市环保局起草了实施细则草案，"
            "现全文公布，征求社会各界意见。请针对具体条款提出意见，并说明理由。",
            *timeline.YELLOW_COMMENTS,
            text=YELLOW_DRAFT,
        )
        round = c.current_round()
        handler = self.user("hbj", "handler")
        opens, closes = timeline.YELLOW_COMMENTS
        day = opens
        spam = []
        for index, (position, title, outcome, reason, texts) in enumerate(YELLOW_THEMES, 1):
            ids = []
            for repeat in range(self.rng.randint(2, 4)):
                for text in texts:
                    data = {**self.people.next(), "clause": position, "text": text}
                    if repeat:
                        data["text"] = text.rstrip("。") + self.rng.choice(
                            ["，请认真研究。", "。", "，谢谢！", "，望采纳。"]
                        )
                    day = min(day + timedelta(days=self.rng.choice([0, 0, 1])), closes)
                    receipt = services.submit_comment(
                        round, data, now=_at(day, self.rng.randint(8, 22))
                    )
                    ids.append(receipt.record.pk)
            services.moderate(c, comment_ids=ids, approve=True, actor=handler)
            group = FeedbackGroup.objects.create(round=round, position=index, title=title)
            Comment.objects.filter(pk__in=ids).update(group=group)
            services.decide_group(group, title=title, outcome=outcome, reason=reason, actor=handler)
        for text in ["专业代办车辆报废补贴，联系电话见主页。", "好好好好好好"]:
            data = {**self.people.next(), "clause": None, "text": text}
            spam.append(
                services.submit_comment(round, data, now=_at(closes - timedelta(days=12))).record.pk
            )
        services.moderate(
            c, comment_ids=spam, approve=False, note="广告或与征集无关", actor=handler
        )
        report = services.report(round)
        services.publish_feedback(
            c,
            f"{timeline.period(opens, closes)}，我局就实施细则草案公开征求意见，"
            f"共收到意见{report.received}条，其中有效意见{report.approved}条。经逐条研究，"
            "采纳或部分采纳的意见已写入细则修改稿，修改稿报市政府审定后印发；"
            "未采纳的说明了理由。感谢社会各界的关心和支持。",
            actor=self.user("hbj", "reviewer"),
            now=_at(timeline.YELLOW_FEEDBACK_ON, 15),
        )
        return c

    # -- the 19 road names of 成纪新城, with a public vote -------------------------
    def road_names(self) -> Consultation:
        c = self.consultation(
            "mzj",
            Kind.CALL,
            "成纪新城19条道路名称公开征集",
            "成纪新城路网已基本建成，19条新建道路需要命名。现面向社会公开征集道路名称，"
            "征集结束后由专家评审提出入围名称，再由市民投票，作为地名命名的重要参考。",
            *timeline.ROAD_NAMES_CALL,
            subject="道路名称",
        )
        round = c.current_round()
        handler = self.user("mzj", "handler")
        opens, closes = timeline.ROAD_NAMES_CALL
        vote_opens, vote_closes = timeline.ROAD_NAMES_VOTE
        entries = []
        for i, (title, description) in enumerate(ROAD_NAMES):
            data = {**self.people.next(), "title": title, "description": description}
            day = opens + timedelta(days=i + 1)
            entries.append(services.submit_entry(round, data, now=_at(day)).record)
        extra = [
            ("新城一路", "按序号命名，简单明了。"),
            ("幸福路", "寓意新城居民生活幸福。"),
        ]
        for title, description in extra:
            data = {**self.people.next(), "title": title, "description": description}
            entries.append(
                services.submit_entry(round, data, now=_at(closes - timedelta(days=5))).record
            )
        services.moderate(c, entry_ids=[e.pk for e in entries], approve=True, actor=handler)
        shortlisted = entries[: len(ROAD_NAMES)]
        services.schedule_vote(
            c,
            [e.pk for e in shortlisted],
            opens_on=vote_opens,
            closes_on=vote_closes,
            actor=handler,
            now=_at(closes + timedelta(days=5)),
        )
        weights = [self.rng.randint(40, 400) for _ in shortlisted]
        votes = []
        for n in range(sum(weights) // 4):
            (entry,) = self.rng.choices(shortlisted, weights=weights)
            votes.append(
                Vote(
                    round=round,
                    entry=entry,
                    phone=f"13{n:09d}",
                    cast_at=_at(vote_opens + timedelta(days=n % 10), 8 + n % 14),
                )
            )
        Vote.objects.bulk_create(votes, batch_size=1000)
        for entry in entries:
            adopted = entry in shortlisted
            services.decide_entry(
                entry,
                outcome=Outcome.ADOPTED if adopted else Outcome.NOT_ADOPTED,
                reason="经专家评审和市民投票，作为道路命名方案报市政府审定。"
                if adopted
                else "按序号或寓意泛化的名称不符合地名命名规范。",
                actor=handler,
            )
        services.publish_feedback(
            c,
            f"征集期间共收到道路名称建议{len(entries)}件，经专家评审{len(shortlisted)}个名称入围，"
            f"市民投票{len(votes)}票。入围名称已报市政府审定。",
            actor=self.user("mzj", "reviewer"),
            now=_at(timeline.ROAD_NAMES_FEEDBACK_ON, 10),
        )
        return c

    def other_calls(self) -> list[Consultation]:
        out = []
        for slug, subject, title, summary, opens_on, closes_on, names in CALLS:
            c = self.consultation(
                slug, Kind.CALL, title, summary, opens_on, closes_on, subject=subject
            )
            round = c.current_round()
            handler = self.user(slug, "handler")
            ids = []
            for i, (name, description) in enumerate(names):
                data = {**self.people.next(), "title": name, "description": description}
                day = opens_on + timedelta(days=i * 3 + 1)
                ids.append(services.submit_entry(round, data, now=_at(day)).record.pk)
            services.moderate(c, entry_ids=ids, approve=True, actor=handler)
            for i, entry in enumerate(Entry.objects.filter(pk__in=ids).order_by("id")):
                services.decide_entry(
                    entry,
                    outcome=Outcome.ADOPTED if i == 0 else Outcome.PARTLY,
                    reason="综合专家评审意见，作为定稿的主要基础。"
                    if i == 0
                    else "部分创意元素吸收到定稿方案中。",
                    actor=handler,
                )
            services.publish_feedback(
                c,
                f"征集期间共收到作品{len(ids)}件。经专家评审，采纳情况如下，感谢各位作者的积极参与。",
                actor=self.user(slug, "reviewer"),
                now=_at(closes_on + timedelta(days=20), 10),
            )
            out.append(c)
        return out

    def master_plan(self) -> Consultation:
        text = (
            "天水市城市总体规划（2016—2030年）公众意见征询要点\n\n"
            "一、城市性质：国家历史文化名城，以伏羲文化为特色的旅游城市，甘肃省东部区域中心城市。\n\n"
            "二、城市规模：至2030年，中心城区常住人口120万人，城市建设用地120平方公里。\n\n"
            "三、空间结构：“一带三区多组团”，沿渭河、藉河发展，秦州、麦积、成纪新城三区协同。\n\n"
            "四、历史文化保护：划定西关、伏羲庙、南宅子等历史文化街区，严格控制建筑高度。\n\n"
            "五、综合交通：建设城市快速路环线，发展公共交通，规划有轨电车线路。"
        )
        c = self.consultation(
            "jsj",
            Kind.DRAFT,
            "天水市城市总体规划（2016—2030年）公众参与意见征询",
            "为坚持“参与—反馈—再参与”，启动城市总体规划公众参与活动，现将规划主要内容公布，"
            "征求市民意见。意见收集后将整理反馈，并在规划成果公示时再次征求意见。",
            *CALL_PERIODS["天水市城市总体规划公众意见"],
            text=text,
        )
        round = c.current_round()
        topics = {
            2: ["建议增加“丝绸之路经济带重要节点城市”的定位。", "城市性质中应突出生态宜居。"],
            4: ["成纪新城与老城区的交通联系要加强。", "建议麦积区和秦州区之间预留生态廊道。"],
            6: ["有轨电车线路建议经过火车站和天水南站。", "城市快速路建设要避开历史街区。"],
        }
        for position, texts in topics.items():
            for text in texts:
                data = {**self.people.next(), "clause": position, "text": text}
                services.submit_comment(round, data, now=_at(date(2016, 10, 20)))
        return c

    def open_today(self) -> Consultation:
        """One consultation open now, so the demo site has something to comment on."""
        today = timezone.localdate()
        text = (
            "天水市城市绿化管理办法（修订草案征求意见稿）\n\n"
            "第一条 为促进城市绿化事业发展，改善生态环境和人居环境，制定本办法。\n\n"
            "第二条 新建居住区绿地率不得低于30%，旧城改造区不得低于25%。\n\n"
            "第三条 任何单位和个人不得擅自砍伐、移植城市树木。确需砍伐、移植的，"
            "应当向城市绿化主管部门申请，并按规定补植。\n\n"
            "第四条 鼓励市民认建认养绿地和树木，认养信息在政府网站公开。\n\n"
            "第五条 本办法自公布之日起施行。"
        )
        draft = services.Draft(
            kind=Kind.DRAFT,
            title="《天水市城市绿化管理办法（修订草案）》公开征求意见",
            summary="市建设局起草了《天水市城市绿化管理办法（修订草案）》，现公开征求意见。"
            "欢迎针对具体条款提出修改意见。",
            contact_name="张建华",
            contact_phone="0938-8213456",
            opens_on=today - timedelta(days=7),
            closes_on=today + timedelta(days=23),
            draft_text=text,
        )
        c = services.create(self.dept("jsj"), draft, actor=self.user("jsj", "handler"))
        services.publish(c, actor=self.user("jsj", "reviewer"))
        c = Consultation.objects.get(pk=c.pk)
        round = c.current_round()
        ids = []
        for position, text in [
            (3, "建议把旧城改造区的绿地率提高到28%，老城区绿地太少。"),
            (4, "砍伐树木的审批结果应当在网上公开，接受群众监督。"),
            (5, "希望认养绿地可以在网上申请。"),
        ]:
            data = {**self.people.next(), "clause": position, "text": text}
            ids.append(services.submit_comment(round, data).record.pk)
        services.moderate(c, comment_ids=ids[:2], approve=True, actor=self.user("jsj", "handler"))
        return c


def _date_lines(consultations, since: datetime) -> None:
    """Timeline lines of actions the services date "now" (creating, moderating, grouping)
    join the story's own dates: each goes a minute after the line before it, or an
    hour before the first dated line. A consultation of today keeps today."""
    from gongkai.workflow.models import Entry as Line

    changed = []
    for c in consultations:
        lines = list(c.timeline.order_by("id"))
        dated = [line.at for line in lines if line.at < since]
        if not dated:
            continue
        previous = None
        for line in lines:
            if line.at < since:
                previous = line.at
                continue
            line.at = previous + timedelta(minutes=1) if previous else dated[0] - timedelta(hours=1)
            line.on = timezone.localdate(line.at)
            previous = line.at
            changed.append(line)
    Line.objects.bulk_update(changed, ["at", "on"], batch_size=1000)


def load_consultations(ctx) -> None:
    if Consultation.objects.filter(title__startswith="成纪新城19条道路名称").exists():
        ctx.out("  意见征集：演示征集已存在，未重复添加")
        return
    since = timezone.now()
    loader = Loader(ctx)
    made = [loader.yellow_label_rules(), loader.road_names(), *loader.other_calls()]
    made += [loader.master_plan(), loader.open_today()]
    _date_lines(made, since)
    comments = sum(c.current_round().comments.count() for c in made)
    entries = sum(c.current_round().entries.count() for c in made)
    ctx.out(
        f"  意见征集：{len(made)} 项征集（含成纪新城19条道路名称投票、黄标车实施细则草案反馈），"
        f"意见 {comments} 条，作品 {entries} 件，投票 {Vote.objects.count()} 票"
    )
