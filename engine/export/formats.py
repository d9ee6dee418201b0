"""The export formats a user can ask for, and how their names are read (CLI, settings)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from engine.export.errors import ExportError


class ExportFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    ONEPAGER = "onepager"
    HTML = "html"
    ZIP = "zip"


# The order files are written and returned in (the ZIP last: it reuses the others).
ORDER = (
    ExportFormat.PDF,
    ExportFormat.DOCX,
    ExportFormat.ONEPAGER,
    ExportFormat.HTML,
    ExportFormat.ZIP,
)
ALIASES = {"one-pager": "onepager", "one_pager": "onepager", "onepage": "onepager"}


def parse_formats(text: str) -> set[ExportFormat]:
    """Comma- or space-separated names, any case; ``all`` is every format.

    Unknown or empty input raises ``ExportError`` listing the valid names.
    """
    names = [n for n in re.split(r"[,;\s]+", (text or "").strip().lower()) if n]
    valid = ", ".join(f.value for f in ExportFormat)
    if not names:
        raise ExportError(
            it=f"Indicate almeno un formato di esportazione: {valid} (oppure all).",
            en=f"Give at least one export format: {valid} (or all).",
            code="bad_format",
        )
    if "all" in names:
        return set(ExportFormat)
    formats: set[ExportFormat] = set()
    unknown = []
    for name in names:
        try:
            formats.add(ExportFormat(ALIASES.get(name, name)))
        except ValueError:
            unknown.append(name)
    if unknown:
        listed = ", ".join(unknown)
        raise ExportError(
            it=f"Formato di esportazione sconosciuto: {listed}. Formati validi: {valid} "
            "(oppure all).",
            en=f"Unknown export format: {listed}. Valid formats: {valid} (or all).",
            code="bad_format",
        )
    return formats


def wanted_formats(formats: Iterable[ExportFormat | str]) -> set[ExportFormat]:
    """A string of names or an iterable of formats/names, as ``export_plan`` accepts them."""
    if isinstance(formats, str):
        return parse_formats(formats)
    wanted: set[ExportFormat] = set()
    for fmt in formats:
        wanted |= parse_formats(str(fmt))
    if not wanted:
        return parse_formats("")
    return wanted
