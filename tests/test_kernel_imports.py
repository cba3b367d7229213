"""The kernel names no module: modules register their sections, API routers, demo
loaders, to-dos and report-card figures with the kernel, never the other way round
(issue 16)."""

import ast
import re
from pathlib import Path

import gongkai

ROOT = Path(gongkai.__file__).parent
KERNEL = [
    "core",
    "orgs",
    "access",
    "accounts",
    "audit",
    "workdays",
    "jobs",
    "notices",
    "numbering",
    "workflow",
    "files",
    "search",
    "workbench",
    "portal",
    "api",
    "demo",
]
MODULES = {
    "applications",
    "interaction",
    "consultations",
    "proposals",
    "powers",
    "publications",
    "reports",
    "disclosure",
    "supervision",
    "services",
}


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_no_kernel_package_imports_a_module():
    found = [
        f"{path.relative_to(ROOT)} imports {name}"
        for package in KERNEL
        for path in (ROOT / package).rglob("*.py")
        if "tests" not in path.relative_to(ROOT).parts
        for name in _imports(path)
        if name.split(".")[0] == "gongkai"
        and name.split(".")[1:2]
        and name.split(".")[1] in MODULES
    ]
    assert found == []


def test_the_walk_sees_an_import_of_a_module(tmp_path):
    """The test above would catch one: the walker reads both import forms."""
    probe = tmp_path / "probe.py"
    probe.write_text("import gongkai.applications.models\nfrom gongkai.reports import card\n")
    assert list(_imports(probe)) == ["gongkai.applications.models", "gongkai.reports"]


TEMPLATE_TAG = re.compile(r'{%\s*(?:include|extends)\s+"([^"/]+)/')


def test_templates_use_only_their_own_and_the_kernels_partials():
    """Shared partials (fields, actions, pagers) live in the kernel: no module's
    template includes another module's, and none is copied (issue 16)."""
    found = []
    for module in MODULES:
        for path in (ROOT / module / "templates").rglob("*.html"):
            for used in TEMPLATE_TAG.findall(path.read_text(encoding="utf-8")):
                if used in MODULES and used != module:
                    found.append(f"{path.relative_to(ROOT)} uses {used}/…")
    for package in KERNEL:
        for path in (ROOT / package / "templates").rglob("*.html"):
            found += [
                f"{path.relative_to(ROOT)} uses {used}/…"
                for used in TEMPLATE_TAG.findall(path.read_text(encoding="utf-8"))
                if used in MODULES
            ]
    assert found == []


def test_one_field_partial_per_layout():
    names = sorted(str(p.relative_to(ROOT)) for p in ROOT.rglob("templates/**/_field.html"))
    assert names == [
        "portal/templates/portal/_field.html",
        "workbench/templates/workbench/_field.html",
    ]


def _imported_names(path: Path):
    """Every absolute name ``path`` imports: ``gongkai.disclosure.actions`` for
    ``from gongkai.disclosure import actions``, ``gongkai.x.models.Item`` for a model."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


# What one module may still import from another. Anything else of a module (its
# portal.scope, staff.queries, api helpers, services, limits, commands …) is its own:
# what several modules need lives in the kernel (issue 16).
#
# The annual report's tables (Table 二 and 三/四, their aggregation over departments,
# who still owes a report: ``table_two``, ``annual``, ``aggregation``, ``obligation``)
# read other modules' records: reports may import other modules' models and
# statistics, and nothing else of them. The report card reads none of them: each
# module registers its own figures (``gongkai.core.figures``), so the card's files
# (``REPORTS_CARD``) are not allowed even that.
REPORTS_READ = ("models", "stats")
REPORTS_CARD = ("reports/card/", "reports/card_figures.py")
# Crossings older than this test, each named exactly (file, what it imports), so
# that no new one comes in unseen: publishing into the disclosure catalogue (the
# annual report, a proposal's visit record, the demo's items) and showing its items.
KNOWN_CROSSINGS = {
    ("applications/portal/guidance.py", "gongkai.disclosure.models"),  # the agency's 指南
    ("proposals/demo.py", "gongkai.disclosure.actions"),
    ("proposals/portal/views.py", "gongkai.disclosure.models"),
    ("proposals/services/visits.py", "gongkai.disclosure.actions"),
    ("proposals/services/visits.py", "gongkai.disclosure.models"),
    ("reports/demo.py", "gongkai.disclosure.reviewing"),
    # The gazette is compiled from the catalogue's published items (it references them).
    ("publications/demo.py", "gongkai.disclosure.models"),
    ("publications/services/compiling.py", "gongkai.disclosure.models"),
    ("reports/services.py", "gongkai.disclosure.drafting"),
    ("reports/services.py", "gongkai.disclosure.reviewing"),
}


def _crossings(module: str, path: Path) -> list[str]:
    relative = str(path.relative_to(ROOT))
    found = []
    for name in _imported_names(path):
        parts = name.split(".")
        if parts[0] != "gongkai" or len(parts) < 3 or parts[1] not in MODULES:
            continue
        other = parts[1]
        if other == module:
            continue
        if (
            module == "reports"
            and not relative.startswith(REPORTS_CARD)
            and any(_within(name, f"gongkai.{other}.{part}") for part in REPORTS_READ)
        ):
            continue
        if any(f == relative and _within(name, allowed) for f, allowed in KNOWN_CROSSINGS):
            continue
        found.append(f"{relative} imports {name}")
    return found


def test_no_module_imports_another_modules_helpers():
    """Site, paging, queue-filter, API-parameter and cursor helpers, the client's
    address, PDF, dates and office notices are the kernel's: no module takes them
    from another module (``portal.scope``, ``staff.queries``, ``api`` …)."""
    found = [
        crossing
        for module in sorted(MODULES)
        for path in (ROOT / module).rglob("*.py")
        if "tests" not in path.relative_to(ROOT).parts
        for crossing in _crossings(module, path)
    ]
    assert found == []


def test_the_walk_sees_a_module_taking_another_modules_helper(tmp_path, monkeypatch):
    folder = tmp_path / "consultations" / "portal"
    folder.mkdir(parents=True)
    probe = folder / "views.py"
    probe.write_text(
        "from gongkai.disclosure.portal.scope import site_government\n"
        "from gongkai.applications.staff import queries\n"
        "import gongkai.disclosure.api.params\n"
        "from gongkai.consultations.models import Round\n"
        "from gongkai.portal.site import site_government\n"
    )
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert _crossings("consultations", probe) == [
        "consultations/portal/views.py imports gongkai.disclosure.portal.scope.site_government",
        "consultations/portal/views.py imports gongkai.applications.staff.queries",
        "consultations/portal/views.py imports gongkai.disclosure.api.params",
    ]
    reports = tmp_path / "reports" / "card.py"
    reports.parent.mkdir()
    reports.write_text(
        "from gongkai.applications.models import Application\n"
        "from gongkai.applications.stats import table_three\n"
        "from gongkai.applications.portal.limits import submit_blocked\n"
    )
    assert _crossings("reports", reports) == [
        "reports/card.py imports gongkai.applications.portal.limits.submit_blocked"
    ]
    card = tmp_path / "reports" / "card" / "figures.py"
    card.parent.mkdir()
    card.write_text(
        "from gongkai.applications.models import Application\n"
        "from gongkai.core.figures import registered_figures\n"
        "from gongkai.reports.table_two import document_counts\n"
    )
    assert _crossings("reports", card) == [
        "reports/card/figures.py imports gongkai.applications.models.Application"
    ]
