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


class UnknownPage(ExportError):
    """The plan view asked for a page the plan does not have (an objective removed by an
    edit in another window, say)."""

    def __init__(self, key: str) -> None:
        name = key.partition(":")[2] or key
        super().__init__(
            it=f"Il piano non ha la pagina «{name}»: sceglietene un'altra dall'elenco.",
            en=f"The plan has no page '{name}': choose another one from the list.",
            code="unknown_page",
        )
