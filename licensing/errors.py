"""The base of the licensing failures a user can act on, in Italian and English.

The twin of ``engine.errors.UserError`` (licensing may not import the engine; the
engine importing this module would load the whole licensing package): the same
keyword-only ``it``, ``en`` and ``code``, ``message(language)`` for the screen and
``str()`` in English for the log.
"""

from __future__ import annotations


class UserError(Exception):
    """A licensing failure the user can act on, in both languages."""

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

    def bilingual(self) -> str:
        """Both languages, Italian first: what the licence commands print."""
        return f"{self.it}\n{self.en}"
