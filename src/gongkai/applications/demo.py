"""Demo data of 依申请公开 (disclosure on application): Tianshui's applications of 2016.

``load_applications(ctx)`` (a loader of ``gongkai.demo.loaders``) makes about
500 applications to the city's departments and the counties' departments,
through the real actions with past dates (``on=``), so tracking numbers,
clocks, timelines (``workflow.Entry``), formal notices (告知书, numbered; their DOCX/PDF
files are rendered by the worker after commit), notices to applicants and the
audit trail all exist as they would in use. Generated deterministically
(``random.Random(2016)``) from templates about the seed's subjects: 黄标车淘汰
补贴, 棚户区改造征收补偿, 成纪新城道路, 扶贫资金, 三公经费, 低保名单, 建设项目
环评, 食品抽检 …

Included, so that Tables 三 and 四 of the 2016 annual report (see
``gongkai.applications.stats``) are non-trivial: natural persons and all five
kinds of organisation; every channel (online, in person, post, ordinary letter,
fax); every one of the 21 national outcomes; 补正 (correction) answered and
lapsed; consultations of third parties, co-producers and other agencies
(answered, objected, silent); extensions approved by the office; information-
processing fees by pages and by count (paid and lapsed); Art. 35 reviews (理由
不合理 and a later deadline); replies returned by the reviewer; applications
forwarded to the responsible agency; withdrawals; some late replies; a few
discarded online submissions; administrative reconsideration and litigation
cases with every result in every row of Table 四; applications received in
late 2015 and concluded in 2016 (上年结转), and a dozen received in December
2016 still open at the year's end (结转下年度) — most of them concluded in
January 2017, three left open.

Two service gaps are bridged here and reported: ``request_extension`` /
``decide_extension`` take no ``on=`` date (the demo re-dates their timeline
lines and renumbers the extension notice to the historical day), and online
submissions (also the copy made by forwarding) are numbered in the current
year (the demo gives them the number of the year they were submitted in).

Replies releasing information (予以公开, 部分公开) pass the agency's 保密审查员
(保密审查, Art. 17) on the day they are approved.

The remedies of the replies (救济途径) are the agencies' notice layout data
(``NOTICE_REMEDIES``): 天水市人民政府 reconsiders the city departments and
天水市秦州区人民法院 hears their cases; each county's departments go to their
own basic court; cases against the city government itself (answered by its
general office) go to 甘肃省人民政府 and 天水市中级人民法院, against a county
government to 天水市人民政府 and the intermediate court too (行政诉讼法 Art. 15).

Idempotent: the online submissions carry idempotency keys ``demo-2016-…``; when
any exists, nothing is added (the layouts are brought up to date every time).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from gongkai.core.validators import id_check_char, org_code_check_char, uscc_check_char
from gongkai.demo import tianshui
from gongkai.orgs.models import Department, Government
from gongkai.workdays import add_working_days, is_working_day
from gongkai.workdays.models import ExtensionRequest
from gongkai.workflow import timeline

from . import services
from .models import (
    Application,
    ApplicationState,
    Art35Decision,
    ChallengeKind,
    ChallengeResult,
    Channel,
    ConsultationKind,
    ConsultationResult,
    DeliveryMethod,
    FeeMethod,
    FormalNotice,
    NoticeKind,
    Outcome,
    StepKind,
)
from .models.layouts import layout_for
from .services.intake import tracking_number_for

YEAR = 2016
SEED = 2016
# Ordinary applications of the year, besides the special cases (corrections, fees …):
# enough for every Table 三 row and a believable year, few enough to load in a minute.
ORDINARY_COUNT = 220
KEY_PREFIX = f"demo-{YEAR}-"
BEIJING = ZoneInfo("Asia/Shanghai")
Out = Outcome

# -- what people ask for, by department (slug as in demo/tianshui.py) ----------------
CITY_TOPICS: dict[str, list[str]] = {
    "szfb": [
        "天水市人民政府2016年常务会议纪要中关于{place}棚户区改造的内容",
        "《天水市人民政府工作规则》全文",
        "2016年市政府重点工作任务分解方案",
        "成纪新城19条道路命名的批复文件",
        "天水市2016年政府信息公开工作要点",
    ],
    "fgw": [
        "{place}集中供热价格调整听证会的听证报告",
        "天水市2016年重点建设项目投资计划",
        "成纪新城道路建设项目的立项批复及可行性研究报告批复",
        "天水市城市公交票价调整的成本监审报告",
    ],
    "jyj": [
        "{place}义务教育阶段学校划片招生范围",
        "2016年市属学校教师招聘的考试成绩和体检名单",
        "{place}学前教育专项资金的分配情况",
    ],
    "gaj": [
        "2016年黄标车限行区域划定的公告及依据",
        "{place}某路段电子警察设置的审批文件",
        "2016年淘汰黄标车注销登记的数量统计",
    ],
    "mzj": [
        "{place}2016年城乡低保名单及保障金发放标准",
        "{place}{village}2016年农村低保评议结果",
        "2016年临时救助资金的使用明细",
        "{place}养老机构运营补贴的发放名单",
    ],
    "sfj": ["2016年天水市法律援助案件数量及经费使用情况", "人民调解员以案定补资金的发放办法"],
    "czj": [
        "天水市2016年市级部门“三公”经费预算及2015年决算",
        "2016年黄标车淘汰补贴资金的拨付文件和发放明细",
        "{place}2016年财政专项扶贫资金的分配文件",
        "市级行政事业单位2016年公务接待费支出情况",
        "2016年政府采购项目的中标结果及合同",
        "天水市2016年一般公共预算调整方案",
    ],
    "rsj": [
        "2016年天水市事业单位公开招聘工作人员的拟聘用人员名单",
        "{place}城乡居民基本养老保险基金的收支情况",
        "2016年最低工资标准调整的文件",
        "某企业职工工伤认定决定书",
    ],
    "gtj": [
        "{place}{village}集体土地征收的批复文件及补偿安置方案",
        "成纪新城建设项目用地的农用地转用审批文件",
        "{place}2016年国有建设用地使用权出让结果",
        "{place}棚户区改造项目的土地征收公告",
        "{place}{village}土地征收补偿款的发放明细",
    ],
    "hbj": [
        "{place}某水泥厂建设项目的环境影响评价报告书及批复",
        "2016年天水市黄标车淘汰工作的实施细则及补贴标准",
        "2016年天水市城区环境空气质量监测数据",
        "{place}某污水处理厂的在线监测数据",
        "对{place}某企业环境违法行为的行政处罚决定书",
        "2016年重点排污单位名录",
    ],
    "jsj": [
        "{place}棚户区改造项目的房屋征收决定及补偿方案",
        "{place}某小区房屋征收的评估报告",
        "2016年公共租赁住房的分配名单",
        "成纪新城道路建设工程的施工许可文件",
        "{place}某商品房项目的规划许可及竣工验收备案材料",
    ],
    "jtj": [
        "成纪新城道路建设工程的招标文件及中标结果",
        "2016年出租车经营权有偿使用费的收取标准",
        "{place}农村公路建设项目的资金使用情况",
    ],
    "swj": ["{place}藉河治理工程的建设资金使用情况", "2016年{place}农村饮水安全工程的建设计划"],
    "nyj": [
        "2016年农机购置补贴资金的发放名单",
        "{place}苹果产业扶持资金的分配情况",
        "2016年农产品质量安全抽检结果",
    ],
    "lyj": ["2016年退耕还林补助资金的发放情况", "{place}林地征占用的审批文件"],
    "sj": ["2016年天水市商贸流通领域专项资金的使用情况", "{place}农贸市场改造项目的补助名单"],
    "wgxj": ["2016年文化惠民工程的资金使用情况", "伏羲文化旅游节的经费预算及决算"],
    "wjw": [
        "2016年天水市各医院的药品集中采购价格",
        "{place}新型农村合作医疗基金的收支情况",
        "某医疗事故技术鉴定的相关材料",
    ],
    "sjj": ["2016年市级预算执行审计工作报告", "对{place}扶贫资金审计发现问题的整改情况"],
    "ajj": [
        "2016年天水市安全生产事故的调查报告",
        "{place}某煤矿安全生产许可的审批材料",
        "2016年危险化学品企业专项整治名单",
    ],
    "gsj": ["某公司的企业登记档案", "2016年经营异常名录中的企业名单"],
    "zjj": ["2016年产品质量监督抽查的结果", "{place}某电梯的定期检验报告"],
    "sypj": [
        "2016年天水市食品安全监督抽检结果",
        "{place}某餐饮店的食品经营许可材料",
        "2016年药品流通领域专项检查的处理结果",
        "对某超市销售不合格食品的行政处罚决定",
    ],
    "tjj": [
        "2016年天水市国民经济和社会发展统计公报的原始数据",
        "{place}2016年城乡居民人均可支配收入",
    ],
    "fpb": [
        "2016年{place}精准扶贫建档立卡贫困户名单",
        "2016年财政专项扶贫资金的分配和使用情况",
        "{place}易地扶贫搬迁项目的实施方案和补助标准",
        "{place}{village}扶贫互助资金的使用情况",
    ],
    "fzb": ["2016年行政复议案件的办理情况", "《天水市行政规范性文件管理办法》的起草说明"],
    "bb": ["天水市市级部门的权责清单", "2016年市级机构编制调整的批复文件"],
    "zwzx": ["2016年市政务大厅各窗口的办件量统计", "行政审批事项目录及办理时限"],
    "ggzy": ["成纪新城道路工程的招标投标情况", "2016年政府采购项目的评标专家名单"],
    "yiyuan": ["2016年医院的收费项目及收费标准", "某患者的诊疗病历"],
}
COUNTY_TOPICS: dict[str, list[str]] = {
    "zfb": ["{county}2016年政府工作报告确定的民生实事完成情况", "{county}人民政府常务会议纪要"],
    "fgj": ["{county}2016年重点项目建设计划", "{county}集中供热价格调整的成本监审报告"],
    "czj": ["{county}2016年“三公”经费预算", "{county}2016年财政专项扶贫资金的分配文件"],
    "rsj": ["{county}2016年事业单位招聘的拟聘用人员名单", "{county}被征地农民养老保险的参保情况"],
    "gtj": [
        "{county}{village}集体土地征收的补偿安置方案",
        "{county}某地块国有建设用地使用权出让合同",
    ],
    "hbj": ["{county}某建设项目的环境影响评价批复", "{county}2016年环境空气质量监测数据"],
    "jsj": ["{county}棚户区改造项目的房屋征收补偿方案", "{county}农村危房改造补助名单"],
    "mzj": ["{county}{village}2016年农村低保名单", "{county}2016年临时救助资金的发放明细"],
    "jyj": ["{county}2016年中小学校舍改造工程的资金使用情况", "{county}义务教育学校的划片范围"],
    "wjj": ["{county}新农合基金2016年的收支情况", "{county}乡镇卫生院的药品采购价格"],
    "ajj": ["{county}2016年安全生产事故的调查报告", "{county}非煤矿山安全生产检查结果"],
    "scj": ["{county}2016年食品安全抽检结果", "{county}某超市食品经营许可材料"],
}
VILLAGES = [
    "东关村",
    "吕二村",
    "皂郊村",
    "中梁村",
    "甘泉村",
    "社棠村",
    "渭南村",
    "石佛村",
    "西十里村",
]
PURPOSES = ["自身生产生活需要", "了解补偿标准", "核实补助是否发放到位", "学术研究", "办理相关业务"]

# Organisations applying (the five columns of 法人或其他组织), and the USCC's first two characters.
ORGANISATIONS = {
    "commercial": ("91", ["天水华天置业有限公司", "甘肃陇原建设工程有限公司", "天水长城果汁有限公司",
                          "天水星火机床有限责任公司", "天水麦积山旅游开发有限公司", "秦州区兴隆运输有限公司"]),
    "research": ("12", ["天水师范学院", "天水市农业科学研究所", "天水市林业科学研究所",
                        "甘肃中医药大学天水分院"]),
    "welfare": ("53", ["天水市慈善总会", "天水市环保志愿者协会", "天水市残疾人福利基金会"]),
    "legal": ("31", ["甘肃伏羲律师事务所", "甘肃陇右律师事务所", "甘肃秦州律师事务所"]),
    "other": ("59", ["秦州区东关街道某社区居民委员会", "天水市个体劳动者协会", "麦积区某村民小组"]),
}  # fmt: skip
GIVEN = tianshui.GIVEN_NAMES

# Outcome mix of ordinary replies (weights), before the scripted special cases.
ORDINARY_OUTCOMES = [
    (Out.DISCLOSED, 46), (Out.PARTIAL, 9), (Out.UNABLE_NOT_HELD, 12), (Out.UNABLE_NEEDS_CREATION, 3),
    (Out.WITHHELD_PROCESS, 3), (Out.WITHHELD_INTERNAL, 2), (Out.WITHHELD_CASE_FILE, 2),
    (Out.WITHHELD_QUERY, 2), (Out.WITHHELD_BY_LAW, 1), (Out.WITHHELD_STATE_SECRET, 1),
    (Out.WITHHELD_SECURITY, 1), (Out.REFUSED_PETITION, 3), (Out.REFUSED_REPEAT, 2),
    (Out.REFUSED_PUBLICATION, 1), (Out.REFUSED_CONFIRMATION, 1), (Out.OTHER, 1),
]  # fmt: skip
LEGAL_BASIS = {
    "withhold.state_secret": "《中华人民共和国政府信息公开条例》第十四条：依法确定为国家秘密的政府信息不予公开。",
    "withhold.prohibited_by_law": "《中华人民共和国政府信息公开条例》第十四条：法律、行政法规禁止公开的政府信息不予公开。",
    "withhold.security_stability": "《中华人民共和国政府信息公开条例》第十四条：公开后可能危及国家安全、公共安全、经济安全、社会稳定。",
    "withhold.third_party": "《中华人民共和国政府信息公开条例》第十五条：涉及个人隐私，公开会对第三方合法权益造成损害，第三方不同意公开。",
    "withhold.internal_affairs": "《中华人民共和国政府信息公开条例》第十六条第一款：属于人事管理、后勤管理、内部工作流程等内部事务信息。",
    "withhold.process_information": "《中华人民共和国政府信息公开条例》第十六条第二款：属于讨论记录、过程稿、磋商信函、请示报告等过程性信息。",
    "withhold.enforcement_file": "《中华人民共和国政府信息公开条例》第十六条第二款：属于行政执法案卷信息。",
    "withhold.administrative_query": "《中华人民共和国政府信息公开条例》第三十六条第（七）项：属于工商、不动产登记资料等有专门规定的查询事项，请依相关规定查询。",
    "unable.not_held": "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项：经检索，本机关未制作、获取该政府信息。",
    "unable.needs_creation": "《中华人民共和国政府信息公开条例》第三十八条：需要对现有政府信息进行加工、分析，本机关不予提供。",
    "unable.still_unclear": "《中华人民共和国政府信息公开条例》第三十条：经补正后申请内容仍不明确，无法确定所需政府信息。",
    "refuse.petition": "《中华人民共和国政府信息公开条例》第三十九条：申请以政府信息公开申请的形式进行信访、投诉、举报，请通过相应渠道提出。",
    "refuse.repeat": "《中华人民共和国政府信息公开条例》第三十六条第（六）项：本机关已就同一内容作出答复，申请人重复申请。",
    "refuse.publication": "《中华人民共和国政府信息公开条例》第三十九条第二款：所申请信息为公开出版物，请通过公开渠道获取。",
    "refuse.excessive": "《中华人民共和国政府信息公开条例》第三十五条：申请数量、频次明显超过合理范围，且说明的理由不合理。",
    "refuse.confirmation": "《中华人民共和国政府信息公开条例》第三十九条第二款：申请人要求行政机关确认或重新出具已获取的信息。",
    "other.other": "申请人在答复前已通过其他途径获取所需信息，本机关终止办理。",
    "partial": "《中华人民共和国政府信息公开条例》第三十七条：所申请信息中含有涉及个人隐私的内容，作区分处理后公开其余部分。",
}
REPLY_TEXT = {
    "disclose": "您申请的政府信息现予以公开，随本答复书提供电子文本。",
    "partial": "您申请的政府信息部分公开，已删除涉及个人身份证号码、银行账号的内容，其余部分随本答复书提供。",
    "withhold.administrative_query": "请持有效证件到相关登记机构依法查询。",
}


@dataclass
class Case:
    """One scripted application: who asks whom what, when, and what happens to it."""

    dept: Department
    on: date  # received (Art. 31)
    channel: str
    applicant: dict
    description: str
    outcome: str = Out.DISCLOSED
    reply_after: int = 10  # working days after receipt (or after the last event)
    correction: str = ""  # "" | "answered" | "expired" | "unclear"
    consultation: str = ""  # "" | ConsultationKind value
    consultation_result: str = ""
    extension: bool = False
    fee: str = ""  # "" | "pages" | "count" | "unpaid"
    art35: str = ""  # "" | Art35Decision value
    returned: bool = False
    forward: Department | None = None
    withdraw: bool = False
    challenges: list[tuple[str, int, str, int | None]] = field(default_factory=list)
    open_at_end: bool = False  # no reply (left open)
    reply_on: date | None = None  # fixed reply day (overrides reply_after)


class _People:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.n = 0

    def natural(self) -> dict:
        rng = self.rng
        self.n += 1
        name = rng.choice(tianshui.SURNAMES) + rng.choice(GIVEN)
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 48))
        first17 = f"6205{rng.choice(['02', '03', '21', '22', '23', '24', '25'])}{born:%Y%m%d}{rng.randrange(1000):03d}"
        mobile = (
            f"1{rng.choice(['39', '38', '51', '58', '87', '89', '36'])}{rng.randrange(10**8):08d}"
        )
        return {
            "applicant_kind": "natural",
            "name": name,
            "id_type": "resident_id",
            "id_number": first17 + id_check_char(first17),
            "phone": mobile,
            "email": f"user{self.n:04d}@example.com" if rng.random() < 0.4 else "",
            "address": f"甘肃省天水市{rng.choice(PLACES)}{rng.choice(STREETS)}{rng.randint(1, 200)}号",
            "postcode": "741000",
        }

    def organisation(self, subtype: str) -> dict:
        rng = self.rng
        prefix, names = ORGANISATIONS[subtype]
        name = rng.choice(names)
        body = f"{names.index(name) + 1:03d}{ord(subtype[0]):05d}"
        org = body + org_code_check_char(body)
        first17 = f"{prefix}620500{org}"
        return {
            "applicant_kind": "organisation",
            "org_subtype": subtype,
            "name": name,
            "id_type": "uscc",
            "id_number": first17 + uscc_check_char(first17),
            "contact_person": rng.choice(tianshui.SURNAMES) + rng.choice(GIVEN),
            "phone": f"0938-8{rng.randrange(10**6):06d}",
            "email": f"office{names.index(name) + 1}@{subtype}.example.com",
            "address": f"甘肃省天水市{rng.choice(PLACES)}{rng.choice(STREETS)}{rng.randint(1, 200)}号",
            "postcode": "741000",
        }

    def anyone(self) -> dict:
        roll = self.rng.random()
        if roll < 0.74:
            return self.natural()
        subtype = self.rng.choices(
            ["commercial", "research", "welfare", "legal", "other"], [10, 3, 3, 6, 4]
        )[0]
        return self.organisation(subtype)


PLACES = ["秦州区", "麦积区", "清水县", "秦安县", "甘谷县", "武山县", "张家川回族自治县"]
STREETS = ["藉河南路", "成纪大道", "民主西路", "岷山路", "建设路", "环城西路", "罗玉路", "羲皇大道"]


def _working_day(rng: random.Random, first: date, last: date) -> date:
    while True:
        day = first + timedelta(days=rng.randrange((last - first).days + 1))
        if is_working_day(day):
            return day


def _channel(rng: random.Random) -> str:
    return rng.choices(
        [Channel.ONLINE, Channel.IN_PERSON, Channel.POST, Channel.LETTER, Channel.FAX],
        [58, 20, 15, 4, 3],
    )[0]


def _describe(rng: random.Random, dept: Department, slug: str, county: str) -> str:
    topics = COUNTY_TOPICS[slug] if county else CITY_TOPICS[slug]
    text = rng.choice(topics).format(
        place=rng.choice(PLACES), village=rng.choice(VILLAGES), county=county
    )
    return f"{text}。用途：{rng.choice(PURPOSES)}。"


def _plan(depts: dict[str, tuple[Department, str, str]], rng: random.Random) -> list[Case]:
    """Every case of the year, scripted; ``depts`` maps a key to (department, slug, county name)."""
    people = _People(rng)
    keys = list(depts)
    weights = [
        6 if slug in ("czj", "hbj", "jsj", "gtj", "fpb", "mzj", "sypj", "rsj") else 2
        for _, slug, county in depts.values()
    ]
    weights = [w if not depts[k][2] else max(1, w // 2) for k, w in zip(keys, weights, strict=True)]

    def case(key: str | None = None, **kw) -> Case:
        key = key or rng.choices(keys, weights)[0]
        dept, slug, county = depts[key]
        kw.setdefault("on", _working_day(rng, date(YEAR, 1, 4), date(YEAR, 11, 25)))
        kw.setdefault("channel", _channel(rng))
        kw.setdefault("applicant", people.anyone())
        kw.setdefault("description", _describe(rng, dept, slug, county))
        kw.setdefault("reply_after", rng.choice([2, 4, 6, 8, 10, 12, 14, 15, 17, 18, 19]))
        return Case(dept=dept, **kw)

    cases: list[Case] = []
    # Ordinary applications with the usual outcome mix.
    outcomes, outcome_weights = zip(*ORDINARY_OUTCOMES, strict=True)
    for _ in range(ORDINARY_COUNT):
        cases.append(case(outcome=rng.choices(outcomes, outcome_weights)[0]))
    # A few late replies (more than 20 working days: the clock completes as overdue).
    for _ in range(3):
        cases.append(case(outcome=Out.DISCLOSED, reply_after=rng.choice([22, 24, 26])))
    # 补正: answered (then replied), answered but still unclear, and lapsed.
    for _ in range(14):
        cases.append(
            case(
                correction="answered",
                outcome=rng.choice([Out.DISCLOSED, Out.PARTIAL, Out.UNABLE_NOT_HELD]),
            )
        )
    for _ in range(3):
        cases.append(case(correction="unclear", outcome=Out.UNABLE_STILL_UNCLEAR))
    for _ in range(5):
        cases.append(case(correction="expired", outcome=Out.OTHER_NO_CORRECTION))
    # Consultations: third parties (consent, objection, silence), co-producers, other agencies.
    for kind, result, outcome in [
        (ConsultationKind.THIRD_PARTY, ConsultationResult.CONSENT, Out.DISCLOSED),
        (ConsultationKind.THIRD_PARTY, ConsultationResult.OBJECTION, Out.WITHHELD_THIRD_PARTY),
        (ConsultationKind.THIRD_PARTY, ConsultationResult.OBJECTION, Out.WITHHELD_THIRD_PARTY),
        (ConsultationKind.THIRD_PARTY, ConsultationResult.OBJECTION, Out.PARTIAL),
        (ConsultationKind.THIRD_PARTY, ConsultationResult.NO_REPLY, Out.DISCLOSED),
        (ConsultationKind.CO_PRODUCER, ConsultationResult.CONSENT, Out.DISCLOSED),
        (ConsultationKind.CO_PRODUCER, ConsultationResult.NO_REPLY, Out.DISCLOSED),
        (ConsultationKind.AGENCY, ConsultationResult.CONSENT, Out.DISCLOSED),
        (ConsultationKind.AGENCY, ConsultationResult.OBJECTION, Out.WITHHELD_SECURITY),
        (ConsultationKind.THIRD_PARTY, ConsultationResult.CONSENT, Out.PARTIAL),
    ]:
        cases.append(case(consultation=kind, consultation_result=result, outcome=outcome))
    # Extensions approved by the disclosure office (Art. 33).
    for _ in range(4):
        cases.append(
            case(extension=True, outcome=rng.choice([Out.DISCLOSED, Out.PARTIAL]), reply_after=28)
        )
    # Fees by pages: paid, and one lapsed.
    for _ in range(3):
        cases.append(case(fee="pages", outcome=Out.DISCLOSED))
    for _ in range(2):
        cases.append(case(fee="unpaid", outcome=Out.OTHER_FEE_UNPAID))
    # Replies the reviewer returned once for changes.
    for _ in range(6):
        cases.append(
            case(
                returned=True,
                outcome=rng.choice([Out.DISCLOSED, Out.WITHHELD_PROCESS, Out.UNABLE_NOT_HELD]),
            )
        )
    # Forwarded to the responsible agency on the platform (不属于本机关负责公开).
    for source, target in [("czj", "fpb"), ("hbj", "gaj"), ("szfb", "jsj"), ("gtj", "jsj")]:
        cases.append(case(source, outcome=Out.UNABLE_NOT_HELD, forward=depts[target][0]))
    # Withdrawals after receipt (其他处理 — 其他).
    for _ in range(4):
        cases.append(case(withdraw=True, outcome=Out.OTHER))
    # One applicant asking 市国土资源局 twelve times in March: by-count fees, then Art. 35.
    frequent = people.natural()
    frequent["name"] = "马某某"
    march = [
        d for d in (date(YEAR, 3, 1) + timedelta(days=i) for i in range(24)) if is_working_day(d)
    ]
    for i in range(12):
        village = VILLAGES[i % len(VILLAGES)]
        kw = {
            "outcome": [Out.DISCLOSED, Out.REFUSED_REPEAT, Out.UNABLE_NOT_HELD][i % 3]
            if i < 10
            else Out.DISCLOSED
        }
        if i == 10:
            kw["fee"] = "count"
        if i == 11:
            kw.update(art35=Art35Decision.UNREASONABLE, outcome=Out.REFUSED_EXCESSIVE)
        cases.append(case("gtj", on=march[i], applicant=dict(frequent), channel=Channel.ONLINE,
                          description=f"秦州区{village}第{i + 1}批集体土地征收的全部审批材料、补偿款发放明细及会议记录。",
                          **kw))  # fmt: skip
    # Art. 35, reasonable: a research institute's large request gets a later deadline.
    cases.append(case("tjj", applicant=people.organisation("research"), art35=Art35Decision.REASONABLE,
                      outcome=Out.DISCLOSED, reply_after=35,
                      description="2006年至2016年天水市各县区历年统计年鉴及农业普查汇总资料（共11年）。用途：学术研究。"))  # fmt: skip
    # Reconsideration and litigation: every result in every row of Table 四.
    R, D, A = (
        ChallengeKind.RECONSIDERATION,
        ChallengeKind.LITIGATION_DIRECT,
        ChallengeKind.LITIGATION_AFTER,
    )
    U, C, OT, P = (
        ChallengeResult.UPHELD,
        ChallengeResult.CORRECTED,
        ChallengeResult.OTHER,
        ChallengeResult.PENDING,
    )
    plans = [
        [(R, 30, U, 60)], [(R, 25, C, 55)], [(R, 40, OT, 45)], [(R, 50, P, None)],
        [(D, 35, U, 120)], [(D, 30, C, 150)], [(D, 45, OT, 90)], [(D, 60, P, None)],
        [(R, 20, U, 60), (A, 75, U, 150)], [(R, 20, U, 55), (A, 70, C, 160)],
        [(R, 25, OT, 50), (A, 60, OT, 130)], [(R, 15, U, 45), (A, 55, P, None)],
        [(R, 45, C, 80)],
    ]  # fmt: skip
    challenged = [Out.WITHHELD_THIRD_PARTY, Out.UNABLE_NOT_HELD, Out.WITHHELD_PROCESS, Out.REFUSED_REPEAT,
                  Out.UNABLE_NEEDS_CREATION, Out.WITHHELD_CASE_FILE, Out.PARTIAL]  # fmt: skip
    for i, plan in enumerate(plans):
        cases.append(case(outcome=challenged[i % len(challenged)], challenges=plan,
                          on=_working_day(rng, date(YEAR, 1, 4), date(YEAR, 6, 30))))  # fmt: skip
    # 上年结转: received in late 2015, concluded in 2016.
    for _ in range(8):
        on = _working_day(rng, date(YEAR - 1, 12, 7), date(YEAR - 1, 12, 31))
        reply = _working_day(rng, date(YEAR, 1, 4), date(YEAR, 1, 22))
        cases.append(case(on=on, reply_on=max(reply, add_working_days(on, 2)),
                          outcome=rng.choice([Out.DISCLOSED, Out.UNABLE_NOT_HELD, Out.PARTIAL])))  # fmt: skip
    # 结转下年度: received in December 2016, open at the year's end; most replied in January 2017.
    for i in range(12):
        on = _working_day(rng, date(YEAR, 12, 12), date(YEAR, 12, 30))
        if i < 3:
            cases.append(case(on=on, open_at_end=True, outcome=Out.DISCLOSED))
        else:
            reply = _working_day(rng, date(YEAR + 1, 1, 3), date(YEAR + 1, 1, 20))
            cases.append(case(on=on, reply_on=max(reply, add_working_days(on, 2)),
                              outcome=rng.choice([Out.DISCLOSED, Out.PARTIAL, Out.UNABLE_NOT_HELD])))  # fmt: skip
    cases.sort(key=lambda c: c.on)
    return cases


@dataclass
class _Staff:
    handler: object
    reviewer: object
    office: object
    secrecy: object = None  # the 保密审查员 (replies releasing information pass them first)


def _departments() -> tuple[dict[str, tuple[Department, str, str]], dict[int, _Staff]]:
    from gongkai.accounts.models import User

    city = Government.objects.get(code=tianshui.CITY[0])
    depts: dict[str, tuple[Department, str, str]] = {}
    prefixes: dict[int, tuple[str, str]] = {}
    by_name = {d.name: d for d in Department.objects.filter(government__path__startswith=city.path)}
    for slug, name, *_ in tianshui.CITY_DEPARTMENTS:
        if name in by_name:
            depts[slug] = (by_name[name], slug, "")
            prefixes[by_name[name].pk] = (f"ts_{slug}", "ts_szfb")
    for code, county, _full, county_slug in tianshui.COUNTIES:
        for slug, suffix, *_ in tianshui.COUNTY_DEPARTMENTS:
            dept = by_name.get(f"{county}{suffix}")
            if dept is not None and dept.government.code == code:
                depts[f"{county_slug}_{slug}"] = (dept, slug, county)
                prefixes[dept.pk] = (f"{county_slug}_{slug}", f"{county_slug}_zfb")
    roles = ("handler", "reviewer", "secrecy")
    names = [f"{p}_{role}" for p, _ in prefixes.values() for role in roles]
    names += [f"{office}_gkb" for _, office in prefixes.values()]
    users = User.objects.in_bulk(names, field_name="username")
    staff = {
        pk: _Staff(
            users[f"{p}_handler"],
            users[f"{p}_reviewer"],
            users[f"{office}_gkb"],
            users.get(f"{p}_secrecy"),
        )
        for pk, (p, office) in prefixes.items()
    }
    return depts, staff


def _noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 30, tzinfo=BEIJING)


class _Runner:
    def __init__(self, staff: dict[int, _Staff], rng: random.Random):
        self.staff = staff
        self.rng = rng
        self.serial = 0
        self.created: list[int] = []
        self.counts: dict[str, int] = {}

    def count(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1

    # -- intake ------------------------------------------------------------------
    def receive(self, c: Case) -> Application:
        people = self.staff[c.dept.pk]
        data = {
            "department": c.dept.pk,
            "description": c.description,
            "preferred_form": "electronic" if c.channel == Channel.ONLINE else self.rng.choice(["paper", "electronic"]),
            "delivery_method": DeliveryMethod.ONLINE,
            **c.applicant,
        }  # fmt: skip
        if c.channel != Channel.ONLINE:
            data["delivery_method"] = self.rng.choice([DeliveryMethod.POST, DeliveryMethod.COLLECT])
        elif data.get("email") and self.rng.random() < 0.3:
            data["delivery_method"] = DeliveryMethod.EMAIL
        self.serial += 1
        if c.channel == Channel.ONLINE:
            sub = services.submit_online(data, idempotency_key=f"{KEY_PREFIX}{self.serial:04d}")
        else:
            sub = services.register_offline(
                data,
                channel=c.channel,
                actor=people.handler,
                received_on=None if c.channel in (Channel.LETTER, Channel.FAX) else c.on,
                registered_on=c.on,  # registered the day it came in, in 2016
            )
        application = sub.application
        self.created.append(application.pk)
        submitted = c.on if c.channel != Channel.POST else c.on - timedelta(days=3)
        dating = {"submitted_at": _noon(submitted)}
        if application.year != submitted.year:  # numbered in the year of submission
            dating.update(
                year=submitted.year, tracking_number=tracking_number_for(c.dept, submitted.year)
            )
        Application.objects.filter(pk=application.pk).update(**dating)
        application.refresh_from_db()
        if application.state == ApplicationState.AWAITING_CONFIRMATION:
            services.confirm_receipt(application, actor=people.handler, on=c.on)
        services.assign(application, assignee=people.handler, actor=people.handler)
        application.refresh_from_db()
        self.count(f"channel:{c.channel}")
        return application

    # -- handling ----------------------------------------------------------------
    def handle(self, c: Case) -> None:
        people = self.staff[c.dept.pk]
        h = people.handler
        a = self.receive(c)
        day = c.on
        if c.correction:
            asked = add_working_days(day, self.rng.randint(1, 5))
            services.request_correction(
                a,
                what="请写明所需政府信息的具体年份、项目名称或文件文号，以便准确检索。",
                actor=h,
                on=asked,
            )
            if c.correction == "expired":
                a.refresh_from_db()
                deadline = a.correction.deadline
                services.expire_corrections(on=deadline + timedelta(days=1))
                self.count("correction_expired")
                return
            day = add_working_days(asked, self.rng.randint(2, 8))
            answer = (
                "具体为2016年度的相关文件。"
                if c.correction == "answered"
                else "就是你们单位的那些文件，我也说不清楚。"
            )
            services.receive_correction(a, answer=answer, on=day)
            self.count("correction_answered")
        if c.art35:
            asked = add_working_days(day, 2)
            services.request_reasons(
                a, text="请说明短期内大量提出申请的理由及用途。", actor=h, on=asked
            )
            reasons_on = add_working_days(asked, 3)
            reasons = (
                "需要核实全部征收补偿情况。" if c.art35 == Art35Decision.UNREASONABLE else "课题研究需要十年系列数据。"
            )  # fmt: skip
            services.record_reasons(a, reasons=reasons, actor=h, on=reasons_on)
            decided = add_working_days(reasons_on, 2)
            new_deadline = (
                add_working_days(decided, 40) if c.art35 == Art35Decision.REASONABLE else None
            )
            a.refresh_from_db()
            services.decide_art35(
                a, decision=c.art35, actor=h, new_deadline=new_deadline, on=decided
            )
            day = decided
            self.count(f"art35:{c.art35}")
        if c.consultation:
            sent = add_working_days(day, self.rng.randint(1, 4))
            a.refresh_from_db()
            consultation = services.start_consultation(
                a,
                kind=c.consultation,
                party={
                    ConsultationKind.THIRD_PARTY: "天水某房地产开发有限公司",
                    ConsultationKind.CO_PRODUCER: "天水市财政局",
                    ConsultationKind.AGENCY: "天水市公安局",
                }[c.consultation],
                question="申请人申请公开的信息涉及贵方，请提出是否同意公开的意见。",
                actor=h,
                on=sent,
            )
            wait = (
                16
                if c.consultation_result == ConsultationResult.NO_REPLY
                else self.rng.randint(3, 12)
            )
            day = add_working_days(sent, wait)
            summary = (
                "涉及商业秘密和个人信息，不同意公开。"
                if c.consultation_result == ConsultationResult.OBJECTION
                else ""
            )
            services.record_consultation_reply(
                consultation, result=c.consultation_result, summary=summary, actor=h, on=day
            )
            self.count(f"consultation:{c.consultation_result}")
        if c.fee:
            a.refresh_from_db()
            issued = add_working_days(day, 3)
            if c.fee == "count":
                fee = services.issue_fee(a, method=FeeMethod.BY_COUNT, actor=h, on=issued)
            else:
                pages = self.rng.choice([45, 80, 150, 260])
                fee = services.issue_fee(
                    a, method=FeeMethod.BY_PAGES, pages=pages, actor=h, on=issued
                )
            if c.fee == "unpaid":
                a.refresh_from_db()
                from gongkai.workdays.models import Clock

                due = Clock.objects.for_subject(a).get(stage="fee_payment").due_date
                services.expire_fees(on=due + timedelta(days=1))
                self.count("fee_unpaid")
                return
            paid = add_working_days(issued, self.rng.randint(2, 8))
            services.declare_payment(a, reference=f"TS{paid:%Y%m%d}{fee.pk:04d}", on=paid)
            a.refresh_from_db()
            services.confirm_payment(a, actor=h, on=add_working_days(paid, 1))
            day = add_working_days(paid, 1)
            self.count("fee_paid")
        if c.withdraw:
            services.withdraw(
                a,
                reason="申请人已通过其他途径获取所需信息，申请撤回。",
                on=add_working_days(day, 3),
            )
            self.count("withdrawn")
            return
        if c.extension:
            self._extend(a, people, add_working_days(day, 15))
        if c.open_at_end:
            self.count("open")
            return
        reply_on = c.reply_on or add_working_days(day, c.reply_after)
        self.reply(a, c, people, reply_on)

    def _extend(self, a: Application, people: _Staff, on: date) -> None:
        """Extension (Art. 33), then re-date its lines and notice to ``on`` (the services take no date)."""
        from .services.notices import notice_number

        a.refresh_from_db()
        request = services.request_extension(
            a, days=15, reason="所申请信息涉及多个年度的档案，需要调取和整理", actor=people.handler
        )
        services.decide_extension(request, approve=True, actor=people.office)
        ExtensionRequest.objects.filter(pk=request.pk).update(
            requested_at=_noon(on), decided_at=_noon(on)
        )
        a.timeline.filter(
            kind__in=[StepKind.EXTENSION_REQUESTED, StepKind.EXTENSION_APPROVED]
        ).update(on=on, at=_noon(on))
        for notice in FormalNotice.objects.filter(application=a, kind=NoticeKind.EXTENSION):
            FormalNotice.objects.filter(pk=notice.pk).update(
                issued_on=on, number=notice_number(a, on)
            )
        self.count("extension")

    def reply(self, a: Application, c: Case, people: _Staff, on: date) -> None:
        a.refresh_from_db()
        outcome = str(c.outcome)
        basis = LEGAL_BASIS.get(outcome, "")
        text = REPLY_TEXT.get(outcome, "")
        referred = {}
        if outcome == Out.UNABLE_NOT_HELD and c.forward is None:
            referred = {
                "referred_agency_name": "相关主管部门",
                "referred_agency_contact": "请向该部门咨询",
            }
        if c.returned:
            services.submit_reply(
                a, outcome=outcome, legal_basis=basis or "经审查", reply_text=text or "拟答复。",
                actor=people.handler, expected_version=a.version, forward_to=c.forward, **referred,
            )  # fmt: skip
            services.return_reply(
                a, actor=people.reviewer, comment="请补充法律依据的具体条款，并核对申请人信息。"
            )
            a.refresh_from_db()
            self.count("returned")
        services.submit_reply(
            a,
            outcome=outcome,
            legal_basis=basis,
            reply_text=text,
            actor=people.handler,
            expected_version=a.version,
            forward_to=c.forward,
            **referred,
        )
        a.refresh_from_db()
        if services.secrecy_review_pending(a):  # 保密审查 before information is released
            services.pass_secrecy_review(
                a, actor=people.secrecy, note="不涉及国家秘密，同意公开。", on=on
            )
        services.approve_reply(a, actor=people.reviewer, on=on)
        a.refresh_from_db()
        method = a.delivery_method
        delivered = add_working_days(on, 1 if method != DeliveryMethod.POST else 3)
        services.record_delivery(
            a,
            method=method,
            actor=people.handler,
            on=delivered if delivered <= timezone.localdate() else on,
            reference=f"XA{a.pk:08d}62" if method == DeliveryMethod.POST else "",
        )
        self.count(f"outcome:{outcome}")
        if c.forward is not None:
            self._forwarded(a, c.forward, on)
        remedies = layout_for(a.department)
        for kind, after, result, decided_after in c.challenges:
            filed = on + timedelta(days=after)
            services.record_challenge(
                a,
                kind=kind,
                filed_on=filed,
                body=remedies.reconsideration_body if kind == ChallengeKind.RECONSIDERATION
                else remedies.court,
                actor=people.handler,
                case_number=f"天政复〔{filed.year}〕{a.pk % 97 + 1}号" if kind == ChallengeKind.RECONSIDERATION
                else f"（{filed.year}）甘0502行初{a.pk % 89 + 1}号",
                result=result,
                decided_on=on + timedelta(days=decided_after) if decided_after else None,
            )  # fmt: skip
            self.count(f"challenge:{kind}:{result}")

    def _forwarded(self, a: Application, target: Department, on: date) -> None:
        """The copy the target agency received: dated and numbered in the forwarding year."""
        a.refresh_from_db()
        copy = a.forwarded_to
        Application.objects.filter(pk=copy.pk).update(
            submitted_at=_noon(on),
            year=on.year,
            tracking_number=tracking_number_for(target, on.year),
        )
        copy.refresh_from_db()
        self.created.append(copy.pk)
        people = self.staff[target.pk]
        received = add_working_days(on, 1)
        services.confirm_receipt(copy, actor=people.handler, on=received)
        services.assign(copy, assignee=people.handler, actor=people.handler)
        follow = Case(dept=target, on=received, channel=Channel.ONLINE, applicant={}, description="",
                      outcome=Out.DISCLOSED, reply_after=8)  # fmt: skip
        self.reply(copy, follow, people, add_working_days(received, 8))
        self.count("forwarded")


def _date_undated_steps(application_ids: list[int]) -> None:
    """Timeline lines the services date "today" (assignment, drafts, registration) take the
    date of the line before them, so the demo's timelines read as 2016."""
    submitted = dict(
        Application.objects.filter(pk__in=application_ids).values_list("pk", "submitted_at")
    )
    first_day = {pk: timezone.localtime(at).date() for pk, at in submitted.items()}
    timeline.backdate(Application, application_ids, today=timezone.localdate(), first_day=first_day)


# The basic people's court of each county's agencies (行政诉讼法 Art. 14, 18).
COUNTY_COURTS = {
    "620502": "天水市秦州区人民法院",
    "620503": "天水市麦积区人民法院",
    "620521": "清水县人民法院",
    "620522": "秦安县人民法院",
    "620523": "甘谷县人民法院",
    "620524": "武山县人民法院",
    "620525": "张家川回族自治县人民法院",
}
CITY_COURT = "天水市秦州区人民法院"  # for the city's departments
INTERMEDIATE_COURT = "天水市中级人民法院"  # for cases against a county-level or higher government


def load_notice_remedies() -> int:
    """复议机关 and 管辖法院 of every Tianshui agency: government rows and the general offices'."""
    from .models import NoticeLayout
    from .models.layouts import answers_for_government

    city = Government.objects.get(code=tianshui.CITY[0])
    rows = {city.pk: (city.full_name, CITY_COURT)}
    for county in Government.objects.filter(parent=city, code__in=COUNTY_COURTS):
        rows[county.pk] = (county.full_name, COUNTY_COURTS[county.code])
    changed = 0
    for government_id, (body, court) in rows.items():
        layout, _ = NoticeLayout.objects.get_or_create(
            government_id=government_id, department__isnull=True
        )
        if (layout.reconsideration_body, layout.court) != (body, court):
            layout.reconsideration_body, layout.court = body, court
            layout.save()
            changed += 1
    offices = Department.objects.filter(government_id__in=rows, active=True).select_related(
        "government__parent"
    )
    for office in (d for d in offices if answers_for_government(d)):
        above = office.government.parent
        body = above.full_name if above is not None else office.government.full_name
        layout, _ = NoticeLayout.objects.get_or_create(
            department=office, defaults={"government": office.government}
        )
        if (layout.reconsideration_body, layout.court) != (body, INTERMEDIATE_COURT):
            layout.reconsideration_body, layout.court = body, INTERMEDIATE_COURT
            layout.save()
            changed += 1
    return changed


def load_applications(ctx) -> None:
    changed = load_notice_remedies()
    if changed:
        ctx.out(f"  依申请公开：{changed} 份告知书版式写明复议机关和管辖法院")
    if Application.objects.filter(idempotency_key__startswith=KEY_PREFIX).exists():
        ctx.out("  依申请公开：演示申请已存在，未重复添加")
        return
    started = time.monotonic()
    rng = random.Random(SEED)  # noqa: S311 - varied demo data, not security
    depts, staff = _departments()
    cases = _plan(depts, rng)
    runner = _Runner(staff, rng)
    for c in cases:
        runner.handle(c)
    # Online submissions that were not applications (tests, spam): discarded, never counted.
    any_dept = depts["czj"][0]
    people = staff[any_dept.pk]
    for i, text in enumerate(["测试测试测试", "你好，请问怎么申请？", "asdfasdf1234"]):
        sub = services.submit_online(
            {"department": any_dept.pk, **_People(rng).natural(), "description": text,
             "preferred_form": "electronic", "delivery_method": "online"},
            idempotency_key=f"{KEY_PREFIX}spam-{i}",
        )  # fmt: skip
        day = date(YEAR, 4 + i, 11)
        Application.objects.filter(pk=sub.application.pk).update(
            submitted_at=_noon(day),
            year=YEAR,
            tracking_number=tracking_number_for(any_dept, YEAR),
        )
        sub.application.refresh_from_db()
        services.discard(
            sub.application, actor=people.handler, reason="非政府信息公开申请（测试或无效内容）"
        )
        runner.created.append(sub.application.pk)
    _date_undated_steps(runner.created)
    n = Application.objects.filter(received_on__year=YEAR).count()
    counts = runner.counts
    outcomes = (
        len([k for k in counts if k.startswith("outcome:")])
        + (1 if counts.get("correction_expired") else 0)
        + (1 if counts.get("fee_unpaid") else 0)
    )
    ctx.out(
        f"  依申请公开：{len(cases)} 件演示申请（{YEAR}年收到 {n} 件），{outcomes} 种办理结果；"
        f"补正 {counts.get('correction_answered', 0)}+{counts.get('correction_expired', 0)}（逾期），"
        f"征求意见 {sum(v for k, v in counts.items() if k.startswith('consultation:'))}，"
        f"延期 {counts.get('extension', 0)}，收费 {counts.get('fee_paid', 0)}+{counts.get('fee_unpaid', 0)}（逾期），"
        f"转送 {counts.get('forwarded', 0)}，撤回 {counts.get('withdrawn', 0)}，"
        f"复议诉讼 {sum(v for k, v in counts.items() if k.startswith('challenge:'))}；"
        f"用时 {time.monotonic() - started:.0f} 秒"
    )
