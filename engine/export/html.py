"""HTML from the document model: Jinja2 templates with autoescaping, one print stylesheet.

The same markup feeds WeasyPrint (fonts as packaged file URLs, read by the
safe fetcher) and the standalone ``.html`` export (fonts, logo and charts all
inline, so the file opens anywhere offline). Autoescaping is on for every
template: a club named ``<script>`` prints as text. Only our own CSS and
validated hex colours are marked safe.
"""

from __future__ import annotations

import base64
import functools
from typing import TYPE_CHECKING, Literal

import jinja2
from markupsafe import Markup

from engine.export.charts import ChartRenderer
from engine.export.document import Document
from engine.export.fonts import font_face_css_files, font_face_css_inline
from engine.paths import resource_path

if TYPE_CHECKING:
    from engine.export.compose_progress import ProgressReport

Mode = Literal["pdf", "file"]


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_path("templates"))),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["kind"] = lambda value: type(value).__name__
    return env


@functools.cache
def stylesheet() -> str:
    return resource_path("templates", "print.css").read_text("utf-8")


def css_string(text: str) -> str:
    """A CSS string literal: quotes, backslashes, newlines and ``<`` escaped."""
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\<>\n\r' or ord(c) < 32 else c for c in text)
    return f'"{escaped}"'


def _css(doc: Document, mode: Mode) -> Markup:
    t = doc.labels
    fonts = font_face_css_files() if mode == "pdf" else font_face_css_inline()
    page = (
        "@page{@bottom-right{content:"
        f"{css_string(t.page + ' ')} counter(page) {css_string(' ' + t.of + ' ')} counter(pages)"
        "}}"
    )
    return Markup(fonts + doc.branding.css_variables + page + stylesheet())


@functools.cache
def progress_stylesheet() -> str:
    return resource_path("templates", "progress.css").read_text("utf-8")


def chart_uris(doc: Document | ProgressReport, charts: ChartRenderer) -> dict[str, str]:
    return {
        spec.id: "data:image/svg+xml;base64," + base64.b64encode(charts.svg(spec)).decode("ascii")
        for spec in doc.charts()
    }


def render_plan_html(
    doc: Document, charts: ChartRenderer, *, watermark: bool = False, mode: Mode = "pdf"
) -> str:
    template = environment().get_template("plan.html")
    logo = doc.branding.logo
    return template.render(
        doc=doc,
        css=_css(doc, mode),
        charts=chart_uris(doc, charts),
        logo=logo.data_uri if logo else None,
        watermark=watermark,
        created=doc.created_iso,
    )


def render_onepager_html(
    doc: Document, *, watermark: bool = False, tight: bool = False, mode: Mode = "pdf"
) -> str:
    template = environment().get_template("onepager.html")
    logo = doc.branding.logo
    length = len(doc.club_name)
    name_size = " xlong" if length > 90 else " long" if length > 45 else ""
    facts = dict(doc.cover.facts)
    t = doc.labels
    meta = " · ".join(
        value
        for value in (facts.get(t.legal_form), facts.get(t.seat), facts.get(t.sports))
        if value
    )
    return template.render(
        doc=doc,
        css=_css(doc, mode),
        logo=logo.data_uri if logo else None,
        watermark=watermark,
        tight=tight,
        name_size=name_size,
        meta_line=meta,
        created=doc.created_iso,
    )


def render_progress_html(
    report: ProgressReport,
    charts: ChartRenderer,
    *,
    watermark: bool = False,
    tight: bool = False,
    mode: Mode = "pdf",
) -> str:
    """The board's progress report (``progress.html``): print.css plus ``progress.css``."""
    template = environment().get_template("progress.html")
    logo = report.branding.logo
    return template.render(
        doc=report,
        css=_css(report, mode) + Markup(progress_stylesheet()),  # type: ignore[arg-type]
        charts=chart_uris(report, charts),
        logo=logo.data_uri if logo else None,
        watermark=watermark,
        tight=tight,
        created=report.created_iso,
    )
