"""The DOCX reopens with python-docx: real heading styles, tables, codes, fields, theme colour."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from tests.export.export_support import HOSTILE_NAME, MACRO_CODES, PLACEHOLDERS, ExportRun


def _all_text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def it_docx(it_export: ExportRun) -> docx.document.Document:
    return docx.Document(io.BytesIO(it_export.read(".docx")))


def test_headings_use_word_heading_styles(it_docx: docx.document.Document) -> None:
    by_style: dict[str, list[str]] = {}
    for paragraph in it_docx.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert "1. Sintesi" in by_style["Heading 1"]
    assert "3. Area sportiva" in by_style["Heading 1"]
    assert len(by_style["Heading 1"]) == 11
    assert any(text.startswith("SP1 · ") for text in by_style["Heading 2"])
    assert len(by_style["Heading 2"]) == 21
    assert "Azioni" in by_style["Heading 3"]


def test_same_macro_codes_tables_and_no_placeholders(it_docx: docx.document.Document) -> None:
    text = _all_text(it_docx)
    for code in MACRO_CODES:
        assert re.search(rf"\b{code}\b", text), code
    assert "SP4.3" in text  # an action code inside an actions table
    assert "ASD Virtus Seregno Calcio" in text
    assert not PLACEHOLDERS.search(text), PLACEHOLDERS.search(text)
    assert len(it_docx.tables) >= 50
    styled = [
        t for t in it_docx.tables if t.style is not None and t.style.name == "Light List Accent 1"
    ]
    assert len(styled) >= 45
    header = styled[0].rows[0]._tr
    assert header.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None  # repeats on each page
    assert styled[0].rows[1]._tr.trPr.find(docx.oxml.ns.qn("w:cantSplit")) is not None


def test_charts_are_images_and_footer_has_page_fields(
    it_export: ExportRun, it_docx: docx.document.Document
) -> None:
    assert len(it_docx.inline_shapes) >= 6  # logo + five charts
    footer = it_docx.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    assert it_docx.sections[0].different_first_page_header_footer
    body = it_docx.element.body.xml
    assert 'TOC \\o "1-2"' in body
    assert it_docx.settings.element.find(docx.oxml.ns.qn("w:updateFields")) is not None
    with zipfile.ZipFile(io.BytesIO(it_export.read(".docx"))) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
    assert len(media) >= 6 and all(n.endswith(".png") for n in media)


def test_club_colour_in_the_heading_theme(it_docx: docx.document.Document) -> None:
    theme = it_docx.part.part_related_by(RT.THEME).blob.decode()
    assert re.search(r"<a:accent1>\s*<a:srgbClr val=\"0B3D91\"", theme)
    heading = it_docx.styles["Heading 1"].element.xml
    assert 'w:themeColor="accent1"' in heading and 'w:val="0B3D91"' in heading
    assert it_docx.core_properties.title.startswith("Piano strategico")
    assert it_docx.core_properties.author == "ASD Virtus Seregno Calcio"


def test_hostile_name_is_intact_and_watermark_is_in_the_header(en_export: ExportRun) -> None:
    document = docx.Document(io.BytesIO(en_export.read(".docx")))
    assert HOSTILE_NAME in _all_text(document)
    header = document.sections[0].header._element.xml
    assert "EVALUATION COPY" in header and "v:textpath" in header
    assert "Executive summary" in [p.text.split(". ", 1)[-1] for p in document.paragraphs]
    assert len(document.inline_shapes) >= 6  # the SVG logo became a PNG


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_docx(it_export: ExportRun, tmp_path: Path) -> None:
    source = tmp_path / "plan.docx"
    source.write_bytes(it_export.read(".docx"))
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "plan.pdf").stat().st_size > 10_000


# Word reports a file as damaged when children are out of schema order (LibreOffice is
# lenient, so converting it is not proof): check the sequences the writer touches.
SCHEMA_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
    "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
    "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize "
    "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
    "tblDescription",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
    "tcFitText vAlign hideMark",
    "settings": "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
    "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
    "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
    "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate "
    "linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge "
    "revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection "
    "autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
    "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength "
    "clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting "
    "bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
    "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery "
    "displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin "
    "drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData "
    "noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars "
    "noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema "
    "saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml "
    "saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
    "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat "
    "docVars rsids mathPr attachedSchema themeFontLang clrSchemeMapping "
    "doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions "
    "readModeInkLockDown smartTagType schemaLibrary shapeDefaults doNotEmbedSmartTags "
    "decimalSymbol listSeparator",
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_word_xml_children_are_in_schema_order(en_export: ExportRun) -> None:
    from lxml import etree

    order = {W + k: {name: i for i, name in enumerate(v.split())} for k, v in SCHEMA_ORDER.items()}
    problems = []
    with zipfile.ZipFile(io.BytesIO(en_export.read(".docx"))) as archive:
        for name in archive.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = etree.fromstring(archive.read(name))
            for element in root.iter(*order):
                ranks = order[element.tag]
                seen = [
                    ranks[child.tag[len(W) :]]
                    for child in element
                    if isinstance(child.tag, str)
                    and child.tag.startswith(W)
                    and child.tag[len(W) :] in ranks
                ]
                if seen != sorted(seen):
                    problems.append(f"{name}: {etree.tostring(element)[:200]!r}")
    assert problems == []


def test_fact_values_and_badges_keep_their_sizes_and_colours(
    it_docx: docx.document.Document,
) -> None:
    """Facts and legends use the tables' XML runs: 9 pt values, 7 pt badges on their tint."""
    from docx.shared import Pt

    facts = [t for t in it_docx.tables if t.rows[0].cells[0].text == "Forma giuridica"]
    identity = facts[-1]  # the analysis's identity (the cover's come first, at the default size)
    value = identity.rows[0].cells[1].paragraphs[0].runs[0]
    assert value.text and value.font.size == Pt(9) and not value.bold
    budget = next(p for p in it_docx.paragraphs if p.text.startswith("Priorità: "))
    badge = budget.runs[-1]
    shading = badge._r.rPr.find(docx.oxml.ns.qn("w:shd"))
    assert badge.font.size == Pt(7) and shading is not None
    assert (shading.get(docx.oxml.ns.qn("w:fill")), str(badge.font.color.rgb)) == (
        "FFF1DB",
        "7A4B00",
    )  # an estimate's colours, as in the tables


def test_cell_runs_escape_text_and_size_only_the_value() -> None:
    from engine.export.document import Badge, Badges, Text, Tier, Value
    from engine.export.docx_writer import cell_runs

    badge = Badge(Tier.MISSING, "da acquisire", "dato da acquisire")
    runs = cell_runs(Value("<b>&", badge), half_points=18)
    assert '<w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">&lt;b&gt;&amp;</w:t>' in runs
    assert runs.count('<w:sz w:val="14"/>') == 1 and 'w:fill="FDE7E7"' in runs
    assert '<w:i/><w:color w:val="9B1C1C"/>' in cell_runs(Value("—", missing=True))
    assert "<w:b/>" in cell_runs("Totale", strong=True)
    assert cell_runs(Badges((("Anno 1", badge), ("", badge)))).count("<w:shd ") == 2
    chip = cell_runs(Text("da fare", tone="rag-red"))
    assert '<w:b/><w:color w:val="9B1C1C"/>' in chip and 'w:fill="FDE7E7"' in chip
