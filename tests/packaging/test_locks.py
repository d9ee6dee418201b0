"""The dependency locks: current with pyproject.toml, hashed, universal, and what installs read.

No network: the locks are compared with pyproject.toml's declared requirements through the
inputs digest in their header and their pins (``build/lock.py --check`` does the same).
Refreshing them is deliberate: ``python build/lock.py`` (needs uv and the package index).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.packaging.build_support import ROOT, load_build_module

lock = load_build_module("lock")


def copy_tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    (root / "requirements").mkdir(parents=True)
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    for item in lock.LOCKS:
        shutil.copy(ROOT / item.path, root / item.path)
    return root


def test_the_locks_match_pyproject() -> None:
    assert lock.problems(ROOT) == [], "refresh the locks with: python build/lock.py"


def test_a_dependency_changed_without_refreshing_the_locks_is_caught(tmp_path: Path) -> None:
    root = copy_tree(tmp_path)
    assert lock.problems(root) == []
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace('"weasyprint>=62"', '"weasyprint>=99"'), encoding="utf-8")
    found = lock.problems(root)
    assert any("requirements/build.txt was not refreshed" in line for line in found)
    assert any("requirements/dev.txt was not refreshed" in line for line in found)
    assert any("weasyprint" in line and "outside weasyprint>=99" in line for line in found)


def test_a_new_dependency_or_extra_is_caught(tmp_path: Path) -> None:
    root = copy_tree(tmp_path)
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(
        text.replace('"pypdfium2>=4.30",', '"pypdfium2>=4.30",\n    "numpy-financial>=1",')
        .replace('"ruff>=0.5",', '"ruff>=0.5",\n    "mypy>=1",'),
        encoding="utf-8",
    )
    found = lock.problems(root)
    assert any("does not pin numpy-financial" in line for line in found)
    assert any("dev.txt does not pin mypy" in line for line in found)
    assert not any("build.txt does not pin mypy" in line for line in found)  # dev extra only


def test_spacing_in_pyproject_is_not_a_change(tmp_path: Path) -> None:
    root = copy_tree(tmp_path)
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace('"alembic>=1.13"', '"alembic >= 1.13"'), encoding="utf-8")
    assert lock.problems(root) == []


def test_a_hand_edited_pin_is_caught(tmp_path: Path) -> None:
    root = copy_tree(tmp_path)
    build = root / "requirements" / "build.txt"
    text = build.read_text(encoding="utf-8")
    pinned = re.search(r"^sqlalchemy==(\S+) \\$", text, re.MULTILINE)
    assert pinned is not None
    build.write_text(text.replace(pinned[0], "sqlalchemy==2.0.0 \\"), encoding="utf-8")
    assert any("sqlalchemy" in line and "dev.txt" in line for line in lock.problems(root))


@pytest.mark.parametrize("item", lock.LOCKS, ids=lambda item: item.name)
def test_every_pin_is_exact_and_hashed(item) -> None:
    text = (ROOT / item.path).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 6)[-1])
    requirements = [entry for entry in entries if not entry.startswith("#")]
    assert len(requirements) > 50
    for entry in requirements:
        first = entry.splitlines()[0]
        assert lock.PIN.match(first), first
        assert "--hash=sha256:" in entry, first


@pytest.mark.parametrize("item", lock.LOCKS, ids=lambda item: item.name)
def test_the_locks_are_universal(item) -> None:
    """Resolved for Windows and macOS too: a Windows install with --require-hashes needs
    keyring's and PyInstaller's Windows-only packages in the lock."""
    pinned = {(name, marker) for name, _version, marker in lock.pins(
        (ROOT / item.path).read_text(encoding="utf-8"))}
    assert ("pywin32-ctypes", "sys_platform == 'win32'") in pinned
    assert ("macholib", "sys_platform == 'darwin'") in pinned
    assert ("secretstorage", "sys_platform == 'linux'") in pinned
    names = {name for name, _marker in pinned}
    assert {"pip", "setuptools", "wheel", "pyinstaller", "pyside6-essentials"} <= names


def test_the_build_lock_is_the_dev_lock_without_test_tools() -> None:
    """What ships is what was tested: the build lock is resolved under the dev lock."""
    dev = {(n, v, m) for n, v, m in lock.pins((ROOT / "requirements/dev.txt").read_text())}
    build = {(n, v, m) for n, v, m in lock.pins((ROOT / "requirements/build.txt").read_text())}
    assert build <= dev
    assert not {name for name, _v, _m in build} & {"pytest", "hypothesis", "ruff", "pypdf"}


def test_installs_read_the_locks_with_hashes() -> None:
    venv = (ROOT / "scripts" / "venv.sh").read_text(encoding="utf-8")
    assert '--require-hashes -r "$lock"' in venv and 'lock="$root/requirements/dev.txt"' in venv
    assert '--no-deps --no-build-isolation -e "$root"' in venv
    assert 'cat "$lock"' in venv  # the stamp: a refreshed lock re-installs
    for script in ("venv.ps1",):
        text = (ROOT / "scripts" / script).read_text(encoding="utf-8")
        assert "--require-hashes" in text and r"requirements\dev.txt" in text, script
        assert "--no-deps" in text and "--no-build-isolation" in text, script
    for script in ("run.ps1", "test.ps1"):
        text = (ROOT / "scripts" / script).read_text(encoding="utf-8")
        assert "venv.ps1" in text and "[dev]" not in text, script
    build = (ROOT / "build" / "build_app.py").read_text(encoding="utf-8")
    assert '"--require-hashes", "-r", BUILD_LOCK' in build
    assert '"--no-deps", "--no-build-isolation"' in build
    assert load_build_module("build_app").BUILD_LOCK == ROOT / "requirements" / "build.txt"
    for script in ("venv.sh",):
        assert "[dev]" not in (ROOT / "scripts" / script).read_text(encoding="utf-8")
