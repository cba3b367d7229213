"""Bulk import of an existing catalogue: row-by-row report, all or nothing, or the valid rows."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.disclosure.importing import FileProblem, check_file, import_rows
from gongkai.disclosure.importing.columns import COLUMNS
from gongkai.disclosure.importing.template import template_bytes
from gongkai.disclosure.models import InformationItem, ItemState, Validity
from gongkai.workflow import timeline

from .conftest import HEADINGS, csv_file, row, xlsx

GOOD = [
    row(索引号="11620500MB0001234X/2015-00007"),
    row(
        标题="天水市城市建筑垃圾管理办法",
        体裁="办法",
        有效性="有效",
        生效日期="2015-06-01",
        有效期至="2020-05-31",
        文号="天政发〔2015〕40号",
        发布日期="2015-05-20",
        成文日期="2015-05-18",
        重点领域="财政预决算和“三公”经费",
    ),
    row(
        标题="关于市区道路积水问题的回应",
        信息类型="回应关切",
        发布日期="2016/7/9",
        成文日期=None,
        体裁="其他",
    ),
]


def _import(world, upload, **options):
    rows = check_file(upload, world.finance)
    return rows, import_rows(
        rows,
        actor=world.reviewer_finance,
        department=world.finance,
        filename=upload.name,
        **options,
    )


def test_a_valid_workbook_imports_every_row_as_published_on_its_date(world):
    rows, outcome = _import(world, xlsx(GOOD))
    assert all(r.valid for r in rows) and len(outcome.imported) == 3 and not outcome.rolled_back
    kept = InformationItem.objects.get(index_number="11620500MB0001234X/2015-00007")
    assert (
        kept.state == ItemState.PUBLISHED
        and kept.is_public
        and kept.published_on == date(2015, 3, 5)
    )
    assert kept.body == "<p>各县区财政局：</p><p>现将2015年市级部门预算公开如下。</p>"
    assert kept.keywords == "预算 公开" and kept.created_by == world.reviewer_finance
    rules = InformationItem.objects.get(title="天水市城市建筑垃圾管理办法")
    assert rules.item_type == "normative" and rules.validity == Validity.VALID
    assert rules.expires_on == date(2020, 5, 31) and rules.key_areas.get().slug == "budget"
    assert rules.index_number.startswith(world.finance.uscc + "/2015-")
    response = InformationItem.objects.get(title="关于市区道路积水问题的回应")
    assert response.item_type == "response" and response.published_on == date(2016, 7, 9)
    version = kept.versions.get()
    assert (
        version.kind == "published"
        and "早于本平台启用" in version.reason
        and "第 2 行" in version.reason
    )
    assert AuditEvent.objects.filter(action="disclosure.item.import").count() == 3
    assert not kept.late_publication
    (line,) = timeline.of(kept)
    assert (line.title, line.on, line.text, line.actor) == (
        "补录已发布信息",
        date(2015, 3, 5),
        version.reason,
        world.reviewer_finance,
    )


def test_a_file_with_bad_rows_imports_nothing_and_reports_each_row_and_column(world):
    bad = [
        GOOD[0],
        row(标题="", 发布日期="2015-02-30"),
        row(标题="未来的信息", 发布日期="2099-01-01", 主题分类="宇宙探索"),
        row(标题="依申请公开但没有理由", 公开属性="依申请公开"),
        row(标题="重复索引号", 索引号="11620500MB0001234X/2015-00007"),
        row(标题="有效期颠倒", 有效性="有效", 生效日期="2015-06-01", 有效期至="2015-01-01"),
        row(标题="发布机构不存在", 发布机构="天水市财政局、天水市月球局", 重点领域="宇宙"),
    ]
    rows, outcome = _import(world, xlsx(bad))
    assert outcome.rolled_back and outcome.imported == []
    assert InformationItem.objects.count() == 0
    report = {(r.number, column) for r in rows for column, _ in r.errors}
    assert report == {
        (3, "标题"),
        (3, "发布日期"),
        (4, "发布日期"),
        (4, "主题分类"),
        (5, "不公开理由"),
        (6, "索引号"),
        (7, "有效期至"),
        (8, "发布机构"),
        (8, "重点领域"),
    }
    messages = {(r.number, c): m for r in rows for c, m in r.errors}
    assert "2015-02-30" in messages[(3, "发布日期")] and "与第 2 行重复" in messages[(6, "索引号")]
    assert "天水市月球局" in messages[(8, "发布机构")]


def test_valid_rows_only_imports_the_good_rows(world):
    _rows, outcome = _import(world, xlsx([GOOD[0], row(标题=""), GOOD[2]]), valid_rows_only=True)
    assert len(outcome.imported) == 2 and [r.number for r in outcome.failed] == [3]
    assert InformationItem.objects.count() == 2


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_csv_in_utf8_with_bom_and_in_gbk_is_read(world, encoding):
    rows, _outcome = _import(world, csv_file(GOOD, encoding))
    assert [r.errors for r in rows] == [[], [], []]
    assert InformationItem.objects.filter(title="天水市城市建筑垃圾管理办法").exists()


@pytest.mark.parametrize(
    ("upload", "words"),
    [
        (lambda: xlsx([row()], headings=[*HEADINGS, "备注"]), "无法识别的列标题“备注”"),
        (
            lambda: xlsx([row()], headings=[h for h in HEADINGS if h != "发布日期"]),
            "缺少必填的列：发布日期",
        ),
        (lambda: xlsx([]), "没有数据行"),
        (
            lambda: SimpleUploadedFile("目录.xlsx", b"MZ\x90\x00" + b"\x00" * 200),
            "Windows 可执行程序",
        ),
        (lambda: SimpleUploadedFile("目录.csv", b"\xff\xfe\x00\x00"), "二进制"),
        (lambda: SimpleUploadedFile("目录.csv", "标题,发布日期\n".encode("utf-16")), "二进制"),
    ],
)
def test_files_that_cannot_be_read_are_refused_as_a_whole(world, upload, words):
    with pytest.raises(FileProblem) as refused:
        check_file(upload(), world.finance)
    assert words in str(refused.value)


def test_an_index_number_the_platform_will_generate_itself_is_refused(world):
    # a number of this year's sequence, not yet reached: the platform would issue it later
    year = timezone.localdate().year
    future = f"{world.finance.uscc}/{year}-00042"
    rows = check_file(
        xlsx([row(索引号=future, 发布日期=f"{year - 1}-03-01", 成文日期=f"{year - 1}-02-27")]),
        world.finance,
    )
    assert rows[0].errors[0][0] == "索引号" and "请留空" in rows[0].errors[0][1]


def test_generated_numbers_skip_ones_imported_in_the_same_pattern(world):
    taken = f"{world.finance.uscc}/2015-00001"
    _import(world, xlsx([row(索引号=taken), row(标题="第二条")]))
    second = InformationItem.objects.get(title="第二条")
    assert second.index_number == f"{world.finance.uscc}/2015-00002"


def test_importing_the_same_file_twice_is_refused_the_second_time(world):
    _import(world, xlsx([row()]))
    rows, outcome = _import(world, xlsx([row()]))
    assert outcome.rolled_back and InformationItem.objects.count() == 1
    assert rows[0].errors[0][0] == "标题" and "可能已经导入过" in rows[0].errors[0][1]


def test_only_reviewers_may_import(world):
    from django.core.exceptions import PermissionDenied

    rows = check_file(xlsx([row()]), world.finance)
    with pytest.raises(PermissionDenied):
        import_rows(rows, actor=world.handler_finance, department=world.finance)


def test_the_template_has_every_heading_and_its_example_row_is_valid(world):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(template_bytes()))
    headings = [c.value for c in workbook["目录"][1]]
    assert [h.removesuffix("（必填）") for h in headings] == [c.heading for c in COLUMNS]
    assert "主题分类" in [c.value for c in workbook["填写说明"]["A"]]
    rows = check_file(SimpleUploadedFile("模板.xlsx", template_bytes()), world.general_office)
    assert len(rows) == 1 and rows[0].errors == []


def test_the_command_reports_refuses_and_imports_valid_rows_only(world, tmp_path):
    path = tmp_path / "目录.xlsx"
    path.write_bytes(xlsx([GOOD[0], row(标题="")]).read())
    out = io.StringIO()
    call_command(
        "disclosure",
        "import",
        str(path),
        "--department",
        world.finance.uscc,
        "--dry-run",
        stdout=out,
    )
    assert "第 3 行 【标题】必须填写。" in out.getvalue() and "试运行" in out.getvalue()
    with pytest.raises(CommandError, match="未导入任何信息"):
        call_command(
            "disclosure", "import", str(path), "--department", "天水市财政局", stdout=io.StringIO()
        )
    assert InformationItem.objects.count() == 0
    with pytest.raises(CommandError, match="不是天水市财政局的审核人"):
        call_command("disclosure", "import", str(path), "--department", "市财政局", "--user", "handler_finance",
                     "--valid-rows-only", stdout=io.StringIO())  # fmt: skip
    out = io.StringIO()
    call_command("disclosure", "import", str(path), "--department", str(world.finance.pk), "--valid-rows-only",
                 "--user", "reviewer_finance", stdout=out)  # fmt: skip
    assert "已导入 1 条" in out.getvalue()
    assert InformationItem.objects.get().created_by == world.reviewer_finance
