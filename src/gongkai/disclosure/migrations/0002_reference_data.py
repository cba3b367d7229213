"""Seed the catalogue's reference data (administrators edit it afterwards).

* 22 gov.cn subject categories (主题分类), regulations.md §5, in their order.
* Genres (体裁): the 15 kinds of 党政机关公文 that agencies publish, plus common
  catalogue genres (规划, 计划, 总结, 解读 …).
* 条例 Art. 20 (15 kinds) and Art. 21 (city/county additions) content categories.
  Which departments must fill each is a starting point, not law: the 条例 binds
  every agency "within its remit". Kinds of department are mapped here; the
  administrator (or the demo loader) maps named departments, e.g. the 统计局 to
  Art. 20 (四).
* The nine key areas (重点领域); responsible departments are set per site.

The data lives in this file, not imported from application code, so the
migration means the same thing forever.
"""

from django.db import migrations

SUBJECTS = [
    "国务院组织机构",
    "综合政务",
    "国民经济管理、国有资产监管",
    "财政、金融、审计",
    "国土资源、能源",
    "农业、林业、水利",
    "工业、交通",
    "商贸、海关、旅游",
    "市场监管、安全生产监管",
    "城乡建设、环境保护",
    "科技、教育",
    "文化、广电、新闻出版",
    "卫生、体育",
    "人口与计划生育、妇女儿童工作",
    "劳动、人事、监察",
    "公安、安全、司法",
    "民政、扶贫、救灾",
    "民族、宗教",
    "对外事务",
    "港澳台侨工作",
    "国防",
    "其他",
]

GENRES = [
    "通知",
    "公告",
    "通告",
    "通报",
    "意见",
    "决定",
    "命令",
    "公报",
    "办法",
    "规定",
    "细则",
    "方案",
    "报告",
    "批复",
    "函",
    "纪要",
    "规划",
    "计划",
    "总结",
    "公示",
    "解读",
    "其他",
]

ALL_ADMIN = ["general_office", "constituent", "direct", "agency", "institution"]
REGULATORS = ["constituent", "direct"]
OFFICE = ["general_office"]

# (clause, short name, text of the 条例, department kinds that must fill it)
ARTICLE_20 = [
    (1, "法规文件", "行政法规、规章和规范性文件", ["general_office", *REGULATORS]),
    (
        2,
        "机构职能",
        "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
        ALL_ADMIN,
    ),
    (3, "规划信息", "国民经济和社会发展规划、专项规划、区域规划及相关政策", OFFICE),
    (4, "统计信息", "国民经济和社会发展统计信息", OFFICE),
    (
        5,
        "行政许可和服务事项",
        "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
        REGULATORS,
    ),
    (
        6,
        "行政处罚和行政强制",
        "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
        REGULATORS,
    ),
    (7, "财政预决算", "财政预算、决算信息", ALL_ADMIN),
    (8, "行政事业性收费", "行政事业性收费项目及其依据、标准", REGULATORS),
    (9, "政府集中采购", "政府集中采购项目的目录、标准及实施情况", OFFICE),
    (10, "重大建设项目", "重大建设项目的批准和实施情况", OFFICE),
    (
        11,
        "民生政策",
        "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
        OFFICE,
    ),
    (12, "应急管理", "突发公共事件的应急预案、预警信息及应对情况", OFFICE),
    (
        13,
        "监督检查",
        "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
        OFFICE,
    ),
    (14, "公务员招考", "公务员招考的职位、名额、报考条件等事项以及录用结果", OFFICE),
    (15, "其他法定公开信息", "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息", []),
]

# 条例 Art. 21: 设区的市级、县级人民政府及其部门 — mapped to the governments' own
# general offices at city and county level.
ARTICLE_21 = [
    ("municipal", "市政建设"),
    ("public-service", "公共服务"),
    ("public-welfare", "公益事业"),
    ("land-expropriation", "土地征收"),
    ("housing-expropriation", "房屋征收"),
    ("public-order", "治安管理"),
    ("social-assistance", "社会救助"),
]
ARTICLE_21_TEXT = (
    "设区的市级、县级人民政府及其部门根据本地方的具体情况主动公开涉及{name}方面的政府信息"
)

KEY_AREAS = [
    ("budget", "财政预决算和“三公”经费", "政府预算、决算和部门预算、决算，“三公”经费预决算情况。"),
    ("approval", "行政审批", "审批服务事项目录、办事指南、办理结果和办事全过程信息。"),
    ("environment", "环境保护", "环境质量、污染源监管、建设项目环境影响评价和环境执法信息。"),
    ("social-security", "社会保障", "社会保险、社会救助、社会福利和就业政策及其实施情况。"),
    ("food-drug-safety", "食品药品安全", "食品药品监督抽检、行政许可和执法信息。"),
    ("prices-fees", "价格和收费", "政府定价目录、价格调整和行政事业性收费项目及标准。"),
    ("land-expropriation", "征地拆迁", "征收土地、房屋征收的批准、补偿和安置信息。"),
    ("work-safety", "安全生产", "安全生产监督检查、事故调查处理和隐患治理信息。"),
    ("affordable-housing", "保障性住房", "保障性住房建设计划、分配政策和分配结果。"),
]


def seed(apps, schema_editor):
    SubjectCategory = apps.get_model("disclosure", "SubjectCategory")
    Genre = apps.get_model("disclosure", "Genre")
    ContentCategory = apps.get_model("disclosure", "ContentCategory")
    CategoryRequirement = apps.get_model("disclosure", "CategoryRequirement")
    KeyArea = apps.get_model("disclosure", "KeyArea")

    for order, name in enumerate(SUBJECTS, start=1):
        SubjectCategory.objects.get_or_create(name=name, defaults={"sort_order": order})
    for order, name in enumerate(GENRES, start=1):
        Genre.objects.get_or_create(name=name, defaults={"sort_order": order})
    for clause, name, text, kinds in ARTICLE_20:
        category, created = ContentCategory.objects.get_or_create(
            code=f"art20-{clause:02d}",
            defaults={
                "article": 20,
                "clause": clause,
                "name": name,
                "description": text,
                "sort_order": clause,
            },
        )
        if created:
            for kind in kinds:
                CategoryRequirement.objects.create(category=category, department_kind=kind)
    for order, (code, name) in enumerate(ARTICLE_21, start=1):
        category, created = ContentCategory.objects.get_or_create(
            code=f"art21-{code}",
            defaults={
                "article": 21,
                "clause": None,
                "name": name,
                "description": ARTICLE_21_TEXT.format(name=name),
                "sort_order": 100 + order,
            },
        )
        if created:
            for level in ("city", "county"):
                CategoryRequirement.objects.create(
                    category=category, department_kind="general_office", government_level=level
                )
    for order, (slug, name, description) in enumerate(KEY_AREAS, start=1):
        KeyArea.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
