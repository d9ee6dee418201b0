"""The one base of the failures a user can act on, worded for them in Italian and English.

Raise a subclass with keyword arguments only, so the two languages are never swapped:
``ServiceError(it="...", en="...", code="bad_input")``. ``code`` is a short stable
name for programs (the CLI's exit code, the desktop's reload on "conflict");
``message(language)`` is what the CLI prints and the desktop shows; ``str()`` is the
English, for the log. Any other exception that escapes is a bug, shown with its details.
``licensing.errors.UserError`` is the twin for the licensing package, which may not
import the engine.
"""

from __future__ import annotations


class UserError(Exception):
    """A failure the user can act on: what happened and what to do, in both languages."""

    def __init__(self, *, it: str, en: str, code: str) -> None:
        super().__init__(en)
        self.it = it
        self.en = en
        self.code = code

    @property
    def messages(self) -> tuple[str, str]:
        """Italian, English."""
        return self.it, self.en

    def message(self, language: str = "it") -> str:
        return self.it if language == "it" else self.en
