"""The kernel names no module: modules register their sections, API routers, demo
loaders and to-dos with the kernel, never the other way round (issue 16)."""

import ast
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
