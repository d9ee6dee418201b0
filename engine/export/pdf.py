"""PDF from our HTML with WeasyPrint: offline, through the safe fetcher only.

WeasyPrint needs Pango, which can be missing on a badly packaged macOS build:
the import is deferred, and its failure becomes an ``ExportError`` that names
the formats still available (DOCX, HTML) instead of a crash.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from engine.export.errors import ExportError
from engine.paths import resources_root

log = logging.getLogger("rooting_future.export")

# One font configuration per process: building it scans the system fonts and registering our
# @font-face files writes and parses 2 MB each time; WeasyPrint keys added faces by their
# rule, so later renders reuse them. Pango's font map is not thread-safe, hence the lock:
# renders run one at a time (each is CPU-bound in one core anyway).
RENDER_LOCK = threading.RLock()
_font_config: Any = None


def _release_fonts() -> None:
    """Free the cached font setup while modules still exist (its __del__ needs them)."""
    global _font_config
    _font_config = None


atexit.register(_release_fonts)
# A layout allocates over a million objects in reference cycles (boxes point at their
# parents). With the collector on, it re-scans them again and again while the render runs
# (a sixth of the time) and promotes them to older generations, where freeing them later
# takes a slow full collection. So the collector pauses while rendering, and one collection
# of the youngest generation (where all of the render's objects still are) frees them after.
_paused = 0


@contextlib.contextmanager
def relaxed_gc() -> Iterator[None]:
    """Pause the cyclic collector during a render, then free the render's cycles at once."""
    global _paused
    with RENDER_LOCK:
        outermost = _paused == 0
        was_enabled = gc.isenabled()
        if outermost and was_enabled:
            gc.disable()
        _paused += 1
        try:
            yield
        finally:
            _paused -= 1
            if outermost and was_enabled:
                gc.enable()
                gc.collect(0)


@dataclass(frozen=True, slots=True)
class RenderedPdf:
    data: bytes
    pages: int


def resources_url() -> str:
    """Base URL of relative links in our templates (fonts/...): the packaged resources."""
    return resources_root().resolve().as_uri() + "/"


def engine_unavailable(error: BaseException) -> ExportError:
    log.error("PDF engine unavailable: %s", error)
    return ExportError(
        it="Il motore PDF (WeasyPrint/Pango) non è disponibile su questo computer: esportate in "
        "DOCX o HTML, oppure reinstallate Rooting Future.",
        en="The PDF engine (WeasyPrint/Pango) is not available on this computer: export to DOCX "
        "or HTML, or reinstall Rooting Future.",
        code="pdf_engine",
    )


def layout(html: str, fetcher: Any = None) -> Any:
    """Lay out the pages (a WeasyPrint ``Document``) without writing them yet."""
    try:
        from weasyprint import HTML
        from weasyprint.text.fonts import FontConfiguration

        from engine.export.fetcher import SafeFetcher
    except (ImportError, OSError) as error:  # OSError: Pango/GObject libraries missing
        raise engine_unavailable(error) from error
    global _font_config
    fetcher = fetcher if fetcher is not None else SafeFetcher()
    with relaxed_gc():
        if _font_config is None:
            _font_config = FontConfiguration()
        return HTML(string=html, base_url=resources_url(), url_fetcher=fetcher).render(
            font_config=_font_config
        )


def write(document: Any, *, full_fonts: bool = False) -> RenderedPdf:
    with relaxed_gc():
        data = document.write_pdf(full_fonts=full_fonts)
    return RenderedPdf(data, len(document.pages))


def render_pdf(
    html: str,
    *,
    fetcher: Any = None,
    full_fonts: bool = False,
    checkpoint: Callable[[], None] | None = None,
) -> RenderedPdf:
    """HTML -> PDF bytes. ``full_fonts`` embeds whole font files (the benchmark's naive way).

    ``checkpoint`` runs between layout and writing, so a background render can stop there.
    """
    with relaxed_gc():
        document = layout(html, fetcher)
        if checkpoint is not None:
            checkpoint()
        return write(document, full_fonts=full_fonts)
