"""The plan on exactly one A4 page (PDF), and a PNG preview rendered from that PDF.

Texts in the document model's one-pager data are already clipped to fit
fixed boxes; the stylesheet clips what still overflows. If the page count is
still above one (an extreme club name, say), the page is laid out again in a
tighter style, and as a last resort only the first page is written: the
promise is one page, always. The preview comes from the PDF itself through
PDFium (pypdfium2 wheels exist for Windows, macOS and Linux), so it shows
exactly what will print.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import Any

from engine.export import pdf
from engine.export.document import Document
from engine.export.html import render_onepager_html

log = logging.getLogger("rooting_future.export")

PREVIEW_SCALE = 1.5  # 108 dpi: 893 x 1263 px, readable on screen, about 150-250 kB


@dataclass(frozen=True, slots=True)
class OnePagerFiles:
    pdf: bytes
    png: bytes
    attempts: int = 0  # layouts it took; 0 when read from the export cache


def render_onepager(
    doc: Document, *, watermark: bool = False, fetcher: Any = None
) -> OnePagerFiles:
    with pdf.relaxed_gc():
        return _render(doc, watermark, fetcher)


def _render(doc: Document, watermark: bool, fetcher: Any) -> OnePagerFiles:
    attempts = 0
    document = None
    for tight in (False, True):
        attempts += 1
        html = render_onepager_html(doc, watermark=watermark, tight=tight)
        document = pdf.layout(html, fetcher)
        if len(document.pages) == 1:
            break
    assert document is not None
    if len(document.pages) > 1:
        log.warning("one-pager still %d pages when tight: keeping page 1", len(document.pages))
        document = document.copy(document.pages[:1])
    data = pdf.write(document).data
    return OnePagerFiles(data, preview_png(data), attempts)


def preview_png(pdf_bytes: bytes, scale: float = PREVIEW_SCALE) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf_bytes)
    try:
        bitmap = document[0].render(scale=scale, may_draw_forms=False)
        image = bitmap.to_pil()
        out = io.BytesIO()
        image.save(out, "PNG", compress_level=6)
        return out.getvalue()
    finally:
        document.close()
