"""The website inspection's rules (国办秘函〔2019〕19号), as pure functions over the
indicator rows (``models.Indicator``).

Single-veto items (单项否决: any one and the site fails), with their codes:

- ``unreachable``: in the week's availability probes (at least 20 a day), the share
  of failed probes reaches 5 %; a probe fails when it errs or answers in 15 s or more.
- ``homepage_stale``: the home page's newest item is 14 days old or more (calendar
  days: holidays are no excuse).
- ``columns_stale``: 5 or more columns stale (news-type columns 14 days, notice- and
  policy-type columns 6 months), or 10 or more columns not updated for a long time.
- ``columns_empty``: 5 or more columns without any item.
- ``message_unanswered``: a valid message of the past year unanswered for more than
  3 months.
- ``guide_incomplete``: a service guide missing key elements.

Deductions (扣分) take points per finding up to a cap; the score is 100 less the
deductions (a body without public services is scored out of 75 and scaled by 4/3),
plus bonus points only above 80, and passes at 60 or more without a veto.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta

from gongkai.portal.columns import NEWS, NOTICE, OTHER  # noqa: F401 (re-exported)

# code: (kind, label, threshold, points, cap, explanation, confirmed). The seed of the
# indicator table (migration 0002) and what a rule falls back to without its row.
DEFAULTS: dict[str, tuple] = {
    "unreachable": ("veto", "站点无法访问", "0.05", 0, 0,
                    "一周内监测失败次数占比达到此比例即否决（每天至少监测20次）", True),
    "probe_timeout": ("scoring", "访问超时（秒）", "15", 0, 0,
                      "一次监测响应时间达到此秒数即为失败", True),
    "probes_per_day": ("scoring", "每天最少监测次数", "20", 0, 0,
                       "可用性监测每天至少进行的次数", True),
    "homepage_stale": ("veto", "首页栏目不更新", "14", 0, 0,
                       "首页最新信息距检查日达到此天数即否决", True),
    "columns_stale": ("veto", "栏目不更新", "5", 0, 0,
                      "动态、要闻类超期及通知公告、政策文件类超期的栏目合计达到此数即否决", True),
    "news_stale_days": ("scoring", "动态、要闻类栏目更新期限（天）", "14", 0, 0,
                        "超过此天数未更新即为超期", True),
    "notice_stale_months": ("scoring", "通知公告、政策文件类栏目更新期限（月）", "6", 0, 0,
                            "超过此月数未更新即为超期", True),
    "columns_long_stale": ("veto", "栏目长期未更新", "10", 0, 0,
                           "长期未更新的栏目达到此数即否决", True),
    "long_stale_days": ("scoring", "长期未更新的天数", "365", 0, 0,
                        "国家指标未给出天数，默认一年，可调整", False),
    "columns_empty": ("veto", "空白栏目", "5", 0, 0, "空白栏目达到此数即否决", True),
    "message_unanswered": ("veto", "互动回应差", "3", 0, 0,
                           "过去一年内有效留言超过此月数未答复即否决", True),
    "guide_incomplete": ("veto", "办事指南要素缺失", "1", 0, 0,
                         "办事指南缺少关键要素的事项达到此数即否决", True),
    "media_stale": ("veto", "政务新媒体不更新", "14", 0, 0,
                    "政务新媒体账号最近发布距检查日达到此天数即否决", True),
    "warn_media_days": ("scoring", "新媒体更新预警（天）", "10", 0, 0,
                        "新媒体账号最近发布达到此天数即预警", True),
    "broken_link": ("deduction", "错误链接", "1", "0.5", "5",
                    "每个确认的错误链接（404、403）扣分，国家指标未给出分值", False),
    "serious_wording": ("deduction", "严重表述错误", "1", "5", "20",
                        "每处严重表述错误扣分；可改为单项否决", False),
    "warn_homepage_days": ("scoring", "首页更新预警（天）", "10", 0, 0,
                           "本级网站首页最新信息达到此天数即预警（否决线为14天）", True),
    "warn_columns": ("scoring", "栏目预警（个）", "3", 0, 0,
                     "超期或空白的栏目达到此数即预警（否决线为5个）", True),
    "warn_message_months": ("scoring", "留言答复预警（月）", "2", 0, 0,
                            "有效留言超过此月数未答复即预警（否决线为3个月）", True),
    "pass_line": ("scoring", "合格分数线", "60", 0, 0, "总分达到此分数且无单项否决为合格", True),
    "bonus_above": ("scoring", "加分起点", "80", 0, 0, "得分高于此分数才计加分", True),
    "bonus_max": ("scoring", "加分上限", "30", 0, 0, "加分最多为此分数", True),
    "full_marks_without_services": ("scoring", "无政务服务事项的满分", "75", 0, 0,
                                    "无对外服务事项的部门按此满分计分，再折算为百分制", True),
}  # fmt: skip

VETO_LABELS = {code: row[1] for code, row in DEFAULTS.items() if row[0] == "veto"}
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Rule:
    code: str
    kind: str
    label: str
    threshold: Decimal
    points: Decimal
    cap: Decimal


def _default(code: str) -> Rule:
    kind, label, threshold, points, cap, *_ = DEFAULTS[code]
    return Rule(code, kind, label, Decimal(threshold), Decimal(points), Decimal(cap))


@dataclass
class Table:
    """The indicator rows by code; a code without a row uses its default."""

    rules: dict[str, Rule] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Table:
        from .models import Indicator

        rows = Indicator.objects.all()
        return cls(
            {r.code: Rule(r.code, r.kind, r.label, r.threshold, r.points, r.cap) for r in rows}
        )

    def __getitem__(self, code: str) -> Rule:
        return self.rules.get(code) or _default(code)

    def number(self, code: str) -> Decimal:
        return self[code].threshold


# -- availability --------------------------------------------------------------------


def probe_failed(table: Table, *, seconds: float, status: int | None) -> bool:
    """A probe fails when it got no answer, an error status, or took ``probe_timeout``
    seconds or more (15.0 s exactly is a failure)."""
    if status is None or status >= 400:
        return True
    return Decimal(str(seconds)) >= table.number("probe_timeout")


def unreachable(table: Table, probes: int, failures: int) -> bool:
    """The week's failed share reaches the threshold: 7 of 140 (5.0 %) does, 6 does not."""
    if probes <= 0:
        return False
    return Decimal(failures) / Decimal(probes) >= table.number("unreachable")


# -- updates -------------------------------------------------------------------------


def days_since(last: date | None, today: date) -> int | None:
    return None if last is None else (today - last).days


def homepage_stale(table: Table, last: date | None, today: date) -> bool:
    """The newest item on the home page is ``homepage_stale`` days old or more: dated
    2025-09-30, stale on 2025-10-14 and not on 2025-10-13. No dated item at all is stale."""
    age = days_since(last, today)
    return age is None or age >= table.number("homepage_stale")


def column_stale(table: Table, kind: str, last: date | None, today: date) -> bool:
    """A news-type column not updated for ``news_stale_days`` (14) days (as the home
    page), or a notice- or policy-type one for more than ``notice_stale_months`` (6)
    months (as messages: dated 2025-03-31, fine on 2025-09-30, stale on 2025-10-01);
    other kinds never."""
    if last is None:
        return False  # empty: counted as such, not as stale
    if kind == NEWS:
        return (today - last).days >= table.number("news_stale_days")
    if kind == NOTICE:
        return today > last + relativedelta(months=int(table.number("notice_stale_months")))
    return False


def column_long_stale(table: Table, last: date | None, today: date) -> bool:
    return last is not None and (today - last).days >= table.number("long_stale_days")


def message_unanswered(table: Table, received: date, today: date) -> bool:
    """Unanswered for more than ``message_unanswered`` (3) months: received 2025-06-30,
    fine on 2025-09-30, a veto on 2025-10-01."""
    return today > received + relativedelta(months=int(table.number("message_unanswered")))


# -- the score -----------------------------------------------------------------------


def deduction(table: Table, code: str, findings: int) -> Decimal:
    """Points for ``findings`` of a deduction item, up to its cap."""
    rule = table[code]
    return min(rule.cap, rule.points * findings) if findings > 0 else Decimal(0)


@dataclass(frozen=True)
class Score:
    base: Decimal  # out of 100, after scaling
    bonus: Decimal
    total: Decimal
    passed: bool


def score(
    table: Table,
    *,
    deductions: Decimal,
    bonus: Decimal = Decimal(0),
    vetoed: bool = False,
    with_services: bool = True,
) -> Score:
    """100 less the deductions (a body without public services: its full marks less the
    deductions, times 100 / its full marks, 72 of 75 → 96); bonus points count only
    when that is above ``bonus_above`` (80: none; 81 + 12 → 93), at most ``bonus_max``;
    passed at ``pass_line`` (60) or more, and never with a veto."""
    full = Decimal(100) if with_services else table.number("full_marks_without_services")
    raw = max(Decimal(0), full - deductions)
    base = (raw * Decimal(100) / full).quantize(TWO_PLACES, ROUND_HALF_UP)
    extra = min(bonus, table.number("bonus_max")) if base > table.number("bonus_above") else 0
    total = base + Decimal(extra)
    return Score(base, Decimal(extra), total, not vetoed and total >= table.number("pass_line"))
