"""The kernel names no module: modules register their sections, API routers, demo
loaders and to-dos with the kernel, never the other way round (issue 16)."""

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
MODULES = {"applications", "interaction", "consultations", "proposals", "reports", "disclosure"}


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
