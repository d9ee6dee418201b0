"""The app in a real window on a real X server, walked through its widgets (issue 14).

The rest of the suite draws offscreen; this test starts its own ``Xvfb`` on a
free display and runs ``real_window.py`` in a subprocess with the xcb platform
(the one a user's Linux desktop loads) on a scratch data folder. The walk goes
licence dialog -> library -> questionnaire (an example club) -> the offline
plan -> an edited objective -> history -> export PDF, DOCX and one-pager,
grabbing the window at every step. Here we check its JSON report: the walk
completed, every screenshot has a picture in it, and no widget showed ``None``,
``Error(``, ``Traceback`` or a command line.

The screenshots, the report and the app's log are kept in ``dist/ci-screenshots/``
(``ROOTING_FUTURE_SCREENSHOTS`` chooses another folder): CI keeps them as artefacts.

Without Xvfb the test is skipped, except in CI (``CI=true``), where ``.ci/run``
installs it and a missing X server is a failure.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
WALKER = Path(__file__).with_name("real_window.py")
SHOTS_ENV = "ROOTING_FUTURE_SCREENSHOTS"
DEFAULT_SHOTS = ROOT / "dist" / "ci-screenshots"
SCREEN = "1280x1024x24"
WALK_TIMEOUT_S = 240  # a hang is a failure with the report's last step, never a stuck CI
MIN_COLOURS = 32  # a blank or black grab has one or two; the app's screens 350 or more
MAX_SHARE = 0.95  # of the samples in the commonest colour (the app's screens: 80% at most)


@contextmanager
def xvfb(log: Path) -> Iterator[str]:
    """A private X server on a free display (``-displayfd``: the server picks the number and
    writes it once it accepts connections); always stopped."""
    executable = shutil.which("Xvfb")
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Xvfb is missing: .ci/run installs it (apt-get install xvfb)")
        pytest.skip("Xvfb is not installed (apt-get install xvfb); CI runs this test")
    read_end, write_end = os.pipe()
    with log.open("wb") as output:
        server = subprocess.Popen(
            [executable, "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp"],
            pass_fds=(write_end,),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    os.close(write_end)
    try:
        number = b""
        deadline = time.monotonic() + 30
        while not number.endswith(b"\n"):
            left = deadline - time.monotonic()
            ready, _, _ = select.select([read_end], [], [], max(0.0, left))
            chunk = os.read(read_end, 16) if ready else b""
            if not chunk:
                pytest.fail(
                    f"Xvfb did not start (exit code {server.poll()}):\n"
                    + log.read_text("utf-8", "replace")[-2000:]
                )
            number += chunk
        display = int(number)
        socket = Path(f"/tmp/.X11-unix/X{display}")
        deadline = time.monotonic() + 10
        while not socket.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert socket.exists(), f"Xvfb reported display :{display} but {socket} never appeared"
        yield f":{display}"
    finally:
        os.close(read_end)
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)


def publish(shots: Path, log: Path) -> Path:
    """Copy the run's screenshots, report and app log to the artefacts folder, replacing the
    previous run's. The walk writes to its own folder and the checks read that one: two runs
    in one checkout (two people, two terminals) never read each other's files."""
    folder = Path(os.environ.get(SHOTS_ENV) or DEFAULT_SHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    for old in [*folder.glob("*.png"), folder / "report.json", folder / "app.log"]:
        old.unlink(missing_ok=True)  # only what this test writes: the folder may be shared
    for path in [*shots.iterdir(), log]:
        if path.is_file():
            shutil.copy(path, folder / ("app.log" if path == log else path.name))
    return folder


def blank(path: Path) -> str | None:
    """Why the picture is blank (one colour, unreadable), or None when it shows something."""
    image = QImage(str(path))
    if image.isNull() or image.width() < 100 or image.height() < 100:
        return f"unreadable or tiny ({image.width()}x{image.height()})"
    step = max(1, min(image.width(), image.height()) // 150)
    counts: dict[int, int] = {}
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colour = image.pixel(x, y)
            counts[colour] = counts.get(colour, 0) + 1
    share = max(counts.values()) / sum(counts.values())
    if len(counts) < MIN_COLOURS or share > MAX_SHARE:
        return f"{len(counts)} colours, {share:.1%} of it one colour"
    return None


def missing_xcb_libraries() -> list[str]:
    """The shared libraries Qt's xcb platform plugin needs and this machine lacks."""
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    missing: set[str] = set()
    for library in (qt / "plugins" / "platforms" / "libqxcb.so", *qt.glob("lib/libQt6XcbQpa.so*")):
        if library.exists() and shutil.which("ldd"):
            result = subprocess.run(["ldd", str(library)], capture_output=True, text=True)
            missing |= {
                line.split()[0] for line in result.stdout.splitlines() if "not found" in line
            }
    return sorted(missing)


def walk_failure(report: dict[str, Any], result: Any, folder: Path) -> str:
    steps = ", ".join(step["name"] for step in report.get("steps", [])) or "none"
    where = report.get("current_step")
    lines = [
        f"the real-window walk stopped at {where!r}"
        if where
        else "the app did not start under Xvfb (see stderr below)",
        f"error: {report.get('error')}",
        f"steps done: {steps}",
        f"screenshots and report: {folder}",
    ]
    stderr = getattr(result, "stderr", "") or ""
    if "platform plugin" in stderr or report.get("platform") is None:
        missing = missing_xcb_libraries()
        if missing:
            lines.append(
                "Qt's xcb platform plugin cannot load, missing: "
                + ", ".join(missing)
                + " (on Debian: the libxcb-* packages of the same names, in scripts/system-deps.sh)"
            )
    if stderr.strip():
        lines.append("stderr (end):\n" + stderr[-3000:])
    return "\n".join(lines)


@pytest.mark.slow
def test_the_app_walked_in_a_real_x11_window(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    report_path = shots / "report.json"
    home = tmp_path / "home"
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    with xvfb(tmp_path / "xvfb.log") as display:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("QT_QPA_PLATFORM", "ROOTING_FUTURE_PRERENDER", "WAYLAND_DISPLAY")
        }
        env.update(
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            ROOTING_FUTURE_HOME=str(home),
            # the user's real OS keyring is global: the scratch app must not touch it
            PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
            XDG_RUNTIME_DIR=str(runtime),
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        )
        command = [
            sys.executable,
            str(WALKER),
            "--out",
            str(shots),
            "--export",
            str(tmp_path / "export"),
            "--report",
            str(report_path),
        ]
        try:
            result: Any = subprocess.run(
                command,
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=WALK_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired as timeout:
            result = timeout
            result.returncode = None
            result.stderr = (timeout.stderr or b"").decode("utf-8", "replace")
    shots.mkdir(exist_ok=True)
    folder = publish(shots, home / "logs" / "rooting-future.log")
    if not report_path.exists():
        pytest.fail(walk_failure({}, result, folder))
    report = json.loads(report_path.read_text("utf-8"))

    assert report["platform"] == "xcb", walk_failure(report, result, folder)
    if result.returncode is None:
        pytest.fail(f"timed out after {WALK_TIMEOUT_S} s; " + walk_failure(report, result, folder))
    assert report["completed"] and result.returncode == 0, walk_failure(report, result, folder)

    problems = []
    for dialog in report["unexpected_dialogs"]:
        problems.append(
            f"a {dialog['dialog']} popped up during {dialog['step']!r} ({dialog['png']}): "
            + " | ".join(dialog["texts"])[:600]
        )
    seen: dict[tuple[str, str, str], list[str]] = {}
    for finding in report["findings"]:
        key = (finding["widget"], finding["property"], finding["text"])
        seen.setdefault(key, []).append(finding["step"])
        if len(seen[key]) == 1:
            problems.append(
                f"{finding['forbidden']!r} on screen at {finding['step']!r} in "
                f"{finding['widget']} ({finding['property']}): {finding['text']!r}"
            )
    for step in report["steps"]:
        why = blank(shots / step["png"])
        if why is not None:
            problems.append(f"screenshot {step['png']} ({step['name']}) looks blank: {why}")
    names = [step["name"] for step in report["steps"]]
    for needed in ("library-empty", "wizard-7-review", "plan-summary", "export-done"):
        if needed not in names:
            problems.append(f"no screenshot of {needed}")
    exported = {item["name"]: item["bytes"] for item in report["exported"]}
    suffixes = sorted(Path(name).suffix for name in exported)
    if suffixes.count(".pdf") < 2 or ".docx" not in suffixes or ".png" not in suffixes:
        problems.append(f"the export wrote {sorted(exported)}: PDF, DOCX and one-pager wanted")
    problems += [f"{name} is empty" for name, size in exported.items() if not size]
    assert not problems, f"{len(problems)} problems (see {folder}):\n" + "\n".join(problems)


def test_the_walks_reader_finds_what_users_must_not_see(qtbot) -> None:
    """The screen reader of the walk, offscreen: what it flags, and what it leaves alone."""
    from PySide6.QtWidgets import (
        QFormLayout,
        QLabel,
        QListWidget,
        QPushButton,
        QVBoxLayout,
        QWidget,
    )
    from real_window import scan

    page = QWidget()
    page.setWindowTitle("Rooting Future")
    layout = QVBoxLayout(page)
    form = QFormLayout()
    box = QWidget()
    column = QVBoxLayout(box)
    column.addWidget(QLabel("Scegli…"))
    column.addWidget(QLabel("Valore non ammesso (trovato: None)"))  # a field's message
    form.addRow("Regione", box)
    layout.addLayout(form)
    button = QPushButton("Riprova")
    button.setToolTip("rooting-future licence request --out richiesta.txt")
    items = QListWidget()
    items.addItem("Traceback (most recent call last):")
    hidden = QLabel("ServiceError('conflict')")
    fine = QLabel("Nessuno · Nonna · 2026–2028 · per-sé – ok")
    for widget in (button, items, hidden, fine):
        layout.addWidget(widget)
    hidden.setVisible(False)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)

    count, findings = scan("unit")

    assert count > 5
    found = {(f["forbidden"], f["property"]) for f in findings}
    assert found == {("None", "text"), ("command line", "tooltip"), ("Traceback", "item (0, 0)")}
    assert next(f for f in findings if f["forbidden"] == "None")["widget"].endswith(
        "QLabel [field 'Regione']"
    )


def test_a_blank_screenshot_is_told_apart(tmp_path: Path) -> None:
    from PySide6.QtGui import QColor

    image = QImage(1200, 780, QImage.Format.Format_RGB32)
    image.fill(QColor("#f6f5f3"))
    image.save(str(tmp_path / "blank.png"))
    assert blank(tmp_path / "blank.png") == "1 colours, 100.0% of it one colour"
