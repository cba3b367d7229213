"""Importing a 权责清单 from XLSX: the row-by-row report, all or nothing, valid rows only."""

from datetime import date

import pytest
from django.core.files.base import ContentFile

from gongkai.powers.models import (
    Accountability,
    BodyCode,
    LegalBasis,
    Power,
    PowerListRules,
    PowerType,
    Responsibility,
)
from gongkai.powers.services.importing import check_list, import_list
from gongkai.powers.services.workbook import WorkbookProblem

from .helpers import children, full_workbook, power_row, workbook

pytestmark = pytest.mark.django_db
DAY = date(2016, 1, 1)


def _problems(report):
    return [(p.sheet, p.row, p.reasons) for p in report.problems]


def test_a_good_list_imports_powers_with_their_children(world):
    report = import_list(world.tianshui, full_workbook(3), valid_from=DAY)
    assert report.imported and report.valid
    assert (report.powers, report.responsibilities, report.accountabilities) == (3, 6, 12)
    power = Power.objects.get(code="62050000CZ-XK-0002")
    assert power.department == world.finance
    assert power.power_type.name == "行政许可"
    assert power.level == "city" and power.valid_from == DAY and power.valid_to is None
    assert [r.name for r in power.responsibilities.all()] == ["受理", "审查"]
    assert power.responsibilities.get(position=2).accountabilities.count() == 2
    assert LegalBasis.objects.get(power=power).law == "中华人民共和国会计法"
    assert "已导入行政权力3项" in report.summary()


def test_a_type_not_in_the_governments_table_is_refused_by_name(world):
    upload = workbook([power_row(1), power_row(2, type_name="行政监督", abbreviation="JD")])
    report = import_list(world.tianshui, upload, valid_from=DAY)
    assert not report.imported
    assert _problems(report) == [("权力事项", 3, ["职权类型“行政监督”不在天水市的职权类型表中"])]
    assert Power.objects.count() == 0
    assert "共2行，其中1行有误，未导入任何一行" in report.summary()


def test_a_province_adds_a_type_that_its_cities_may_use(world):
    from gongkai.testing.factories import government

    province = government("620000", "甘肃省", level="province")
    world.tianshui.parent = province
    world.tianshui.save()
    PowerType.objects.create(government=province, abbreviation="JD", name="行政监督")
    upload = workbook([power_row(1, type_name="行政监督", abbreviation="JD")])
    assert import_list(world.tianshui, upload, valid_from=DAY).imported
    assert PowerType.objects.get(abbreviation="JD") in PowerType.table_for(world.tianshui)
    assert PowerType.objects.get(abbreviation="JD") not in PowerType.table_for(world.longnan)


def test_the_ten_national_types_are_seeded():
    national = PowerType.objects.filter(government__isnull=True)
    assert list(national.values_list("abbreviation", flat=True)) == [
        "XK", "CF", "QZ", "ZS", "JF", "JC", "QR", "JL", "CJ", "QT"
    ]  # fmt: skip
    assert national.get(abbreviation="QT").name == "其他行政权力"


def test_the_code_must_follow_the_pattern_and_its_type(world):
    upload = workbook(
        [
            power_row(1, code="62050000CZ-XK-1"),
            power_row(2, code="62050000CZ-CF-0002"),  # a licence coded as a penalty
            power_row(3, code="62050000CZ-XK-0003"),
        ]
    )
    report = check_list(world.tianshui, upload)
    assert [(p.row, p.reasons[0].split("”")[0]) for p in report.problems] == [
        (2, "职权编码“62050000CZ-XK-1"),
        (3, "职权编码“62050000CZ-CF-0002"),
    ]
    assert "不符合编码规则 {body}-{type}-{seq}" in report.problems[1].reasons[0]
    assert "（如 0000000000-XK-0001）" in report.problems[0].reasons[0]


def test_the_code_pattern_is_configurable_per_government(world):
    PowerListRules.objects.create(
        government=world.tianshui,
        code_pattern="{type}{body}{seq}",
        body_length=6,
        sequence_digits=3,
    )
    good = workbook([power_row(1, code="XK620500001")])
    assert import_list(world.tianshui, good, valid_from=DAY).imported
    bad = workbook([power_row(2, code="62050000CZ-XK-0002")])
    assert check_list(world.tianshui, bad).problems[0].row == 2


def test_the_body_code_of_a_department_that_has_one_must_match(world):
    BodyCode.objects.create(department=world.finance, code="62050000CZ")
    upload = workbook([power_row(1), power_row(2, code="62050000MZ-XK-0002")])
    report = check_list(world.tianshui, upload)
    assert _problems(report) == [
        (
            "权力事项",
            3,
            ["职权编码“62050000MZ-XK-0002”的办理主体编码应为 62050000CZ（天水市财政局）"],
        )
    ]


def test_each_bad_row_is_named_with_its_reasons(world):
    upload = workbook(
        [
            power_row(1),
            power_row(1, name=""),  # repeated code, no name
            power_row(3, department="天水市教育局", level="省级"),
            power_row(4, department="秦州区财政局"),
        ],
        responsibilities=[
            ("62050000CZ-XK-0001", 1, "受理", ""),
            ("62050000CZ-XK-0001", 1, "审查", ""),  # repeated position
            ("62050000CZ-XK-0009", 1, "受理", ""),  # no such power
            ("62050000CZ-XK-0003", 1, "受理", ""),  # its power row is bad
        ],
        accountabilities=[("62050000CZ-XK-0001", 2, "未依法审查的")],
    )
    report = check_list(world.tianshui, upload)
    assert _problems(report) == [
        ("权力事项", 3, ["职权编码“62050000CZ-XK-0001”与第2行重复", "缺少职权名称"]),
        (
            "权力事项",
            4,
            ["实施主体“天水市教育局”不是天水市的部门", "行使层级应为 市级、县级 或 乡级"],
        ),
        ("权力事项", 5, ["实施主体“秦州区财政局”不是天水市的部门"]),
        ("责任事项", 3, ["序号1在该职权下重复"]),
        ("责任事项", 4, ["职权编码“62050000CZ-XK-0009”不在“权力事项”表中"]),
        ("责任事项", 5, ["所属职权（“权力事项”第4行）有误"]),
        ("追责情形", 2, ["该职权没有序号为2的责任事项"]),
    ]
    assert str(report.problems[0]).startswith("“权力事项”第3行：职权编码")


def test_nothing_is_imported_when_a_row_is_bad(world):
    powers = [power_row(1), power_row(2, level="")]
    bases, resp, acc = children(powers[0][0])
    upload = workbook(powers, bases=bases, responsibilities=resp, accountabilities=acc)
    report = import_list(world.tianshui, upload, valid_from=DAY)
    assert not report.imported
    assert _problems(report) == [("权力事项", 3, ["缺少行使层级（市级、县级 或 乡级）"])]
    assert Power.objects.count() == Responsibility.objects.count() == 0


def test_valid_rows_only_imports_the_good_powers_and_their_children(world):
    powers = [power_row(1), power_row(2, level="")]
    bases, resp, acc = children(powers[0][0])
    bad_bases, bad_resp, bad_acc = children(powers[1][0])
    upload = workbook(
        powers,
        bases=bases + bad_bases,
        responsibilities=resp + bad_resp,
        accountabilities=acc + bad_acc,
    )
    report = import_list(world.tianshui, upload, valid_from=DAY, valid_rows_only=True)
    assert report.imported
    assert list(Power.objects.values_list("code", flat=True)) == ["62050000CZ-XK-0001"]
    assert Responsibility.objects.count() == 2 and Accountability.objects.count() == 4
    assert len(report.problems) == 1 + 1 + 2 + 4  # the bad power and its seven children
    assert "另有8行有误，未导入" in report.summary()


def test_a_code_already_in_force_is_refused_on_the_second_import(world):
    assert import_list(world.tianshui, full_workbook(2), valid_from=DAY).imported
    again = import_list(world.tianshui, full_workbook(2), valid_from=DAY)
    assert not again.imported
    assert again.problems[0].reasons == ["职权编码“62050000CZ-XK-0001”已在现行清单中"]
    assert Power.objects.count() == 2


def test_a_file_that_is_not_xlsx_or_has_no_power_sheet_is_refused(world):
    with pytest.raises(WorkbookProblem, match="xlsx"):
        check_list(world.tianshui, ContentFile(b"code,name\n1,2\n", name="list.csv"))
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Sheet1"
    book.active.append(["职权编码"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(WorkbookProblem, match="权力事项"):
        check_list(world.tianshui, ContentFile(buffer.getvalue(), name="x.xlsx"))


def test_a_sheet_without_a_required_column_is_refused(world):
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "权力事项"
    book.active.append(["职权编码", "职权名称"])
    book.active.append(["62050000CZ-XK-0001", "审批"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(WorkbookProblem, match="缺少以下列：职权类型、实施主体、行使层级"):
        check_list(world.tianshui, ContentFile(buffer.getvalue(), name="x.xlsx"))


def test_an_export_imports_again_unchanged(world):
    from gongkai.powers.services.exporting import export_list

    import_list(world.tianshui, full_workbook(3), valid_from=DAY)
    exported = ContentFile(export_list(world.tianshui), name="导出.xlsx")
    Power.objects.all().delete()
    report = import_list(world.tianshui, exported, valid_from=DAY)
    assert report.imported and report.valid
    assert (report.powers, report.responsibilities, report.accountabilities, report.bases) == (
        3,
        6,
        12,
        3,
    )
    power = Power.objects.get(code="62050000CZ-XK-0003")
    assert (power.name, power.level, power.phone) == (
        "设立会计代理记账机构审批3",
        "city",
        "0938-8212345",
    )
