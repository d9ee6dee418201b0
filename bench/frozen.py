"""Benchmark of the frozen app. Run after a build: ``python bench/frozen.py [--runs N]``.

Prints, as medians of ``--runs``:

* frozen cold start to the main window: ``RootingFuture --self-test --only window``
  started as a new process, timed until it reports the window shown (offscreen);
* the same from source (``python -m desktop.launcher``), the way a developer runs it;
* the full frozen self-test (licence, migrations, offline plan, PDF/DOCX/one-pager
  export, main window), wall time;
* the onedir folder size (symlinks once) against the goal of 250 MB, and the
  archive's size against 100 MB when ``build/build_app.py --archive`` made one.

The build time is printed by ``build/build_app.py`` itself.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "build"))  # build/ holds scripts, not a package

from build_app import folder_size  # noqa: E402  (symlinks counted once, as the build reports)
from check_bundle import executable  # noqa: E402

BUNDLE = ROOT / "dist" / "RootingFuture"
MB = 1024 * 1024


def time_until(command: list[str], marker: str) -> float:
    """Seconds from process start until a line containing ``marker``; the process must pass."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    seen = None
    for line in process.stdout:  # type: ignore[union-attr]
        if seen is None and marker in line:
            seen = time.perf_counter() - started
    if process.wait(timeout=300) != 0 or seen is None:
        raise SystemExit(f"{' '.join(command)} failed (exit {process.returncode})")
    return seen


def median(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:7.0f} ms (min {min(samples) * 1000:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not executable(BUNDLE).is_file():
        raise SystemExit(f"no build in {BUNDLE}: run python build/build_app.py first")
    frozen = [str(executable(BUNDLE)), "--self-test", "--only", "window"]
    source = [sys.executable, "-m", "desktop.launcher", "--self-test", "--only", "window"]
    time_until(frozen, "[ OK ] window")  # first run: the page cache fills
    cold = [time_until(frozen, "[ OK ] window") for _ in range(args.runs)]
    from_source = [time_until(source, "[ OK ] window") for _ in range(args.runs)]
    whole = [str(executable(BUNDLE)), "--self-test"]
    full = [time_until(whole, "Self-test passed") for _ in range(3)]
    print(f"Frozen app benchmark ({BUNDLE}), medians of {args.runs} runs")
    print(f"  frozen start to main window shown   {median(cold)}")
    print(f"  from source, same path              {median(from_source)}")
    print(f"  frozen full self-test (3 runs)      {median(full)}")
    print(f"  onedir folder                       {folder_size(BUNDLE) / MB:7.1f} MB (goal < 250)")
    for archive in sorted((ROOT / "dist").glob("RootingFuture-*.*")):
        if archive.suffix in {".xz", ".zip"}:
            size = archive.stat().st_size / MB
            print(f"  archive {archive.name:<28}{size:7.1f} MB (goal < 100)")


if __name__ == "__main__":
    main()
