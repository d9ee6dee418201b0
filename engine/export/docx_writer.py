"""DOCX from the document model with python-docx: a file people edit comfortably in Word.

Real Word styles everywhere (Heading 1-3 so the navigation pane and the TOC
field work, a built-in table style, List Bullet/List Number, Caption), the
club colour written into the theme (accent 1) so headings and tables follow it
and a user can restyle the whole document by changing the theme, header rows
that repeat and rows that do not split across pages, charts as PNG images
drawn from the same figures as the PDF's SVG, page X of Y fields in the footer.

Every table cell, fact value and badge is written one way, as WordprocessingML text
(``cell_runs``, over ``engine.export.ooxml``): data tables are most of the document,
and one path cannot disagree with another on sizes and colours.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from engine.domain.language import Language
from engine.export.charts import ChartRenderer
from engine.export.document import (
    Badge,
    Badges,
    Bullets,
    Cell,
    Chart,
    Document,
    Facts,
    Labelled,
    Legend,
    Notice,
    Panels,
    Paragraph,
    Section,
    Subheading,
    Table,
    Text,
    Tier,
    Value,
)
from engine.export.ooxml import (
    SETTINGS_AFTER_UPDATE_FIELDS,
    add_field,
    add_paragraph_style,
    add_text,
    append_xml_runs,
    bottom_border,
    field_begin,
    field_end,
    insert_ordered,
    set_widths,
    shade_cell,
    shade_paragraph_style,
    small_runs,
    watermark_run,
    xml_cell,
    xml_run,
)

TABLE_STYLE = "Light List Accent 1"
TEXT_WIDTH_CM = 17.0
BADGE_COLOURS = {
    Tier.QUESTIONNAIRE: ("E3F4E6", "1B5E20"),
    Tier.RESEARCH: ("E3EEFA", "174A7C"),
    Tier.ESTIMATE: ("FFF1DB", "7A4B00"),
    Tier.MISSING: ("FDE7E7", "9B1C1C"),
    Tier.SUM: ("ECEBF7", "3D3A7A"),
}
TONE_COLOURS = {
    "ok": "1B5E20",
    "todo": "B42318",
    "check": "B54708",
    "na": "616E7C",
    # progress statuses (engine.export.compose_progress): a word on a tint, like a chip
    "rag-green": "1B5E20",
    "rag-amber": "7A4B00",
    "rag-red": "9B1C1C",
    "rag-unmeasured": "52606D",
}
TONE_FILLS = {"rag-green": "E3F4E6", "rag-amber": "FFF1DB", "rag-red": "FDE7E7"}
GREY = RGBColor(0x52, 0x60, 0x6D)
MISSING_RED = RGBColor(0x9B, 0x1C, 0x1C)


def render_docx(doc: Document, charts: ChartRenderer, *, watermark: bool = False) -> bytes:
    return _Writer(doc, charts, watermark).build()


class _Writer:
    def __init__(self, doc: Document, charts: ChartRenderer, watermark: bool) -> None:
        self.doc = doc
        self.t = doc.labels
        self.charts = charts
        self.watermark = watermark
        self.docx = new_docx()
        self.heading_rgb = RGBColor.from_string(doc.branding.heading[1:])
        self._list_number_abstract: str | None = None
        self.sid: dict[str, str] = {}

    def para(
        self, text: str = "", style: str | None = None, container: object = None
    ) -> DocxParagraph:
        """A paragraph with a style set by id: python-docx's by-name lookup costs 1 ms a call."""
        paragraph = (container or self.docx).add_paragraph()  # type: ignore[attr-defined]
        if style is not None:
            paragraph._p.style = self.sid[style]
        if text:
            paragraph.add_run(text)
        return paragraph

    # --- document ---------------------------------------------------------------------

    def build(self) -> bytes:
        self._page_setup()
        self._theme()
        self._styles()
        self._properties()
        self._cover()
        self._toc()
        for section in self.doc.sections:
            self._section(section)
        out = io.BytesIO()
        self.docx.save(out)
        return out.getvalue()

    def _page_setup(self) -> None:
        section = self.docx.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
        section.header_distance = section.footer_distance = Cm(1.0)
        section.different_first_page_header_footer = True  # the cover has neither
        header = section.header.paragraphs[0]
        header.text = f"{self.doc.club_name} · {self.t.plan_title} {self.doc.seasons_label}"
        small_runs(header, GREY)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer.add_run(f"{self.t.page} ")
        add_field(footer, "PAGE", "1")
        footer.add_run(f" {self.t.of} ")
        add_field(footer, "NUMPAGES", "1")
        small_runs(footer, GREY)
        if self.watermark:
            for index, part in enumerate((section.header, section.first_page_header), start=1):
                paragraph = part.paragraphs[0] if part.paragraphs else part.add_paragraph()
                paragraph._p.append(watermark_run(index, self.t.watermark))
                if index == 1:  # the running header also says it in words
                    run = paragraph.add_run(f"   {self.t.watermark}")
                    run.bold = True
                    run.font.color.rgb = RGBColor(0xB4, 0x23, 0x18)

    def _theme(self) -> None:
        """Accent 1 = the club's readable colour: headings and the table style follow it."""
        part = self.docx.part.part_related_by(RT.THEME)
        xml = part.blob.decode("utf-8")
        heading = self.doc.branding.heading[1:]
        primary = self.doc.branding.primary[1:]
        xml = re.sub(
            r"(<a:accent1>\s*<a:srgbClr val=\")[0-9A-Fa-f]{6}", rf"\g<1>{heading}", xml, count=1
        )
        xml = re.sub(
            r"(<a:accent2>\s*<a:srgbClr val=\")[0-9A-Fa-f]{6}", rf"\g<1>{primary}", xml, count=1
        )
        part._blob = xml.encode("utf-8")

    def _styles(self) -> None:
        styles = self.docx.styles
        language = "it-IT" if self.doc.language is Language.IT else "en-GB"
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), language)
        normal = styles["Normal"]
        normal.font.size = Pt(9.5)
        normal.paragraph_format.space_after = Pt(4)
        normal.paragraph_format.line_spacing = 1.1
        heading_colour = self.doc.branding.heading[1:]
        for name, size, before, after in (
            ("Heading 1", 18, 0, 10),
            ("Heading 2", 13, 14, 4),
            ("Heading 3", 9.5, 8, 2),
        ):
            style = styles[name]
            style.font.size = Pt(size)
            style.paragraph_format.space_before = Pt(before)
            style.paragraph_format.space_after = Pt(after)
            style.font.color.rgb = RGBColor.from_string(heading_colour)  # ordered by python-docx
            colour = style.element.rPr.find(qn("w:color"))
            for attribute in ("w:themeShade", "w:themeTint"):
                colour.attrib.pop(qn(attribute), None)
            colour.set(qn("w:themeColor"), "accent1")  # follows the theme: the club colour
        styles["Heading 1"].paragraph_format.page_break_before = True
        styles["Heading 3"].font.all_caps = True
        title = styles["Title"]
        title.font.size = Pt(28)
        add_paragraph_style(styles, "RF Lead", size=10.5)
        notice = add_paragraph_style(styles, "RF Notice", size=9, italic=True, colour=GREY)
        shade_paragraph_style(notice, "F1F3F5")
        add_paragraph_style(styles, "RF Table", size=8, after=0)
        add_paragraph_style(styles, "RF Small", size=7.5, colour=GREY, after=2)
        caption = styles["Caption"]
        caption.font.size = Pt(7.5)
        for name in (
            "Normal Table",
            "Heading 1",
            "Heading 2",
            "Heading 3",
            "Title",
            "TOC Heading",
            "Quote",
            "Caption",
            "List Bullet",
            "List Number",
            "RF Lead",
            "RF Notice",
            "RF Table",
            "RF Small",
            TABLE_STYLE,
            "Table Grid",
        ):
            self.sid[name] = styles[name].style_id

    def _properties(self) -> None:
        props = self.docx.core_properties
        props.title = self.doc.title
        props.subject = f"{self.t.plan_title} {self.doc.seasons_label}"
        props.author = self.doc.club_name
        props.last_modified_by = "Rooting Future"
        props.comments = self.t.made_with
        props.language = "it-IT" if self.doc.language is Language.IT else "en-GB"
        created = dt.datetime.fromisoformat(self.doc.created_iso)
        props.created = props.modified = created
        props.revision = self.doc.version or 1
        # Word refreshes the table of contents (page numbers) when it opens the file.
        settings = self.docx.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        insert_ordered(settings, update, SETTINGS_AFTER_UPDATE_FIELDS)

    # --- cover and contents -----------------------------------------------------------

    def _cover(self) -> None:
        d, cover, brand = self.docx, self.doc.cover, self.doc.branding
        if brand.logo is not None:
            data, _ext = brand.logo.raster()
            d.add_picture(io.BytesIO(data), height=Cm(3.0))
        band = d.add_table(rows=1, cols=1)
        band.alignment = WD_TABLE_ALIGNMENT.CENTER
        cell = band.rows[0].cells[0]
        shade_cell(cell, brand.primary[1:])
        on = RGBColor.from_string(brand.on_primary[1:])
        first = cell.paragraphs[0]
        run = first.add_run(cover.eyebrow.upper())
        run.font.size, run.font.color.rgb = Pt(10), on
        first.paragraph_format.space_before = Pt(30)
        name = self.para(style="Title", container=cell)
        run = name.add_run(cover.club_name)
        run.font.color.rgb = on
        seasons = cell.add_paragraph()
        run = seasons.add_run(cover.seasons)
        run.font.size, run.font.color.rgb = Pt(13), on
        seasons.paragraph_format.space_after = Pt(30)
        stripe = d.add_paragraph()
        bottom_border(stripe, brand.secondary[1:], 24)
        facts = d.add_table(rows=0, cols=2)
        for label, value in cover.facts:
            row = facts.add_row().cells
            add_text(row[0].paragraphs[0], label, colour=GREY)
            add_text(row[1].paragraphs[0], value)
        set_widths(facts, [4.5, 12.5])
        meta = self.para(style="RF Small")
        meta.paragraph_format.space_before = Pt(14)
        meta.add_run(f"{cover.version} · {cover.generated}" if cover.version else cover.generated)
        if cover.notice:
            self.para(cover.notice, "RF Notice")
        if self.watermark:
            self.para(self.t.watermark_note, "RF Notice")
        self.para(self.t.made_with, "RF Small")

    def _toc(self) -> None:
        heading = self.para(self.t.toc, "TOC Heading")
        heading.paragraph_format.page_break_before = True
        entries = self.doc.toc()
        paragraphs = []
        for section in entries:
            paragraph = self.para(style="RF Table")
            if section.level == 1:
                paragraph.paragraph_format.space_before = Pt(5)
            else:
                paragraph.paragraph_format.left_indent = Cm(0.6)
            paragraphs.append((paragraph, section))
        # One TOC field whose current result lists the headings: Word updates it (page
        # numbers) on opening; LibreOffice shows these lines until "Update index".
        first, last = paragraphs[0][0], paragraphs[-1][0]
        field_begin(first, r'TOC \o "1-2" \h \z \u')
        for paragraph, section in paragraphs:
            run = paragraph.add_run(section.heading)
            run.bold = section.level == 1
        field_end(last)

    # --- sections and blocks -----------------------------------------------------------

    def _section(self, section: Section) -> None:
        self.para(section.heading, "Heading 1" if section.level == 1 else "Heading 2")
        for block in section.blocks:
            self._block(block)
        for child in section.children:
            self._section(child)

    def _block(self, block: object) -> None:
        d = self.docx
        if isinstance(block, Paragraph):
            self.para(block.text, {"lead": "RF Lead", "quote": "Quote"}.get(block.style))
        elif isinstance(block, Labelled):
            paragraph = d.add_paragraph()
            paragraph.add_run(f"{block.label}. ").bold = True
            run = paragraph.add_run(block.text)
            if block.missing:
                run.italic, run.font.color.rgb = True, MISSING_RED
        elif isinstance(block, Notice):
            self.para(block.text, "RF Notice")
        elif isinstance(block, Subheading):
            self.para(block.text, "Heading 3")
        elif isinstance(block, Bullets):
            self._bullets(block)
        elif isinstance(block, Facts):
            self._facts(block)
        elif isinstance(block, Panels):
            self._panels(block)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Chart):
            spec = block.spec
            d.add_picture(io.BytesIO(self.charts.png(spec)), width=Cm(min(spec.width_cm, 16.5)))
            caption = self.para(style="Caption")
            caption.add_run(f"{spec.caption}. ").bold = True
            caption.add_run(spec.note)
        elif isinstance(block, Legend):
            table = d.add_table(rows=0, cols=2)
            for entry in block.entries:
                cells = table.add_row().cells
                append_xml_runs(cells[0].paragraphs[0], badge_runs(entry.badge))
                add_text(cells[1].paragraphs[0], entry.text)
            set_widths(table, [4.0, 13.0])

    def _bullets(self, block: Bullets) -> None:
        if not block.ordered:
            for item in block.items:
                self.para(item, "List Bullet")
            return
        num_id = self._new_numbering()
        for item in block.items:
            paragraph = self.para(item, "List Number")
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id

    def _new_numbering(self) -> int:
        """A fresh "List Number" instance restarting at 1 (Word otherwise keeps counting)."""
        numbering = self.docx.part.numbering_part.numbering_definitions._numbering
        if self._list_number_abstract is None:
            style = self.docx.styles["List Number"]
            num_id = style.element.pPr.numPr.numId.val
            self._list_number_abstract = numbering.num_having_numId(num_id).abstractNumId.val
        num = numbering.add_num(self._list_number_abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def _facts(self, block: Facts) -> None:
        if block.inline:
            paragraph = self.docx.add_paragraph()
            for index, (label, value) in enumerate(block.items):
                if index:
                    paragraph.add_run("  ·  ")
                paragraph.add_run(f"{label}: ").bold = True
                append_xml_runs(paragraph, cell_runs(value))
            return
        table = self.docx.add_table(rows=0, cols=2)
        for label, value in block.items:
            cells = table.add_row().cells
            add_text(cells[0].paragraphs[0], label, bold=True, size=9)
            append_xml_runs(cells[1].paragraphs[0], cell_runs(value, half_points=18))
        set_widths(table, [5.5, 11.5])

    def _panels(self, block: Panels) -> None:
        rows = [
            block.panels[i : i + block.columns] for i in range(0, len(block.panels), block.columns)
        ]
        table = self.docx.add_table(rows=len(rows), cols=block.columns)
        table._tbl.tblPr.style = self.sid["Table Grid"]
        for row, panels in zip(table.rows, rows, strict=True):
            for cell, panel in zip(row.cells, panels, strict=False):
                shade_cell(cell, self.doc.branding.tint[1:])
                add_text(cell.paragraphs[0], panel.title, bold=True, colour=self.heading_rgb)
                if not panel.items:
                    add_text(self.para(style="RF Table", container=cell), panel.empty, italic=True)
                for item in panel.items:
                    self.para(item, "List Bullet", container=cell)
        width = TEXT_WIDTH_CM / block.columns
        set_widths(table, [width] * block.columns)

    def _table(self, block: Table) -> None:
        """Data tables are most of the document: written as WordprocessingML in one parse.

        python-docx's object API costs ~0.3 ms per cell; building the table's XML as text
        (every string escaped) and parsing it once is several times faster, and produces
        the same markup: the table style, a header row that repeats, rows that never split.
        """
        columns = block.columns
        total = sum(c.width for c in columns)
        widths = [round(TEXT_WIDTH_CM * 567 * c.width / total) for c in columns]
        style = self.sid["RF Table"]
        parts = [
            f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{self.sid[TABLE_STYLE]}"/>'
            '<w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0"'
            ' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>',
            *(f'<w:gridCol w:w="{w}"/>' for w in widths),
            "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
        ]
        for column, width in zip(columns, widths, strict=True):
            parts.append(xml_cell(width, style, column.numeric, xml_run(column.label, bold=True)))
        parts.append("</w:tr>")
        emphasis = set(block.emphasis)
        for index, values in enumerate(block.rows):
            parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            strong = index in emphasis
            for column, width, value in zip(columns, widths, values, strict=True):
                parts.append(xml_cell(width, style, column.numeric, cell_runs(value, strong)))
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        body = self.docx.element.body
        body.find(qn("w:sectPr")).addprevious(parse_xml("".join(parts)))
        if block.provenance:
            paragraph = self.para(f"{self.t.provenance}: ", "RF Small")
            append_xml_runs(paragraph, cell_runs(block.provenance))
        if block.note:
            self.para(block.note, "RF Small")


# --- cells: the one way a value is written ---------------------------------------------------


def badge_runs(badge: Badge, scope: str = "") -> str:
    """A provenance badge: small coloured text on its tier's tint."""
    fill, ink = BADGE_COLOURS[badge.tier]
    text = f"{scope}: {badge.short}" if scope else badge.short
    return xml_run(text, colour=ink, half_points=14, fill=fill)


def cell_runs(value: Cell, strong: bool = False, half_points: int | None = None) -> str:
    """A table cell, fact value or provenance line as runs; ``strong`` for totals.

    ``half_points`` sets the size of the value itself (a fact list prints at 9 pt); its
    badge and second line keep their own small size.
    """
    if isinstance(value, str):
        return xml_run(value, bold=strong, half_points=half_points)
    if isinstance(value, Value):
        runs = (
            xml_run(value.text, italic=True, colour=str(MISSING_RED), half_points=half_points)
            if value.missing
            else xml_run(value.text, bold=strong, half_points=half_points)
        )
        if value.badge is not None:
            runs += xml_run(" ") + badge_runs(value.badge)
        return runs
    if isinstance(value, Text):
        runs = xml_run(
            value.text,
            bold=strong or value.strong or bool(value.tone),
            colour=TONE_COLOURS.get(value.tone),
            half_points=half_points,
            fill=TONE_FILLS.get(value.tone),
        )
        if value.sub:
            runs += "<w:r><w:br/></w:r>" + xml_run(value.sub, colour=str(GREY), half_points=14)
        return runs
    if isinstance(value, Badges):
        return xml_run(" ").join(badge_runs(badge, scope) for scope, badge in value.parts)
    return ""
