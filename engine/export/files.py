"""The files an export writes: their names, the folder they go to and the writing itself.

Names are ASCII, without characters or device names Windows refuses. Files are written
with ``engine.atomic`` (temporary beside the target, then a rename), so a failed export
never leaves half a file; a killed one can leave its temporary behind, and the next
export to that folder sweeps those of exactly our naming. Every failure a user can fix
(a folder not writable, a file open in another program) is an ``ExportError``.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from engine.atomic import write_atomic
from engine.domain.language import Language
from engine.export.errors import ExportError

if TYPE_CHECKING:
    from engine.export.document import Document

log = logging.getLogger("rooting_future.export")

_WINDOWS_RESERVED = {
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
    *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10)),
}  # fmt: skip


def safe_file_stem(text: str, fallback: str = "piano", limit: int = 80) -> str:
    """ASCII letters, digits, ``-``, ``_`` and inner dots; never a Windows device name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_text)
    cleaned = re.sub(r"-{2,}", "-", cleaned).strip(" .-_")[:limit].rstrip(" .-_")
    if not cleaned:
        cleaned = fallback
    if cleaned.split(".")[0].upper() in _WINDOWS_RESERVED:
        cleaned = f"{fallback}-{cleaned}"
    return cleaned


class FileNames:
    """Club and seasons plus ``_v<version>`` (or ``base_name``); the one-pager ``_sintesi``."""

    def __init__(self, doc: Document, base_name: str | None, version: int | None) -> None:
        fallback = "piano" if doc.language is Language.IT else "plan"
        if base_name:
            stem = safe_file_stem(base_name, fallback, 120)
        else:
            club = safe_file_stem(doc.club_name, fallback, 60)
            seasons = f"{doc.seasons[0]}_{doc.seasons[-1]}".replace("/", "-")
            stem = f"{club}_{seasons}" + (f"_v{version}" if version else "")
        suffix = "sintesi" if doc.language is Language.IT else "summary"
        self.pdf = f"{stem}.pdf"
        self.docx = f"{stem}.docx"
        self.onepager_pdf = f"{stem}_{suffix}.pdf"
        self.onepager_png = f"{stem}_{suffix}.png"
        self.html = f"{stem}.html"
        self.json = f"{stem}.json"
        self.zip = f"{stem}.zip"
        self.readme = "LEGGIMI.txt" if doc.language is Language.IT else "README.txt"


# --- the folder ------------------------------------------------------------------------------

PROBE_PREFIX = ".rf-probe-"
STALE_AFTER_S = 5 * 60  # far longer than writing one file takes: older ones were left behind
# What a write (``engine.atomic``: ``.<name>.<8 hex>.tmp``) or the folder probe leave when
# the process is killed: only these exact shapes are ever deleted, never a user's own file.
# Both random parts (``tempfile``'s, and ``engine.atomic``'s 8 hex digits) fit ``[a-z0-9_]{8}``.
_OUR_TEMPORARY = re.compile(
    r"\.[A-Za-z0-9][A-Za-z0-9._-]*\.(?:pdf|docx|png|html|zip)\.[a-z0-9_]{8}\.tmp"
    rf"|{re.escape(PROBE_PREFIX)}[a-z0-9_]{{8}}"
)


def prepare_folder(folder: Path) -> Path:
    """Create ``folder`` if missing, prove it writable and sweep stale temporaries."""
    try:
        folder = folder.expanduser()
        folder.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir():
            raise NotADirectoryError(folder)
        probe = tempfile.NamedTemporaryFile(dir=folder, prefix=PROBE_PREFIX, delete=True)  # noqa: SIM115
        probe.close()
    except OSError as error:
        log.warning("export folder %s not writable: %s", folder, error)
        raise ExportError(
            it=f"Non è possibile scrivere nella cartella «{folder}»: sceglietene un'altra "
            "o controllate i permessi.",
            en=f"Cannot write to the folder '{folder}': choose another one or check its "
            "permissions.",
            code="folder_not_writable",
        ) from None
    sweep_stale_temporaries(folder)
    return folder


def sweep_stale_temporaries(folder: Path, older_than_s: float = STALE_AFTER_S) -> list[Path]:
    """Delete temporaries an earlier, killed export left in ``folder``; returns them.

    A temporary younger than ``older_than_s`` may belong to an export still running
    (another window, the CLI), so it is left alone.
    """
    removed: list[Path] = []
    cutoff = time.time() - older_than_s
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _OUR_TEMPORARY.fullmatch(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError as error:  # gone meanwhile, or not ours to delete: leave it
            log.debug("export: could not remove %s: %s", entry.path, error)
    if removed:
        log.info("export: removed %d stale temporary file(s) in %s", len(removed), folder)
    return removed


def write_file(path: Path, data: bytes) -> Path:
    """Write atomically with the user's ordinary file mode; ``ExportError`` when it fails."""
    try:
        return write_atomic(path, data)
    except OSError as error:
        log.warning("export: cannot write %s: %s", path, error)
        raise ExportError(
            it=f"Non è possibile scrivere il file «{path.name}»: se è aperto in un altro programma "
            "chiudetelo e riprovate, oppure scegliete un'altra cartella.",
            en=f"Cannot write the file '{path.name}': if it is open in another program close it "
            "and try again, or choose another folder.",
            code="file_not_writable",
        ) from None
