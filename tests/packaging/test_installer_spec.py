"""installer.spec, checked in every run without building: what it asks PyInstaller to do.

The spec is executed as PyInstaller would execute it, with its build classes
replaced by recorders, once per platform. The slow check (a real build, its
folder inspected and its self-test run) is ``build/ci-frozen.sh``.
"""

from __future__ import annotations

import fnmatch
import json
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.packaging.build_support import ROOT, load_build_module


class Recorder:
    """Stands in for one PyInstaller build class and keeps what the spec passed."""

    calls: dict[str, list[tuple[tuple[Any, ...], dict[str, Any]]]]

    def __init__(self, name: str, calls: dict) -> None:
        self.name = name
        self.calls = calls

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.setdefault(self.name, []).append((args, kwargs))
        result = type(self.name, (), {})()
        result.pure = ["pure"]
        result.scripts = ["scripts"]
        result.binaries = [
            ("PySide6/Qt/lib/libQt6Core.so.6", "/x", "BINARY"),
            ("PySide6/Qt/plugins/tls/libqopensslbackend.so", "/x", "BINARY"),
        ]
        result.datas = [(dest, src, "DATA") for src, dest in kwargs.get("datas", [])] + [
            ("PySide6/Qt/translations/qtbase_it.qm", "/x", "DATA"),
            ("PySide6/Qt/translations/qtbase_de.qm", "/x", "DATA"),
            ("pyphen/dictionaries/hyph_it_IT.dic", "/x", "DATA"),
            ("pyphen/dictionaries/hyph_fr.dic", "/x", "DATA"),
        ]
        return result


def run_spec(platform: str, dist: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    calls: dict[str, list] = {}
    namespace: dict[str, Any] = {
        "SPECPATH": str(ROOT),
        "DISTPATH": str(dist),
        "workpath": str(dist.parent / "work"),
        "__file__": str(ROOT / "installer.spec"),
    }
    for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        namespace[name] = Recorder(name, calls)
    monkeypatch.setattr(sys, "platform", platform)
    code = compile((ROOT / "installer.spec").read_text(encoding="utf-8"), "installer.spec", "exec")
    exec(code, namespace)
    namespace["calls"] = calls
    return namespace


@pytest.fixture(scope="module")
def icons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The icons drawn once from the SVG (the spec would draw them if missing)."""
    dist = tmp_path_factory.mktemp("dist")
    load_build_module("make_icons").make_icons(
        ROOT / "resources" / "icons" / "app.svg", dist / "build-support"
    )
    return dist


def only(calls: dict, name: str) -> dict[str, Any]:
    assert len(calls[name]) == 1, f"{name} called {len(calls[name])} times"
    return calls[name][0][1]


def pyproject_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def test_onedir_windowed_without_upx(icons: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = run_spec("linux", icons, monkeypatch)["calls"]
    exe = only(calls, "EXE")
    assert exe["exclude_binaries"] is True  # onedir: binaries go to COLLECT, not into the exe
    assert exe["console"] is False
    assert exe["upx"] is False and only(calls, "COLLECT")["upx"] is False
    assert exe["name"] == "RootingFuture"
    assert "BUNDLE" not in calls  # only macOS makes an .app


def test_collects_every_runtime_resource_and_nothing_else(
    icons: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysis = only(run_spec("linux", icons, monkeypatch)["calls"], "Analysis")
    collected = {
        (Path(source).resolve(), destination) for source, destination in analysis["datas"]
    }
    sources = {source for source, _ in collected}
    # Every file the app loads at run time, by folder.
    for folder, patterns in {
        "catalogue": ["stw.json", "benchmarks.json"],
        "config": ["defaults.json"],
        "fonts": ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans.subset.woff2"],
        "licensing": ["trusted_keys.json"],
        "templates": ["plan.html", "onepager.html", "blocks.html", "print.css"],
        "translations": ["rooting_future_it.qm", "rooting_future_en.qm"],
        "icons": ["app.svg"],
    }.items():
        for name in patterns:
            assert (ROOT / "resources" / folder / name).resolve() in sources, f"{folder}/{name}"
    examples = sorted((ROOT / "resources" / "examples").glob("*.json"))
    assert examples and all(path.resolve() in sources for path in examples)
    migrations = sorted((ROOT / "engine/storage/migrations/versions").glob("*.py"))
    assert migrations and all(path.resolve() in sources for path in migrations)
    assert (ROOT / "engine/storage/migrations/env.py").resolve() in sources
    # Nothing from tests, the vendor tool, translation sources, caches or secrets.
    for source in sources:
        relative = source.relative_to(ROOT).as_posix() if source.is_relative_to(ROOT) else ""
        assert not relative.startswith(("tests/", "licensing/", "bench/", ".")), relative
        assert "__pycache__" not in relative
        assert not fnmatch.fnmatch(source.name, "*.ts"), relative
        assert source.suffix not in {".pem", ".key", ".env", ".db"}, relative
    build_ids = [source for source, dest in collected if source.name == "BUILD_ID"]
    assert len(build_ids) == 1 and len(build_ids[0].read_text(encoding="utf-8").strip()) == 20
    infos = [source for source, dest in collected if source.name == "BUILD_INFO.json"]
    assert len(infos) == 1
    info = json.loads(infos[0].read_text(encoding="utf-8"))
    assert info["build_id"] == build_ids[0].read_text(encoding="utf-8").strip()
    assert info["lock"]["file"] == "requirements/build.txt" and len(info["lock"]["sha256"]) == 64
    assert info["packages"]["pyside6-essentials"] and info["version"] == pyproject_version()
    version_files = [source for source, dest in collected if source.name == "VERSION"]
    assert len(version_files) == 1
    assert version_files[0].read_text(encoding="utf-8").strip() == pyproject_version()


def test_excludes_tests_vendor_tool_and_unused_qt(
    icons: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysis = only(run_spec("linux", icons, monkeypatch)["calls"], "Analysis")
    excludes = set(analysis["excludes"])
    assert {"tests", "licensing.vendor", "pytest", "hypothesis", "tkinter"} <= excludes
    assert {"PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtWebEngineCore"} <= excludes
    # Imports PyInstaller cannot see: Alembic's env.py, matplotlib backends chosen by name.
    hidden = set(analysis["hiddenimports"])
    assert {"engine.storage.migrations.env", "matplotlib.backends.backend_svg"} <= hidden


def test_prunes_third_party_files_the_app_never_loads(
    icons: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    namespace = run_spec("linux", icons, monkeypatch)
    analysis = namespace["analysis"]
    data = {destination for destination, _source, _kind in analysis.datas}
    binaries = {destination for destination, _source, _kind in analysis.binaries}
    assert "PySide6/Qt/translations/qtbase_it.qm" in data
    assert "PySide6/Qt/translations/qtbase_de.qm" not in data
    assert "pyphen/dictionaries/hyph_it_IT.dic" in data
    assert "pyphen/dictionaries/hyph_fr.dic" not in data
    assert "PySide6/Qt/lib/libQt6Core.so.6" in binaries
    assert "PySide6/Qt/plugins/tls/libqopensslbackend.so" not in binaries


def test_windows_gets_icon_and_version_info_from_pyproject(
    icons: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exe = only(run_spec("win32", icons, monkeypatch)["calls"], "EXE")
    assert exe["icon"].endswith("app.ico") and Path(exe["icon"]).is_file()
    text = Path(exe["version"]).read_text(encoding="utf-8")
    # PyInstaller eval()s this file into its VSVersionInfo classes on Windows; here the same
    # expression is evaluated with recorders standing in for those classes.
    def record(kind: str) -> Any:
        return lambda *args, **kwargs: (kind, args, kwargs)

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable",
             "StringStruct", "VarFileInfo", "VarStruct"]
    info = eval(text, {name: record(name) for name in names})
    version = pyproject_version()
    fixed = info[2]["ffi"][2]
    numbers = (*(int(part) for part in version.split(".")[:3]), 0)
    assert fixed["filevers"] == numbers and fixed["prodvers"] == numbers
    strings = {args[0]: args[1] for _kind, args, _ in info[2]["kids"][0][1][0][0][1][1]}
    assert strings["ProductVersion"] == version and strings["FileVersion"] == version
    assert strings["OriginalFilename"] == "RootingFuture.exe"
    assert strings["ProductName"] == "Rooting Future"


def test_macos_bundle_identity_and_info_plist(icons: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = run_spec("darwin", icons, monkeypatch)["calls"]
    assert only(calls, "EXE")["icon"].endswith("app.icns")
    bundle = only(calls, "BUNDLE")
    assert bundle["name"] == "RootingFuture.app"
    assert bundle["bundle_identifier"] == "it.rootingfuture.desktop"
    assert bundle["version"] == pyproject_version()
    plist = bundle["info_plist"]
    assert plist["NSHighResolutionCapable"] is True
    assert plist["CFBundleShortVersionString"] == pyproject_version()
    assert plist["LSMinimumSystemVersion"]
    assert Path(bundle["icon"]).is_file()


def test_icons_are_drawn_at_every_size_from_the_one_svg(icons: Path) -> None:
    from PIL import Image

    support = icons / "build-support"
    ico = Image.open(support / "app.ico")
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    icns = Image.open(support / "app.icns")
    assert icns.size == (1024, 1024)
    png = Image.open(support / "app.png").convert("RGBA")
    assert png.getpixel((0, 0))[3] == 0  # transparent corner: the rounded square, not a box
    assert png.getpixel((256, 256))[3] == 255


def test_version_numbers_refuse_what_windows_cannot_store() -> None:
    release = load_build_module("release_info")
    assert release.numeric_version("1.2.3") == (1, 2, 3, 0)
    assert release.numeric_version("2.0.1rc1") == (2, 0, 1, 0)
    for bad in ("1.2", "v1.2.3", "1.2.70000"):
        with pytest.raises(ValueError):
            release.numeric_version(bad)


def test_build_folder_is_not_a_package() -> None:
    assert not (ROOT / "build" / "__init__.py").exists()


def test_linux_libraries_are_stripped_except_the_ones_auditwheel_patched() -> None:
    strip = load_build_module("strip_binaries")
    assert strip.strippable("sqlalchemy/engine/_row_cy.cpython-311-x86_64-linux-gnu.so",
                            "EXTENSION")
    assert strip.strippable("PySide6/Qt/lib/libQt6Core.so.6", "BINARY")
    assert not strip.strippable("numpy.libs/libscipy_openblas64_-32a4b2a6.so", "BINARY")
    assert not strip.strippable("pillow.libs/libjpeg-6dc8d115.so.62.4.0", "BINARY")
    assert not strip.strippable("resources/fonts/DejaVuSans.ttf", "DATA")


def test_python_docx_templates_resolve_in_the_bundle(
    icons: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """python-docx reads docx/parts/../templates: its package folders must exist on disk."""
    analysis = only(run_spec("linux", icons, monkeypatch)["calls"], "Analysis")
    assert analysis["module_collection_mode"]["docx"] == "pyz+py"


def test_the_build_id_changes_with_code_and_resources_only(tmp_path: Path) -> None:
    """The frozen export cache keys on it: a code change between releases must change it."""
    release = load_build_module("release_info")
    root = tmp_path / "tree"
    for relative in ("pyproject.toml", "engine/export/pdf.py", "resources/templates/plan.html"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("one")
    (root / "engine/__pycache__").mkdir()
    first = release.build_id(root)
    (root / "engine/__pycache__/pdf.cpython-311.pyc").write_bytes(b"cache")
    assert release.build_id(root) == first  # caches are not what ships
    (root / "engine/export/pdf.py").write_text("two")
    second = release.build_id(root)
    assert second != first
    (root / "resources/templates/plan.html").write_text("two")
    assert release.build_id(root) not in {first, second}


def test_pruning_matches_the_windows_qt_layout_too() -> None:
    """On Windows PyInstaller puts Qt's folders directly under PySide6/ (no Qt/ level)."""
    contents = load_build_module("bundle_contents")
    for layout in ("PySide6/Qt/", "PySide6/"):
        assert contents.pruned(f"{layout}translations/qtbase_de.qm")
        assert not contents.pruned(f"{layout}translations/qtbase_it.qm")
        assert contents.pruned(f"{layout}plugins/tls/qopensslbackend.dll".replace("/", "\\"))
        assert not contents.pruned(f"{layout}plugins/platforms/qwindows.dll")
        assert not contents.pruned(f"{layout}plugins/imageformats/qsvg.dll")
        assert contents.pruned(f"{layout}plugins/imageformats/qtiff.dll")


def test_modules_and_files_never_loaded_at_run_time_are_left_out(
    icons: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What build/README.md's "What is pruned" lists, with what must stay beside it."""
    contents = load_build_module("bundle_contents")
    excludes = set(only(run_spec("linux", icons, monkeypatch)["calls"], "Analysis")["excludes"])
    assert {"numpy.random", "numpy.fft", "contourpy", "matplotlib._tri", "lxml.html",
            "readline"} <= excludes
    assert not {"numpy", "numpy.linalg", "lxml", "lxml.etree", "matplotlib"} & excludes
    assert contents.pruned("docx/templates/default-docx-template/word/styles.xml")
    for kept in ("docx/templates/default.docx", "docx/templates/default-styles.xml",
                 "docx/templates/default-header.xml"):
        assert not contents.pruned(kept), kept
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        assert contents.pruned(f"matplotlib/mpl-data/fonts/ttf/{name}")
        # ... because the charts draw with the app's identical copies, which always ship.
        assert (ROOT / "resources" / "fonts" / name).is_file()
    assert not contents.pruned("matplotlib/mpl-data/fonts/ttf/LastResortHE-Regular.ttf")
    assert not contents.pruned("matplotlib/mpl-data/matplotlibrc")
