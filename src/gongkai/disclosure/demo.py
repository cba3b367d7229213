"""Demo data of proactive disclosure: Tianshui's 2016 catalogue (``gongkai demo``).

``load_disclosure(ctx)`` (in ``gongkai.demo.loaders.LOADERS``) sets each key
area's responsible department (``tianshui.KEY_AREA_UNITS``) and publishes a
year of items through the real actions — drafted by each department's 经办人,
passed by its 保密审查员, approved by its 审核人 on the historical date — so
index numbers, Art. 26 clocks, versions and the audit trail are all real.

Included: the seed's own examples (the 黄标车 rules as a draft for comments and
as final rules with validity, the 成纪新城19条道路名称 call, the 市级权责清单,
市扶贫办's plans, the monthly 政府公报), budget and "三公" publications,
annual reports and guides of every department, the nine key areas, 回应关切
and 政务督查, interpretations linked to policies (some major policies left
without one), one withdrawn and one corrected item, and items published
later than Art. 26 allows. Text comes from templates and word lists.

Idempotent: an item is identified by (department, title); re-running adds nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from gongkai.demo import tianshui, timeline
from gongkai.orgs.models import Department

from . import actions
from .models import Genre, InformationItem, ItemState, KeyArea, SubjectCategory, Validity

BEIJING = ZoneInfo("Asia/Shanghai")
YEAR = 2016
S_GENERAL, S_ECON, S_FIN, S_LAND, S_AGRI, S_IND = (
    "综合政务",
    "国民经济管理、国有资产监管",
    "财政、金融、审计",
    "国土资源、能源",
    "农业、林业、水利",
    "工业、交通",
)
S_MARKET, S_BUILD, S_EDU, S_CULT, S_HEALTH, S_LABOUR, S_POLICE, S_CIVIL = (
    "市场监管、安全生产监管",
    "城乡建设、环境保护",
    "科技、教育",
    "文化、广电、新闻出版",
    "卫生、体育",
    "劳动、人事、监察",
    "公安、安全、司法",
    "民政、扶贫、救灾",
)
SUBJECT_OF = {
    "szfb": S_GENERAL, "fgw": S_ECON, "jyj": S_EDU, "gaj": S_POLICE, "mzj": S_CIVIL,
    "sfj": S_POLICE, "czj": S_FIN, "rsj": S_LABOUR, "gtj": S_LAND, "hbj": S_BUILD,
    "jsj": S_BUILD, "jtj": S_IND, "swj": S_AGRI, "nyj": S_AGRI, "lyj": S_AGRI,
    "sj": "商贸、海关、旅游", "wgxj": S_CULT, "wjw": S_HEALTH, "sjj": S_FIN, "ajj": S_MARKET,
    "gsj": S_MARKET, "zjj": S_MARKET, "sypj": S_MARKET, "tjj": S_ECON, "fpb": S_CIVIL,
    "fzb": S_GENERAL, "bb": S_GENERAL, "zwzx": S_GENERAL, "ggzy": S_ECON, "yiyuan": S_HEALTH,
}  # fmt: skip
DOC_PREFIX = {"szfb": "天政办发", "czj": "天财发", "hbj": "天环发", "rsj": "天人社发", "fpb": "天扶贫发",
              "fgw": "天发改发", "gtj": "天国土资发", "jsj": "天建发", "ajj": "天安监发", "mzj": "天民发",
              "sypj": "天食药监发", "bb": "天编办发", "fzb": "天法制发"}  # fmt: skip
MONTHS = range(1, 13)
PLACES = ["秦州区", "麦积区", "清水县", "秦安县", "甘谷县", "武山县", "张家川回族自治县"]
STREETS = ["藉河南路", "成纪大道", "民主西路", "岷山路", "建设路", "环城西路", "罗玉路", "羲皇大道"]


@dataclass
class Spec:
    dept: str
    title: str
    on: date
    genre: str = "通知"
    subject: str | None = None
    kind: str = "general"
    summary: str = ""
    paragraphs: list[str] = field(default_factory=list)
    keywords: str = ""
    number: str = ""
    areas: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    effective: date | None = None
    expires: date | None = None
    major: bool = False
    interprets: str = ""  # title of the policy explained
    form: str = ""
    expert: str = ""
    late: bool = False
    withdraw: str = ""  # reason
    correct: tuple[str, str] | None = None  # (new summary, reason)
    revised_by: str = ""  # title of the document that replaces this one


def d(month: int, day: int) -> date:
    return date(YEAR, month, day)


class _Numbers:
    def __init__(self):
        self.next: dict[str, int] = {}

    def __call__(self, dept: str) -> str:
        prefix = DOC_PREFIX.get(dept, "天政发" if dept == "szfb" else None)
        if prefix is None:
            return ""
        self.next[prefix] = self.next.get(prefix, 0) + 3
        return f"{prefix}〔{YEAR}〕{self.next[prefix]}号"


def _notice_body(dept_name: str, topic: str, purpose: str) -> list[str]:
    return [
        "各县区人民政府，市政府各部门，有关单位：",
        f"为{purpose}，根据国家和省上有关规定，结合我市实际，现就{topic}有关事项通知如下。",
        f"一、各责任单位要明确分管领导和具体经办人员，将{topic}纳入年度重点工作，细化任务分工，明确完成时限。",
        "二、各县区、各部门要加强协调配合，及时报送工作进展情况，对工作中遇到的问题要主动研究解决。",
        f"三、{dept_name}将会同有关部门加强督促检查，对工作推进不力的单位予以通报。",
    ]


def _specs(depts: dict[str, Department]) -> list[Spec]:
    rng = random.Random(YEAR)  # noqa: S311 - varied demo figures, not security
    number = _Numbers()
    name = {slug: dept.name for slug, dept in depts.items()}
    short = {slug: dept.short_name for slug, dept in depts.items()}
    out: list[Spec] = []

    def add(**kw) -> Spec:
        kw.setdefault("subject", SUBJECT_OF.get(kw["dept"], S_GENERAL))
        kw.setdefault(
            "number",
            number(kw["dept"])
            if kw.get("genre", "通知") in ("通知", "意见", "办法", "细则", "决定")
            else "",
        )
        spec = Spec(**kw)
        if not spec.paragraphs:
            spec.paragraphs = _notice_body(
                name[spec.dept], spec.title.split("关于")[-1], "进一步做好相关工作"
            )
        spec.summary = spec.summary or spec.paragraphs[min(1, len(spec.paragraphs) - 1)][:120]
        out.append(spec)
        return spec

    # -- the seed's own examples ------------------------------------------------------
    # The consultations and their outcomes, on the timeline the 意见征集 pages tell too.
    yellow, t = timeline.YELLOW_TITLE, timeline
    add(dept="hbj", genre="公告", on=t.YELLOW_COMMENTS[0], title=f"关于公开征求《{yellow}（征求意见稿）》意见的公告",
        keywords="黄标车 老旧机动车 征求意见", areas=("environment",), categories=("art20-13",),
        paragraphs=[f"为改善城市环境空气质量，市环保局会同市公安局起草了《{yellow}（征求意见稿）》，现面向社会公开征求意见。",
                    f"征求意见时间为{t.period(*t.YELLOW_COMMENTS)}。社会各界可通过政府网站“意见征集”栏目、电子邮件、信函或到市环保局当面提出意见建议。",
                    "意见建议请注明真实姓名和联系方式，以便进一步沟通。"])  # fmt: skip
    add(dept="szfb", genre="细则", kind="normative", on=t.YELLOW_RULES_ON, title=yellow, major=True,
        keywords="黄标车 老旧机动车 淘汰 补贴", areas=("environment",), categories=("art20-01",),
        effective=t.YELLOW_IN_FORCE, expires=t.YELLOW_EXPIRES, paragraphs=list(t.YELLOW_RULES))  # fmt: skip
    add(dept="hbj", genre="解读", kind="interpretation", on=t.YELLOW_INTERPRETATION_ON, interprets=yellow, form="text",
        title=f"《{yellow}》政策解读", keywords="黄标车 解读", areas=("environment",),
        paragraphs=["一、出台背景：黄标车和老旧机动车污染物排放量大，是城区大气污染的重要来源。",
                    f"二、征求意见情况：草案于{t.period(*t.YELLOW_COMMENTS)}公开征求意见，意见采纳情况已于"
                    f"{t.YELLOW_FEEDBACK_ON.month}月{t.YELLOW_FEEDBACK_ON.day}日公布。重型载货汽车补贴提高到每辆20000元，"
                    "补贴按淘汰时间分档，限行推迟至2016年11月1日开始。",
                    "三、主要内容：明确了淘汰范围、补贴标准、限行区域和办理流程。",
                    "四、车主如何办理：车主在报废回收企业交售车辆时一次性提交申请材料，由环境保护部门内部流转核查，"
                    "补贴自核查完成之日起15个工作日内拨付到本人账户。"])  # fmt: skip
    add(dept="mzj", genre="公告", on=t.ROAD_NAMES_CALL[0], title="关于公开征集成纪新城19条道路名称的公告",
        keywords="成纪新城 道路名称 征集", categories=("art21-municipal",),
        paragraphs=["为做好成纪新城道路命名工作，彰显天水历史文化特色，现面向社会公开征集成纪新城19条道路名称。",
                    f"征集时间为{t.period(*t.ROAD_NAMES_CALL)}。来稿请注明建议名称、命名理由及应征人联系方式。",
                    "征集结束后，将组织专家评审提出入围名称，由市民投票，再将拟命名方案向社会公示。"])  # fmt: skip
    add(
        dept="mzj",
        genre="公示",
        on=t.ROAD_NAMES_PUBLICITY_ON,
        title="成纪新城19条道路拟命名方案公示",
        keywords="成纪新城 道路命名 公示",
        paragraphs=[
            f"经公开征集（{t.period(*t.ROAD_NAMES_CALL)}）、专家评审和市民投票"
            f"（{t.period(*t.ROAD_NAMES_VOTE)}），形成成纪新城19条道路拟命名方案，现予公示。",
            "公示期为10个工作日。",
        ],
    )
    for subject_name, slug in (("西关片区名城保护（棚户区改造）一期项目设计方案", "jsj"), ("伏羲庙标识", "wgxj"),
                               ("伏羲大典祭文和宣传语", "wgxj"), ("甘肃省第三届中学生运动会吉祥物设计方案", "jyj"),
                               ("天水市城市总体规划公众意见", "jsj")):  # fmt: skip
        # The date these notices once drew is still drawn: the figures drawn after it stay the same.
        rng.randint(2, 9), rng.randint(1, 28)
        opens, closes = t.CALL_PERIODS[subject_name]
        add(dept=slug, genre="公告", on=opens, title=f"关于公开征集{subject_name}的公告",
            keywords="公开征集 公众参与", paragraphs=[f"为广泛听取社会各界意见，现面向社会公开征集{subject_name}。",
                                                f"征集时间为{t.period(opens, closes)}，欢迎社会各界踊跃参与。"])  # fmt: skip
    add(dept="bb", genre="公告", on=d(5, 26), title="天水市市级政府部门权责清单公布", keywords="权责清单 三张清单一张网",
        categories=("art20-02",), major=True,
        paragraphs=["根据全省推进“三张清单一张网”建设的部署，经市政府审定，现公布天水市市级政府部门权责清单。",
                    "市级政府部门共保留行政权力2900项，编制责任事项19595项、追责情形25788项。",
                    "权责清单通过天水政务服务网“阳光政务”板块公开，接受社会监督，做到“清单之外无权力”。"])  # fmt: skip
    add(
        dept="bb",
        genre="公告",
        on=d(9, 2),
        title="天水市7个县区权责清单公布",
        keywords="权责清单 县区",
        paragraphs=["全市7个县区权责清单已编制完成并向社会公布，共计行政权力17977项。"],
    )
    add(
        dept="bb",
        genre="通知",
        on=d(4, 18),
        title="关于公布2016年市级政府部门取消调整和下放行政审批事项的通知",
        keywords="行政审批 取消 下放",
        areas=("approval",),
        categories=("art20-05",),
    )
    add(
        dept="fzb",
        genre="公告",
        on=d(10, 11),
        title="天水市行政执法主体和执法人员名录公布",
        keywords="执法主体 执法人员",
        categories=("art20-06",),
        paragraphs=[
            "经审核确认，全市共有行政执法主体430个、行政执法人员10594名，其基本信息已通过甘肃省政府法制信息网执法证件管理系统公布。"
        ],
    )
    key_points = add(
        dept="szfb",
        genre="通知",
        on=d(6, 20),
        title="天水市人民政府办公室关于印发天水市2016年政务公开工作要点的通知",
        number="天政办发〔2016〕71号",
        keywords="政务公开 工作要点",
        major=True,
    )
    key_points.paragraphs = _notice_body(name["szfb"], "2016年政务公开工作", "全面推进政务公开工作")
    add(
        dept="szfb",
        genre="意见",
        on=d(5, 30),
        number="市委办发〔2016〕44号",
        keywords="政务公开 实施意见",
        major=True,
        title="中共天水市委办公室 天水市人民政府办公室关于全面推进政务公开工作的实施意见",
    )
    for rule, on in (
        ("天水市政府信息公开工作考核办法（试行）", d(3, 22)),
        ("天水市政府信息依申请公开办法（试行）", d(8, 16)),
    ):
        add(dept="szfb", genre="办法", kind="normative", on=on, title=rule, keywords="政府信息公开", categories=("art20-01",),
            effective=on + timedelta(days=10))  # fmt: skip
    # -- 扶贫 (市扶贫办) ------------------------------------------------------------------
    for title, on in (("天水市2016年度减贫责任书", d(2, 25)), ("天水市2016年度财政专项扶贫资金计划", d(3, 30)),
                      ("天水市2016年扶贫项目计划", d(4, 12)), ("天水市2016年贫困人口脱贫计划", d(4, 28)),
                      ("天水市精准扶贫专项行动实施方案", d(5, 19)), ("天水市精准扶贫专项工程实施情况", d(11, 15))):  # fmt: skip
        add(dept="fpb", genre="方案" if "方案" in title else "计划", on=on, title=title, keywords="精准扶贫 脱贫",
            categories=("art20-11",), major=title.endswith("实施方案"),
            paragraphs=[f"根据全省精准扶贫精准脱贫工作部署，市扶贫办制定了《{title}》，现予公开。",
                        "各县区要把扶贫资金和项目落实到村到户，乡镇扶贫工作站要在贫困村张贴项目实施计划和资金使用安排。"])  # fmt: skip
    for quarter in range(1, 5):
        add(
            dept="fpb",
            genre="公示",
            on=d(quarter * 3, 20),
            title=f"2016年第{quarter}季度建档立卡贫困户退出名单公示",
            keywords="建档立卡 贫困户 退出",
            categories=("art20-11",),
        )
    # -- the monthly gazette, budgets, annual reports, guides -------------------------------
    for month in MONTHS:
        add(dept="szfb", genre="公报", on=d(month, 25), title=f"《天水市人民政府公报》{YEAR}年第{month}期（总第{130 + month}期）",
            keywords="政府公报", paragraphs=[f"本期公报刊登省、市政府重要文件、政府大事记和发文要目，印发{1000}册，赠阅市直各单位和各县区、乡镇。"])  # fmt: skip
    add(
        dept="czj",
        genre="报告",
        on=d(2, 22),
        title="天水市2016年市级财政预算公开",
        keywords="财政预算",
        areas=("budget",),
        categories=("art20-07",),
        major=True,
    )
    add(
        dept="czj",
        genre="报告",
        on=d(8, 30),
        title="天水市2015年市级财政决算公开",
        keywords="财政决算",
        areas=("budget",),
        categories=("art20-07",),
    )
    add(
        dept="czj",
        genre="报告",
        on=d(3, 10),
        title="天水市2016年市级“三公”经费预算情况说明",
        keywords="三公经费",
        areas=("budget",),
        categories=("art20-07",),
        late=True,
    )
    add(
        dept="czj",
        genre="报告",
        on=d(9, 8),
        title="天水市2015年市级“三公”经费决算情况说明",
        keywords="三公经费",
        areas=("budget",),
        categories=("art20-07",),
    )
    for i, slug in enumerate(depts):
        add(dept=slug, genre="报告", on=d(3, 1) + timedelta(days=i % 40), title=f"{name[slug]}2016年部门预算公开",
            keywords="部门预算 三公经费", areas=("budget",), categories=("art20-07",), late=(i % 9 == 4),
            paragraphs=[f"一、部门主要职能。二、部门预算单位构成。三、{YEAR}年部门预算收支情况。",
                        "四、“三公”经费预算情况说明：因公出国（境）费、公务接待费、公务用车购置及运行费较上年均有所下降。"])  # fmt: skip
        add(
            dept=slug,
            genre="报告",
            on=d(8, 20) + timedelta(days=i % 30),
            title=f"{name[slug]}2015年部门决算公开",
            keywords="部门决算",
            areas=("budget",),
            categories=("art20-07",),
        )
        add(dept=slug, genre="报告", kind="annual_report", on=d(1, 12) + timedelta(days=i % 18),
            title=f"{name[slug]}2015年政府信息公开工作年度报告", keywords="年度报告",
            paragraphs=["一、总体情况。二、主动公开政府信息情况。三、收到和处理政府信息公开申请情况。",
                        "四、政府信息公开行政复议、行政诉讼情况。五、存在的主要问题及改进情况。"])  # fmt: skip
        add(dept=slug, genre="其他", kind="guide", on=d(4, 1) + timedelta(days=i % 25),
            title=f"{name[slug]}政府信息公开指南（2016年修订）", keywords="公开指南",
            paragraphs=["一、信息分类与编排体系。二、获取信息的方式：主动公开与依申请公开。",
                        f"三、政府信息公开工作机构：{name[slug]}办公室，办公时间为工作日，联系电话见本单位网站。"])  # fmt: skip
    # -- the nine key areas ------------------------------------------------------------------
    for month in MONTHS:
        if month < 12:  # a month's air quality is published early the next month
            add(dept="hbj", genre="公告", on=d(month + 1, 8), title=f"{YEAR}年{month}月天水市城区环境空气质量状况",
                keywords="空气质量 环境监测", areas=("environment",), categories=("art20-13",),
                paragraphs=[f"{month}月，城区环境空气质量优良天数{rng.randint(20, 29)}天，主要污染物为可吸入颗粒物。"])  # fmt: skip
        add(dept="sypj", genre="公告", on=d(month, 15), title=f"天水市食品安全监督抽检信息（{YEAR}年第{month}期）",
            keywords="食品安全 监督抽检", areas=("food-drug-safety",), categories=("art20-13",),
            paragraphs=[f"本期共抽检食品{rng.randint(60, 180)}批次，合格率{rng.randint(960, 995) / 10}%。不合格产品已依法处置。"])  # fmt: skip
        add(dept="ajj", genre="通报", on=d(month, 18), title=f"{YEAR}年{month}月全市安全生产执法检查情况通报",
            keywords="安全生产 执法检查", areas=("work-safety",), categories=("art20-13",), late=(month == 7),
            paragraphs=[f"本月共检查生产经营单位{rng.randint(80, 260)}家，排查一般隐患{rng.randint(100, 400)}项，已整改到位。"])  # fmt: skip
        add(
            dept="tjj",
            genre="公报",
            on=d(month, 20),
            title=f"{YEAR}年1-{month}月天水市主要经济指标",
            keywords="统计 经济指标",
            categories=("art20-04",),
        )
        if month % 3 == 0:
            add(
                dept="ggzy",
                genre="公告",
                on=d(month, 10),
                title=f"{YEAR}年第{month // 3}季度天水市公共资源交易情况",
                keywords="公共资源交易",
                categories=("art20-09",),
            )
    for i in range(8):
        place = PLACES[i % len(PLACES)]
        add(dept="hbj", genre="公示", on=d(2 + i, 9 + i), title=f"{place}{['污水处理厂提标改造', '热电联产', '城市综合体', '工业园区'][i % 4]}项目环境影响报告书受理公示",
            keywords="环评 受理公示", areas=("environment",))  # fmt: skip
        add(dept="gtj", genre="公告", on=d(2 + i, 12 + i), title=f"天水市人民政府征收土地公告（{YEAR}第{i + 1}号，{place}）",
            keywords="征收土地 补偿安置", areas=("land-expropriation",), categories=("art21-land-expropriation",))  # fmt: skip
    for title, area, dept in (("天水市2016年城镇保障性安居工程建设计划", "affordable-housing", "jsj"),
                              ("天水市2016年棚户区改造计划", "affordable-housing", "jsj"),
                              ("2016年市区公共租赁住房分配结果公示", "affordable-housing", "jsj"),
                              ("天水市城市居民最低生活保障标准调整的通知", "social-security", "rsj"),
                              ("关于调整全市最低工资标准的通知", "social-security", "rsj"),
                              ("2016年城乡居民基本养老保险待遇调整方案", "social-security", "rsj"),
                              ("天水市2016年公开招聘事业单位工作人员公告", "social-security", "rsj"),
                              ("天水市2016年考试录用公务员拟录用人员公示", "social-security", "rsj"),
                              ("天水市政府定价目录（2016年版）", "prices-fees", "fgw"),
                              ("天水市行政事业性收费目录清单", "prices-fees", "fgw"),
                              ("关于市区管道天然气销售价格调整的通知", "prices-fees", "fgw"),
                              ("关于召开市区城市供水价格调整听证会的公告", "prices-fees", "fgw"),
                              ("天水市行政审批服务事项目录", "approval", "zwzx"),
                              ("市政务大厅进驻事项办事指南（2016年版）", "approval", "zwzx"),
                              ("麦积区“6·12”一般生产安全事故调查报告", "work-safety", "ajj")):  # fmt: skip
        add(
            dept=dept,
            genre="通知" if "通知" in title else "公告",
            on=d(rng.randint(3, 11), rng.randint(1, 28)),
            title=title,
            keywords=title[-6:],
            areas=(area,),
            major=title.startswith("天水市政府定价目录"),
        )
    # -- policies (normative documents), interpretations, responses, inspections ----------
    policies = [("fgw", "关于促进全市民营经济加快发展的实施意见", "意见"), ("czj", "天水市市级财政专项资金管理办法", "办法"),
                ("jsj", "天水市城市建筑垃圾管理办法", "办法"), ("hbj", "天水市大气污染防治行动计划实施细则", "细则"),
                ("rsj", "天水市促进高校毕业生就业创业的实施意见", "意见"), ("sj", "天水市电子商务发展扶持办法", "办法"),
                ("jtj", "天水市城市公共交通管理办法", "办法"), ("wjw", "天水市城乡居民大病保险实施办法", "办法"),
                ("swj", "天水市城市节约用水管理办法", "办法"), ("gaj", "天水市城区机动车停放管理规定", "规定"),
                ("mzj", "天水市城乡医疗救助实施办法", "办法"), ("jyj", "天水市学前教育三年行动计划（2016—2018年）", "计划")]  # fmt: skip
    for i, (slug, title, genre) in enumerate(policies):
        on = d(2 + i % 10, 5 + 2 * i)
        add(dept=slug, genre=genre, kind="normative", on=on, title=title, major=i % 3 != 2, late=(i == 5),
            number=f"{DOC_PREFIX.get(slug, '天政发')}〔{YEAR}〕{40 + i}号", effective=on + timedelta(days=30),
            expires=None if i % 4 == 0 else on + timedelta(days=30 + 365 * 5), keywords=title[2:8], categories=("art20-01",),
            withdraw="经复核，该文件须提请市政府常务会议审议后重新印发，现予撤回。" if slug == "swj" else "")  # fmt: skip
        if i % 3 == 0 or i in (
            1,
            7,
        ):  # some major policies deliberately left without an interpretation
            add(dept=slug, genre="解读", kind="interpretation", on=on + timedelta(days=3), interprets=title,
                form=["text", "graphic", "qa", "expert"][i % 4], expert="兰州大学管理学院 李教授" if i % 4 == 3 else "",
                title=f"《{title}》解读", keywords="政策解读",
                paragraphs=[f"一、为什么制定《{title}》。", "二、主要内容有哪些。", "三、与群众切身利益相关的主要变化。"])  # fmt: skip
    add(
        dept="czj",
        genre="办法",
        kind="normative",
        on=d(1, 20),
        title="天水市市级财政专项资金管理暂行办法",
        effective=d(2, 1),
        keywords="专项资金",
        categories=("art20-01",),
        revised_by="天水市市级财政专项资金管理办法",
    )
    add(
        dept="szfb",
        genre="决定",
        kind="normative",
        on=d(12, 5),
        title="天水市人民政府关于废止和修改部分规范性文件的决定",
        keywords="规范性文件 清理",
        categories=("art20-01",),
        effective=d(12, 5),
    )
    issues = [
        "道路积水",
        "小区供暖不热",
        "夜间施工噪音",
        "公交线路调整",
        "农贸市场占道经营",
        "老旧小区改造进度",
        "学校周边交通拥堵",
        "自来水水质",
    ]
    for i, issue in enumerate(issues * 2):
        place, street = PLACES[i % len(PLACES)], STREETS[i % len(STREETS)]
        slug = ["jsj", "jsj", "hbj", "jtj", "gsj", "jsj", "gaj", "swj"][i % 8]
        add(dept=slug, genre="其他", kind="response", on=d(1 + i % 12, 3 + i), title=f"关于网民反映{place}{street}{issue}问题的回应",
            keywords=f"回应关切 {issue}", correct=("已于回应后一周内完成整改，并经回访群众满意。", "补充整改结果。") if i == 3 else None,
            paragraphs=[f"近日，有网民通过“市委书记、市长留言板”反映{place}{street}{issue}问题。", f"{short[slug]}高度重视，立即组织人员现场核查，已责成相关单位限期整改。",
                        "下一步，我们将加强日常巡查，举一反三，切实解决群众反映的问题。"])  # fmt: skip
    suggestions = ["加快城区停车场建设", "改善农村饮水安全", "加强中小学校舍安全", "推进城乡垃圾一体化处理", "规范城区出租车运营",
                   "提高城乡低保标准", "加强耕地保护", "加快棚户区改造", "发展特色林果产业", "改善城区交通秩序",
                   "加大对小微企业扶持", "推进医养结合", "保护历史文化街区", "加强食品安全监管", "完善农村公路养护"]  # fmt: skip
    for i, topic in enumerate(suggestions):
        kind = "市人大常委会领导" if i % 2 == 0 else "市政协领导"
        add(dept="szfb", genre="其他", kind="inspection", on=d(4 + i % 8, 6 + i), title=f"{kind}现场督办“关于{topic}的建议”办理工作",
            keywords="政务督查 现场督办", paragraphs=[f"{kind}一行深入现场，督办“关于{topic}”的代表建议、政协提案办理工作。",
                                              "承办单位汇报了办理进展，督办组要求进一步细化措施，确保按期办结并答复代表委员。"])  # fmt: skip
    # -- 双公示 and quarterly penalty decisions of the regulators -------------------------------
    for slug in ("fgw", "gtj", "hbj", "jsj", "gsj", "sypj"):
        for quarter in range(1, 5):
            add(dept=slug, genre="公示", on=d(quarter * 3, 25) + timedelta(days=5), title=f"{name[slug]}{YEAR}年第{quarter}季度行政许可办理结果公示",
                keywords="双公示 行政许可", categories=("art20-05",), late=(slug == "gsj" and quarter == 2))  # fmt: skip
    for slug in ("hbj", "gsj", "sypj", "ajj"):
        for quarter in range(1, 5):
            add(
                dept=slug,
                genre="公示",
                on=d(quarter * 3, 26),
                title=f"{name[slug]}{YEAR}年第{quarter}季度行政处罚决定公开",
                keywords="双公示 行政处罚",
                categories=("art20-06",),
            )
    return sorted(out, key=lambda s: (s.on, s.dept, s.title))


def _staff(slug: str):
    from gongkai.accounts.models import User

    users = User.objects.in_bulk(
        [f"ts_{slug}_handler", f"ts_{slug}_secrecy", f"ts_{slug}_reviewer"], field_name="username"
    )
    return users[f"ts_{slug}_handler"], users[f"ts_{slug}_secrecy"], users[f"ts_{slug}_reviewer"]


def _publish(
    spec: Spec, depts, staff, refs, published: dict[str, InformationItem]
) -> InformationItem:
    dept = depts[spec.dept]
    handler, secrecy, reviewer = staff[spec.dept]
    minute = sum(map(ord, spec.title)) % 420
    at = datetime.combine(spec.on, time(9, 0), tzinfo=BEIJING) + timedelta(minutes=minute)
    formed = spec.on - timedelta(days=45 if spec.late else 1 + minute % 9)
    body = "".join(f"<p>{p}</p>" for p in spec.paragraphs)
    data = {
        "title": spec.title,
        "document_number": spec.number,
        "written_on": formed,
        "subject": refs["subject"][spec.subject],
        "genre": refs["genre"][spec.genre],
        "keywords": spec.keywords,
        "summary": spec.summary,
        "body": body,
        "source": dept.name,
        "disclosure_attribute": "proactive",
        "item_type": spec.kind,
        "formed_or_changed_on": formed,
        "effective_on": spec.effective,
        "expires_on": spec.expires,
        "is_major_policy": spec.major,
        "interpretation_form": spec.form,
        "expert_name": spec.expert,
        "key_areas": [refs["area"][slug] for slug in spec.areas],
        "content_categories": [
            refs["category"][code] for code in spec.categories if code in refs["category"]
        ],
        "interprets": [published[spec.interprets]] if spec.interprets in published else [],
    }
    item = actions.create_draft(actor=handler, department=dept, data=data)
    actions.submit_item(item, actor=handler, now=at - timedelta(minutes=50))
    actions.pass_confidentiality_review(item, actor=secrecy, now=at - timedelta(minutes=25))
    return actions.approve_item(item, actor=reviewer, now=at)


def _afterwards(spec: Spec, item, staff, published) -> str | None:
    """Withdrawal, correction or revision after publication, on its own later date;
    which one happened."""
    _, _, reviewer = staff[spec.dept]
    if spec.withdraw:
        actions.withdraw_item(
            item, actor=reviewer, reason=spec.withdraw, now=item.published_at + timedelta(days=3)
        )
        return "withdrawn"
    if spec.correct:
        item.refresh_from_db()
        summary, reason = spec.correct
        actions.correct_item(
            item,
            actor=reviewer,
            expected_version=item.version,
            data={"summary": summary},
            reason=reason,
            now=item.published_at + timedelta(days=7),
        )
        return "corrected"
    if spec.revised_by and spec.revised_by in published:
        newer = published[spec.revised_by]
        actions.change_validity(item, actor=reviewer, validity="revised", on=newer.published_on,
                                reason=f"已被《{newer.title}》修订替代。", replaced_by=[newer],
                                now=newer.published_at + timedelta(hours=1))  # fmt: skip
        return "revised"
    return None


def _expire_as_the_nightly_job_did() -> int:
    """Documents whose 有效期至 has passed by now become 失效, each dated the night after
    its last day, when the nightly job (``disclosure.expire_documents``, 00:15) did it."""
    from django.utils import timezone

    lapsed = InformationItem.objects.with_validity().filter(
        state=ItemState.PUBLISHED, validity=Validity.VALID, expires_on__lt=timezone.localdate()
    )
    count = 0
    for last_day in sorted(set(lapsed.values_list("expires_on", flat=True))):
        night = last_day + timedelta(days=1)
        count += actions.expire_lapsed_documents(
            today=night, now=datetime.combine(night, time(0, 15), tzinfo=BEIJING)
        )
    return count


def load_disclosure(ctx) -> None:
    from django.db.models import Q

    from gongkai.orgs.models import Government

    city = ctx.city or Government.objects.get(code=tianshui.CITY[0])
    by_name = {dept.name: dept for dept in Department.objects.filter(government=city)}
    depts = {slug: by_name[full] for slug, full, *_ in tianshui.CITY_DEPARTMENTS if full in by_name}
    for area_name, slug in tianshui.KEY_AREA_UNITS.items():
        KeyArea.objects.filter(name=area_name, responsible_department__isnull=True).update(
            responsible_department=depts[slug]
        )
    from .models import ContentCategory

    refs = {
        "subject": {s.name: s for s in SubjectCategory.objects.all()},
        "genre": {g.name: g for g in Genre.objects.all()},
        "area": {a.slug: a for a in KeyArea.objects.all()},
        "category": {c.code: c for c in ContentCategory.objects.all()},
    }
    specs = _specs(depts)
    existing = {
        (dept_id, title): pk
        for pk, dept_id, title in InformationItem.objects.filter(
            Q(government=city) & Q(department__in=depts.values())
        ).values_list("pk", "department_id", "title")
    }
    published = {
        item.title: item
        for item in InformationItem.objects.filter(
            pk__in=existing.values(), state=ItemState.PUBLISHED
        )
    }
    staff = {slug: _staff(slug) for slug in depts}
    created = 0
    changed: dict[str, int] = {}
    for spec in specs:
        if (depts[spec.dept].pk, spec.title) in existing:
            continue
        item = _publish(spec, depts, staff, refs, published)
        published[spec.title] = item
        created += 1
        what = _afterwards(spec, item, staff, published)
        if what:
            changed[what] = changed.get(what, 0) + 1
    for spec in specs:  # revisions whose replacement was published later in the year
        older = published.get(spec.title)
        pending = spec.revised_by and older is not None and older.validity == "valid"
        if pending and _afterwards(spec, older, staff, published):
            changed["revised"] = changed.get("revised", 0) + 1
    expired = _expire_as_the_nightly_job_did() if created else 0
    total = InformationItem.objects.filter(government=city).count()
    ctx.out(
        f"  主动公开：新增 {created} 条政府信息（共 {total} 条），9 个重点领域已设牵头部门；"
        f"撤回 {changed.get('withdrawn', 0)}、更正 {changed.get('corrected', 0)}、修订 {changed.get('revised', 0)}，"
        f"有效期届满失效 {expired} 件"
    )
