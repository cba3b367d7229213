"""Small worlds whose annual-report tables are written out by hand.

Each test builds a few applications through the real services (submit, confirm
receipt, reply and its approval, forwarding, reconsideration and litigation) on
concrete days, then compares ``annual_report(scope, year)`` and the JSON of
``gongkai report annual … --format json`` with the expected Tables 三 and 四
(and Table 二) of the national format, 国办公开办函〔2021〕30号
(``../shared/reference/regulations.md`` §2), keyed by the national headings as
the JSON holds them.

Each row is written as a list of figures in the national column order, so a
reader can check a row by eye against the world above it:

* Table 三: 自然人 · 商业企业 · 科研机构 · 社会公益组织 · 法律服务机构 · 其他 · 总计
  (the last five are the 法人或其他组织 subtypes; 总计 is written by hand too);
* Table 四: 结果维持 · 结果纠正 · 其他结果 · 尚未审结 · 总计.

Days that matter are near the year boundary and the statutory holidays
(calendar data seeded from ``chinese-calendar``): 2016 元旦 1–3 January
(4 January first working day); 2016 国庆 1–7 October with Saturday 8 October an
adjusted working day (调休上班); 2017 元旦 31 December 2016 – 2 January 2017.
"""

import json
from datetime import date, datetime, time
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from gongkai.applications import services
from gongkai.applications.models import Application, ChallengeKind, ChallengeResult, Outcome
from gongkai.applications.tests.helpers import applicant_data, received, submitted
from gongkai.applications.tests.test_stats import conclude, organisation
from gongkai.orgs.models import Department
from gongkai.orgs.roles import Role
from gongkai.reports import services as reports
from gongkai.reports.annual import annual_report
from gongkai.testing.factories import staff
from gongkai.workdays import is_working_day

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Shanghai")
TWO = "二、主动公开政府信息情况"
THREE = "三、收到和处理政府信息公开申请情况"
FOUR = "四、政府信息公开行政复议、行政诉讼情况"
THREE_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
FOUR_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def keyed(expected, columns):
    """The hand-written table with each row list keyed by its column headings (the JSON's form)."""
    if isinstance(expected, list):
        return dict(zip(columns, expected, strict=True))
    return {heading: keyed(value, columns) for heading, value in expected.items()}


def report(scope, year: int) -> dict:
    """The JSON printed by ``gongkai report annual``, checked to be ``annual_report``'s content."""
    if isinstance(scope, Department):
        which = ["--agency", str(scope.pk)]
    else:
        which = ["--government", scope.code]
    out = StringIO()
    call_command("report", "annual", *which, "--year", str(year), "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data == json.loads(json.dumps(annual_report(scope, year), ensure_ascii=False))
    return data


def assert_tables(data: dict, *, three=None, four=None):
    if three is not None:
        assert data["sections"][THREE] == keyed(three, THREE_COLUMNS)
    if four is not None:
        assert data["sections"][FOUR] == keyed(four, FOUR_COLUMNS)


def dated(application: Application, on: date) -> Application:
    """Re-date a copy made by forwarding, which the service stamps with today's time."""
    Application.objects.filter(pk=application.pk).update(
        submitted_at=datetime.combine(on, time(16, 0), tzinfo=TZ), year=on.year
    )
    application.refresh_from_db()
    return application


NO_CHALLENGES = {
    "行政复议": [0, 0, 0, 0, 0],
    "行政诉讼": {"未经复议直接起诉": [0, 0, 0, 0, 0], "复议后起诉": [0, 0, 0, 0, 0]},
}


# --- World 1: carried over across the year boundary ------------------------------------


def carried_over_world(world):
    """天水市财政局, report years 2015 and 2016.

    A0 natural person   received 2014-12-15, 予以公开 on 2015-01-08      (Y−1 → Y)
    A4 natural person   received 2015-06-01, 予以公开 on 2015-06-15      (within 2015)
    A1 natural person   received 2015-12-28, 部分公开 on 2016-01-05     (after 2016 元旦)
    A2 科研机构          received 2015-12-30, still open at the end of 2016
    A3 natural person   submitted online 2015-12-31, confirmed 2016-01-04 (Art. 31: received
                        the day both sides confirm, so it is new in 2016, not 2015),
                        不予公开（四类过程性信息） on 2016-01-20
    """
    h, r = world.handler_finance, world.reviewer_finance
    a0 = received(world.finance, date(2014, 12, 15), h, description="2014年市级预算调整方案")
    conclude(a0, Outcome.DISCLOSED, date(2015, 1, 8), h, r)
    a4 = received(world.finance, date(2015, 6, 1), h, description="2015年政府采购目录")
    conclude(a4, Outcome.DISCLOSED, date(2015, 6, 15), h, r)
    a1 = received(world.finance, date(2015, 12, 28), h, description="2015年三公经费明细")
    conclude(a1, Outcome.PARTIAL, date(2016, 1, 5), h, r)
    received(
        world.finance,
        date(2015, 12, 30),
        h,
        description="财政科研经费管理办法起草说明",
        **organisation("research"),
    )
    a3 = submitted(world.finance, date(2015, 12, 31), description="2016年预算编制会议纪要")
    services.confirm_receipt(a3, actor=h, on=date(2016, 1, 4))
    conclude(a3, Outcome.WITHHELD_PROCESS, date(2016, 1, 20), h, r)


# 2015: new A4, A1, A2; carried in A0; concluded A0, A4 (予以公开); carried out A1, A2.
# Every column: 一 + 二 = （七） + 四 — 自然人 2 + 1 = 2 + 1, 科研机构 1 + 0 = 0 + 1.
TABLE_THREE_2015 = {
    "一、本年新收政府信息公开申请数量":                       [2, 0, 1, 0, 0, 0, 3],
    "二、上年结转政府信息公开申请数量":                       [1, 0, 0, 0, 0, 0, 1],
    "三、本年度办理结果": {
        "（一）予以公开":                                      [2, 0, 0, 0, 0, 0, 2],
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": [0, 0, 0, 0, 0, 0, 0],
        "（三）不予公开": {
            "1．属于国家秘密":                                 [0, 0, 0, 0, 0, 0, 0],
            "2．其他法律行政法规禁止公开":                     [0, 0, 0, 0, 0, 0, 0],
            "3．危及“三安全一稳定”":                           [0, 0, 0, 0, 0, 0, 0],
            "4．保护第三方合法权益":                           [0, 0, 0, 0, 0, 0, 0],
            "5．属于三类内部事务信息":                         [0, 0, 0, 0, 0, 0, 0],
            "6．属于四类过程性信息":                           [0, 0, 0, 0, 0, 0, 0],
            "7．属于行政执法案卷":                             [0, 0, 0, 0, 0, 0, 0],
            "8．属于行政查询事项":                             [0, 0, 0, 0, 0, 0, 0],
        },
        "（四）无法提供": {
            "1．本机关不掌握相关政府信息":                     [0, 0, 0, 0, 0, 0, 0],
            "2．没有现成信息需要另行制作":                     [0, 0, 0, 0, 0, 0, 0],
            "3．补正后申请内容仍不明确":                       [0, 0, 0, 0, 0, 0, 0],
        },
        "（五）不予处理": {
            "1．信访举报投诉类申请":                           [0, 0, 0, 0, 0, 0, 0],
            "2．重复申请":                                     [0, 0, 0, 0, 0, 0, 0],
            "3．要求提供公开出版物":                           [0, 0, 0, 0, 0, 0, 0],
            "4．无正当理由大量反复申请":                       [0, 0, 0, 0, 0, 0, 0],
            "5．要求行政机关确认或重新出具已获取信息":         [0, 0, 0, 0, 0, 0, 0],
        },
        "（六）其他处理": {
            "1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": [0, 0, 0, 0, 0, 0, 0],
            "2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": [0, 0, 0, 0, 0, 0, 0],
            "3．其他":                                         [0, 0, 0, 0, 0, 0, 0],
        },
        "（七）总计":                                          [2, 0, 0, 0, 0, 0, 2],
    },
    "四、结转下年度继续办理":                                 [1, 0, 1, 0, 0, 0, 2],
}  # fmt: skip

# 2016: new A3; carried in A1, A2 (= 2015's 四, column by column); concluded A1 (部分公开),
# A3 (过程性信息); carried out A2. 自然人 1 + 1 = 2 + 0, 科研机构 0 + 1 = 0 + 1.
TABLE_THREE_2016 = {
    "一、本年新收政府信息公开申请数量":                       [1, 0, 0, 0, 0, 0, 1],
    "二、上年结转政府信息公开申请数量":                       [1, 0, 1, 0, 0, 0, 2],
    "三、本年度办理结果": {
        "（一）予以公开":                                      [0, 0, 0, 0, 0, 0, 0],
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": [1, 0, 0, 0, 0, 0, 1],
        "（三）不予公开": {
            "1．属于国家秘密":                                 [0, 0, 0, 0, 0, 0, 0],
            "2．其他法律行政法规禁止公开":                     [0, 0, 0, 0, 0, 0, 0],
            "3．危及“三安全一稳定”":                           [0, 0, 0, 0, 0, 0, 0],
            "4．保护第三方合法权益":                           [0, 0, 0, 0, 0, 0, 0],
            "5．属于三类内部事务信息":                         [0, 0, 0, 0, 0, 0, 0],
            "6．属于四类过程性信息":                           [1, 0, 0, 0, 0, 0, 1],
            "7．属于行政执法案卷":                             [0, 0, 0, 0, 0, 0, 0],
            "8．属于行政查询事项":                             [0, 0, 0, 0, 0, 0, 0],
        },
        "（四）无法提供": {
            "1．本机关不掌握相关政府信息":                     [0, 0, 0, 0, 0, 0, 0],
            "2．没有现成信息需要另行制作":                     [0, 0, 0, 0, 0, 0, 0],
            "3．补正后申请内容仍不明确":                       [0, 0, 0, 0, 0, 0, 0],
        },
        "（五）不予处理": {
            "1．信访举报投诉类申请":                           [0, 0, 0, 0, 0, 0, 0],
            "2．重复申请":                                     [0, 0, 0, 0, 0, 0, 0],
            "3．要求提供公开出版物":                           [0, 0, 0, 0, 0, 0, 0],
            "4．无正当理由大量反复申请":                       [0, 0, 0, 0, 0, 0, 0],
            "5．要求行政机关确认或重新出具已获取信息":         [0, 0, 0, 0, 0, 0, 0],
        },
        "（六）其他处理": {
            "1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": [0, 0, 0, 0, 0, 0, 0],
            "2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": [0, 0, 0, 0, 0, 0, 0],
            "3．其他":                                         [0, 0, 0, 0, 0, 0, 0],
        },
        "（七）总计":                                          [2, 0, 0, 0, 0, 0, 2],
    },
    "四、结转下年度继续办理":                                 [0, 0, 1, 0, 0, 0, 1],
}  # fmt: skip

# No catalogue items in this world: the computed block is 0, the entered cells are
# 未填报 (null), never 0.
COMPUTED_ZERO = {"value": 0, "source": "computed"}
NOT_ENTERED = {"value": None, "source": "entered"}
TABLE_TWO_EMPTY = {
    "第二十条第（一）项": {
        "规章": {"本年制发件数": COMPUTED_ZERO, "本年废止件数": COMPUTED_ZERO, "现行有效件数": COMPUTED_ZERO},
        "行政规范性文件": {"本年制发件数": COMPUTED_ZERO, "本年废止件数": COMPUTED_ZERO, "现行有效件数": COMPUTED_ZERO},
    },
    "第二十条第（五）项": {"行政许可": {"本年处理决定数量": NOT_ENTERED}},
    "第二十条第（六）项": {
        "行政处罚": {"本年处理决定数量": NOT_ENTERED},
        "行政强制": {"本年处理决定数量": NOT_ENTERED},
    },
    "第二十条第（八）项": {"行政事业性收费": {"本年收费金额（万元）": NOT_ENTERED}},
}  # fmt: skip


def test_the_calendar_the_worlds_rely_on():
    assert not is_working_day(date(2016, 1, 1)) and not is_working_day(date(2016, 1, 3))
    assert is_working_day(date(2016, 1, 4)) and is_working_day(date(2016, 1, 5))
    assert not is_working_day(date(2016, 10, 7)) and is_working_day(date(2016, 10, 8))  # Saturday
    assert not is_working_day(date(2016, 12, 31)) and not is_working_day(date(2017, 1, 2))
    assert is_working_day(date(2017, 1, 3))


def test_carried_over_across_the_year_boundary(world):
    carried_over_world(world)

    y2015 = report(world.finance, 2015)
    assert_tables(y2015, three=TABLE_THREE_2015, four=NO_CHALLENGES)
    assert y2015["checks"] == []  # 2014's 四 (A0) = 2015's 二

    y2016 = report(world.finance, 2016)
    assert_tables(y2016, three=TABLE_THREE_2016, four=NO_CHALLENGES)
    assert y2016["sections"][TWO] == TABLE_TWO_EMPTY
    # 2015's 结转下年度 equals 2016's 上年结转 in every column, so no check fails.
    carried_out = y2015["sections"][THREE]["四、结转下年度继续办理"]
    assert y2016["sections"][THREE]["二、上年结转政府信息公开申请数量"] == carried_out
    assert y2016["checks"] == []
    assert (
        "全年新收政府信息公开申请1件，上年结转2件，办结2件，结转下年度继续办理1件。"
        in (y2016["sections"]["一、总体情况"]["draft"])
    )

    # The same world for the government: only 天水市财政局 has applications.
    assert_tables(report(world.tianshui, 2016), three=TABLE_THREE_2016)


def test_a_late_registered_letter_breaks_the_year_to_year_check(world):
    """2015's report is approved (frozen) in January 2016; afterwards a registered letter
    signed for on 30 December 2015 is registered (Art. 31: received the day signed for).
    It is carried into 2016, so 2016's 上年结转 (自然人 2, 总计 3) no longer equals the
    published 2015 结转下年度 (自然人 1, 总计 2): the check must say so, naming the cells."""
    carried_over_world(world)
    assert report(world.finance, 2016)["checks"] == []
    last_year = reports.report_for(world.finance, 2015)
    reports.save_inputs(
        last_year,
        expected_version=last_year.version,
        actor=world.handler_finance,
        overview="2015年，市财政局认真贯彻落实条例。",
        problems="无",
        other="无",
        entered={"licensing": "0", "penalties": "0", "enforcement": "0", "fees": "0"},
    )
    reports.submit(last_year, actor=world.reviewer_finance)
    reports.approve(last_year, actor=world.office)

    services.register_offline(
        applicant_data(world.finance, description="2015年棚户区改造补助资金分配表"),
        channel="post",
        actor=world.handler_finance,
        received_on=date(2015, 12, 30),
        late_reason="2015年12月30日签收的挂号信漏登记，整理档案时发现。",
    )
    # The records did change under the frozen 2015 report …
    assert f"{THREE} › 四、结转下年度继续办理 › 自然人：定稿 1，现在 2" in reports.differences(
        last_year
    )
    y2016 = report(world.finance, 2016)
    assert y2016["sections"][THREE]["二、上年结转政府信息公开申请数量"]["总计"] == 3
    # … and the year-to-year check names both cells of each column that no longer agrees.
    assert y2016["checks"] == [
        "上下年度衔接：表三“自然人”列：2015年已定稿年度报告“四、结转下年度继续办理”1件，"
        "不等于2016年“二、上年结转政府信息公开申请数量”2件。",
        "上下年度衔接：表三“总计”列：2015年已定稿年度报告“四、结转下年度继续办理”2件，"
        "不等于2016年“二、上年结转政府信息公开申请数量”3件。",
    ]


# --- World 2: an application forwarded between agencies (转送) -------------------------


def test_an_application_forwarded_between_agencies(world):
    """Rule: the information is held by another agency (Art. 36 (5): say which agency is
    responsible). The national format has no row of its own for forwarding: agency A's
    reply is （四）无法提供 — 1．本机关不掌握相关政府信息, counted once; the platform then
    copies the application to agency B (``forwarded_to``), where it is a new application
    received the day B confirms it (Art. 31), counted by B as 一、本年新收 and by its own
    outcome. The government (天水市, over both agencies) counts both: they are two
    applications, each answered by its own agency.

    F1 法律服务机构  A (财政局) received 2016-09-26, not held, forwarded on 2016-09-30;
                    B (环保局) confirmed the copy on Saturday 2016-10-08 (国庆 adjusted working
                    day), 予以公开 on 2016-10-21
    F2 natural      A received 2016-12-20, not held, forwarded on Friday 2016-12-30;
                    B confirmed on 2017-01-03 (after 元旦 31 Dec – 2 Jan): new for B in 2017,
                    still open (a copy not yet confirmed is nobody's application in 2016)
    """
    h, r = world.handler_finance, world.reviewer_finance
    h_env = world.handler_environment
    r_env = staff("reviewer_environment", (world.environment, Role.REVIEWER))
    basis = "《中华人民共和国政府信息公开条例》第三十六条第（五）项"

    f1 = received(world.finance, date(2016, 9, 26), h, description="2016年建设项目环评批复",
                  **organisation("legal"))  # fmt: skip
    conclude(f1, Outcome.UNABLE_NOT_HELD, date(2016, 9, 30), h, r, legal_basis=basis,
             reply_text="", forward_to=world.environment)  # fmt: skip
    copy1 = dated(f1.forwarded_to, date(2016, 9, 30))
    assert copy1.department == world.environment and copy1.org_subtype == "legal"
    services.confirm_receipt(copy1, actor=h_env, on=date(2016, 10, 8))
    conclude(copy1, Outcome.DISCLOSED, date(2016, 10, 21), h_env, r_env)

    f2 = received(
        world.finance, date(2016, 12, 20), h, description="2016年大气污染防治资金使用情况"
    )
    conclude(f2, Outcome.UNABLE_NOT_HELD, date(2016, 12, 30), h, r, legal_basis=basis,
             reply_text="", forward_to=world.environment)  # fmt: skip
    copy2 = dated(f2.forwarded_to, date(2016, 12, 30))
    services.confirm_receipt(copy2, actor=h_env, on=date(2017, 1, 3))

    zero = [0, 0, 0, 0, 0, 0, 0]

    def three(new, carried_in, disclosed, not_held, concluded, carried_out):
        """Table 三 with every outcome row written, the four that vary here as arguments."""
        return {
            "一、本年新收政府信息公开申请数量": new,
            "二、上年结转政府信息公开申请数量": carried_in,
            "三、本年度办理结果": {
                "（一）予以公开": disclosed,
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": zero,
                "（三）不予公开": {
                    "1．属于国家秘密": zero, "2．其他法律行政法规禁止公开": zero,
                    "3．危及“三安全一稳定”": zero, "4．保护第三方合法权益": zero,
                    "5．属于三类内部事务信息": zero, "6．属于四类过程性信息": zero,
                    "7．属于行政执法案卷": zero, "8．属于行政查询事项": zero,
                },
                "（四）无法提供": {
                    "1．本机关不掌握相关政府信息": not_held,
                    "2．没有现成信息需要另行制作": zero,
                    "3．补正后申请内容仍不明确": zero,
                },
                "（五）不予处理": {
                    "1．信访举报投诉类申请": zero, "2．重复申请": zero,
                    "3．要求提供公开出版物": zero, "4．无正当理由大量反复申请": zero,
                    "5．要求行政机关确认或重新出具已获取信息": zero,
                },
                "（六）其他处理": {
                    "1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": zero,
                    "2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": zero,
                    "3．其他": zero,
                },
                "（七）总计": concluded,
            },
            "四、结转下年度继续办理": carried_out,
        }  # fmt: skip

    # 财政局 2016: F1 and F2 received and answered "not held" — once each, nothing else.
    assert_tables(report(world.finance, 2016), three=three(
        new=        [1, 0, 0, 0, 1, 0, 2],
        carried_in= zero,
        disclosed=  zero,
        not_held=   [1, 0, 0, 0, 1, 0, 2],
        concluded=  [1, 0, 0, 0, 1, 0, 2],
        carried_out=zero,
    ))  # fmt: skip
    # 环保局 2016: the copy of F1, received 2016-10-08 and disclosed; F2's copy not yet.
    assert_tables(report(world.environment, 2016), three=three(
        new=        [0, 0, 0, 0, 1, 0, 1],
        carried_in= zero,
        disclosed=  [0, 0, 0, 0, 1, 0, 1],
        not_held=   zero,
        concluded=  [0, 0, 0, 0, 1, 0, 1],
        carried_out=zero,
    ))  # fmt: skip
    # 天水市 2016: both agencies' applications — F1, F2 at 财政局 and F1's copy at 环保局.
    government = report(world.tianshui, 2016)
    assert_tables(government, three=three(
        new=        [1, 0, 0, 0, 2, 0, 3],
        carried_in= zero,
        disclosed=  [0, 0, 0, 0, 1, 0, 1],
        not_held=   [1, 0, 0, 0, 1, 0, 2],
        concluded=  [1, 0, 0, 0, 2, 0, 3],
        carried_out=zero,
    ))  # fmt: skip
    assert government["checks"] == []
    # 环保局 2017: F2's copy, received 2017-01-03 and still open.
    env_2017 = report(world.environment, 2017)
    assert_tables(env_2017, three=three(
        new=        [1, 0, 0, 0, 0, 0, 1],
        carried_in= zero,
        disclosed=  zero,
        not_held=   zero,
        concluded=  zero,
        carried_out=[1, 0, 0, 0, 0, 0, 1],
    ))  # fmt: skip
    assert env_2017["checks"] == []
    # 秦州区 is under 天水市 but has no part in this.
    assert_tables(report(world.qinzhou, 2016), three=three(zero, zero, zero, zero, zero, zero))


# --- World 3: reconsideration followed by litigation (复议后起诉) --------------------------


def test_reconsideration_followed_by_litigation(world):
    """Table 四 counts the cases applied for (复议) or filed (诉讼) in the year, each with its
    result as recorded when the report is made; an undecided case is 尚未审结. 总计 is the sum
    of the four results.

    P  refused 2016-03-15 (过程性信息): 复议 applied 2016-04-20, 维持 on 2016-06-17;
       复议后起诉 filed 2016-07-04, 维持 on 2016-11-30
    R  refused 2016-04-26 (另行制作): 复议 applied 2016-05-09, 纠正 on 2016-07-01
    S  refused 2016-06-24 (执法案卷): 直接起诉 filed 2016-08-01, 其他结果 (撤诉) on 2016-09-20
    Q  refused 2016-11-10 (第三方权益): 复议 applied 2016-12-26, undecided at the year's end;
       维持 on 2017-02-20; 复议后起诉 filed 2017-03-06, undecided
    """
    h, r = world.handler_finance, world.reviewer_finance
    record = services.record_challenge
    city, court = "天水市人民政府", "天水市秦州区人民法院"

    p = received(world.finance, date(2016, 2, 22), h, description="棚户区改造项目会议纪要")
    conclude(p, Outcome.WITHHELD_PROCESS, date(2016, 3, 15), h, r, legal_basis="条例第十六条")
    record(p, kind=ChallengeKind.RECONSIDERATION, filed_on=date(2016, 4, 20), body=city, actor=h,
           result=ChallengeResult.UPHELD, decided_on=date(2016, 6, 17))  # fmt: skip
    record(p, kind=ChallengeKind.LITIGATION_AFTER, filed_on=date(2016, 7, 4), body=court, actor=h,
           result=ChallengeResult.UPHELD, decided_on=date(2016, 11, 30))  # fmt: skip
    rr = received(world.finance, date(2016, 4, 5), h, description="全市历年财政收支对比分析")
    conclude(
        rr, Outcome.UNABLE_NEEDS_CREATION, date(2016, 4, 26), h, r, legal_basis="条例第三十八条"
    )
    record(rr, kind=ChallengeKind.RECONSIDERATION, filed_on=date(2016, 5, 9), body=city, actor=h,
           result=ChallengeResult.CORRECTED, decided_on=date(2016, 7, 1))  # fmt: skip
    s = received(world.finance, date(2016, 6, 6), h, description="某企业行政处罚案卷")
    conclude(s, Outcome.WITHHELD_CASE_FILE, date(2016, 6, 24), h, r, legal_basis="条例第十六条")
    record(s, kind=ChallengeKind.LITIGATION_DIRECT, filed_on=date(2016, 8, 1), body=court, actor=h,
           result=ChallengeResult.OTHER, decided_on=date(2016, 9, 20))  # fmt: skip
    q = received(world.finance, date(2016, 10, 24), h, description="某企业纳税明细")
    conclude(q, Outcome.WITHHELD_THIRD_PARTY, date(2016, 11, 10), h, r, legal_basis="条例第十五条")
    q_reconsideration = record(
        q, kind=ChallengeKind.RECONSIDERATION, filed_on=date(2016, 12, 26), body=city, actor=h
    )

    # As the office sees 2016 in January 2017: Q's 复议 not decided yet.
    y2016 = report(world.finance, 2016)
    assert_tables(y2016, four={
        "行政复议":                      [1, 1, 0, 1, 3],  # P 维持, R 纠正, Q 尚未审结
        "行政诉讼": {
            "未经复议直接起诉":          [0, 0, 1, 0, 1],  # S 其他结果
            "复议后起诉":                [1, 0, 0, 0, 1],  # P 维持
        },
    })  # fmt: skip
    assert y2016["checks"] == []
    assert (
        "因政府信息公开引发行政复议3件、行政诉讼2件。" in y2016["sections"]["一、总体情况"]["draft"]
    )

    # Q's 复议 upheld in 2017, then 复议后起诉 filed in 2017 and undecided.
    services.record_challenge_result(
        q_reconsideration, result=ChallengeResult.UPHELD, decided_on=date(2017, 2, 20), actor=h
    )
    record(q, kind=ChallengeKind.LITIGATION_AFTER, filed_on=date(2017, 3, 6), body=court, actor=h)

    # 2016 with the results known now: Q's 复议 stays in 2016 (applied for then), now 维持;
    # Q's lawsuit belongs to 2017, when it was filed.
    assert_tables(report(world.finance, 2016), four={
        "行政复议":                      [2, 1, 0, 0, 3],  # P, Q 维持; R 纠正
        "行政诉讼": {
            "未经复议直接起诉":          [0, 0, 1, 0, 1],  # S
            "复议后起诉":                [1, 0, 0, 0, 1],  # P
        },
    })  # fmt: skip
    y2017 = report(world.finance, 2017)
    assert_tables(y2017, four={
        "行政复议":                      [0, 0, 0, 0, 0],
        "行政诉讼": {
            "未经复议直接起诉":          [0, 0, 0, 0, 0],
            "复议后起诉":                [0, 0, 0, 1, 1],  # Q 尚未审结
        },
    })  # fmt: skip
    assert y2017["checks"] == []
    # The government counts its agencies' cases; 陇南市 has none.
    assert_tables(report(world.tianshui, 2017), four={
        "行政复议": [0, 0, 0, 0, 0],
        "行政诉讼": {"未经复议直接起诉": [0, 0, 0, 0, 0], "复议后起诉": [0, 0, 0, 1, 1]},
    })  # fmt: skip
    assert_tables(report(world.longnan, 2016), four=NO_CHALLENGES)


# --- World 4: every applicant column and several outcome rows -------------------------


def test_applicant_columns_and_outcome_rows(world):
    """天水市财政局, 2016. The 总计 column is the sum of the six applicant columns in every row.

    自然人        N1 2016-02-15 → 予以公开 2016-03-01
                  N2 2016-04-05 → 不予公开 4．保护第三方合法权益 2016-04-25
                  N3 2016-12-26 → open at the year's end
    商业企业      C0 2015-12-29 → 予以公开 2016-01-04 (carried in; first working day after 元旦)
                  C1 2016-05-03 → 部分公开 2016-05-20
                  C2 2016-06-01 → 予以公开 2016-06-15
    科研机构      R1 2016-03-07 → 无法提供 2．没有现成信息需要另行制作 2016-03-21
    社会公益组织  W1 2016-07-04 → 不予处理 1．信访举报投诉类申请 2016-07-11
    法律服务机构  L1 2016-08-01 → 不予公开 7．属于行政执法案卷 2016-08-19
                  L2 2016-08-02 → withdrawn by the applicant 2016-08-05: 其他处理 3．其他
    其他          O1 2016-09-12 → 不予处理 2．重复申请 2016-09-14
    """
    h, r = world.handler_finance, world.reviewer_finance
    basis = {"legal_basis": "《中华人民共和国政府信息公开条例》"}

    def app(on, description, subtype=None):
        extra = organisation(subtype) if subtype else {}
        return received(world.finance, on, h, description=description, **extra)

    conclude(
        app(date(2016, 2, 15), "2016年专项资金清单"), Outcome.DISCLOSED, date(2016, 3, 1), h, r
    )
    conclude(app(date(2016, 4, 5), "某公司补贴申报材料"), Outcome.WITHHELD_THIRD_PARTY,
             date(2016, 4, 25), h, r, **basis)  # fmt: skip
    app(date(2016, 12, 26), "2017年预算草案")
    conclude(app(date(2015, 12, 29), "2015年政府采购合同", "commercial"), Outcome.DISCLOSED,
             date(2016, 1, 4), h, r)  # fmt: skip
    conclude(app(date(2016, 5, 3), "招标评审报告", "commercial"), Outcome.PARTIAL,
             date(2016, 5, 20), h, r, **basis)  # fmt: skip
    conclude(app(date(2016, 6, 1), "2016年采购意向公告", "commercial"), Outcome.DISCLOSED,
             date(2016, 6, 15), h, r)  # fmt: skip
    conclude(app(date(2016, 3, 7), "近十年科研经费统计分析", "research"),
             Outcome.UNABLE_NEEDS_CREATION, date(2016, 3, 21), h, r, **basis)  # fmt: skip
    conclude(app(date(2016, 7, 4), "举报某单位违规发放补贴", "welfare"), Outcome.REFUSED_PETITION,
             date(2016, 7, 11), h, r, **basis)  # fmt: skip
    conclude(app(date(2016, 8, 1), "某案件行政处罚案卷", "legal"), Outcome.WITHHELD_CASE_FILE,
             date(2016, 8, 19), h, r, **basis)  # fmt: skip
    services.withdraw(app(date(2016, 8, 2), "某律所代理案件材料", "legal"), reason="已自行获取",
                      on=date(2016, 8, 5))  # fmt: skip
    conclude(app(date(2016, 9, 12), "2016年部门预算", "other"), Outcome.REFUSED_REPEAT,
             date(2016, 9, 14), h, r, **basis)  # fmt: skip

    data = report(world.finance, 2016)
    # Columns: 自然人 · 商业企业 · 科研机构 · 社会公益组织 · 法律服务机构 · 其他 · 总计
    assert_tables(data, three={
        "一、本年新收政府信息公开申请数量":                       [3, 2, 1, 1, 2, 1, 10],
        "二、上年结转政府信息公开申请数量":                       [0, 1, 0, 0, 0, 0, 1],
        "三、本年度办理结果": {
            "（一）予以公开":                                      [1, 2, 0, 0, 0, 0, 3],
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": [0, 1, 0, 0, 0, 0, 1],
            "（三）不予公开": {
                "1．属于国家秘密":                                 [0, 0, 0, 0, 0, 0, 0],
                "2．其他法律行政法规禁止公开":                     [0, 0, 0, 0, 0, 0, 0],
                "3．危及“三安全一稳定”":                           [0, 0, 0, 0, 0, 0, 0],
                "4．保护第三方合法权益":                           [1, 0, 0, 0, 0, 0, 1],
                "5．属于三类内部事务信息":                         [0, 0, 0, 0, 0, 0, 0],
                "6．属于四类过程性信息":                           [0, 0, 0, 0, 0, 0, 0],
                "7．属于行政执法案卷":                             [0, 0, 0, 0, 1, 0, 1],
                "8．属于行政查询事项":                             [0, 0, 0, 0, 0, 0, 0],
            },
            "（四）无法提供": {
                "1．本机关不掌握相关政府信息":                     [0, 0, 0, 0, 0, 0, 0],
                "2．没有现成信息需要另行制作":                     [0, 0, 1, 0, 0, 0, 1],
                "3．补正后申请内容仍不明确":                       [0, 0, 0, 0, 0, 0, 0],
            },
            "（五）不予处理": {
                "1．信访举报投诉类申请":                           [0, 0, 0, 1, 0, 0, 1],
                "2．重复申请":                                     [0, 0, 0, 0, 0, 1, 1],
                "3．要求提供公开出版物":                           [0, 0, 0, 0, 0, 0, 0],
                "4．无正当理由大量反复申请":                       [0, 0, 0, 0, 0, 0, 0],
                "5．要求行政机关确认或重新出具已获取信息":         [0, 0, 0, 0, 0, 0, 0],
            },
            "（六）其他处理": {
                "1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": [0, 0, 0, 0, 0, 0, 0],
                "2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": [0, 0, 0, 0, 0, 0, 0],
                "3．其他":                                         [0, 0, 0, 0, 1, 0, 1],
            },
            "（七）总计":                                          [2, 3, 1, 1, 2, 1, 10],
        },
        "四、结转下年度继续办理":                                 [1, 0, 0, 0, 0, 0, 1],
    })  # fmt: skip
    assert data["checks"] == []
    # 总计 = the sum of the six applicant columns, in every row of the JSON.
    rows = data["sections"][THREE]

    def leaves(node):
        if "总计" in node and isinstance(node["总计"], int):
            yield node
            return
        for child in node.values():
            yield from leaves(child)

    counted = list(leaves(rows))
    assert len(counted) == 25
    for row in counted:
        assert row["总计"] == sum(row[c] for c in THREE_COLUMNS[:-1])
