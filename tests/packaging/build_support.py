"""Shared by the packaging tests: the repository root and a loader for build/ scripts.

(The folder is not called tests/build: pytest never collects folders named ``build``.)
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def load_build_module(name: str) -> ModuleType:
    """A script of build/ (not a package: it has no __init__.py on purpose)."""
    folder = str(ROOT / "build")
    sys.path.insert(0, folder)  # the scripts import each other by plain name
    try:
        spec = importlib.util.spec_from_file_location(name, ROOT / "build" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(folder)
