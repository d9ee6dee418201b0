"""WordprocessingML helpers for the DOCX writers: XML runs and cells, fields, shading,
borders, column widths, the watermark, and the schema order Word insists on.

Nothing here knows the document model (``engine.export.docx_writer`` does). Runs and table
cells are written as XML text (every string escaped) and parsed once, which is several
times faster than python-docx's object API; ``append_xml_runs`` adds such runs to a
python-docx paragraph, so every cell and badge is rendered one way.
"""

from __future__ import annotations

import copy
import re
from xml.sax.saxutils import escape

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

VML_NAMESPACES = (
    nsdecls("w")
    + ' xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
)
WATERMARK_VML = "".join(
    (
        "<w:r {ns}><w:pict>",
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"',
        ' path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>',
        '<v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>',
        '<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>',
        '<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>',
        '<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>',
        '<v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>',
        '<v:path textpathok="t" o:connecttype="custom"',
        ' o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>',
        '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/>',
        "</v:shapetype>",
        '<v:shape id="RootingFutureWatermark{n}" o:spid="_x0000_s{spid}" type="#_x0000_t136"',
        ' style="position:absolute;margin-left:0;margin-top:0;width:470pt;height:90pt;',
        "rotation:315;z-index:-251654144;mso-position-horizontal:center;",
        "mso-position-horizontal-relative:margin;mso-position-vertical:center;",
        'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#B42318"',
        ' stroked="f"><v:fill opacity=".2"/>',
        '<v:textpath style="font-family:&quot;Calibri&quot;;font-size:1pt" string="{text}"/>',
        "</v:shape></w:pict></w:r>",
    )
)


def watermark_run(index: int, text: str) -> object:
    """The diagonal "evaluation copy" shape of header ``index``, as a run to append."""
    return parse_xml(
        WATERMARK_VML.format(ns=VML_NAMESPACES, n=index, spid=2048 + index, text=xml_attr(text))
    )


# --- runs and cells as XML text (escaped text only) --------------------------------------------

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_escape(text: str) -> str:
    return escape(_XML_INVALID.sub("", text))


def xml_run(
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    colour: str | None = None,
    half_points: int | None = None,
    fill: str | None = None,
) -> str:
    props = (
        ("<w:b/>" if bold else "")
        + ("<w:i/>" if italic else "")
        + (f'<w:color w:val="{colour}"/>' if colour else "")
        + (f'<w:sz w:val="{half_points}"/>' if half_points else "")
        + (f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else "")
    )
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r>'


def xml_cell(width: int, style: str, right: bool, runs: str) -> str:
    align = '<w:jc w:val="right"/>' if right else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{align}</w:pPr>{runs}</w:p></w:tc>'
    )


def append_xml_runs(paragraph: DocxParagraph, runs: str) -> None:
    """Add runs written as XML text (``xml_run``) to a python-docx paragraph, in one parse."""
    if runs:
        paragraph._p.extend(list(parse_xml(f"<w:p {nsdecls('w')}>{runs}</w:p>")))


# --- python-docx paragraphs and tables ----------------------------------------------------------


def add_text(
    paragraph: DocxParagraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    colour: RGBColor | None = None,
    size: float | None = None,
) -> None:
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if colour is not None:
        run.font.color.rgb = colour
    if size is not None:
        run.font.size = Pt(size)


def small_runs(paragraph: DocxParagraph, colour: RGBColor) -> None:
    for run in paragraph.runs:
        run.font.size = Pt(7.5)
        run.font.color.rgb = colour


def add_field(paragraph: DocxParagraph, instruction: str, shown: str) -> None:
    """A simple field (PAGE, NUMPAGES) whose result Word and LibreOffice compute."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def field_begin(paragraph: DocxParagraph, instruction: str) -> None:
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        run = OxmlElement("w:r")
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                char.set(qn("w:dirty"), "true")
            run.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run.append(instr)
        paragraph._p.append(run)


def field_end(paragraph: DocxParagraph) -> None:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    run.append(char)
    paragraph._p.append(run)


def shade_cell(cell: object, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)  # type: ignore[attr-defined]


def bottom_border(paragraph: DocxParagraph, colour: str, size: int) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", str(size)),
        ("w:space", "1"),
        ("w:color", colour),
    ):
        bottom.set(qn(key), value)
    borders.append(bottom)
    insert_ordered(paragraph._p.get_or_add_pPr(), borders, PPR_AFTER_BORDER)


def add_paragraph_style(
    styles: object,
    name: str,
    *,
    size: float,
    italic: bool = False,
    colour: RGBColor | None = None,
    after: float = 4,
) -> object:
    from docx.enum.style import WD_STYLE_TYPE

    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)  # type: ignore[attr-defined]
    style.base_style = styles["Normal"]  # type: ignore[index]
    style.font.size = Pt(size)
    style.font.italic = italic or None
    if colour is not None:
        style.font.color.rgb = colour
    style.paragraph_format.space_after = Pt(after)
    style.quick_style = True
    return style


def shade_paragraph_style(style: object, fill: str) -> None:
    ppr = style.element.get_or_add_pPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    insert_ordered(ppr, shading, PPR_AFTER_SHADING)


def set_widths(table: DocxTable, widths_cm: list[float]) -> None:
    """Fixed column widths: gridCol for LibreOffice, tcW for Word."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    insert_ordered(tbl_pr, layout, ("tblCellMar", "tblLook", "tblCaption", "tblDescription"))
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=False):
        col.set(qn("w:w"), str(round(width * 567)))
    template = OxmlElement("w:tcW")
    for row in table._tbl.tr_lst:
        for tc, width in zip(row.tc_lst, widths_cm, strict=False):
            tc_w = copy.deepcopy(template)
            tc_w.set(qn("w:w"), str(round(width * 567)))
            tc_w.set(qn("w:type"), "dxa")
            tc_pr = tc.get_or_add_tcPr()
            existing = tc_pr.find(qn("w:tcW"))
            if existing is not None:
                tc_pr.remove(existing)
            tc_pr.insert(0, tc_w)


# WordprocessingML is a sequence schema: Word calls a file damaged when children are out of
# order, so added elements go before the first sibling the schema puts after them.
SETTINGS_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator",
)  # fmt: skip
PPR_AFTER_SHADING = (
    "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
    "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr",
    "pPrChange",
)  # fmt: skip
PPR_AFTER_BORDER = ("shd", *PPR_AFTER_SHADING)


def insert_ordered(parent: object, child: object, successors: tuple[str, ...]) -> None:
    names = {qn(f"w:{name}") for name in successors}
    for existing in parent:  # type: ignore[attr-defined]
        if existing.tag in names:
            existing.addprevious(child)
            return
    parent.append(child)  # type: ignore[attr-defined]


def xml_attr(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )
