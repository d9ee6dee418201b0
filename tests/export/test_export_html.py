"""The standalone HTML: escaped user text, everything inline, no script, no remote URL."""

from __future__ import annotations

import re

from engine.export.html import css_string, environment
from tests.export.export_support import ExportRun


def test_hostile_club_name_is_escaped(en_export: ExportRun) -> None:
    html = en_export.read(".html").decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Co&#34;" in html
    assert "<script" not in html.lower()
    assert "alert(1)</script>" not in html


def test_html_is_self_contained(it_export: ExportRun) -> None:
    html = it_export.read(".html").decode("utf-8")
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:|//|file:)", html, re.IGNORECASE)
    assert not re.search(r"url\(\s*[\"']?(?:https?:|//|file:|fonts/)", html, re.IGNORECASE)
    assert html.count("data:font/woff2;base64,") == 3
    assert html.count('src="data:image/svg+xml;base64,') == 5  # the five finance charts
    assert 'class="cover-logo" src="data:image/png;base64,' in html
    assert len(html) < 1_500_000


def test_templates_autoescape_and_css_strings_are_escaped() -> None:
    env = environment()
    assert env.autoescape is True
    rendered = env.from_string("{{ x }}").render(x="<b>&")
    assert rendered == "&lt;b&gt;&amp;"
    assert css_string('a"</style>\\') == '"a\\22 \\3c /style\\3e \\5c "'


def test_pdf_html_uses_packaged_font_files_not_inline_fonts() -> None:
    from engine.export.charts import ChartRenderer
    from engine.export.compose import build_document
    from engine.export.html import render_plan_html
    from tests.factories import make_plan

    html = render_plan_html(build_document(make_plan()), ChartRenderer())
    assert 'url("fonts/DejaVuSans.ttf")' in html
    assert "data:font/woff2" not in html


def test_watermark_in_html_only_when_asked(it_export: ExportRun, en_export: ExportRun) -> None:
    assert 'class="watermark"' in en_export.read(".html").decode("utf-8")
    assert "EVALUATION COPY" in en_export.read(".html").decode("utf-8")
    assert 'class="watermark"' not in it_export.read(".html").decode("utf-8")
