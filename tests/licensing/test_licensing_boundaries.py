"""licensing/ may import only the standard library, cryptography and keyring; the app
part never imports the vendor tool; no private key is committed with the resources."""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

from licensing.trusted_keys import load_trusted_keys

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "licensing"
ALLOWED_THIRD_PARTY = {"cryptography", "keyring"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_licensing_imports_only_stdlib_cryptography_keyring() -> None:
    for path in PACKAGE.rglob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            if top == "licensing" or top in sys.stdlib_module_names:
                continue
            assert top in ALLOWED_THIRD_PARTY, f"{path.relative_to(ROOT)} imports {name}"


def test_app_modules_never_import_the_vendor_tool() -> None:
    for path in PACKAGE.rglob("*.py"):
        if "vendor" in path.relative_to(PACKAGE).parts:
            continue
        assert not any(name.startswith("licensing.vendor") for name in _imports(path)), path


def test_shipped_trusted_keys_file_is_valid_and_holds_no_secrets() -> None:
    path = ROOT / "resources" / "licensing" / "trusted_keys.json"
    keys = load_trusted_keys(path, release=True)
    assert keys.problem is None
    assert all(not key.test for key in keys.keys.values())
    text = path.read_text()
    assert "PRIVATE KEY" not in text
    assert json.loads(text)["format"] == 1
    for resource in (ROOT / "resources" / "licensing").rglob("*"):
        if resource.is_file():
            assert b"PRIVATE KEY" not in resource.read_bytes(), resource
