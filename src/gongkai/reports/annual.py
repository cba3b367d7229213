"""The annual report (政府信息公开工作年度报告) of an agency or a government, from the records.

``annual_report(scope, year)`` assembles the six sections of the national
format (国办公开办函〔2021〕30号) as nested dicts keyed by their national
headings, ready for JSON, the HTML page and the documents:

一、总体情况          text written by staff; ``overview_draft`` computes a first
                      draft in sentences from the year's figures
二、主动公开政府信息情况  Table 二 (``table_two``): computed and entered cells
三、收到和处理政府信息公开申请情况  Table 三 (``gongkai.applications.stats``)
四、政府信息公开行政复议、行政诉讼情况  Table 四 (idem)
五、存在的主要问题及改进情况  text
六、其他需要报告的事项      text

and ``checks``: every cross-check (勾稽关系) that fails, in words naming the
cells (empty when all hold). A scope is a ``Department`` (an agency, 机关) or a
``Government``: the sum of its own agencies' reports (``aggregation``), with
``parts`` listing each agency and whether its frozen report or today's records
were counted.

The carry-over check compares this year's 上年结转 with last year's report as
it was approved (定稿) — the figures the public read; without one there is
nothing to compare (computed now, the two rows are the same applications). A difference can be explained
(``carry_over_note``, 结转差异说明): the explanation is printed with Table 三
and the difference then no longer blocks submission (``services.problems_of``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.applications.models import ChallengeKind, Outcome
from gongkai.applications.stats import table_four, table_three, year_range
from gongkai.orgs.models import Department

from .table_two import ENTERED_KEYS, table_two

SECTION_HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
TEXT_SECTIONS = {"overview": 0, "problems": 4, "other": 5}


@dataclass
class Inputs:
    """What staff write and enter; empty until they do."""

    overview: str = ""
    problems: str = ""
    other: str = ""
    entered: dict = field(default_factory=dict)  # ENTERED_KEYS → number or None
    carry_over_note: str = ""  # 结转差异说明: why last year's 结转 differs from this year's


CARRY_OVER = "上下年度衔接"


def scope_of(scope) -> dict:
    if isinstance(scope, Department):
        return {
            "kind": "agency",
            "id": scope.pk,
            "name": scope.name,
            "government": scope.government.code,
        }
    return {"kind": "government", "code": scope.code, "name": scope.name}


def title_of(scope, year: int) -> str:
    return f"{scope.name}{year}年政府信息公开工作年度报告"


def overview_draft(scope, year: int, two: dict, three, four) -> str:
    """A first draft of section 一 in sentences, from the computed figures."""
    docs = two["第二十条第（一）项"]
    rules, normative = docs["规章"], docs["行政规范性文件"]
    new = three.value("new", "total")
    carried = three.value("carried_in", "total")
    concluded = three.value("concluded", "total")
    granted = three.value(Outcome.DISCLOSED.value, "total")
    out = three.value("carried_out", "total")
    recon = four.value(ChallengeKind.RECONSIDERATION.value, "total")
    lit = four.value(ChallengeKind.LITIGATION_DIRECT.value, "total") + four.value(
        ChallengeKind.LITIGATION_AFTER.value, "total"
    )
    parts = [
        f"{year}年，{scope.name}认真贯彻落实《中华人民共和国政府信息公开条例》，"
        "扎实推进政府信息公开工作。",
        f"全年制发规章{rules['本年制发件数']['value']}件、行政规范性文件"
        f"{normative['本年制发件数']['value']}件，废止规章{rules['本年废止件数']['value']}件、"
        f"行政规范性文件{normative['本年废止件数']['value']}件，年末现行有效规章"
        f"{rules['现行有效件数']['value']}件、行政规范性文件{normative['现行有效件数']['value']}件。",
        f"全年新收政府信息公开申请{new}件，上年结转{carried}件，办结{concluded}件"
        + (f"（其中予以公开{granted}件）" if granted else "")
        + f"，结转下年度继续办理{out}件。",
        f"因政府信息公开引发行政复议{recon}件、行政诉讼{lit}件。",
    ]
    return "".join(parts)


def annual_report(scope, year: int, inputs: Inputs | None = None) -> dict:
    """The report's content and its failed cross-checks, as nested dicts for JSON."""
    from .aggregation import government_sum

    inputs = inputs or Inputs()
    start, end = year_range(year)
    parts = None
    if isinstance(scope, Department):
        two = table_two(scope, year, {k: inputs.entered.get(k) for k in ENTERED_KEYS})
        three = table_three(scope, start, end)
        four = table_four(scope, start, end)
    else:
        total = government_sum(scope, year)
        two, three, four, parts = total.two, total.three, total.four, total.parts
    draft = overview_draft(scope, year, two, three, four)
    sections = {
        SECTION_HEADINGS[0]: {"text": inputs.overview, "draft": draft},
        SECTION_HEADINGS[1]: two,
        SECTION_HEADINGS[2]: three.as_dict(),
        SECTION_HEADINGS[3]: four.as_dict(),
        SECTION_HEADINGS[4]: {"text": inputs.problems},
        SECTION_HEADINGS[5]: {"text": inputs.other},
    }
    data = {
        "title": title_of(scope, year),
        "scope": scope_of(scope),
        "year": year,
        "sections": sections,
    }
    if parts is not None:
        data["parts"] = [part.as_dict() for part in parts]
    if inputs.carry_over_note:
        data["carry_over_note"] = inputs.carry_over_note
    data["checks"] = checks(three, four, scope, year)
    return data


def last_carried_out(scope, year: int) -> tuple[dict[str, int], str] | None:
    """Row 四、结转下年度继续办理 of ``year``'s approved (定稿) report by column heading, and
    where it is from; None when that year has no approved report.

    Without a frozen report there is nothing published to compare with, and the
    figures computed now agree by construction: last year's 结转下年度 and this
    year's 上年结转 are the same applications (received before 1 January, not
    concluded by 31 December)."""
    from .models import AnnualReport

    key = {"department": scope} if isinstance(scope, Department) else {"government": scope}
    report = AnnualReport.objects.filter(**key, year=year).exclude(snapshot_json="").first()
    if report is None:
        return None
    row = report.snapshot["sections"][SECTION_HEADINGS[2]]["四、结转下年度继续办理"]
    return row, f"{year}年已定稿年度报告"


def checks(three, four, scope, year: int) -> list[str]:
    """Every failing cross-check (勾稽关系), in words naming the cells."""
    failed = [f"表三：{c}" for c in three.checks()] + [f"表四：{c}" for c in four.checks()]
    last = last_carried_out(scope, year - 1)
    if last is None:
        return failed
    last, source = last
    for key, heading in three.columns:
        last_out = last.get(heading, 0)
        this_in = three.value("carried_in", key)
        if last_out != this_in:
            failed.append(
                f"{CARRY_OVER}：表三“{heading}”列：{source}“四、结转下年度继续办理”{last_out}件，"
                f"不等于{year}年“二、上年结转政府信息公开申请数量”{this_in}件。"
            )
    return failed
