"""One helper finds resources/ from source, from an installed wheel and from a frozen bundle."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine import paths
from tests.packaging.build_support import ROOT


@pytest.fixture
def fresh_lookup() -> Iterator[None]:
    paths.resources_root.cache_clear()
    yield
    paths.resources_root.cache_clear()


def test_from_source_it_is_the_checkout_folder(fresh_lookup: None) -> None:
    assert paths.resources_root() == ROOT / "resources"
    assert paths.resource_path("catalogue", "stw.json").is_file()


def test_from_a_frozen_bundle_it_is_inside_meipass(
    fresh_lookup: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_root() == tmp_path / "resources"
    font = paths.resource_path("fonts", "DejaVuSans.ttf")
    assert font == tmp_path / "resources" / "fonts" / "DejaVuSans.ttf"


@pytest.mark.slow
def test_from_an_installed_wheel_it_is_the_resources_package(tmp_path: Path) -> None:
    """Build the real wheel, install it into a bare folder, and ask from outside the checkout."""
    wheels = tmp_path / "wheels"
    # No build isolation: setuptools and wheel come pinned from the lock, not the network.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("rooting_future-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "rooting_future_resources/catalogue/stw.json" in names
    assert "rooting_future_resources/translations/rooting_future_it.qm" in names
    assert not any(name.endswith(".ts") for name in names)
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site),
         str(wheel)],
        check=True,
        capture_output=True,
    )
    probe = (
        "import engine.paths as p; "
        "print(p.resources_root()); print(p.resource_path('catalogue', 'stw.json').is_file())"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    root, exists = result.stdout.split()
    assert Path(root) == site / "rooting_future_resources"
    assert exists == "True"


def test_a_frozen_app_reads_its_version_from_the_stamp_the_build_wrote(
    fresh_lookup: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No package metadata in a bundle: without the stamp the export cache would key every
    release as "unknown" and serve files rendered by an older one."""
    from importlib import metadata

    from engine import version

    def no_metadata(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "VERSION").write_text("7.8.9\n", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(metadata, "version", no_metadata)
    version.app_version.cache_clear()
    try:
        assert version.app_version() == "7.8.9"
        (tmp_path / "resources" / "VERSION").unlink()
        version.app_version.cache_clear()
        assert version.app_version() == "unknown"
    finally:
        version.app_version.cache_clear()
