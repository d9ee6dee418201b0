"""``RootingFuture --self-test``: prove an installed or frozen build works, without a display.

Runs the engine's headless checks (``engine.selftest``) and then starts the
real desktop entry point offscreen on the same temporary data folder, waits
for the main window, checks the library shows the plan the earlier step saved,
and closes it. One line per step, then a verdict; exit code 0 only when every
step passed. The temporary folder is removed on success and kept (its path
printed, with the log) on failure, so support can ask for it.

Options: ``--only STEP[,STEP]`` runs a subset (the frozen cold-start benchmark
uses ``--only window``); ``--report FILE`` also writes the report to a file,
which is how a windowed Windows build started from Explorer can still tell.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from desktop.console import attach_console
from engine.logs import configure_logging
from engine.selftest import SelfTestFailure, StepResult, engine_checks, run_step
from engine.version import app_version

STEPS = ("build", "licence", "database", "plan", "export", "window")
WINDOW_TIMEOUT_MS = 60_000


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rooting-future --self-test",
        description="Check that this installation works (no display needed).",
    )
    parser.add_argument("--self-test", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--only", default="", help=f"comma-separated steps to run, among {', '.join(STEPS)}"
    )
    parser.add_argument("--report", type=Path, help="also write the report to this file")
    return parser


def check_window(home: Path) -> str:
    """Start the app's real entry point offscreen; the window must show the saved plans."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import main as desktop_main

    seen: dict[str, object] = {}

    def on_shown(window: object) -> None:
        seen["title"] = window.windowTitle()  # type: ignore[attr-defined]
        library = getattr(window, "library", None)
        model = getattr(library, "model", None)
        seen["rows"] = model.rowCount() if model is not None else None
        window.close()  # type: ignore[attr-defined]
        QApplication.quit()

    started = time.perf_counter()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    # A watchdog: a window that never appears must fail the step, not hang the build.
    QTimer.singleShot(WINDOW_TIMEOUT_MS, app, QApplication.quit)
    code = desktop_main(home=home, on_shown=on_shown, show_licence_dialog=False)
    if "title" not in seen:
        raise SelfTestFailure(f"the main window did not appear (exit code {code})")
    if code != 0:
        raise SelfTestFailure(f"the app exited with code {code}")
    rows = seen["rows"]
    library = f"library lists {rows} plan(s)" if rows is not None else "library not found"
    return (
        f"main window {seen['title']!r} shown offscreen after "
        f"{(time.perf_counter() - started) * 1000:.0f} ms and closed; {library}"
    )


def header() -> str:
    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    return (
        f"Rooting Future {app_version()} self-test ({frozen}; {platform.system()} "
        f"{platform.machine()}; Python {platform.python_version()})"
    )


def format_step(result: StepResult) -> str:
    mark = " OK " if result.ok else "FAIL"
    return f"[{mark}] {result.name:<9} {result.seconds * 1000:>7.0f} ms  {result.detail}"


def selected_steps(only: str) -> list[str]:
    wanted = [step.strip() for step in only.split(",") if step.strip()] or list(STEPS)
    unknown = [step for step in wanted if step not in STEPS]
    if unknown:
        raise ValueError(
            f"unknown step(s) {', '.join(unknown)}: choose among {', '.join(STEPS)}"
        )
    return wanted


def run(argv: Sequence[str]) -> int:
    """Run the chosen steps and print the report; 0 only if every step passed."""
    attach_console()
    args, _unknown = build_parser().parse_known_args(list(argv))
    try:
        wanted = selected_steps(args.only)
    except ValueError as error:
        print(f"--only: {error}", file=sys.stderr)
        return 2
    home = Path(tempfile.mkdtemp(prefix="rooting-future-selftest-"))
    # Tracebacks of failed steps go to the kept log, not the console.
    log_file = configure_logging(home)
    lines: list[str] = [header(), f"temporary data folder: {home}"]
    emit = _printer(lines, sys.stdout)
    for line in lines:
        emit(line, record=False)
    checks: dict[str, Callable[[], str]] = dict(engine_checks(home))
    checks["window"] = lambda: check_window(home)
    started = time.perf_counter()
    results = []
    with isolated_environment():
        for name in wanted:
            result = run_step(name, checks[name])
            results.append(result)
            emit(format_step(result))
    passed = sum(result.ok for result in results)
    total = time.perf_counter() - started
    _detach_log(log_file)  # before removing the folder: Windows cannot delete an open file
    if passed == len(results):
        emit(f"Self-test passed: {passed}/{len(results)} steps in {total:.1f} s")
        shutil.rmtree(home, ignore_errors=True)
        code = 0
    else:
        emit(
            f"Self-test FAILED: {len(results) - passed} of {len(results)} steps failed "
            f"({total:.1f} s). Data and log kept in {home}"
        )
        code = 1
    if args.report is not None:
        args.report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return code


# No display is needed and none is shown; the user's real OS keyring (global, not tied to a
# data folder; on macOS it can prompt) is never read or written by a self-test.
SELF_TEST_ENVIRONMENT = {
    "QT_QPA_PLATFORM": "offscreen",
    "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    "ROOTING_FUTURE_PRERENDER": "0",  # no background renders racing the steps
}


@contextlib.contextmanager
def isolated_environment() -> Iterator[None]:
    """Set ``SELF_TEST_ENVIRONMENT`` for the steps, then put the caller's values back."""
    saved = {name: os.environ.get(name) for name in SELF_TEST_ENVIRONMENT}
    os.environ.update(SELF_TEST_ENVIRONMENT)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _detach_log(log_file: Path) -> None:
    """Stop logging into the temporary folder (it may be gone; the caller may go on)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", None) == str(log_file):
            root.removeHandler(handler)
            handler.close()


def _printer(lines: list[str], stream: TextIO | None) -> Callable[..., None]:
    def emit(line: str, record: bool = True) -> None:
        if record:
            lines.append(line)
        if stream is not None:
            print(line, file=stream, flush=True)

    return emit
