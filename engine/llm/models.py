"""Gemini model names: which one is the newest Flash, and which family a name belongs to.

Models are retired within a year (gemini-2.5-flash was shut down in 2026), and an
installed app cannot wait for a release each time. When the configured model is gone,
the app lists what the key may use (``models.list``) and names the newest generally
available Flash model, parsed from the names themselves so no new release is needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# "gemini-3.8-flash", "gemini-3-flash", and dated GA names like "gemini-3.8-flash-001";
# previews, Flash-Lite, image, audio and live variants are not general text models.
_FLASH = re.compile(r"^gemini-(?P<version>\d+(?:\.\d+)?)-flash(?:-(?P<build>\d{3}))?$")
_FAMILY = re.compile(r"^gemini-(?P<major>\d+)")


def flash_version(name: str) -> tuple[int, ...] | None:
    """(3, 8) for "gemini-3.8-flash"; None for anything that is not a GA Flash model."""
    match = _FLASH.match(name.strip().removeprefix("models/"))
    if match is None:
        return None
    return tuple(int(part) for part in match.group("version").split("."))


def newest_flash(names: Iterable[str]) -> str | None:
    """The newest generally available Flash model among ``names`` (None if there is none)."""
    found = [(flash_version(n), n.removeprefix("models/")) for n in names]
    ranked = sorted((v, n) for v, n in found if v is not None)
    return ranked[-1][1] if ranked else None


def uses_thinking_levels(model: str) -> bool:
    """Gemini 3 and later take ``thinking_level`` (and their own sampling); 2.x do not."""
    match = _FAMILY.match(model.strip().removeprefix("models/"))
    return match is not None and int(match.group("major")) >= 3
