"""Browser tests: the real server (pytest-django's ``live_server``) driven by
Debian's Chromium through Playwright, with axe-core for accessibility.

Nothing is downloaded: Chromium comes from apt (/usr/bin/chromium) and axe-core
from ``npm ci`` (node_modules/axe-core). When either is missing the tests fail
and say how to install it; they never skip silently.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.core.cache import cache

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "Gongkai-Test-2026"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium. "
            "Install it with `apt-get install chromium fonts-noto-cjk` "
            "(Playwright's own browser downloads are not used).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django would
    # then refuse ORM calls made by the tests themselves (the server runs in
    # its own thread and is unaffected).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(
            f"{AXE} is missing: run `npm ci` in the project directory to install axe-core.",
            pytrace=False,
        )
    return AXE.read_text()


@pytest.fixture(autouse=True)
def _empty_cache():
    # The server runs in this process and shares its cache with the tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_profile(transactional_db):
    from gongkai.testing import factories

    return factories.site_profile(factories.government("620500", "天水市"))


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"][:8]:
            lines.append(f"    at {json.dumps(node['target'], ensure_ascii=False)}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n       ")
            lines.append(f"       {summary}")
            lines.append(f"       {node['html'][:200]}")
    return "\n".join(lines)


@pytest.fixture
def assert_accessible(axe_source):
    """``assert_accessible(page, "what")``: axe finds nothing serious or critical.

    The page's context must be created with ``bypass_csp=True`` so that the
    axe script can be injected into a page whose CSP forbids inline scripts.
    """

    def check(page, what: str) -> None:
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(content=axe_source)
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        if serious:
            pytest.fail(
                f"axe-core found {len(serious)} serious/critical problem(s) on {what}:\n"
                + _describe(serious),
                pytrace=False,
            )

    return check
