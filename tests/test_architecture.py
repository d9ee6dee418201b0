"""Package boundaries from docs/architecture.md, enforced on every import statement."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "engine": ("desktop", "PySide6.QtWidgets", "PySide6.QtGui"),
    "licensing": ("desktop", "engine", "PySide6"),
}
# The orchestrator's pool runner is the one engine module allowed to use QtCore.
QTCORE_ALLOWED = {"engine/orchestrator.py", "engine/pool.py"}


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def python_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_lower_layers_never_import_the_gui(package: str) -> None:
    offenders = []
    for path in python_files(package):
        relative = path.relative_to(ROOT).as_posix()
        for module in imported_modules(path):
            banned = FORBIDDEN[package]
            if any(module == b or module.startswith(b + ".") for b in banned):
                offenders.append(f"{relative}: {module}")
            if (
                package == "engine"
                and module.startswith("PySide6")
                and relative not in QTCORE_ALLOWED
            ):
                offenders.append(f"{relative}: {module} (QtCore only in the pool runner)")
    assert offenders == []


def test_build_folder_is_not_a_package() -> None:
    assert not (ROOT / "build" / "__init__.py").exists()


def test_the_checker_sees_violations(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("from PySide6.QtWidgets import QLabel\nimport desktop.app\n", "utf-8")
    assert imported_modules(sample) == ["PySide6.QtWidgets", "desktop.app"]
