"""What a release says about itself: version, Windows version resource, macOS Info.plist.

One source of truth, ``[project] version`` in pyproject.toml, feeds the
Windows file properties, the macOS bundle strings, the ``VERSION`` stamp in the
bundle (the frozen app has no package metadata) and the installers' names.
Used by installer.spec and the installer scripts; kept free of PyInstaller
imports at module level so tests can check it on any platform.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
APP_NAME = "RootingFuture"
DISPLAY_NAME = "Rooting Future"
BUNDLE_ID = "it.rootingfuture.desktop"
COMPANY = "Rooting Future"
DESCRIPTION = "Rooting Future - piani strategici per società sportive"
COPYRIGHT = "© Rooting Future. Tutti i diritti riservati."
MINIMUM_MACOS = "11.0"  # PySide6 6.7+ wheels require macOS 11 (Big Sur) or later
_VERSION = re.compile(r"(\d+)\.(\d+)\.(\d+)(?:[.\-+]?[0-9A-Za-z.\-]*)?")


def app_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The version string of pyproject.toml (e.g. ``0.1.0``)."""
    with open(pyproject, "rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def build_id(root: Path = ROOT) -> str:
    """A fingerprint of exactly what this build ships: the app's code and resources and the
    versions of every package in the build environment.

    The version number alone changes only at releases, but a cache of rendered exports
    must not outlive a code or library change between them (nightlies, testers' builds):
    the frozen app adds this stamp to its export cache key.
    """
    import hashlib
    from importlib import metadata

    digest = hashlib.sha256()
    files = [root / "pyproject.toml"]
    for package in ("engine", "desktop", "licensing"):
        files += (root / package).rglob("*.py")
    files += (p for p in (root / "resources").rglob("*") if p.is_file())
    for path in sorted(files):
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()[:20]


def build_info(
    root: Path = ROOT, stamp: str | None = None, lock_file: str = "requirements/build.txt"
) -> dict[str, Any]:
    """``resources/BUILD_INFO.json``: what this build was made from, for support and audits.

    The versions are read from the build environment itself (the interpreter running the
    spec), which ``build/build_app.py`` installs from the lock; ``check_bundle`` compares
    them with the lock and the frozen self-test with the libraries it actually loads. No
    date or path: two builds from the same commit and lock write the same file.
    """
    import hashlib
    import platform
    from importlib import metadata

    packages = {
        _canonical(d.metadata["Name"]): d.version
        for d in metadata.distributions()
        if d.metadata["Name"]
    }
    lock = root / lock_file
    return {
        "app": APP_NAME,
        "version": app_version(root / "pyproject.toml"),
        "build_id": stamp or build_id(root),
        "python": platform.python_version(),
        "platform": f"{sys.platform}-{platform.machine().lower()}",
        "lock": {
            "file": lock_file,
            "sha256": hashlib.sha256(lock.read_bytes()).hexdigest() if lock.is_file() else None,
        },
        "packages": dict(sorted(packages.items())),
    }


def _canonical(name: str) -> str:
    """A distribution name as the lock writes it (PEP 503: ``PySide6_Essentials`` ->
    ``pyside6-essentials``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """``1.2.3`` (or ``1.2.3rc1``) as the four numbers Windows wants; raises on nonsense."""
    match = _VERSION.fullmatch(version)
    if match is None:
        raise ValueError(f"version {version!r} is not MAJOR.MINOR.PATCH")
    major, minor, patch = (int(part) for part in match.groups())
    if max(major, minor, patch) > 0xFFFF:
        raise ValueError(f"version {version!r}: each part must be at most 65535")
    return major, minor, patch, 0


def windows_version_info(version: str) -> str:
    """The Windows version resource (file properties > Details) as PyInstaller's version file.

    Written as text because PyInstaller's classes for it import Windows-only modules; the
    text form is what ``pyi-grab_version`` produces and the spec's ``version=`` accepts.
    """
    numbers = numeric_version(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": APP_NAME,
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": f"{APP_NAME}.exe",
        "ProductName": DISPLAY_NAME,
        "ProductVersion": version,
    }
    table = ",\n".join(
        f"            StringStruct({key!r}, {value!r})" for key, value in strings.items()
    )
    italian, unicode_codepage = 0x0410, 1200
    return f"""# UTF-8
# Generated by build/release_info.py from pyproject.toml: do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers!r},
    prodvers={numbers!r},
    mask=0x3F,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0),
  ),
  kids=[
    StringFileInfo([
        StringTable('{italian:04X}{unicode_codepage:04X}', [
{table},
        ]),
    ]),
    VarFileInfo([VarStruct('Translation', [{italian}, {unicode_codepage}])]),
  ],
)
"""


def macos_info_plist(version: str) -> dict[str, Any]:
    """Extra Info.plist keys for the .app bundle (PyInstaller adds the basic ones)."""
    return {
        "CFBundleName": DISPLAY_NAME,
        "CFBundleDisplayName": DISPLAY_NAME,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "CFBundleDevelopmentRegion": "it",
        "CFBundleLocalizations": ["it", "en"],
        "LSMinimumSystemVersion": MINIMUM_MACOS,
        "LSApplicationCategoryType": "public.app-category.business",
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,
        "NSHumanReadableCopyright": COPYRIGHT,
    }
