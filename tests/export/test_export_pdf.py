"""The full PDF: content, page furniture, fonts, cover colours, size, watermark."""

from __future__ import annotations

import io
import re

import pypdfium2
from pypdf import PdfReader

from engine.domain.language import Language
from engine.export.labels import Labels
from tests.export.export_support import HOSTILE_NAME, MACRO_CODES, PLACEHOLDERS, ExportRun

SECTION_KEYS = (
    "sec_summary",
    "sec_analysis",
    "area_sports",
    "area_infrastructure",
    "area_marketing",
    "area_social",
    "sec_finance",
    "sec_compliance",
    "sec_monitoring",
    "sec_methodology",
    "sec_gaps",
)


def _text(run: ExportRun) -> str:
    return "\n".join(run.pages)


def test_pdf_contains_club_name_every_section_heading_and_all_21_codes(
    it_export: ExportRun,
) -> None:
    text = _text(it_export)
    assert "ASD Virtus Seregno Calcio" in text
    labels = Labels(Language.IT)
    for key in SECTION_KEYS:
        assert labels[key] in text, key
    for code in MACRO_CODES:
        assert re.search(rf"\b{code}\b", text), code


def test_english_pdf_has_english_headings_and_the_hostile_name_intact(en_export: ExportRun) -> None:
    text = _text(en_export)
    labels = Labels(Language.EN)
    for key in SECTION_KEYS:
        assert labels[key] in text, key
    assert HOSTILE_NAME in text.replace("\n", " ")
    for code in MACRO_CODES:
        assert code in text


def test_running_header_footer_and_page_x_of_y(it_export: ExportRun) -> None:
    total = len(it_export.pages)
    assert 20 <= total <= 60
    for number in (2, total // 2, total):
        page = it_export.pages[number - 1]
        assert f"Pagina {number} di {total}" in page
        assert "ASD Virtus Seregno Calcio" in page  # running header from the cover's name
    assert "Pagina 1 di" not in it_export.pages[0]  # the cover has no furniture


def test_table_of_contents_has_page_numbers_that_point_at_the_headings(
    it_export: ExportRun,
) -> None:
    toc = it_export.pages[1]
    assert "Indice" in toc
    match = re.search(r"3\. Area sportiva\s*(\d+)", toc)
    assert match, toc[:500]
    page = int(match.group(1))
    assert "Area sportiva" in it_export.pages[page - 1]
    sp3 = re.search(r"SP3 · .*?(\d+)\s*$", toc, re.MULTILINE)
    assert sp3 and "SP3" in it_export.pages[int(sp3.group(1)) - 1]


def test_pdf_is_a4_with_embedded_subset_fonts_and_small(it_export: ExportRun) -> None:
    data = it_export.read(".pdf")
    assert len(data) < 2_000_000
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[3].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    fonts = set()
    for page in reader.pages[:6]:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get(
                "/FontDescriptor"
            )
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            fonts.add((str(font["/BaseFont"]), embedded))
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert all(re.match(r"/[A-Z]{6}\+DejaVu-?Sans", name) for name, _ in fonts), fonts


def test_cover_is_painted_in_the_club_colour_with_the_logo(it_export: ExportRun) -> None:
    pdf = pypdfium2.PdfDocument(it_export.read(".pdf"))
    try:
        image = pdf[0].render(scale=0.5).to_pil().convert("RGB")
        assert image.getpixel((8, 8)) == (0x0B, 0x3D, 0x91)  # club colour, full bleed
        assert image.getpixel((image.width // 2, image.height - 20)) == (255, 255, 255)
        objects = list(pdf[0].get_objects(filter=(pypdfium2.raw.FPDF_PAGEOBJ_IMAGE,)))
        assert objects, "the logo is on the cover"
    finally:
        pdf.close()


def test_no_placeholders_and_no_unexplained_percentages(it_export: ExportRun) -> None:
    text = _text(it_export)
    assert not PLACEHOLDERS.search(text), PLACEHOLDERS.search(text)
    # The only "%" printed is the unit of the one KPI measured in percent, named in its row.
    positions = [m.start() for m in re.finditer("%", text)]
    assert positions
    for position in positions:
        assert "Quota di entrate non sportive" in text[max(0, position - 200) : position], text[
            position - 200 : position + 20
        ]


def test_partial_totals_and_provenance_words_are_printed(it_export: ExportRun) -> None:
    text = _text(it_export).replace("\n", " ")
    assert "Totale parziale" in text
    assert "dato da acquisire" in text
    assert "questionario" in text
    assert "stima: FIGC-Deloitte 2016" in text
    assert "fonte: ISTAT" in text  # the municipality population is a research value
    assert "legenda della provenienza dei dati" in text.lower()  # h3: printed in capitals


def test_watermark_on_every_page_only_when_asked(
    it_export: ExportRun, en_export: ExportRun
) -> None:
    assert all("EVALUATION COPY" in page for page in en_export.pages)
    assert not any("COPIA DI VALUTAZIONE" in page for page in it_export.pages)
