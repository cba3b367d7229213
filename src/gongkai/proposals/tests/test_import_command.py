"""`gongkai proposals import`: the workbench's import from the command line, same checks and audit."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.audit.models import AuditEvent
from gongkai.proposals.models import Proposal

from .helpers import congress_session, row, xlsx

pytestmark = pytest.mark.django_db


def write(tmp_path, rows, name="建议.xlsx"):
    path = tmp_path / name
    path.write_bytes(xlsx(rows).read())
    return str(path)


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("proposals", "import", *args, stdout=out)
    return out.getvalue()


def test_the_command_imports_a_generated_xlsx_as_the_actor_and_audits_it(world, tmp_path):
    session = congress_session(world)
    path = write(tmp_path, [row("1"), row("2", title="关于改善麦积山景区交通的建议")])

    out = run("--session", str(session.pk), "--file", path, "--user", "office_tianshui")

    assert "第 2 行  编号 1  无误" in out and "第 3 行  编号 2  无误" in out
    assert "已导入2件。" in out
    assert sorted(session.items.values_list("number", "title")) == [
        ("1", "关于加快城区老旧小区改造的建议"),
        ("2", "关于改善麦积山景区交通的建议"),
    ]
    event = AuditEvent.objects.get(action="proposals.import")
    assert event.actor_id == world.office.pk
    assert event.after["numbers"] == ["1", "2"]


def test_dry_run_reports_the_rows_and_writes_nothing(world, tmp_path):
    session = congress_session(world)
    path = write(tmp_path, [row("1"), row("2")])
    events = AuditEvent.objects.count()

    out = run(
        "--session", str(session.pk), "--file", path, "--user", "office_tianshui", "--dry-run"
    )

    assert "检查无误，可以导入 2 件" in out and "未写入" in out
    assert not Proposal.objects.exists()
    assert AuditEvent.objects.count() == events
    # A real run afterwards imports them (the dry run left no numbers behind).
    assert "已导入2件。" in run(
        "--session", str(session.pk), "--file", path, "--user", "office_tianshui"
    )


def test_a_bad_row_exits_non_zero_naming_the_row_and_nothing_is_imported(world, tmp_path):
    session = congress_session(world)
    path = write(tmp_path, [row("1"), row("", title=""), row("1")])

    with pytest.raises(CommandError) as refused:
        run("--session", str(session.pk), "--file", path, "--user", "office_tianshui")

    message = str(refused.value)
    assert "2 行有误，未导入任何一行" in message
    assert "第 3 行：缺少编号；缺少标题" in message
    assert "第 4 行：编号“1”与第2行重复" in message
    assert not Proposal.objects.exists()
    with pytest.raises(CommandError, match="第 3 行"):
        run("--session", str(session.pk), "--file", path, "--user", "office_tianshui", "--dry-run")


def test_an_actor_without_the_import_right_is_refused_in_chinese(world, tmp_path):
    session = congress_session(world)
    path = write(tmp_path, [row("1")])
    with pytest.raises(CommandError, match="无权导入市六届人大五次会议的代表建议"):
        run("--session", str(session.pk), "--file", path, "--user", "handler_finance")
    with pytest.raises(CommandError, match="无权导入"):
        run("--session", str(session.pk), "--file", path, "--user", "handler_finance", "--dry-run")
    assert not Proposal.objects.exists()


def test_unknown_session_user_and_unreadable_file_are_clear_errors(world, tmp_path):
    session = congress_session(world)
    path = write(tmp_path, [row("1")])
    with pytest.raises(CommandError, match="找不到编号为“999”的届次"):
        run("--session", "999", "--file", path, "--user", "office_tianshui")
    with pytest.raises(CommandError, match="找不到在用的账号“nobody”"):
        run("--session", str(session.pk), "--file", path, "--user", "nobody")
    with pytest.raises(CommandError, match="找不到文件"):
        run(
            "--session",
            str(session.pk),
            "--file",
            str(tmp_path / "无.xlsx"),
            "--user",
            "office_tianshui",
        )
    fake = tmp_path / "假的.xlsx"
    fake.write_bytes(b"number,title\n1,abc\n")
    with pytest.raises(CommandError, match=r"未导入：.*xlsx"):
        run("--session", str(session.pk), "--file", str(fake), "--user", "office_tianshui")
    assert not Proposal.objects.exists()
