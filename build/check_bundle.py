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
from release_info import APP_NAME


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
    for stamp in ("VERSION", "BUILD_ID"):
        if not (inner / "resources" / stamp).is_file():
            missing.append(f"resources/{stamp}")
    return missing


def problems(bundle: Path) -> list[str]:
    if not executable(bundle).is_file():
        return [f"no executable {executable(bundle).name} in {bundle}"]
    found = [f"forbidden: {item}" for item in forbidden_files(bundle)]
    modules = archived_modules(bundle)
    if not any(name.startswith("engine.") for name in modules):
        found.append("the Python archive holds no engine modules: wrong executable?")
    found += [f"forbidden module in the archive: {name}" for name in forbidden_modules(modules)]
    found += [f"missing resource: {item}" for item in missing_resources(bundle)]
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
