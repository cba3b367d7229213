"""What the console of ``make run`` shows at the default level (issue 14): warnings, errors and
one line per mail, not the INFO chatter of libraries or whole e-mails. Checked in a fresh
process in development mode, as ``make run`` starts it."""

import os
import subprocess
import sys

SCRIPT = """
import logging
from django.core.mail import send_mail

logging.getLogger("fontTools.subset").info("maxp pruned")
logging.getLogger("fontTools.subset").warning("glyph names missing")
logging.getLogger("django_tasks").info("Task id=1 path=x state=RUNNING")
logging.getLogger("weasyprint.progress").info("Step 5 - Creating layout - Page 2")
logging.getLogger("weasyprint").warning("Ignored `font-size: huge`")
send_mail("您的政府信息公开申请已受理", "申请编号 YSQ-2016-0042 的全文", "gongkai@localhost",
          ["zhang.san@example.cn"])
"""


def run_in_development(tmp_path, **env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("GONGKAI_") and k != "DJANGO_SETTINGS_MODULE"
    }
    env.update({"GONGKAI_ENV": "development", "GONGKAI_VAR_DIR": str(tmp_path), **env_overrides})
    return subprocess.run(
        [sys.executable, "-m", "gongkai", "shell", "--no-imports", "-c", SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_the_default_level_shows_warnings_and_one_line_per_mail(tmp_path):
    result = run_in_development(tmp_path)
    console = result.stdout + result.stderr
    assert "glyph names missing" in console and "Ignored `font-size: huge`" in console
    for routine in ("maxp pruned", "state=RUNNING", "Creating layout"):
        assert routine not in console
    # the mail: one line naming it (the address masked), its text only in var/mail/
    assert "申请编号 YSQ-2016-0042 的全文" not in console
    (line,) = [line for line in console.splitlines() if "gongkai.mail" in line]
    assert "您的政府信息公开申请已受理" in line and "z***@example.cn" in line
    (saved,) = (tmp_path / "mail").glob("mail-*.log")  # beside it: accepted.jsonl
    assert "zhang.san@example.cn" in saved.read_text()


def test_debug_shows_the_libraries_too(tmp_path):
    result = run_in_development(tmp_path, GONGKAI_LOG_LEVEL="debug")
    for routine in ("maxp pruned", "state=RUNNING", "Creating layout"):
        assert routine in result.stderr
