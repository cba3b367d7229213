"""Importing a session's items from XLSX: every row checked, all or nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.proposals import services
from gongkai.proposals.models import Proposal
from gongkai.proposals.services.importing import ImportProblem

from .helpers import congress_session, row, xlsx

pytestmark = pytest.mark.django_db


def test_missing_and_duplicated_numbers_are_listed_by_row_and_nothing_is_imported(world):
    session = congress_session(world)
    upload = xlsx([row("1"), row(""), row("3"), row("1"), row("5", title="")])

    report = services.import_items(session, upload, actor=world.office)

    assert not report.valid and report.imported == 0
    assert {r.row: r.errors for r in report.invalid_rows} == {
        3: ["缺少编号"],
        5: ["编号“1”与第2行重复"],
        6: ["缺少标题"],
    }
    assert "未导入任何一行" in report.summary()
    assert not Proposal.objects.exists()


def test_a_valid_file_imports_every_row_once_and_a_second_import_imports_nothing(world):
    session = congress_session(world)
    rows = [row("1"), row("2", title="关于改善麦积山景区交通的建议"), row("3")]

    first = services.import_items(session, xlsx(rows), actor=world.office)
    second = services.import_items(session, xlsx(rows), actor=world.office)

    assert first.imported == 3
    assert second.imported == 0
    assert [r.errors for r in second.invalid_rows] == [
        ["编号“1”已经导入过"],
        ["编号“2”已经导入过"],
        ["编号“3”已经导入过"],
    ]
    assert list(session.items.values_list("number", "suggested_units")) == [
        ("1", "市财政局"),
        ("2", "市财政局"),
        ("3", "市财政局"),
    ]


def test_numbers_typed_as_numbers_in_excel_are_read_without_a_decimal_point(world):
    session = congress_session(world)
    services.import_items(session, xlsx([row(17), row(18)]), actor=world.office)
    assert sorted(session.items.values_list("number", flat=True)) == ["17", "18"]


def test_columns_may_come_in_any_order_but_a_missing_one_is_named(world):
    session = congress_session(world)
    shuffled = xlsx(
        [("关于…的建议", "1", "内容足够长的一段建议正文。", "王建国", "市财政局")],
        header=["标题", "编号", "内容", "领衔人及附议人", "建议承办单位"],
    )
    assert services.import_items(session, shuffled, actor=world.office).imported == 1
    with pytest.raises(ImportProblem, match="表头缺少以下列：内容"):
        services.read_items(session, xlsx([("2", "标题", "王建国")], header=HEADER_NO_CONTENT))


HEADER_NO_CONTENT = ["编号", "标题", "领衔人及附议人"]


def test_a_file_that_is_not_xlsx_is_refused_by_its_content(world):
    session = congress_session(world)
    fake = SimpleUploadedFile("建议.xlsx", b"number,title\n1,abc\n")
    with pytest.raises(ImportProblem, match="xlsx"):
        services.import_items(session, fake, actor=world.office)


def test_only_the_office_may_import(world):
    from django.core.exceptions import PermissionDenied

    session = congress_session(world)
    with pytest.raises(PermissionDenied):
        services.import_items(session, xlsx([row("1")]), actor=world.handler_finance)
    assert not Proposal.objects.exists()
