"""Check a built onedir folder: nothing forbidden inside, everything the app loads present.

    python build/check_bundle.py dist/RootingFuture

Looks at the files (tests, vendor tool, keys, .env, databases, logs, caches,
private-key or API-key material in any file) and at the modules inside the
executable's Python archive (PYZ), where an excluded package would hide if a
hook pulled it back in. Also checks that every run-time resource of the
source tree made it in. Exit 1 with one line per problem; 0 when clean.
Needs PyInstaller (to read the archive), i.e. the build or dev environment.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bundle_contents import (
    ROOT,
    forbidden_files,
    forbidden_modules,
    runtime_datas,
)
from lock import lock_named, pins
from release_info import APP_NAME, app_version

PROJECT = "rooting-future"  # installed into the build environment with --no-deps, not locked


def executable(bundle: Path) -> Path:
    return bundle / (f"{APP_NAME}.exe" if os.name == "nt" else APP_NAME)


def internal_folder(bundle: Path) -> Path:
    """PyInstaller 6 keeps everything but the executable in ``_internal/``."""
    inner = bundle / "_internal"
    return inner if inner.is_dir() else bundle


def archived_modules(bundle: Path) -> list[str]:
    """Module names in the executable's embedded PYZ archive."""
    from PyInstaller.archive.readers import CArchiveReader

    package = CArchiveReader(str(executable(bundle)))
    names = [name for name in package.toc if name.endswith(".pyz") or name == "PYZ.pyz"]
    modules: list[str] = []
    for name in names:
        modules.extend(package.open_embedded_archive(name).toc)
    return modules


def missing_resources(bundle: Path) -> list[str]:
    """Run-time resources of the source tree absent from the bundle."""
    inner = internal_folder(bundle)
    missing = []
    for source, destination in runtime_datas(ROOT):
        if not (inner / destination / Path(source).name).is_file():
            missing.append(f"{destination}/{Path(source).name}")
    for stamp in ("VERSION", "BUILD_ID", "BUILD_INFO.json"):
        if not (inner / "resources" / stamp).is_file():
            missing.append(f"resources/{stamp}")
    return missing


def build_info_problems(bundle: Path, root: Path = ROOT) -> list[str]:
    """``resources/BUILD_INFO.json`` describes this build, and its libraries are the lock's.

    Every package of the build environment must be pinned by ``requirements/build.txt`` at
    the recorded version, and every pin that applies to this platform must be recorded:
    proof that the bundle was built from the lock and nothing else.
    """
    resources = internal_folder(bundle) / "resources"
    try:
        info = json.loads((resources / "BUILD_INFO.json").read_text(encoding="utf-8"))
        packages: dict[str, str] = info["packages"]
        stamp = (resources / "BUILD_ID").read_text(encoding="utf-8").strip()
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [f"resources/BUILD_INFO.json unreadable: {error}"]
    found = []
    if info.get("version") != app_version(root / "pyproject.toml"):
        found.append(f"BUILD_INFO.json: version {info.get('version')!r}, not pyproject's")
    if info.get("build_id") != stamp:
        found.append("BUILD_INFO.json: build_id differs from resources/BUILD_ID")
    lock_file = lock_named("build").path
    if (info.get("lock") or {}).get("file") != lock_file:
        found.append(f"BUILD_INFO.json: not built from {lock_file}")
    locked = _applicable_pins((root / lock_file).read_text(encoding="utf-8"))
    for name, version in sorted(packages.items()):
        if name == PROJECT:
            continue
        if name not in locked:
            found.append(f"BUILD_INFO.json: {name} {version} is not in {lock_file}")
        elif locked[name] != version:
            found.append(f"BUILD_INFO.json: {name} {version}, the lock pins {locked[name]}")
    for name in sorted(set(locked) - set(packages)):
        found.append(f"BUILD_INFO.json: {name} (locked) was not installed")
    return found


def _applicable_pins(text: str) -> dict[str, str]:
    """The lock's pins for this interpreter and platform (packaging comes with PyInstaller)."""
    from packaging.markers import Marker

    return {
        name: version
        for name, version, marker in pins(text)
        if marker is None or Marker(marker).evaluate()
    }


def problems(bundle: Path) -> list[str]:
    if not executable(bundle).is_file():
        return [f"no executable {executable(bundle).name} in {bundle}"]
    found = [f"forbidden: {item}" for item in forbidden_files(bundle)]
    modules = archived_modules(bundle)
    if not any(name.startswith("engine.") for name in modules):
        found.append("the Python archive holds no engine modules: wrong executable?")
    found += [f"forbidden module in the archive: {name}" for name in forbidden_modules(modules)]
    missing = missing_resources(bundle)
    found += [f"missing resource: {item}" for item in missing]
    if "resources/BUILD_INFO.json" not in missing:
        found += build_info_problems(bundle)
    return found


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    bundle = Path(sys.argv[1])
    found = problems(bundle)
    for line in found:
        print(line)
    if found:
        print(f"{bundle}: {len(found)} problem(s)")
        return 1
    print(f"{bundle}: clean (no tests, vendor tool, keys, .env or caches; resources complete)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
