"""One export job: each artefact of one document rendered at most once, or read from the cache.

``ExportJob`` is shared by the user's exports (``engine.export.plan_export``) and the
background pre-render (``engine.export.prerender``): the ZIP reuses what the other formats
rendered, and with a cache each artefact is looked up by the document's content key
first. Renderers load only when their artefact is asked for (WeasyPrint, python-docx and
matplotlib are slow to import). A rendering bug reaches the user as one ``ExportError``;
its traceback goes to the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from engine.export.errors import ExportError
from engine.export.formats import ExportFormat

if TYPE_CHECKING:
    from engine.export.cache import ExportCache, Parts
    from engine.export.document import Document
    from engine.export.files import FileNames
    from engine.export.onepager import OnePagerFiles

log = logging.getLogger("rooting_future.export")
T = TypeVar("T")


class RenderCancelled(Exception):
    """A background render was told to stop (a newer version appeared, the app is closing)."""


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
        html = guard(
            "PDF", lambda: render_plan_html(self.doc, self.charts, watermark=self.watermark)
        )
        self.checkpoint()
        return guard("PDF", lambda: render_pdf(html, checkpoint=self.checkpoint).data)

    @property
    def docx(self) -> bytes:
        from engine.export.docx_writer import render_docx

        def render() -> Parts:
            self.checkpoint()
            docx = guard(
                "DOCX", lambda: render_docx(self.doc, self.charts, watermark=self.watermark)
            )
            return {"docx": docx}

        return self._cached("docx", ("docx",), render)["docx"]

    @property
    def onepager(self) -> OnePagerFiles:
        from engine.export.onepager import OnePagerFiles, render_onepager

        def render() -> Parts:
            self.checkpoint()
            files = guard("one-pager", lambda: render_onepager(self.doc, watermark=self.watermark))
            return {"pdf": files.pdf, "png": files.png}

        parts = self._cached("onepager", ("pdf", "png"), render)
        return OnePagerFiles(parts["pdf"], parts["png"])

    @property
    def html(self) -> bytes:
        from engine.export.html import render_plan_html

        def render() -> Parts:
            self.checkpoint()
            html = guard(
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
        return [(names.zip, guard("ZIP", lambda: self.zip(names)))]


# The artefacts a cache holds (the ZIP is rebuilt from them: its names depend on the call).
ARTEFACTS = ("pdf", "docx", "onepager", "html")


def guard(what: str, render: Callable[[], T]) -> T:
    """Rendering bugs become one user-facing message; the traceback goes to the log."""
    try:
        return render()
    except (ExportError, RenderCancelled):
        raise
    except Exception as error:
        log.exception("export: rendering %s failed", what)
        raise ExportError(
            it=f"Impossibile creare il file {what}: si è verificato un errore interno, registrato "
            "nel file di log. Riprovate o esportate in un altro formato.",
            en=f"Could not create the {what} file: an internal error occurred and was logged. "
            "Try again or export to another format.",
            code="render_failed",
        ) from error
