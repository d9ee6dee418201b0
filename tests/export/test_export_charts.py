"""Each chart is drawn once and saved as SVG (HTML/PDF) and PNG (DOCX); SVG is reproducible."""

from __future__ import annotations

from pathlib import Path

from engine.export.charts import ChartRenderer
from engine.export.compose import build_document
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


def test_charts_draw_with_the_apps_own_dejavu_files(monkeypatch) -> None:
    """The frozen build leaves out matplotlib's copies of DejaVu Sans: the app's must win,
    with or without them (and over a system copy)."""
    from matplotlib import font_manager

    from engine.paths import resource_path

    def resolved(weight: str) -> Path:
        font_manager.fontManager._findfont_cached.cache_clear()
        return Path(font_manager.findfont(
            font_manager.FontProperties(family="DejaVu Sans", weight=weight),
            fallback_to_default=False,
        ))

    assert resolved("bold") == resource_path("fonts", "DejaVuSans-Bold.ttf")
    assert resolved("normal") == resource_path("fonts", "DejaVuSans.ttf")
    apps = str(resource_path("fonts"))
    pruned = [
        entry for entry in font_manager.fontManager.ttflist
        if not entry.name.startswith("DejaVu") or entry.fname.startswith(apps)
    ]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", pruned)
    assert resolved("bold") == resource_path("fonts", "DejaVuSans-Bold.ttf")
    assert resolved("normal") == resource_path("fonts", "DejaVuSans.ttf")
    font_manager.fontManager._findfont_cached.cache_clear()
