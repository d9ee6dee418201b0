"""Build the frozen app (onedir) from a clean virtual environment, check it, and report figures.

    python build/build_app.py [--venv DIR] [--fresh] [--self-test] [--archive]

Steps, each timed: (1) a virtual environment outside the source tree installed
from the build lock ``requirements/build.txt`` (the app's run-time dependencies
and PyInstaller, exact versions with hashes; reused while the lock is unchanged;
``--fresh`` rebuilds it), so nothing from a developer's machine (pytest, a stray
package, an editable checkout elsewhere) leaks into the bundle and the
libraries change only when the lock is refreshed (``build/lock.py``); (2) icons
from resources/icons/app.svg; (3) PyInstaller with installer.spec, its work
path outside ``build/`` (a ``build/`` work folder would be swept into source
archives and confuse tools); (4) the bundle check (no tests, vendor tool, keys,
.env, caches; every run-time resource present, BUILD_INFO.json matching the lock);
(5) optionally the frozen self-test and (6) a compressed archive. Prints the
folder size, archive size and timings; exits non-zero if any step fails.

Output: ``dist/RootingFuture/`` (and ``dist/RootingFuture.app`` on macOS),
``dist/build-support/`` (icons, version stamp), ``dist/RootingFuture-<version>-
<platform>.tar.xz|zip`` with ``--archive``.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import lock  # noqa: E402
from bundle_contents import forbidden_files  # noqa: E402
from release_info import APP_NAME, app_version  # noqa: E402

DIST = ROOT / "dist"
BUILD_LOCK = ROOT / lock.lock_named("build").path
MB = 1024 * 1024


def default_venv() -> Path:
    """Outside the source tree: the platform's temp folder, one per checkout."""
    tag = hashlib.sha256(str(ROOT).encode()).hexdigest()[:10]
    return Path(tempfile.gettempdir()) / f"rooting-future-build-{tag}" / "venv"


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(command: list[str | Path], **kwargs: object) -> None:
    print("  $", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], check=True, **kwargs)  # type: ignore[arg-type]


def prepare_venv(venv: Path, fresh: bool) -> Path:
    """A clean environment installed from the build lock, reused while the lock is unchanged.

    ``requirements/build.txt`` (run-time dependencies + the ``build`` extra, with hashes)
    and then the project itself without dependencies: no resolution happens here, so the
    bundle's libraries change only when the lock is refreshed (``build/lock.py``).
    """
    stale = lock.problems(ROOT)
    if stale:
        raise SystemExit("the dependency locks are out of date:\n  " + "\n  ".join(stale))
    stamp = venv / "lock.sha256"
    wanted = hashlib.sha256(
        BUILD_LOCK.read_bytes()
        + (ROOT / "pyproject.toml").read_bytes()
        + (ROOT / "setup.py").read_bytes()
    ).hexdigest()
    if fresh or not stamp.is_file() or stamp.read_text().strip() != wanted:
        shutil.rmtree(venv, ignore_errors=True)
        run([sys.executable, "-m", "venv", venv])
        python = venv_python(venv)
        # pip itself, setuptools and wheel are pinned in the lock too.
        run([python, "-m", "pip", "install", "--quiet", "--require-hashes", "-r", BUILD_LOCK])
        run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
             ROOT])
        stamp.write_text(wanted)
    return venv_python(venv)


def folder_size(folder: Path) -> int:
    """Bytes on disk; symlinks (PyInstaller links Qt libraries) count once, as their target."""
    return sum(
        path.stat().st_size
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def make_archive(folder: Path, version: str) -> Path:
    """The folder compressed the way it would be shipped for the platform."""
    system = platform.system().lower()
    stem = f"{APP_NAME}-{version}-{system}-{platform.machine().lower()}"
    if os.name == "nt":
        target = DIST / f"{stem}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(folder.rglob("*")):
                archive.write(path, path.relative_to(folder.parent))
    else:
        # xz: a third smaller than gzip -9 on these binaries (~78 vs ~102 MB), the usual
        # format for Linux application tarballs; preset 6 is xz's own default trade-off.
        target = DIST / f"{stem}.tar.xz"
        with tarfile.open(target, "w:xz", preset=6) as archive:
            archive.add(folder, arcname=folder.name)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=default_venv(), help="build environment")
    parser.add_argument("--fresh", action="store_true", help="recreate the build environment")
    parser.add_argument("--workpath", type=Path, help="PyInstaller work folder (not in build/)")
    parser.add_argument("--self-test", action="store_true", help="run the frozen self-test")
    parser.add_argument("--archive", action="store_true", help="also write a compressed archive")
    args = parser.parse_args()
    workpath = args.workpath or args.venv.parent / "pyinstaller-work"
    build_folder = (ROOT / "build").resolve()
    if workpath.resolve() == build_folder or build_folder in workpath.resolve().parents:
        parser.error("the work path must be outside build/")
    version = app_version()
    timings: dict[str, float] = {}

    started = time.perf_counter()
    python = prepare_venv(args.venv, args.fresh)
    timings["environment"] = time.perf_counter() - started

    started = time.perf_counter()
    run([python, ROOT / "build" / "make_icons.py", "--out", DIST / "build-support"])
    run(
        [python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--workpath", workpath, "--distpath", DIST, ROOT / "installer.spec"],
        cwd=ROOT,
    )
    timings["pyinstaller"] = time.perf_counter() - started
    bundle = DIST / APP_NAME

    started = time.perf_counter()
    run([python, ROOT / "build" / "check_bundle.py", bundle])
    problems = forbidden_files(bundle)
    app_bundle = DIST / f"{APP_NAME}.app"  # macOS: the .app is what ships; check it too
    if app_bundle.is_dir():
        problems += forbidden_files(app_bundle)
        for problem in problems:
            print(f"forbidden in {app_bundle.name}: {problem}", file=sys.stderr)
    timings["check"] = time.perf_counter() - started
    if problems:  # check_bundle already failed loudly; this is a belt for direct callers
        return 1

    if args.self_test:
        started = time.perf_counter()
        executable = bundle / (f"{APP_NAME}.exe" if os.name == "nt" else APP_NAME)
        run([executable, "--self-test"])
        timings["self-test"] = time.perf_counter() - started

    print(f"\n{APP_NAME} {version} built in {bundle}")
    print(f"  folder size: {folder_size(bundle) / MB:.1f} MB (goal < 250 MB)")
    if args.archive:
        started = time.perf_counter()
        archive = make_archive(bundle, version)
        timings["archive"] = time.perf_counter() - started
        print(f"  archive: {archive.name} {archive.stat().st_size / MB:.1f} MB (goal < 100 MB)")
    for step, seconds in timings.items():
        print(f"  {step:<12} {seconds:7.1f} s")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as error:
        print(f"build failed: {error}", file=sys.stderr)
        sys.exit(error.returncode or 1)
