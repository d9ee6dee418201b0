"""Exports of a plan: PDF, DOCX, one-pager (PDF + PNG preview), HTML and a ZIP of all.

Public API (what ``engine.service`` and the CLI call)::

    from engine.export import ExportError, ExportFormat, export_plan, parse_formats

    formats = parse_formats("pdf,docx,onepager")      # ExportError on unknown names
    paths = export_plan(plan, formats, Path("out"), watermark=not licensed, version=3)

``ExportFormat`` (StrEnum): ``pdf``, ``docx``, ``onepager``, ``html``, ``zip``.

``parse_formats(text) -> set[ExportFormat]``: comma- or space-separated names,
case-insensitive; ``all`` means every format; ``one-pager`` is accepted.
Unknown or empty input raises ``ExportError`` with an Italian and an English
message listing the valid names.

``export_plan(plan, formats, out_dir, *, watermark=False, version=None,
logo=None, base_name=None, cache=None) -> list[Path]``: builds the document
model once, renders each requested format once (the ZIP reuses them), writes
the files atomically into ``out_dir`` (created if missing) and returns their
paths in the order pdf, docx, one-pager PDF, one-pager PNG, html, zip. With a
``cache`` (``engine.export.cache.ExportCache``) each format is first looked up
by the content key of the document (``engine.export.fingerprint``): a hit
returns the bytes rendered before, a miss renders and stores them; an export
of a version the app pre-rendered (``engine.export.prerender``) renders nothing.
File names come from the club name and the seasons, plus ``_v<version>``
(e.g. ``ASD-Virtus-Seregno-Calcio_2026-27_2028-29_v3.pdf``); ``base_name``
replaces that stem. Names are ASCII, without characters or device names
Windows refuses. The one-pager is ``<stem>_sintesi.pdf/.png`` (``_summary``
for English plans). ``watermark=True`` stamps every page "COPIA DI
VALUTAZIONE / EVALUATION COPY" (the licensing issue sets it when unlicensed).
``logo`` is an explicit logo file (PNG/JPEG/SVG, checked and sanitised);
without it the club's ``logo_file`` is used when it is an absolute path that
exists (a relative one needs the club file's folder: pass ``logo=`` resolved).

``ExportError`` has ``.messages = (it, en)``, ``.message(lang)`` and ``.code``:
bad logo, unwritable folder, file locked by another program, PDF engine
missing, unknown format. Nothing else escapes ``export_plan`` except bugs;
rendering failures are logged with their traceback and raised as
``ExportError`` so users never see a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import secrets
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from engine.domain.language import Language
from engine.export.errors import ExportError

if TYPE_CHECKING:
    from engine.domain.plan import Plan
    from engine.export.cache import ExportCache, Parts
    from engine.export.document import Document
    from engine.export.onepager import OnePagerFiles

log = logging.getLogger("rooting_future.export")
T = TypeVar("T")

__all__ = [
    "ExportError",
    "ExportFormat",
    "RenderCancelled",
    "export_plan",
    "parse_formats",
    "safe_file_stem",
]


class RenderCancelled(Exception):
    """A background render was told to stop (a newer version appeared, the app is closing)."""


class ExportFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    ONEPAGER = "onepager"
    HTML = "html"
    ZIP = "zip"


ORDER = (
    ExportFormat.PDF,
    ExportFormat.DOCX,
    ExportFormat.ONEPAGER,
    ExportFormat.HTML,
    ExportFormat.ZIP,
)
ALIASES = {"one-pager": "onepager", "one_pager": "onepager", "onepage": "onepager"}


def parse_formats(text: str) -> set[ExportFormat]:
    names = [n for n in re.split(r"[,;\s]+", (text or "").strip().lower()) if n]
    valid = ", ".join(f.value for f in ExportFormat)
    if not names:
        raise ExportError(
            f"Indicate almeno un formato di esportazione: {valid} (oppure all).",
            f"Give at least one export format: {valid} (or all).",
            "bad_format",
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
            f"Formato di esportazione sconosciuto: {listed}. Formati validi: {valid} (oppure all).",
            f"Unknown export format: {listed}. Valid formats: {valid} (or all).",
            "bad_format",
        )
    return formats


# --- file names --------------------------------------------------------------------------

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


# --- one export job: each artefact rendered at most once -------------------------------------


class ExportJob:
    """Lazy artefacts of one document: the ZIP reuses what the other formats rendered.

    With a ``cache`` every artefact is looked up by the document's content key first,
    and stored after a render. ``checkpoint`` is called between the stages of a long
    render (HTML, layout, PDF): a background pre-render raises ``RenderCancelled``
    there to stop early.
    """

    def __init__(
        self,
        doc: Document,
        *,
        watermark: bool = False,
        cache: ExportCache | None = None,
        checkpoint: Callable[[], None] | None = None,
    ) -> None:
        from engine.export.charts import ChartRenderer

        self.doc = doc
        self.watermark = watermark
        self.charts = ChartRenderer()
        self.cache = cache
        self.checkpoint = checkpoint or (lambda: None)
        self.rendered: list[str] = []  # artefacts this job rendered (not read from the cache)
        self._parts: dict[str, Parts] = {}
        self._key: str | None = None

    @property
    def key(self) -> str:
        """The content key of this document's exports (computed on first use)."""
        if self._key is None:
            from engine.export.fingerprint import export_key

            self._key = export_key(self.doc, watermark=self.watermark)
        return self._key

    def _cached(self, artefact: str, names: tuple[str, ...], render: Callable[[], Parts]) -> Parts:
        """Once per job; from the cache when there is one.

        A plain dict rather than ``functools.cached_property``: on Python 3.11 that holds
        one lock per property across every instance, so a background pre-render of one
        plan would block a user's export of another.
        """
        if artefact in self._parts:
            return self._parts[artefact]

        def counted() -> Parts:
            parts = render()
            self.rendered.append(artefact)
            return parts

        if self.cache is None:
            parts = counted()
        else:
            parts = self.cache.fetch(self.key, artefact, names, counted)
        self._parts[artefact] = parts
        return parts

    @property
    def pdf(self) -> bytes:
        return self._cached("pdf", ("pdf",), lambda: {"pdf": self._render_pdf()})["pdf"]

    def _render_pdf(self) -> bytes:
        from engine.export.html import render_plan_html
        from engine.export.pdf import render_pdf

        self.checkpoint()
        html = _guard(
            "PDF", lambda: render_plan_html(self.doc, self.charts, watermark=self.watermark)
        )
        self.checkpoint()
        return _guard("PDF", lambda: render_pdf(html, checkpoint=self.checkpoint).data)

    @property
    def docx(self) -> bytes:
        from engine.export.docx_writer import render_docx

        def render() -> Parts:
            self.checkpoint()
            docx = _guard(
                "DOCX", lambda: render_docx(self.doc, self.charts, watermark=self.watermark)
            )
            return {"docx": docx}

        return self._cached("docx", ("docx",), render)["docx"]

    @property
    def onepager(self) -> OnePagerFiles:
        from engine.export.onepager import OnePagerFiles, render_onepager

        def render() -> Parts:
            self.checkpoint()
            files = _guard("one-pager", lambda: render_onepager(self.doc, watermark=self.watermark))
            return {"pdf": files.pdf, "png": files.png}

        parts = self._cached("onepager", ("pdf", "png"), render)
        return OnePagerFiles(parts["pdf"], parts["png"])

    @property
    def html(self) -> bytes:
        from engine.export.html import render_plan_html

        def render() -> Parts:
            self.checkpoint()
            html = _guard(
                "HTML",
                lambda: render_plan_html(
                    self.doc, self.charts, watermark=self.watermark, mode="file"
                ).encode("utf-8"),
            )
            return {"html": html}

        return self._cached("html", ("html",), render)["html"]

    def artefact(self, name: str) -> object:
        """``pdf``, ``docx``, ``onepager`` or ``html``: rendered (or read) once."""
        if name not in ARTEFACTS:
            raise ValueError(f"unknown artefact {name!r}")
        return getattr(self, name)

    def zip(self, names: FileNames) -> bytes:
        import datetime as dt

        from engine.export.package import build_zip, readme_text

        listing = {
            "pdf": names.pdf,
            "docx": names.docx,
            "onepager": names.onepager_pdf,
            "png": names.onepager_png,
            "html": names.html,
            "json": names.json,
        }
        readme = readme_text(self.doc, listing, watermark=self.watermark)
        entries = [
            (names.pdf, self.pdf),
            (names.docx, self.docx),
            (names.onepager_pdf, self.onepager.pdf),
            (names.onepager_png, self.onepager.png),
            (names.html, self.html),
            (names.json, self.doc.plan_json.encode("utf-8")),
            (names.readme, readme.encode("utf-8")),
        ]
        return build_zip(entries, dt.datetime.fromisoformat(self.doc.created_iso))

    def files(self, fmt: ExportFormat, names: FileNames) -> list[tuple[str, bytes]]:
        if fmt is ExportFormat.PDF:
            return [(names.pdf, self.pdf)]
        if fmt is ExportFormat.DOCX:
            return [(names.docx, self.docx)]
        if fmt is ExportFormat.ONEPAGER:
            return [
                (names.onepager_pdf, self.onepager.pdf),
                (names.onepager_png, self.onepager.png),
            ]
        if fmt is ExportFormat.HTML:
            return [(names.html, self.html)]
        return [(names.zip, _guard("ZIP", lambda: self.zip(names)))]


# The artefacts a cache holds (the ZIP is rebuilt from them: its names depend on the call).
ARTEFACTS = ("pdf", "docx", "onepager", "html")


def _guard(what: str, render: Callable[[], T]) -> T:
    """Rendering bugs become one user-facing message; the traceback goes to the log."""
    try:
        return render()
    except (ExportError, RenderCancelled):
        raise
    except Exception as error:
        log.exception("export: rendering %s failed", what)
        raise ExportError(
            f"Impossibile creare il file {what}: si è verificato un errore interno, registrato "
            "nel file di log. Riprovate o esportate in un altro formato.",
            f"Could not create the {what} file: an internal error occurred and was logged. "
            "Try again or export to another format.",
            "render_failed",
        ) from error


# --- the entry point ---------------------------------------------------------------------------


def export_plan(
    plan: Plan,
    formats: Iterable[ExportFormat | str],
    out_dir: Path,
    *,
    watermark: bool = False,
    version: int | None = None,
    logo: Path | None = None,
    base_name: str | None = None,
    cache: ExportCache | None = None,
) -> list[Path]:
    from engine.export.document import build_document
    from engine.export.prerender import foreground

    wanted = _formats(formats)
    folder = _prepare_folder(Path(out_dir))
    doc = build_document(plan, version=version, logo=logo)
    job = ExportJob(doc, watermark=watermark, cache=cache)
    names = FileNames(doc, base_name, version)
    written: list[Path] = []
    with foreground():  # a background pre-render pauses between artefacts meanwhile
        for fmt in ORDER:
            if fmt in wanted:
                for name, data in job.files(fmt, names):
                    written.append(_write(folder / name, data))
    return written


def _formats(formats: Iterable[ExportFormat | str]) -> set[ExportFormat]:
    if isinstance(formats, str):
        return parse_formats(formats)
    wanted = set()
    for fmt in formats:
        wanted |= parse_formats(str(fmt))
    if not wanted:
        return parse_formats("")
    return wanted


def _prepare_folder(folder: Path) -> Path:
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
            f"Non è possibile scrivere nella cartella «{folder}»: sceglietene un'altra "
            "o controllate i permessi.",
            f"Cannot write to the folder '{folder}': choose another one or check its permissions.",
            "folder_not_writable",
        ) from None
    sweep_stale_temporaries(folder)
    return folder


# --- temporary files -----------------------------------------------------------------------

PROBE_PREFIX = ".rf-probe-"
STALE_AFTER_S = 5 * 60  # far longer than writing one file takes: older ones were left behind
# What a write (``.<name>.<8 random>.tmp``) or the folder probe leave when the process is
# killed: only these exact shapes are ever deleted, never a user's own file.
_OUR_TEMPORARY = re.compile(
    r"\.[A-Za-z0-9][A-Za-z0-9._-]*\.(?:pdf|docx|png|html|zip)\.[a-z0-9_]{8}\.tmp"
    rf"|{re.escape(PROBE_PREFIX)}[a-z0-9_]{{8}}"
)


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


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A new file ``.<name>.<8 random>.tmp`` beside ``path``, opened for writing.

    Created with mode 0o666, which the operating system narrows by the user's umask as
    for any new file: an export is a document to share, not a private 0600 file, and
    nothing changes the process-wide umask (other threads create files meanwhile).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = f".{path.name}.{secrets.token_hex(4)}.tmp"
        temporary = str(path.parent / name)
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))


def _write(path: Path, data: bytes) -> Path:
    """Write beside the target and rename: a failed export never leaves half a file."""
    temporary = None
    try:
        handle, temporary = _temporary_beside(path)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        log.warning("export: cannot write %s: %s", path, error)
        raise ExportError(
            f"Non è possibile scrivere il file «{path.name}»: se è aperto in un altro programma "
            "chiudetelo e riprovate, oppure scegliete un'altra cartella.",
            f"Cannot write the file '{path.name}': if it is open in another program close it "
            "and try again, or choose another folder.",
            "file_not_writable",
        ) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return path
