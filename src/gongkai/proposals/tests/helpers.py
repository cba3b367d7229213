"""A session with items, made through the real actions as the world's personas."""

from __future__ import annotations

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.orgs.roles import Role
from gongkai.proposals import services
from gongkai.proposals.models import Body, Proposal, ProposalRules
from gongkai.testing.factories import staff

HEADER = ["编号", "标题", "领衔人及附议人", "内容", "建议承办单位"]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx(rows, header=HEADER, name="建议.xlsx") -> SimpleUploadedFile:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX_TYPE)


def row(number, title="关于加快城区老旧小区改造的建议", **overrides):
    values = {
        "authors": "王建国（领衔），李秀英、张卫东",
        "content": "我市城区仍有大量建于上世纪八九十年代的老旧小区，管网老化、停车困难，建议加快改造进度。",
        "units": "市财政局",
    }
    values.update(overrides)
    return (number, title, values["authors"], values["content"], values["units"])


def congress_session(world, name="市六届人大五次会议", opened_on=date(2025, 1, 10)):
    return services.create_session(
        actor=world.office,
        office=world.general_office,
        body=Body.CONGRESS,
        name=name,
        opened_on=opened_on,
    )


def cppcc_session(world, name="市政协六届五次会议", opened_on=date(2025, 1, 8)):
    return services.create_session(
        actor=world.office,
        office=world.general_office,
        body=Body.CPPCC,
        name=name,
        opened_on=opened_on,
    )


def imported(world, session, count=1, start=1) -> list[Proposal]:
    rows = [
        (n, dict(zip(("number", "title", "authors", "content", "suggested_units"), row(str(n)))))
        for n in range(start, start + count)
    ]
    for _, values in rows:
        values["number"] = str(values["number"])
        values["title"] = f"{values['title']}（{values['number']}）"
    report = services.import_items(session, actor=world.office, rows=rows)
    assert report.imported == count, report.invalid_rows
    return list(session.items.filter(number__in=[v["number"] for _, v in rows]).order_by("id"))


def reviewer_environment(world):
    return staff("reviewer_environment", (world.environment, Role.REVIEWER))


def cppcc_rules(world, **fields):
    values = {"limit_months": 5, "complex_limit_months": 6, "rehandle_months": 3}
    values.update(fields)
    return ProposalRules.objects.create(government=world.tianshui, body=Body.CPPCC, **values)


REPLY = (
    "王建国代表：您提出的《关于加快城区老旧小区改造的建议》收悉。我局高度重视，"
    "已会同市住建局将城区32个老旧小区列入2026年改造计划，安排资金1.2亿元，预计年底前完工。"
)


def replied(world, proposal, *, on, grade="A", approve_on=None, co=()):
    services.assign(proposal, lead=world.finance, joint=co, actor=world.office, on=on)
    services.submit_reply(proposal, text=REPLY, grade=grade, actor=world.handler_finance, on=on)
    services.approve_reply(proposal, actor=world.reviewer_finance, on=approve_on or on)
    proposal.refresh_from_db()
    return proposal
