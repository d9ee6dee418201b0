"""Each chart is drawn once and saved as SVG (HTML/PDF) and PNG (DOCX); SVG is reproducible."""

from __future__ import annotations

from engine.export.charts import ChartRenderer
from engine.export.document import build_document
from tests.export.export_support import full_plan


def test_each_chart_drawn_once_for_both_formats_and_svg_reproducible() -> None:
    specs = build_document(full_plan()).charts()
    renderer = ChartRenderer()
    svgs = [renderer.svg(spec) for spec in specs]
    pngs = [renderer.png(spec) for spec in specs]
    svgs_again = [renderer.svg(spec) for spec in specs]
    assert renderer.draws == len(specs) == 5
    assert svgs == svgs_again
    assert all(png.startswith(b"\x89PNG") for png in pngs)
    other = ChartRenderer()
    assert [other.svg(spec) for spec in specs] == svgs  # same plan, same bytes
    for svg in svgs:
        text = svg.decode("utf-8")
        assert "<script" not in text
        assert "<dc:date>" not in text
        assert "DejaVu Sans" in text
        assert "http://" not in text.replace("http://www.w3.org/", "").replace(
            "http://purl.org/", ""
        ).replace("http://creativecommons.org/", "").replace("http://matplotlib.org/", "")
