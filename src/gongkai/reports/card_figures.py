"""The annual report's own figures on the report card (成绩单, ``gongkai.core.figures``),
registered like every module's: 六、执行公开：规范性文件和规章 (Table 二's first block,
``table_two.document_counts``), and the section of modules the platform does not have
yet — 二、公开平台和载体 (政府网站检查; 政府公报's and 政务公开栏's figures come from
``gongkai.publications`` into the same section) — whose figures are not available,
shown as 暂未提供, never 0. 七、管理公开 (权责清单和行政执法公示) is the powers
module's own section (``gongkai.powers.card_figures``).
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.core.figures import CardSection, Figure, with_query
from gongkai.portal.modules import MODULES_BY_SLUG
from gongkai.portal.site import filter_code

from .table_two import document_counts

NOT_BUILT = "暂未提供（该功能尚未上线）"
NOT_READ = "暂未提供（该模块的数据尚未纳入成绩单）"
# Modules the card cannot read yet: (key, label, unit, portal module slug).
MISSING = {
    "website_inspections": ("政府网站检查", "次", "supervision"),
}


def missing(key: str) -> Figure:
    """A figure of a module the card does not read: never 0. Its link is the module's
    portal section (建设中 while it is not built)."""
    label, unit, slug = MISSING[key]
    module = MODULES_BY_SLUG[slug]
    status = NOT_READ if module.built else NOT_BUILT
    return Figure(key, label, None, unit, module.url, available=False, status=status)


def channels(government, year: int) -> CardSection:
    keys = ("website_inspections",)
    return CardSection("channels", "公开平台和载体", tuple(missing(k) for k in keys))


def _normative(government, year: int, kind: str, *, repealed=False, valid=False) -> str:
    """The normative-document library: issued ones by publication year; repealed and
    valid ones by their validity (the library has no filter by the day it changed)."""
    url, gov = reverse("xxgk:normative"), filter_code(government)
    if repealed:
        return with_query(url, gov=gov, type=kind, validity="repealed")
    if valid:
        return with_query(url, gov=gov, type=kind, validity="valid")
    return with_query(url, gov=gov, type=kind, year=year)


def documents(government, year: int) -> CardSection:
    """Table 二's first block: 制发 by 成文日期 in the year, 废止 by the day validity
    changed to 废止, 现行有效 at 31 December."""
    counts = document_counts(government, year)
    normative, rules = counts["行政规范性文件"], counts["规章"]

    def link(kind, **which):
        return _normative(government, year, kind, **which)

    figures = (
        Figure(
            "normative_issued",
            "制发行政规范性文件",
            normative["本年制发件数"],
            "件",
            link("normative"),
        ),
        Figure(
            "normative_repealed",
            "废止行政规范性文件",
            normative["本年废止件数"],
            "件",
            link("normative", repealed=True),
        ),
        Figure(
            "normative_in_force",
            "年末现行有效行政规范性文件",
            normative["现行有效件数"],
            "件",
            link("normative", valid=True),
        ),
        Figure("rules_issued", "制发规章", rules["本年制发件数"], "件", link("rule")),
        Figure(
            "rules_repealed", "废止规章", rules["本年废止件数"], "件", link("rule", repealed=True)
        ),
    )
    sentence = (
        f"全年制发行政规范性文件{normative['本年制发件数']}件、废止{normative['本年废止件数']}件，"
        f"年末现行有效{normative['现行有效件数']}件；制发规章{rules['本年制发件数']}件、"
        f"废止{rules['本年废止件数']}件。"
    )
    return CardSection("documents", "执行公开：规范性文件和规章", figures, sentence=sentence)
