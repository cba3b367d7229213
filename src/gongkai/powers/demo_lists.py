"""Demo data of the other two lists of 三张清单 for 天水市, recorded through the real
service (``services.lists``): the enterprise investment 负面清单 published in June
2016 and changed in November; the 财政专项资金管理清单 published in March 2016 and
changed in September."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gongkai.orgs.models import Department

from .models import EntryChange, ListEntry, ListKind
from .services.lists import EntrySpec, record_list_change

NEGATIVE_BASIS = "《政府核准的投资项目目录（2016年本）》（国发〔2016〕72号）"
# (code, name, category, department slug, measure, approving body)
NEGATIVE = (
    ("FM-001", "新建高尔夫球场项目", "禁止类", "fgw", "禁止新建高尔夫球场项目", ""),
    ("FM-002", "新建别墅类房地产开发项目", "禁止类", "gtj", "禁止供应别墅类房地产开发项目用地", ""),
    ("FM-003", "新建年产30万吨以下煤矿", "禁止类", "ajj", "禁止新建年产30万吨以下煤矿", ""),
    (
        "FM-004",
        "在饮用水水源一级保护区内新建建设项目",
        "禁止类",
        "hbj",
        "禁止在饮用水水源一级保护区内新建、改建、扩建与供水设施和保护水源无关的建设项目",
        "",
    ),
    (
        "FM-005",
        "新建小造纸、小制革、小印染项目",
        "禁止类",
        "hbj",
        "禁止新建列入淘汰类的小造纸、小制革、小印染项目",
        "",
    ),
    (
        "FM-006",
        "在自然保护区核心区内开展旅游和生产经营活动",
        "禁止类",
        "lyj",
        "禁止在自然保护区核心区和缓冲区开展旅游和生产经营活动",
        "",
    ),
    ("FM-007", "新建水泥熟料、平板玻璃项目", "禁止类", "fgw", "产能严重过剩行业禁止新增产能", ""),
    (
        "FM-008",
        "在基本农田内建窑、建房、建坟、挖砂、采石、采矿、取土",
        "禁止类",
        "gtj",
        "禁止占用基本农田从事上述活动",
        "",
    ),
    (
        "FM-101",
        "在跨县区河流上建设的水电站",
        "限制类（须核准）",
        "swj",
        "须经核准方可建设",
        "天水市发展和改革委员会",
    ),
    (
        "FM-102",
        "市域内新建（含增建）公路项目",
        "限制类（须核准）",
        "jtj",
        "国家高速公路网和普通国道网项目以外的公路项目须经核准",
        "天水市发展和改革委员会",
    ),
    (
        "FM-103",
        "城市道路桥梁、城市供水、燃气和污水处理项目",
        "限制类（须核准）",
        "jsj",
        "须经核准方可建设",
        "天水市发展和改革委员会",
    ),
    (
        "FM-104",
        "风电站项目",
        "限制类（须核准）",
        "fgw",
        "在国家依据总量控制制定的建设规划内核准",
        "天水市发展和改革委员会",
    ),
    (
        "FM-105",
        "光伏电站项目",
        "限制类（须核准）",
        "fgw",
        "在国家依据总量控制制定的建设规划内核准",
        "天水市发展和改革委员会",
    ),
    (
        "FM-106",
        "旅游开发项目（总投资5000万元及以上）",
        "限制类（须核准）",
        "fgw",
        "涉及风景名胜区的须经核准",
        "天水市发展和改革委员会",
    ),
    (
        "FM-107",
        "主题公园项目",
        "限制类（须核准）",
        "fgw",
        "总投资15亿元以下的由省级政府核准，其余按国家规定",
        "甘肃省发展和改革委员会",
    ),
    (
        "FM-108",
        "城市轨道交通和公交场站项目",
        "限制类（须核准）",
        "jtj",
        "须经核准方可建设",
        "天水市发展和改革委员会",
    ),
    (
        "FM-109",
        "国家级、省级自然保护区内的建设项目",
        "限制类（须核准）",
        "lyj",
        "须经林业主管部门审核同意后核准",
        "天水市发展和改革委员会",
    ),
    (
        "FM-110",
        "医疗机构新建、扩建项目（三级）",
        "限制类（须核准）",
        "wjw",
        "须符合区域卫生规划，经核准方可建设",
        "天水市卫生和计划生育委员会",
    ),
)
# (code, name, category, department slug, purpose, amount in 万元, rules)
FUNDS = (
    (
        "ZX-001",
        "工业转型升级专项资金",
        "产业发展",
        "fgw",
        "支持工业企业技术改造、节能降耗和产品升级",
        "3000",
        "《天水市工业转型升级专项资金管理办法》",
    ),
    (
        "ZX-002",
        "中小企业发展专项资金",
        "产业发展",
        "sj",
        "支持中小企业创业创新、融资担保和公共服务平台建设",
        "1500",
        "《天水市中小企业发展专项资金管理办法》",
    ),
    (
        "ZX-003",
        "商贸流通发展专项资金",
        "产业发展",
        "sj",
        "支持农村电子商务、城乡物流配送和市场体系建设",
        "800",
        "《天水市商贸流通发展专项资金管理办法》",
    ),
    (
        "ZX-004",
        "旅游发展专项资金",
        "产业发展",
        "wgxj",
        "支持旅游景区基础设施和旅游宣传推介",
        "1200",
        "《天水市旅游发展专项资金管理办法》",
    ),
    (
        "ZX-005",
        "文化产业发展专项资金",
        "社会事业",
        "wgxj",
        "支持文化产业项目、非物质文化遗产保护",
        "600",
        "《天水市文化产业发展专项资金管理办法》",
    ),
    (
        "ZX-006",
        "就业创业专项资金",
        "社会事业",
        "rsj",
        "职业培训补贴、创业担保贷款贴息、公益性岗位补贴",
        "4200",
        "《天水市就业专项资金管理办法》",
    ),
    (
        "ZX-007",
        "城乡居民医疗救助资金",
        "社会事业",
        "mzj",
        "城乡困难群众医疗救助",
        "3600",
        "《天水市城乡医疗救助资金管理办法》",
    ),
    (
        "ZX-008",
        "城乡居民最低生活保障资金",
        "社会事业",
        "mzj",
        "城乡低保对象基本生活保障",
        "26000",
        "《天水市城乡居民最低生活保障资金管理办法》",
    ),
    (
        "ZX-009",
        "学前教育发展专项资金",
        "社会事业",
        "jyj",
        "支持公办幼儿园建设和普惠性民办幼儿园",
        "2500",
        "《天水市学前教育发展专项资金管理办法》",
    ),
    (
        "ZX-010",
        "义务教育薄弱学校改造资金",
        "社会事业",
        "jyj",
        "改善贫困地区义务教育薄弱学校基本办学条件",
        "5800",
        "《全面改善贫困地区义务教育薄弱学校基本办学条件专项资金管理办法》",
    ),
    (
        "ZX-011",
        "基本公共卫生服务补助资金",
        "社会事业",
        "wjw",
        "城乡居民基本公共卫生服务项目补助",
        "7400",
        "《基本公共卫生服务补助资金管理办法》",
    ),
    (
        "ZX-012",
        "财政专项扶贫资金",
        "农业农村",
        "fpb",
        "支持贫困村基础设施建设、产业发展和贫困户增收",
        "18000",
        "《天水市财政专项扶贫资金管理办法》",
    ),
    (
        "ZX-013",
        "现代农业发展专项资金",
        "农业农村",
        "nyj",
        "支持果菜畜草药等特色产业基地建设",
        "3500",
        "《天水市现代农业发展专项资金管理办法》",
    ),
    (
        "ZX-014",
        "农田水利设施建设资金",
        "农业农村",
        "swj",
        "小型农田水利设施建设和维修养护",
        "4600",
        "《农田水利设施建设和水土保持补助资金使用管理办法》",
    ),
    (
        "ZX-015",
        "林业生态建设专项资金",
        "生态环保",
        "lyj",
        "造林绿化、森林抚育和退耕还林补助",
        "5200",
        "《天水市林业生态建设专项资金管理办法》",
    ),
    (
        "ZX-016",
        "大气污染防治专项资金",
        "生态环保",
        "hbj",
        "黄标车和老旧车辆淘汰补贴、燃煤锅炉改造",
        "2800",
        "《天水市大气污染防治专项资金管理办法》",
    ),
    (
        "ZX-017",
        "城市基础设施配套费",
        "城乡建设",
        "jsj",
        "城市道路、供排水、燃气和园林绿化设施建设",
        "9000",
        "《天水市城市基础设施配套费征收使用管理办法》",
    ),
    (
        "ZX-018",
        "保障性安居工程资金",
        "城乡建设",
        "jsj",
        "公共租赁住房、棚户区改造和农村危房改造",
        "12000",
        "《中央财政城镇保障性安居工程专项资金管理办法》",
    ),
    (
        "ZX-019",
        "农村公路建设养护资金",
        "城乡建设",
        "jtj",
        "农村公路新改建和日常养护",
        "6500",
        "《天水市农村公路建设养护资金管理办法》",
    ),
    (
        "ZX-020",
        "安全生产专项资金",
        "其他",
        "ajj",
        "安全生产隐患治理、应急救援能力建设",
        "700",
        "《天水市安全生产专项资金管理办法》",
    ),
)
NEGATIVE_DOC = (
    "天政发〔2016〕40号",
    "天水市人民政府关于公布天水市企业投资项目负面清单的通知",
    date(2016, 6, 1),
)
NEGATIVE_CHANGE = (
    "天政发〔2016〕87号",
    "天水市人民政府关于调整天水市企业投资项目负面清单的通知",
    date(2016, 12, 1),
)
FUNDS_DOC = (
    "天财发〔2016〕12号",
    "天水市财政局关于公布2016年度市级财政专项资金管理清单的通知",
    date(2016, 3, 1),
)
FUNDS_CHANGE = (
    "天财发〔2016〕61号",
    "天水市财政局关于调整2016年度市级财政专项资金管理清单的通知",
    date(2016, 9, 1),
)


def _departments(city) -> dict[str, Department]:
    from gongkai.demo import tianshui

    by_name = {d.name: d for d in Department.objects.filter(government=city)}
    return {slug: by_name[name] for slug, name, *_ in tianshui.CITY_DEPARTMENTS if name in by_name}


def load_other_lists(ctx) -> str:
    city = ctx.city
    if ListEntry.objects.filter(government=city).exists():
        return ""
    depts = _departments(city)
    negative = [
        EntrySpec(EntryChange.ADD, code, {"name": name, "category": category, "department": depts[slug],
                  "content": measure, "basis": NEGATIVE_BASIS, "amount": None, "rules": approver})
        for code, name, category, slug, measure, approver in NEGATIVE
    ]  # fmt: skip
    number, title, day = NEGATIVE_DOC
    record_list_change(city, ListKind.NEGATIVE, number=number, title=title, effective_on=day,
                       changes=negative)  # fmt: skip
    number, title, day = NEGATIVE_CHANGE
    record_list_change(city, ListKind.NEGATIVE, number=number, title=title, effective_on=day, changes=[
        EntrySpec(EntryChange.REMOVE, "FM-105"),
        EntrySpec(EntryChange.AMEND, "FM-106", {"name": "旅游开发项目（总投资1亿元及以上）"}),
    ])  # fmt: skip
    funds = [
        EntrySpec(EntryChange.ADD, code, {"name": name, "category": category, "department": depts[slug],
                  "content": purpose, "basis": f"{rules}；天水市2016年市级财政预算", "amount": Decimal(amount),
                  "rules": rules})
        for code, name, category, slug, purpose, amount, rules in FUNDS
    ]  # fmt: skip
    number, title, day = FUNDS_DOC
    record_list_change(city, ListKind.FUNDS, number=number, title=title, effective_on=day,
                       changes=funds)  # fmt: skip
    number, title, day = FUNDS_CHANGE
    record_list_change(city, ListKind.FUNDS, number=number, title=title, effective_on=day, changes=[
        EntrySpec(EntryChange.AMEND, "ZX-016", {"amount": Decimal("3600")}),
        EntrySpec(EntryChange.REMOVE, "ZX-020"),
        EntrySpec(EntryChange.ADD, "ZX-021", {"name": "电子商务进农村综合示范资金", "category": "产业发展",
                  "department": depts["sj"], "content": "支持县乡村三级电子商务服务体系建设",
                  "basis": "《电子商务进农村综合示范专项资金管理办法》", "amount": Decimal("1000"),
                  "rules": "《电子商务进农村综合示范专项资金管理办法》"}),
    ])  # fmt: skip
    return (
        f"  负面清单：{len(NEGATIVE)}项（12月调整后{len(NEGATIVE) - 1}项）；"
        f"财政专项资金管理清单：{len(FUNDS)}项（9月调整后{len(FUNDS)}项）"
    )
