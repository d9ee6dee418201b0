"""The rules a built folder must pass, on fake folders (fast), and on a real build when CI made one.

``build/ci-frozen.sh`` builds the app and sets ``ROOTING_FUTURE_BUNDLE`` to the
folder: then ``test_the_built_folder_is_clean`` inspects the real thing, and a
missing folder is a failure, not a skip.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.packaging.build_support import load_build_module

contents = load_build_module("bundle_contents")

PEM_BODY = "MC4CAQAwBQYDK2VwBCIEI" + "A" * 40
PEM_HEADER = "-" * 5 + "BEGIN PRIVATE" + " KEY" + "-" * 5  # in pieces: no key-shaped line


def make_bundle(tmp_path: Path, files: dict[str, bytes]) -> Path:
    bundle = tmp_path / "RootingFuture"
    for relative, data in {"RootingFuture": b"\x7fELF", **files}.items():
        path = bundle / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return bundle


def test_a_clean_folder_passes(tmp_path: Path) -> None:
    bundle = make_bundle(
        tmp_path,
        {
            "_internal/resources/catalogue/stw.json": b"{}",
            "_internal/certifi/cacert.pem": b"-----BEGIN CERTIFICATE-----\nMIIB\n",
            # TLS libraries carry the bare marker as a parser constant: not a key.
            "_internal/libssl.so.3": b"\x00" + PEM_HEADER.encode() + b"\x00\x00",
        },
    )
    assert contents.forbidden_files(bundle) == []


@pytest.mark.parametrize(
    ("relative", "data"),
    [
        ("_internal/.env", b"GEMINI_API_KEY=x"),
        ("_internal/config/production.env", b"x"),
        ("_internal/tests/test_app.py", b"def test(): pass"),
        ("_internal/licensing/vendor/issuer.py", b"print()"),
        ("_internal/keys/vendor.pem", b"x"),
        ("_internal/signing.key", b"x"),
        ("_internal/resources/rooting-future.db", b"SQLite format 3"),
        ("_internal/engine/__pycache__/paths.cpython-311.pyc", b"x"),
        ("_internal/.pytest_cache/README.md", b"x"),
        ("_internal/resources/translations/rooting_future_it.ts", b"<TS/>"),
        ("_internal/resources/notes.txt", f"{PEM_HEADER}\n{PEM_BODY}\n".encode()),
        ("_internal/resources/rf-1.json", f'{{"private_key": "{PEM_BODY}"}}'.encode()),
        ("_internal/resources/config/x.json", b'{"key": "AI' + b"za" + b"B" * 35 + b'"}'),
    ],
)
def test_each_forbidden_thing_is_reported(tmp_path: Path, relative: str, data: bytes) -> None:
    bundle = make_bundle(tmp_path, {relative: data})
    problems = contents.forbidden_files(bundle)
    assert problems, f"{relative} was not reported"
    first_part = relative.split("/")[1]
    assert any(first_part in problem or Path(relative).name in problem for problem in problems)


def test_modules_of_tests_and_the_vendor_tool_are_reported() -> None:
    names = ["engine.paths", "licensing.verifier", "licensing.vendor.issuer", "tests.factories"]
    assert contents.forbidden_modules(names) == ["licensing.vendor.issuer", "tests.factories"]
    assert contents.forbidden_modules(["testsuite", "licensing.vendors"]) == []


def test_resources_are_an_allow_list(tmp_path: Path) -> None:
    """A stray file dropped into resources/ (a .env, a key, notes) is never collected."""
    root = tmp_path / "tree"
    for relative in (
        "resources/catalogue/stw.json",
        "resources/catalogue/sports/canottaggio.json",
        "resources/catalogue/.env",
        "resources/licensing/trusted_keys.json",
        "resources/licensing/vendor.private.json",
        "resources/translations/rooting_future_it.qm",
        "resources/translations/rooting_future_it.ts",
        "engine/storage/migrations/env.py",
        "engine/storage/migrations/versions/0001_x.py",
        "engine/storage/migrations/versions/__pycache__/0001_x.cpython-311.pyc",
    ):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("x")
    datas = contents.runtime_datas(root)
    collected = {Path(source).relative_to(root).as_posix() for source, _ in datas}
    assert "resources/catalogue/sports" in {destination for _, destination in datas}
    assert collected == {
        "resources/catalogue/stw.json",
        "resources/catalogue/sports/canottaggio.json",
        "resources/licensing/trusted_keys.json",
        "resources/translations/rooting_future_it.qm",
        "engine/storage/migrations/env.py",
        "engine/storage/migrations/versions/0001_x.py",
    }


def test_the_built_folder_is_clean() -> None:
    """Runs on a real build only (CI's frozen job sets ROOTING_FUTURE_BUNDLE)."""
    folder = os.environ.get("ROOTING_FUTURE_BUNDLE")
    if not folder:
        pytest.skip("no built folder: build/ci-frozen.sh runs this on a real build")
    checker = load_build_module("check_bundle")
    bundle = Path(folder)
    assert bundle.is_dir(), f"ROOTING_FUTURE_BUNDLE={folder} does not exist"
    assert checker.problems(bundle) == []
    modules = checker.archived_modules(bundle)
    assert "engine.selftest" in modules and "desktop.app" in modules
    inner = checker.internal_folder(bundle)
    release = load_build_module("release_info")
    assert (inner / "resources" / "VERSION").read_text().strip() == release.app_version()
    assert len((inner / "resources" / "BUILD_ID").read_text().strip()) == 20
    info = json.loads((inner / "resources" / "BUILD_INFO.json").read_text())
    assert info["version"] == release.app_version() and info["packages"]["weasyprint"]
    assert checker.build_info_problems(bundle) == []


def fake_build_info(tmp_path: Path, **changes: object) -> Path:
    """A folder whose BUILD_INFO.json records the build lock's pins for this platform."""
    checker = load_build_module("check_bundle")
    release = load_build_module("release_info")
    lock_text = (checker.ROOT / "requirements" / "build.txt").read_text(encoding="utf-8")
    info = {
        "app": "RootingFuture",
        "version": release.app_version(),
        "build_id": "0" * 20,
        "lock": {"file": "requirements/build.txt", "sha256": "x"},
        "packages": {**checker._applicable_pins(lock_text), "rooting-future": "0.1.0"},
    }
    info.update(changes)
    return make_bundle(
        tmp_path,
        {
            "_internal/resources/BUILD_ID": b"0" * 20 + b"\n",
            "_internal/resources/BUILD_INFO.json": json.dumps(info).encode(),
        },
    )


def test_the_build_info_must_match_the_lock(tmp_path: Path) -> None:
    checker = load_build_module("check_bundle")
    assert checker.build_info_problems(fake_build_info(tmp_path / "good")) == []
    lock_text = (checker.ROOT / "requirements" / "build.txt").read_text(encoding="utf-8")
    packages = checker._applicable_pins(lock_text)
    drifted = {**packages, "weasyprint": "1.0", "left-pad": "1.0"}
    del drifted["lxml"]
    found = checker.build_info_problems(fake_build_info(tmp_path / "bad", packages=drifted))
    assert any(line.startswith("BUILD_INFO.json: weasyprint 1.0, the lock pins") for line in found)
    assert any("left-pad 1.0 is not in requirements/build.txt" in line for line in found)
    assert any("lxml (locked) was not installed" in line for line in found)
    assert checker.build_info_problems(make_bundle(tmp_path / "none", {}))[0].startswith(
        "resources/BUILD_INFO.json unreadable"
    )


def test_every_catalogue_file_the_app_loads_is_collected() -> None:
    """The sport profiles live in a subfolder: a pattern that misses it breaks the frozen app."""
    root = contents.ROOT
    collected = {Path(source).resolve() for source, _ in contents.runtime_datas(root)}
    wanted = {p.resolve() for p in (root / "resources" / "catalogue").rglob("*.json")}
    assert wanted and wanted <= collected
