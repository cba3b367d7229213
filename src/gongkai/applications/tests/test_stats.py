"""Tables 三 and 四 of the annual report, on concrete applications made through the services.

Dates are in 2015–2017 so that the report year 2016 has applications carried
in (received 2015, concluded 2016) and carried out (received 2016, open at
31 December or concluded 2017).
"""

import json
import random
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.applications import services
from gongkai.applications.models import (
    OUTCOME_GROUPS,
    REPLY_OUTCOMES,
    Application,
    ChallengeKind,
    ChallengeResult,
    FeeMethod,
    Outcome,
)
from gongkai.applications.stats import (
    OUTCOME_ROWS,
    TABLE_THREE_ROWS,
    table_four,
    table_three,
    year_range,
)
from gongkai.orgs.roles import Role
from gongkai.testing.factories import staff

from .helpers import USCC, received, secrecy_passed, submitted

pytestmark = pytest.mark.django_db

Y2016 = year_range(2016)
ORG_USCCS = {  # valid check characters
    "commercial": USCC,
    "research": "12620500000001230Q",
    "welfare": "53620500000001230H",
    "legal": "316200000000012300",
    "other": "59620500000001230Y",
}


def organisation(subtype: str) -> dict:
    return {
        "applicant_kind": "organisation",
        "org_subtype": subtype,
        "name": f"天水某{subtype}单位",
        "id_type": "uscc",
        "id_number": ORG_USCCS[subtype],
        "contact_person": "李四",
    }


def conclude(application, outcome, on, handler, reviewer, **extra):
    """Reply with ``outcome`` on ``on`` (drafted by ``handler``, approved by ``reviewer``)."""
    application.refresh_from_db()
    fields = {
        "legal_basis": "" if outcome == Outcome.DISCLOSED else "《中华人民共和国政府信息公开条例》",
        "reply_text": "所申请信息随本答复书一并提供。",
    }
    fields.update(extra)
    services.submit_reply(
        application, outcome=outcome, actor=handler, expected_version=application.version, **fields
    )
    secrecy_passed(application, on=on)  # 保密审查 where the reply releases information
    services.approve_reply(application, actor=reviewer, on=on)
    application.refresh_from_db()
    return application


def cell(table, row, column="total"):
    return table.value(row, column)


def test_the_table_has_the_national_rows_in_order():
    numeric = [r for r in TABLE_THREE_ROWS if r.numeric]
    assert len(numeric) == 25
    assert numeric[0].heading == "一、本年新收政府信息公开申请数量"
    assert numeric[1].heading == "二、上年结转政府信息公开申请数量"
    assert numeric[-2].heading == "（七）总计"
    assert numeric[-1].heading == "四、结转下年度继续办理"
    headings = [r.heading for r in TABLE_THREE_ROWS]
    assert headings.index("（三）不予公开") < headings.index("1．属于国家秘密")
    assert "8．属于行政查询事项" in headings
    assert "3．其他" in headings
    assert [r.key for r in numeric[2:-2]] == list(OUTCOME_ROWS)


def test_carried_in_new_concluded_and_carried_out(world):
    h, r = world.handler_finance, world.reviewer_finance
    # received 2015-12-28, replied 2016-01-05: 二 (carried in) and （一） in 2016
    carried_in = received(world.finance, date(2015, 12, 28), h)
    conclude(carried_in, Outcome.DISCLOSED, date(2016, 1, 5), h, r)
    # received 2016-12-29 and still open: 一 and 四
    received(world.finance, date(2016, 12, 29), h, description="2016年市级部门预算公开情况")
    # received and replied within 2016: 一 and （二）
    inside = received(world.finance, date(2016, 3, 1), h, description="2016年三公经费支出明细")
    conclude(inside, Outcome.PARTIAL, date(2016, 3, 10), h, r)
    # received 2015, replied 2017: 二 and 四
    long_one = received(world.finance, date(2015, 11, 2), h, description="扶贫资金分配文件")
    conclude(long_one, Outcome.UNABLE_NOT_HELD, date(2017, 1, 5), h, r)
    # concluded exactly on the first and the last day of the year
    on_start = received(world.finance, date(2015, 12, 21), h, description="2015年城乡低保名单")
    conclude(on_start, Outcome.WITHHELD_THIRD_PARTY, date(2016, 1, 1), h, r)
    on_end = received(world.finance, date(2016, 12, 31), h, description="棚户区改造征收补偿方案")
    conclude(on_end, Outcome.REFUSED_PUBLICATION, date(2016, 12, 31), h, r)
    # received and concluded in 2015: not in 2016 at all
    old = received(world.finance, date(2015, 6, 1), h, description="2015年环评文件")
    conclude(old, Outcome.DISCLOSED, date(2015, 12, 31), h, r)
    # never confirmed, or discarded: never counted
    submitted(world.finance, date(2016, 5, 5), description="测试提交")
    junk = submitted(world.finance, date(2016, 5, 6), description="重复提交的测试数据")
    services.discard(junk, actor=h, reason="测试数据")

    t = table_three(world.finance, *Y2016)
    assert t.checks() == []
    assert cell(t, "new") == 3  # 2016-03-01, 2016-12-29, 2016-12-31
    assert cell(t, "carried_in") == 3  # 2015-12-28, 2015-11-02, 2015-12-21
    assert cell(t, Outcome.DISCLOSED) == 1
    assert cell(t, Outcome.PARTIAL) == 1
    assert cell(t, Outcome.WITHHELD_THIRD_PARTY) == 1
    assert cell(t, Outcome.REFUSED_PUBLICATION) == 1
    assert cell(t, Outcome.UNABLE_NOT_HELD) == 0
    assert cell(t, "concluded") == 4
    assert cell(t, "carried_out") == 2  # still open, and concluded 2017
    assert t.value("new", "natural") == 3 and t.value("new", "commercial") == 0

    # 2015: the December ones are new and carried out; 2017: the open one and the 2017 reply
    t15 = table_three(world.finance, *year_range(2015))
    assert (cell(t15, "new"), cell(t15, "carried_in")) == (4, 0)
    assert (cell(t15, "concluded"), cell(t15, "carried_out")) == (1, 3)
    t17 = table_three(world.finance, *year_range(2017))
    assert (cell(t17, "new"), cell(t17, "carried_in")) == (0, 2)
    assert (cell(t17, Outcome.UNABLE_NOT_HELD), cell(t17, "carried_out")) == (1, 1)
    assert t15.checks() == t17.checks() == []

    # a single day: the range is inclusive at both ends
    day = table_three(world.finance, date(2016, 12, 31), date(2016, 12, 31))
    assert (cell(day, "new"), cell(day, "concluded")) == (1, 1)
    assert cell(day, "carried_in") == 2  # received 2015-11-02 and 2016-12-29, still open
    assert day.checks() == []


def test_every_applicant_kind_lands_in_its_column(world):
    h, r = world.handler_finance, world.reviewer_finance
    for i, subtype in enumerate(ORG_USCCS):
        application = received(
            world.finance,
            date(2016, 4, 1 + i),
            h,
            description=f"建设项目环评审批文件{i}",
            **organisation(subtype),
        )
        conclude(application, Outcome.DISCLOSED, date(2016, 4, 20), h, r)
    received(world.finance, date(2016, 4, 8), h)
    t = table_three(world.finance, *Y2016)
    for subtype in ORG_USCCS:
        assert t.value("new", subtype) == 1, subtype
        assert t.value(Outcome.DISCLOSED, subtype) == 1, subtype
    assert t.value("new", "natural") == 1
    assert t.value("carried_out", "natural") == 1
    assert t.value("new", "total") == 6
    assert t.checks() == []
    # the JSON form is keyed by the national headings
    data = t.as_dict()
    assert data["一、本年新收政府信息公开申请数量"] == {
        "自然人": 1, "商业企业": 1, "科研机构": 1, "社会公益组织": 1,
        "法律服务机构": 1, "其他": 1, "总计": 6,
    }  # fmt: skip
    results = data["三、本年度办理结果"]
    assert results["（一）予以公开"]["总计"] == 5
    assert results["（三）不予公开"]["1．属于国家秘密"]["总计"] == 0
    assert results["（七）总计"]["总计"] == 5
    assert data["四、结转下年度继续办理"]["自然人"] == 1


def test_every_outcome_lands_in_its_row(world):
    """The 19 reply outcomes through the reply service, the two lapses through their jobs."""
    h, r = world.handler_finance, world.reviewer_finance
    for i, outcome in enumerate(REPLY_OUTCOMES):
        application = received(
            world.finance, date(2016, 5, 3), h, description=f"食品抽检结果第{i}批"
        )
        if outcome == Outcome.REFUSED_EXCESSIVE:
            services.request_reasons(application, text="请说明理由", actor=h, on=date(2016, 5, 4))
            services.decide_art35(
                application, decision="unreasonable", actor=h, on=date(2016, 5, 20)
            )
        if outcome == Outcome.UNABLE_STILL_UNCLEAR:
            services.request_correction(
                application, what="请写明批次", actor=h, on=date(2016, 5, 4)
            )
            services.receive_correction(application, answer="仍然不清楚", on=date(2016, 5, 9))
        conclude(application, outcome, date(2016, 6, 1), h, r)
    lapsed_correction = received(
        world.finance, date(2016, 7, 1), h, description="某局2016年的一份文件"
    )
    services.request_correction(lapsed_correction, what="请写明文号", actor=h, on=date(2016, 7, 4))
    assert services.expire_corrections(on=date(2016, 8, 1)) == 1
    lapsed_fee = received(
        world.finance, date(2016, 7, 1), h, description="2016年全部会议纪要复印件"
    )
    services.issue_fee(
        lapsed_fee, method=FeeMethod.BY_PAGES, pages=150, actor=h, on=date(2016, 7, 4)
    )
    assert services.expire_fees(on=date(2016, 9, 1)) == 1

    t = table_three(world.finance, *Y2016)
    for outcome in Outcome:
        assert cell(t, outcome.value) == 1, outcome
        assert t.value(outcome.value, "natural") == 1, outcome
    assert cell(t, "concluded") == 21
    assert cell(t, "new") == 21 and cell(t, "carried_out") == 0
    assert t.checks() == []
    # the other agencies and the sums per group as the report lists them
    assert [sum(cell(t, o.value) for o in outcomes) for _, _, outcomes in OUTCOME_GROUPS] == [
        1, 1, 8, 3, 5, 3
    ]  # fmt: skip


def test_withdrawal_counts_as_other_only_once_received(world):
    h = world.handler_finance
    before_receipt = submitted(world.finance, date(2016, 2, 1), description="撤回的申请一")
    services.withdraw(before_receipt, reason="不需要了", on=date(2016, 2, 2))
    after_receipt = received(world.finance, date(2016, 2, 1), h, description="撤回的申请二")
    services.withdraw(after_receipt, reason="已自行获取", on=date(2016, 2, 3))
    t = table_three(world.finance, *Y2016)
    assert cell(t, "new") == 1
    assert cell(t, Outcome.OTHER) == 1
    assert t.checks() == []


def test_a_government_counts_its_own_and_its_counties_agencies_only(world):
    h, r = world.handler_finance, world.reviewer_finance
    qz = staff(
        "handler_qz", (world.qinzhou_finance, Role.HANDLER), (world.qinzhou_finance, Role.REVIEWER)
    )
    ln = staff(
        "handler_ln", (world.longnan_finance, Role.HANDLER), (world.longnan_finance, Role.REVIEWER)
    )
    city = received(world.finance, date(2016, 3, 1), h)
    conclude(city, Outcome.DISCLOSED, date(2016, 3, 8), h, r)
    county = received(world.qinzhou_finance, date(2016, 3, 2), qz, **organisation("legal"))
    conclude(county, Outcome.WITHHELD_PROCESS, date(2016, 3, 9), qz, qz)
    received(world.qinzhou_finance, date(2016, 12, 30), qz, description="秦州区低保名单")
    other_city = received(world.longnan_finance, date(2016, 3, 3), ln)
    conclude(other_city, Outcome.DISCLOSED, date(2016, 3, 10), ln, ln)

    tianshui = table_three(world.tianshui, *Y2016)
    assert cell(tianshui, "new") == 3
    assert cell(tianshui, Outcome.DISCLOSED) == 1
    assert tianshui.value(Outcome.WITHHELD_PROCESS, "legal") == 1
    assert cell(tianshui, "carried_out") == 1
    assert tianshui.checks() == []
    qinzhou = table_three(world.qinzhou, *Y2016)
    assert (cell(qinzhou, "new"), cell(qinzhou, Outcome.DISCLOSED)) == (2, 0)
    assert cell(table_three(world.finance, *Y2016), "new") == 1  # the agency alone
    longnan = table_three(world.longnan, *Y2016)
    assert (cell(longnan, "new"), cell(longnan, Outcome.DISCLOSED)) == (1, 1)


def test_generated_applications_keep_the_identity_in_every_column(world):
    """Random receipt and conclusion dates around the year's edges, checked against a
    straightforward count in Python (rows made directly: this is about the arithmetic)."""
    rng = random.Random(2016)
    edges = [date(2015, 12, 31), date(2016, 1, 1), date(2016, 12, 31), date(2017, 1, 1)]
    kinds = [("natural", ""), *[("organisation", s) for s in ORG_USCCS], ("organisation", "")]
    outcomes = [o.value for o in Outcome]
    rows = []
    for i in range(400):
        received_on = (
            rng.choice(edges)
            if rng.random() < 0.3
            else date(2015, 6, 1) + timedelta(days=rng.randrange(800))
        )
        concluded_on = None
        if rng.random() < 0.8:
            concluded_on = (
                max(received_on, rng.choice(edges))
                if rng.random() < 0.3
                else received_on + timedelta(days=rng.randrange(60))
            )
        kind, subtype = rng.choice(kinds)
        if rng.random() < 0.05:
            received_on = concluded_on = None  # never received
        rows.append(
            Application(
                department=rng.choice([world.finance, world.environment, world.qinzhou_finance]),
                tracking_number=f"T{i}",
                year=2016,
                applicant_kind=kind,
                org_subtype=subtype,
                name="某申请人",
                id_type="other",
                id_number=f"X{i:06d}",
                phone="13800000000",
                description="随机生成的申请",
                channel="online",
                fingerprint=f"f{i}",
                received_on=received_on,
                concluded_on=concluded_on,
                outcome=rng.choice(outcomes) if concluded_on else "",
                state="closed" if concluded_on else "in_progress",
            )
        )
    Application.objects.bulk_create(rows)
    start, end = Y2016
    t = table_three(world.tianshui, start, end)
    assert t.checks() == []
    expected = {key: {} for key in ("new", "carried_in", "concluded", "carried_out")}
    for a in rows:
        if a.received_on is None:
            continue
        col = a.report_column
        done = a.concluded_on
        tests = {
            "new": start <= a.received_on <= end,
            "carried_in": a.received_on < start and (done is None or done >= start),
            "concluded": done is not None and start <= done <= end,
            "carried_out": a.received_on <= end and (done is None or done > end),
        }
        for key, hit in tests.items():
            if hit:
                expected[key][col] = expected[key].get(col, 0) + 1
    for key, by_column in expected.items():
        for col in ("natural", *ORG_USCCS):
            assert t.value(key, col) == by_column.get(col, 0), (key, col)
        assert t.value(key, "total") == sum(by_column.values())
    assert cell(t, "concluded") > 50 and cell(t, "carried_in") > 5 and cell(t, "carried_out") > 5


def test_checks_report_a_concluded_application_without_a_national_outcome(world):
    h = world.handler_finance
    application = received(world.finance, date(2016, 3, 1), h)
    Application.objects.filter(pk=application.pk).update(
        concluded_on=date(2016, 3, 5), state="closed", outcome=""
    )
    t = table_three(world.finance, *Y2016)
    failed = t.checks()
    assert len(failed) == 2  # the 自然人 column and the 总计 column
    assert "“自然人”列：（七）总计 1 不等于各项办理结果之和 0" in failed[0]


def test_checks_name_each_broken_identity():
    from gongkai.applications.stats import REPORT_COLUMNS, Table

    t = Table("three", "t", TABLE_THREE_ROWS, REPORT_COLUMNS)
    t.cells = {r.key: {k: 0 for k, _ in REPORT_COLUMNS} for r in TABLE_THREE_ROWS if r.numeric}
    assert t.checks() == []
    t.cells["new"]["natural"] = 2
    t.cells["new"]["total"] = 2
    failed = t.checks()
    assert failed == [
        "“自然人”列：一（本年新收）2 + 二（上年结转）0 = 2，不等于（七）总计 0 + 四（结转下年度）0 = 0。",
        "“总计”列：一（本年新收）2 + 二（上年结转）0 = 2，不等于（七）总计 0 + 四（结转下年度）0 = 0。",
    ]
    t.cells["carried_out"]["natural"] = 2
    failed = t.checks()
    assert failed[0] == "“四、结转下年度继续办理”行：总计 0 不等于各项之和 2。"


def test_end_before_start_is_refused(world):
    from gongkai.core.errors import DomainError

    with pytest.raises(DomainError, match="早于开始日期"):
        table_three(world.finance, date(2016, 12, 31), date(2016, 1, 1))


def _challenged(world, on, description):
    h, r = world.handler_finance, world.reviewer_finance
    application = received(world.finance, on, h, description=description)
    return conclude(application, Outcome.WITHHELD_THIRD_PARTY, on + timedelta(days=10), h, r)


def test_table_four_counts_cases_filed_in_the_range_by_result(world):
    h = world.handler_finance
    a = _challenged(world, date(2016, 2, 1), "征收补偿协议")
    b = _challenged(world, date(2016, 3, 1), "建设项目环评报告")
    c = _challenged(world, date(2016, 11, 1), "低保名单")
    record = services.record_challenge
    record(a, kind=ChallengeKind.RECONSIDERATION, filed_on=date(2016, 3, 1), body="天水市人民政府",
           actor=h, result=ChallengeResult.UPHELD, decided_on=date(2016, 5, 1))  # fmt: skip
    record(a, kind=ChallengeKind.LITIGATION_AFTER, filed_on=date(2016, 5, 10), body="秦州区人民法院",
           actor=h, result=ChallengeResult.CORRECTED, decided_on=date(2017, 2, 1))  # fmt: skip
    record(b, kind=ChallengeKind.RECONSIDERATION, filed_on=date(2016, 4, 1), body="甘肃省财政厅",
           actor=h, result=ChallengeResult.CORRECTED, decided_on=date(2016, 6, 1))  # fmt: skip
    record(b, kind=ChallengeKind.LITIGATION_DIRECT, filed_on=date(2016, 4, 2), body="秦州区人民法院",
           actor=h, result=ChallengeResult.OTHER, decided_on=date(2016, 8, 1))  # fmt: skip
    record(c, kind=ChallengeKind.LITIGATION_DIRECT, filed_on=date(2016, 12, 20), body="麦积区人民法院",
           actor=h)  # fmt: skip
    record(c, kind=ChallengeKind.RECONSIDERATION, filed_on=date(2017, 1, 3), body="天水市人民政府",
           actor=h)  # fmt: skip

    t = table_four(world.finance, *Y2016)
    assert t.checks() == []
    assert t.cells["reconsideration"] == {
        "upheld": 1, "corrected": 1, "other": 0, "pending": 0, "total": 2
    }  # fmt: skip
    assert t.cells["litigation_direct"] == {
        "upheld": 0, "corrected": 0, "other": 1, "pending": 1, "total": 2
    }  # fmt: skip
    assert t.cells["litigation_after"]["corrected"] == 1
    # as known on 2017-01-31, the case decided in February was still pending
    early = table_four(world.finance, *Y2016, as_of=date(2017, 1, 31))
    assert early.cells["litigation_after"] == {
        "upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1
    }  # fmt: skip
    assert early.cells["reconsideration"]["total"] == 2
    data = t.as_dict()
    assert data["行政复议"]["总计"] == 2
    assert data["行政诉讼"]["未经复议直接起诉"]["尚未审结"] == 1
    assert data["行政诉讼"]["复议后起诉"]["结果纠正"] == 1
    assert table_four(world.finance, *year_range(2017)).cells["reconsideration"]["pending"] == 1
    assert table_four(world.longnan, *Y2016).cells["reconsideration"]["total"] == 0
    assert table_four(world.tianshui, *Y2016).cells["reconsideration"]["total"] == 2


def test_the_command_prints_both_tables(world):
    h, r = world.handler_finance, world.reviewer_finance
    a = received(world.finance, date(2015, 12, 28), h)
    conclude(a, Outcome.DISCLOSED, date(2016, 1, 5), h, r)
    received(world.finance, date(2016, 12, 29), h, description="2016年部门预算")

    out = StringIO()
    call_command("applications", "stats", "--government", "620500", "--year", "2016", "--format", "json", stdout=out)  # fmt: skip
    data = json.loads(out.getvalue())
    rows = data["table_three"]["rows"]
    assert rows["二、上年结转政府信息公开申请数量"]["总计"] == 1
    assert rows["四、结转下年度继续办理"]["自然人"] == 1
    assert data["checks"] == []
    assert data["government"] == {"code": "620500", "name": "天水市"}

    out = StringIO()
    call_command("applications", "stats", "--agency", world.finance.uscc, "--start", "2016-01-01", "--end", "2016-12-31", stdout=out)  # fmt: skip
    text = out.getvalue()
    assert "天水市财政局  2016-01-01 至 2016-12-31" in text
    assert "（七）总计" in text and "复议后起诉" in text
    assert "勾稽关系校验：全部通过。" in text
    line = next(x for x in text.splitlines() if x.startswith("一、本年新收"))
    assert line.split()[-7:] == ["1", "0", "0", "0", "0", "0", "1"]

    out = StringIO()
    call_command("applications", "stats", "--agency", str(world.finance.pk), "--year", "2015", stdout=out)  # fmt: skip
    assert "勾稽关系校验：全部通过。" in out.getvalue()

    with pytest.raises(CommandError, match="找不到机关"):
        call_command("applications", "stats", "--agency", "99999", "--year", "2016")
    with pytest.raises(CommandError, match="没有行政区划代码"):
        call_command("applications", "stats", "--government", "999999", "--year", "2016")
    with pytest.raises(CommandError, match="早于开始日期"):
        call_command("applications", "stats", "--government", "620500", "--start", "2016-12-01", "--end", "2016-01-01")  # fmt: skip
    with pytest.raises(CommandError, match="不是有效日期"):
        call_command("applications", "stats", "--government", "620500", "--start", "2016-13-01", "--end", "2016-12-01")  # fmt: skip
    with pytest.raises(CommandError, match="请填写统计的开始日期"):
        call_command("applications", "stats", "--government", "620500")


def test_the_command_fails_when_a_check_fails(world):
    application = received(world.finance, date(2016, 3, 1), world.handler_finance)
    Application.objects.filter(pk=application.pk).update(concluded_on=date(2016, 3, 5), outcome="")
    with pytest.raises(CommandError, match="勾稽关系校验未通过"):
        call_command("applications", "stats", "--agency", str(world.finance.pk), "--year", "2016", stdout=StringIO())  # fmt: skip
