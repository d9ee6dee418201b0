"""The one-pager is exactly one A4 page for every example club, even with extreme texts."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from engine.export.compose import build_document
from engine.export.onepager import render_onepager
from tests.export.export_support import EXAMPLE_NAMES, ExportRun, full_plan, long_plan, pdf_text
from tests.factories import example_club, make_plan


def _check_one_page(pdf: bytes, png: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert abs(image.height / image.width - 297 / 210) < 0.01  # the preview is that A4 page
    return pdf_text(pdf)[0]


@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_one_page_for_every_example_club(example: str) -> None:
    plan = full_plan(example)
    files = render_onepager(build_document(plan))
    text = _check_one_page(files.pdf, files.png)
    assert plan.club.identity.name in text.replace("\n", " ")
    assert "SP1" in text and "Copertura delle aree STW".upper() in text


def test_bare_factory_plan_says_what_is_missing_on_its_one_page() -> None:
    files = render_onepager(build_document(make_plan(example_club("pallavolo-ssd"))))
    text = _check_one_page(files.pdf, files.png)
    assert "Indicatori chiave: non generato" in text.replace("\n", " ")


def test_extremely_long_names_and_texts_still_fit_one_page() -> None:
    plan = long_plan()
    files = render_onepager(build_document(plan), watermark=True)
    text = _check_one_page(files.pdf, files.png).replace("\n", " ")
    assert plan.club.identity.name[:40] in text
    assert "COPIA DI VALUTAZIONE" in text
    assert "Realizzato con Rooting Future" in text  # the footer survived


def test_exported_one_pager_and_preview(it_export: ExportRun) -> None:
    text = _check_one_page(it_export.read("_sintesi.pdf"), it_export.read("_sintesi.png"))
    assert "ASD Virtus Seregno Calcio" in text
    assert "Tesserati totali" in text  # a headline KPI tile
