"""Reference data seeded by the data migration, as regulations.md §1 and §5 list it."""

from gongkai.disclosure.models import (
    CategoryRequirement,
    ContentCategory,
    Genre,
    KeyArea,
    SubjectCategory,
)

GOV_CN_SUBJECTS = [
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


def test_the_22_gov_cn_subject_categories_in_order(db):
    assert list(SubjectCategory.objects.values_list("name", flat=True)) == GOV_CN_SUBJECTS
    assert len(GOV_CN_SUBJECTS) == 22


def test_genres_are_data(db):
    names = set(Genre.objects.values_list("name", flat=True))
    assert {
        "通知",
        "公告",
        "意见",
        "办法",
        "规定",
        "决定",
        "报告",
        "批复",
        "规划",
        "计划",
        "总结",
        "解读",
        "其他",
    } <= names


def test_the_15_kinds_of_article_20_and_the_article_21_additions(db):
    art20 = ContentCategory.objects.filter(article=20).order_by("clause")
    assert [c.clause for c in art20] == list(range(1, 16))
    assert art20.get(clause=7).legal_basis == "条例第二十条第（七）项"
    assert art20.get(clause=7).description == "财政预算、决算信息"
    assert art20.get(clause=15).legal_basis == "条例第二十条第（十五）项"
    art21 = set(ContentCategory.objects.filter(article=21).values_list("name", flat=True))
    assert {"市政建设", "土地征收", "房屋征收", "社会救助"} <= art21
    assert CategoryRequirement.objects.filter(
        category__article=21, government_level="county"
    ).exists()


def test_the_nine_key_areas_with_slugs(db):
    assert list(KeyArea.objects.values_list("name", flat=True)) == [
        "财政预决算和“三公”经费",
        "行政审批",
        "环境保护",
        "社会保障",
        "食品药品安全",
        "价格和收费",
        "征地拆迁",
        "安全生产",
        "保障性住房",
    ]
    assert all(a.slug and a.description for a in KeyArea.objects.all())
    assert not KeyArea.objects.filter(responsible_department__isnull=False).exists()
