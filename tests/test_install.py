"""The install a newcomer runs (`make venv`, called by `make run` and `make test`) must not
depend on the pip that `python3.11 -m venv` brings, nor on what the index publishes later.

It broke once: the stock pip 23.2.1 resolved `fonttools[woff]` (wanted by WeasyPrint)
against the newest release on the index and refused the lock, on the day that release
came out, with no change here. `.ci/run` builds the virtualenv from scratch to catch
such a break; these tests pin the rules that prevent it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENT = re.compile(
    r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?(==|>=|<=|~=|>|<|!=)?([^ ;\\]*)"
)


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def entries(lock: str) -> list[tuple[str, str, str, list[str]]]:
    """(name, operator, version, hashes) of each requirement in a lock file."""
    text = (ROOT / lock).read_text()
    result = []
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        first = block.strip().splitlines()[0] if block.strip() else ""
        if not first or first.startswith("#"):
            continue
        match = REQUIREMENT.match(first)
        result.append(
            (normal(match[1]), match[3] or "", match[4], re.findall(r"--hash=sha256:\w+", block))
        )
    return result


def test_every_locked_requirement_is_pinned_exactly_with_hashes():
    for lock in ("requirements.lock", "requirements-bootstrap.lock"):
        listed = entries(lock)
        assert listed, lock
        for name, operator, version, hashes in listed:
            assert operator == "==" and version, f"{lock}: {name} is not pinned with =="
            assert hashes, f"{lock}: {name} has no hash"


def test_the_installer_itself_is_pinned():
    names = {name: version for name, _, version, _ in entries("requirements-bootstrap.lock")}
    assert set(names) == {"pip", "setuptools"}
    major = int(names["pip"].split(".")[0])
    assert major >= 24  # resolves extras against the pinned versions


def test_every_dependency_of_the_project_is_in_the_lock():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    locked = {name for name, *_ in entries("requirements.lock")}
    for requirement in wanted:
        name = normal(REQUIREMENT.match(requirement)[1])
        assert name in locked, f"{name} is in pyproject.toml but not in requirements.lock"


def test_make_installs_the_pinned_pip_first_then_exactly_the_lock():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile[makefile.index("$(STAMP):") :].split("\n\n")[0]
    steps = [line.strip() for line in recipe.splitlines()[1:]]
    assert steps[0] == "test -d $(VENV) || $(PYTHON) -m venv $(VENV)"
    assert steps[1] == "$(PIP) install --quiet --require-hashes -r requirements-bootstrap.lock"
    assert steps[2] == "$(PIP) install --quiet --require-hashes --no-deps -r requirements.lock"
    assert "--no-build-isolation" in steps[3]
    assert steps[4] == "$(PIP) check"
    assert "PIP := $(BIN)/python -m pip" in makefile


def test_ci_builds_the_virtualenv_from_scratch():
    script = (ROOT / ".ci" / "run").read_text()
    assert script.index("\nrm -rf .venv\n") < script.index("\nmake test\n")
    assert "fonts-noto-cjk" not in script  # the PDFs' font is shipped, not installed
