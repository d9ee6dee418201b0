"""The board's progress report as files: a two-page PDF and a DOCX (issue 17).

Public API (what ``engine.service.Service.export_progress`` calls)::

    from engine.export.progress import export_progress

    paths = export_progress(plan, progress, {"pdf", "docx"}, Path("out"), watermark=False)

The report is composed once (``engine.export.compose_progress``) and rendered by the
same writers as the plan: HTML + WeasyPrint for the PDF (``progress.html``), python-docx
for the DOCX (the plan's writer, without cover and contents). Files are written with
the exports' atomic writer into ``out_dir`` and named
``<Club>_<first>_<last season>_avanzamento_<season>_<fine|meta>.pdf``
(``_progress_<season>_<end|mid>`` for English plans). ``watermark=True`` stamps every
page, as for the plan's exports.

The PDF promises two pages: page 1 the plan at a glance, page 2 the objectives off
track. When the objectives off track do not fit, the pages are laid out again in a
tighter style (smaller type, one next action per objective); an objective off track is
never left out, so an extreme plan may still run to a third page (logged).

Not cached (unlike the plan's exports): actuals change between two reviews, and a
render takes a fraction of a second.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx.shared import Pt, RGBColor

from engine.domain.language import Language
from engine.export.charts import ChartRenderer
from engine.export.compose_progress import (
    ActionLine,
    ProgressReport,
    RedObjective,
    compose_progress,
    plan_logo,
)
from engine.export.docx_writer import TONE_COLOURS, TONE_FILLS, _Writer
from engine.export.errors import ExportError
from engine.export.files import prepare_folder, safe_file_stem, write_file
from engine.export.job import guard
from engine.export.ooxml import append_xml_runs, xml_run

if TYPE_CHECKING:
    import datetime as dt

    from engine.domain.plan import Plan
    from engine.export.branding import Logo
    from engine.monitoring.model import Progress

log = logging.getLogger("rooting_future.export")

FORMATS = ("pdf", "docx")
PAGES = 2


# --- formats and names ---------------------------------------------------------------------


def warm_up() -> None:
    """Load what the report's first render pays for: WeasyPrint with the report's fonts and
    stylesheets, the chart engine, the template. The desktop runs it on the task pool when
    the progress page opens, so "Rapporto per il direttivo" renders in well under a
    second (``bench/monitoring.py`` times both)."""
    from engine.export.chart_spec import ChartSpec, Series
    from engine.export.fonts import font_face_css_files
    from engine.export.html import environment, progress_stylesheet, stylesheet
    from engine.export.pdf import layout

    environment().get_template("progress.html")
    css = font_face_css_files() + stylesheet() + progress_stylesheet()
    layout(
        f"<html><head><style>{css}</style></head><body><h1>Stato</h1><h2>Conti</h2>"
        "<p>Prova <strong>1.234 €</strong> <em>in linea</em></p>"
        "<table><tr><th>Voce</th><td>12</td></tr></table></body></html>"
    )
    spec = ChartSpec(
        id="warm-up",
        kind="grouped",
        caption="",
        categories=("a", "b"),
        series=(Series("x", (1.0, 2.0), "#1F6F50"), Series("y", (2.0, 1.0), "#D08C3C")),
        language=Language.IT,
        height_cm=4.6,
        width_cm=17.0,
    )
    ChartRenderer().svg(spec)


def parse_progress_formats(formats: str | Iterable[str]) -> list[str]:
    """``pdf`` and/or ``docx`` (``all``: both), in that order; ExportError otherwise."""
    text = formats if isinstance(formats, str) else ",".join(str(f) for f in formats)
    names = [n for n in re.split(r"[,;\s]+", text.strip().lower()) if n]
    if "all" in names:
        return list(FORMATS)
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        listed = ", ".join(unknown) or "-"
        raise ExportError(
            it=f"Formato del rapporto di avanzamento non valido: {listed}. Formati validi: pdf, "
            "docx (oppure all).",
            en=f"Invalid progress report format: {listed}. Valid formats: pdf, docx (or all).",
            code="bad_format",
        )
    return [f for f in FORMATS if f in names]


def file_stem(report: ProgressReport) -> str:
    """``ASD-Virtus-Seregno-Calcio_2026-27_2028-29_avanzamento_2027-28_fine``."""
    t = report.labels
    fallback = "piano" if report.language is Language.IT else "plan"
    club = safe_file_stem(report.club_name, fallback, 60)
    seasons = f"{report.seasons[0]}_{report.seasons[-1]}".replace("/", "-")
    review = t[f"progress_review_file_{report.review.value}"]
    season = report.season.replace("/", "-")
    return safe_file_stem(f"{club}_{seasons}_{t.progress_file}_{season}_{review}", fallback, 140)


# --- PDF -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RenderedProgress:
    data: bytes
    pages: int
    attempts: int  # layouts it took: 2 when the tight style was needed


def render_progress_pdf(
    report: ProgressReport,
    charts: ChartRenderer | None = None,
    *,
    watermark: bool = False,
    fetcher: Any = None,
) -> RenderedProgress:
    from engine.export import pdf
    from engine.export.html import render_progress_html

    charts = charts or ChartRenderer()
    with pdf.relaxed_gc():
        attempts = 0
        document = None
        for tight in (False, True):
            attempts += 1
            html = render_progress_html(report, charts, watermark=watermark, tight=tight)
            document = pdf.layout(html, fetcher)
            if len(document.pages) <= PAGES:
                break
        assert document is not None
        if len(document.pages) > PAGES:
            log.warning(
                "progress report: %d pages with %d objectives off track (tight style)",
                len(document.pages),
                len(report.reds),
            )
        rendered = pdf.write(document)
    return RenderedProgress(rendered.data, rendered.pages, attempts)


# --- DOCX ----------------------------------------------------------------------------------------


def render_progress_docx(
    report: ProgressReport, charts: ChartRenderer | None = None, *, watermark: bool = False
) -> bytes:
    return _ProgressWriter(report, charts or ChartRenderer(), watermark).build()


class _ProgressWriter(_Writer):
    """The plan's DOCX writer (styles, theme, tables, chart, watermark), for this report:
    no cover and no contents, a header block, then the same blocks as the PDF."""

    def __init__(self, report: ProgressReport, charts: ChartRenderer, watermark: bool) -> None:
        super().__init__(report, charts, watermark)  # type: ignore[arg-type]
        self.report = report

    def build(self) -> bytes:
        self._page_setup()
        self._theme()
        self._styles()
        self._properties()
        self._head()
        for block in self.report.overview:
            self._block(block)
        self.para(self.report.legend, "RF Small")
        if self.watermark:
            self.para(self.t.watermark_note, "RF Notice")
        self._reds()
        out = io.BytesIO()
        self.docx.save(out)
        return out.getvalue()

    def _page_setup(self) -> None:
        super()._page_setup()
        section = self.docx.sections[0]
        section.different_first_page_header_footer = False  # no cover: every page alike
        header = section.header.paragraphs[0]
        header.runs[0].text = f"{self.report.club_name} · {self.t.progress_title} · "
        header.runs[0].text += self.report.review_line

    def _styles(self) -> None:
        super()._styles()
        self.docx.styles["Heading 1"].paragraph_format.page_break_before = False

    def _properties(self) -> None:
        super()._properties()
        props = self.docx.core_properties
        props.subject = f"{self.t.progress_title} {self.report.review_line}"

    def _head(self) -> None:
        report, t = self.report, self.t
        logo = report.branding.logo
        if logo is not None:
            from docx.shared import Cm

            data, _ext = logo.raster()
            self.docx.add_picture(io.BytesIO(data), height=Cm(1.8))
        eyebrow = self.para(f"{t.progress_title} · {report.review_line}".upper(), "RF Small")
        eyebrow.paragraph_format.space_after = Pt(0)
        self.para(report.club_name, "Heading 1")
        overall = self.para()
        overall.add_run(f"{t.progress_overall}: ").bold = True
        _chip(overall, report.status.text, report.status.tone, size=12)
        self._block(report.facts)

    def _reds(self) -> None:
        report, t = self.report, self.t
        title = self.para(f"{t.progress_reds} ({len(report.reds)})", "Heading 1")
        title.paragraph_format.page_break_before = True
        if not report.reds:
            self.para(report.reds_notice, "RF Notice")
        else:
            self.para(t.progress_reds_intro, "RF Small")
        for red in report.reds:
            self._red(red)
        self.para(f"{t.made_with} · {t.generated_on} {report.generated}", "RF Small")

    def _red(self, red: RedObjective) -> None:
        t = self.t
        heading = self.para(f"{red.code} · {red.title}", "Heading 2")
        heading.paragraph_format.space_before = Pt(7)
        heading.paragraph_format.space_after = Pt(1)
        heading.runs[0].font.size = Pt(11)
        line = self.para(style="RF Small")
        line.add_run(f"{red.area} · ")
        _chip(line, red.status.text, red.status.tone)
        if red.kpis is not None:
            self._table(red.kpis)
        else:
            self.para(t.progress_no_kpis, "RF Small")
        for label, items, empty in (
            (t.progress_late, red.late, t.progress_no_late),
            (t.progress_next, red.upcoming, t.progress_no_next),
        ):
            heading = self.para(style="RF Table")
            run = heading.add_run(label.upper())
            run.bold, run.font.size = True, Pt(7.5)
            heading.paragraph_format.space_before = Pt(3)
            if not items:
                self.para(empty, "RF Small").runs[0].italic = True
            for action in items:
                _action(self.para(style="List Bullet"), action)


def _chip(paragraph: Any, text: str, tone: str, size: float = 9) -> None:
    """A status word on its tint, like the PDF's chip (colour never alone: it is a word)."""
    chip = xml_run(
        f" {text} ",
        bold=True,
        colour=TONE_COLOURS.get(tone),
        half_points=round(size * 2),
        fill=TONE_FILLS.get(tone),
    )
    append_xml_runs(paragraph, chip)


def _action(paragraph: Any, action: ActionLine) -> None:
    paragraph.add_run(f"{action.code} ").bold = True
    paragraph.add_run(action.what)
    owner = paragraph.add_run(f" — {action.owner}, {action.deadline}")
    owner.italic = True
    owner.font.color.rgb = RGBColor(0x3E, 0x4C, 0x59)
    paragraph.paragraph_format.space_after = Pt(1)
    for run in paragraph.runs:
        run.font.size = Pt(8)


# --- the entry point -----------------------------------------------------------------------


def export_progress(
    plan: Plan,
    progress: Progress,
    formats: str | Iterable[str],
    out_dir: Path,
    *,
    watermark: bool = False,
    logo: Logo | None = None,
    generated: dt.datetime | None = None,
) -> list[Path]:
    """Compose once, render each format asked for, write the files atomically; the paths
    come back in the order pdf, docx. ``ExportError`` for a bad format or folder."""
    wanted = parse_progress_formats(formats)
    folder = prepare_folder(Path(out_dir))
    report = compose_progress(
        plan, progress, logo=logo if logo is not None else plan_logo(plan), generated=generated
    )
    charts = ChartRenderer()  # one chart, drawn once for both formats
    stem = file_stem(report)
    written = []
    for fmt in wanted:
        if fmt == "pdf":
            data = guard(
                "PDF", lambda: render_progress_pdf(report, charts, watermark=watermark).data
            )
        else:
            data = guard("DOCX", lambda: render_progress_docx(report, charts, watermark=watermark))
        written.append(write_file(folder / f"{stem}.{fmt}", data))
    return written
