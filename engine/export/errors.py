"""The one error an export raises: worded for the user in Italian and English.

The CLI and the desktop show ``message(lang)``; the cause (with traceback) goes
to the log, never to the screen.
"""

from __future__ import annotations


class ExportError(Exception):
    """A failure the user can act on (bad logo, unwritable folder, unknown format...)."""

    def __init__(self, message_it: str, message_en: str, code: str = "export") -> None:
        super().__init__(message_en)
        self.messages = (message_it, message_en)
        self.code = code

    def message(self, language: str = "it") -> str:
        return self.messages[0 if str(language) == "it" else 1]
