"""A console for a windowed Windows build, so ``--self-test`` can print its report.

PyInstaller's windowed (``console=False``) executables start with no standard
streams on Windows: ``sys.stdout`` is None and prints vanish. When started from
a terminal, attaching to the parent's console makes the report visible there;
elsewhere nothing changes (macOS and Linux keep their streams).
"""

from __future__ import annotations

import sys


def attach_console() -> bool:
    """Attach stdout/stderr to the parent console if we have none; True if attached."""
    if sys.platform != "win32" or sys.stdout is not None:
        return False
    import ctypes

    attach_parent_process = -1
    if not ctypes.windll.kernel32.AttachConsole(attach_parent_process):  # type: ignore[attr-defined]
        return False
    sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
    sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
    return True
