"""Production mode is secure by default: checked in a fresh process, as an operator runs it."""

import os
import secrets
import subprocess
import sys

import pytest


def gongkai(*args, env_overrides, tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("GONGKAI_")
        and k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update({"GONGKAI_VAR_DIR": str(tmp_path), **env_overrides})
    return subprocess.run(
        [sys.executable, "-m", "gongkai", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_is_the_default_and_refuses_to_start_without_a_secret(tmp_path):
    result = gongkai("check", env_overrides={}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "GONGKAI_SECRET_KEY is not set" in result.stderr


def test_production_refuses_debug(tmp_path):
    result = gongkai(
        "check",
        env_overrides={"GONGKAI_SECRET_KEY": secrets.token_urlsafe(64), "GONGKAI_DEBUG": "1"},
        tmp_path=tmp_path,
    )
    assert result.returncode != 0
    assert "GONGKAI_DEBUG must not be on in production" in result.stderr


def test_production_refuses_a_short_secret(tmp_path):
    result = gongkai("check", env_overrides={"GONGKAI_SECRET_KEY": "too-short"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


def test_deploy_checks_pass_in_production_mode(tmp_path):
    result = gongkai(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "GONGKAI_SECRET_KEY": secrets.token_urlsafe(64),
            "GONGKAI_ALLOWED_HOSTS": "www.tianshui.example.gov.cn",
            "GONGKAI_AUDIT_KEY": secrets.token_urlsafe(48),
            "GONGKAI_AUDIT_ANCHOR_EMAILS": "gkb@tianshui.example.gov.cn",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_development_mode_keeps_a_generated_secret_between_starts(tmp_path):
    for _ in range(2):
        result = gongkai(
            "shell",
            "-c",
            "from django.conf import settings; print(settings.SECRET_KEY)",
            env_overrides={"GONGKAI_ENV": "development"},
            tmp_path=tmp_path,
        )
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "secret_key").read_text().strip() == result.stdout.strip().splitlines()[-1]


@pytest.mark.django_db
def test_migrations_are_up_to_date():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def test_the_command_keeps_what_it_writes_from_other_accounts(tmp_path):
    """umask 027: the database, mail and SMS records are not world-readable (issue 15)."""
    result = gongkai(
        "shell",
        "-c",
        "import os; from pathlib import Path; print(oct(os.umask(0o027)));"
        f"Path({str(tmp_path / 'probe')!r}).write_text('x')",
        env_overrides={"GONGKAI_ENV": "development"},
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0o27"
    assert (tmp_path / "probe").stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "secret_key").stat().st_mode & 0o007 == 0
