"""The one error an export raises: a ``UserError`` worded in Italian and English.

The CLI and the desktop show ``message(lang)``; the cause (with traceback) goes
to the log, never to the screen.
"""

from __future__ import annotations

from engine.errors import UserError


class ExportError(UserError):
    """A failure the user can act on (bad logo, unwritable folder, unknown format...)."""

    def __init__(self, *, it: str, en: str, code: str = "export") -> None:
        super().__init__(it=it, en=en, code=code)
