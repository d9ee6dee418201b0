"""Charts: each one is described once (a ``ChartSpec``), drawn once, saved twice.

The document model holds only specs (plain data, ``chart_spec``: reading a plan page
never loads matplotlib). ``ChartRenderer`` draws a
spec into a matplotlib figure the first time any format asks for it, then
saves SVG (HTML and PDF: vector, crisp at any zoom) and PNG (DOCX: Word has no
SVG support through python-docx) from that same figure. Agg/SVG backends
only, no pyplot (no global figure state, no GUI), DejaVu Sans like the text,
fixed hash salt and no dates in the metadata so the SVG is reproducible.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager, rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from engine import formatting
from engine.domain.language import Language
from engine.export.branding import mix
from engine.export.chart_spec import ChartSpec, Series
from engine.paths import resource_path

CM = 1 / 2.54
PNG_DPI = 150  # 16 cm wide: 945 px, sharp in Word at 100-150% zoom
RC = {
    "font.family": "DejaVu Sans",
    "font.size": 7.5,
    # Text stays text: WeasyPrint draws it with the document's embedded DejaVu Sans (4x faster
    # than glyph paths, and searchable); a browser without DejaVu falls back to its sans-serif.
    "svg.fonttype": "none",
    "svg.hashsalt": "rooting-future",
    "axes.edgecolor": "#9AA5B1",
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.labelcolor": "#3E4C59",
    "xtick.color": "#3E4C59",
    "ytick.color": "#3E4C59",
    "xtick.major.size": 0,
    "ytick.major.size": 0,
    "legend.frameon": False,
    "legend.fontsize": 7,
    "figure.dpi": 100,
}
_DRAW_LOCK = threading.Lock()  # rc_context touches matplotlib's global settings
CHART_FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")


def _use_the_apps_fonts() -> None:
    """The charts draw with the app's own DejaVu Sans files, the ones the PDF embeds.

    matplotlib ships byte-identical copies, which the frozen build leaves out
    (build/bundle_contents.py; the self-test checks the font still resolves). Put first,
    they also win over any other DejaVu Sans (a system copy of another version), since
    ``findfont`` takes the first of equally good matches: the same font everywhere.
    """
    manager = font_manager.fontManager
    before = len(manager.ttflist)
    for name in CHART_FONTS:
        manager.addfont(resource_path("fonts", name))
    manager.ttflist[:] = manager.ttflist[before:] + manager.ttflist[:before]


_use_the_apps_fonts()


@dataclass
class ChartRenderer:
    """Draws each spec once per export and keeps the SVG/PNG bytes for every renderer."""

    figures: dict[str, Figure] = field(default_factory=dict)
    outputs: dict[tuple[str, str], bytes] = field(default_factory=dict)
    draws: int = 0

    def svg(self, spec: ChartSpec) -> bytes:
        return self._save(spec, "svg")

    def png(self, spec: ChartSpec) -> bytes:
        return self._save(spec, "png")

    def _save(self, spec: ChartSpec, fmt: str) -> bytes:
        key = (spec.id, fmt)
        if key not in self.outputs:
            with _DRAW_LOCK, rc_context(RC):
                figure = self.figures.get(spec.id)
                if figure is None:
                    figure = self.figures[spec.id] = draw(spec)
                    self.draws += 1
                out = io.BytesIO()
                if fmt == "svg":
                    figure.savefig(out, format="svg", metadata={"Date": None})
                else:
                    figure.savefig(out, format="png", dpi=PNG_DPI, metadata={"Software": None})
            self.outputs[key] = out.getvalue()
        return self.outputs[key]


def draw(spec: ChartSpec) -> Figure:
    figure = Figure(figsize=(spec.width_cm * CM, spec.height_cm * CM))
    # Fixed margins (cm) instead of matplotlib's constrained layout: half the drawing time.
    legend = spec.kind != "range" or len(spec.series) > 1
    left = 2.6 if spec.kind == "range" else 1.5
    right = 4.3 if legend else 0.3
    figure.subplots_adjust(
        left=left / spec.width_cm,
        right=1 - right / spec.width_cm,
        bottom=0.75 / spec.height_cm,
        top=1 - 0.25 / spec.height_cm,
    )
    axes = figure.add_subplot()
    axes.grid(axis="x" if spec.kind == "range" else "y", color="#E4E7EB", linewidth=0.6)
    axes.set_axisbelow(True)
    money_axis = FuncFormatter(lambda v, _pos: _short_money(v, spec.language))
    {"grouped": _grouped, "stacked": _stacked, "range": _range, "flow": _flow}[spec.kind](
        axes, spec
    )
    value_axis = axes.xaxis if spec.kind == "range" else axes.yaxis
    value_axis.set_major_formatter(money_axis)
    value_axis.set_major_locator(MaxNLocator(nbins=5))  # few ticks: readable, and quicker
    handles, _ = axes.get_legend_handles_labels()
    if handles:
        axes.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    return figure


def _colours(series: Series, count: int) -> list[str]:
    flags = series.estimated or (False,) * count
    return [mix(series.colour, "#FFFFFF", 0.5) if flags[i] else series.colour for i in range(count)]


def _values(series: Series) -> list[float]:
    return [v if v is not None else 0.0 for v in series.values]


def _grouped(axes: object, spec: ChartSpec) -> None:
    count = len(spec.categories)
    width = 0.8 / max(1, len(spec.series))
    for index, series in enumerate(spec.series):
        offsets = [i - 0.4 + width * (index + 0.5) for i in range(count)]
        axes.bar(  # type: ignore[attr-defined]
            offsets,
            _values(series),
            width * 0.92,
            color=_colours(series, count),
            edgecolor=series.colour,
            linewidth=0.6,
            label=series.name,
        )
    axes.set_xticks(range(count), spec.categories)  # type: ignore[attr-defined]


def _stacked(axes: object, spec: ChartSpec) -> None:
    count = len(spec.categories)
    bottoms = [0.0] * count
    for series in spec.series:
        values = _values(series)
        axes.bar(  # type: ignore[attr-defined]
            range(count),
            values,
            0.6,
            bottom=bottoms,
            color=_colours(series, count),
            edgecolor="#FFFFFF",
            linewidth=0.5,
            label=series.name,
        )
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    axes.set_xticks(range(count), spec.categories)  # type: ignore[attr-defined]


def _range(axes: object, spec: ChartSpec) -> None:
    low, high = spec.series[0], spec.series[1]
    positions = list(range(len(spec.categories)))[::-1]
    lows, highs = _values(low), _values(high)
    axes.barh(  # type: ignore[attr-defined]
        positions,
        [h - lo for lo, h in zip(lows, highs, strict=True)],
        0.5,
        left=lows,
        color=mix(high.colour, "#FFFFFF", 0.5),
        edgecolor=high.colour,
        linewidth=0.6,
    )
    axes.scatter(lows, positions, s=14, color=low.colour, zorder=3, label=low.name)  # type: ignore[attr-defined]
    axes.scatter(highs, positions, s=14, color=high.colour, marker="D", zorder=3, label=high.name)  # type: ignore[attr-defined]
    axes.set_yticks(positions, spec.categories)  # type: ignore[attr-defined]
    axes.set_xlim(left=0)  # type: ignore[attr-defined]


def _flow(axes: object, spec: ChartSpec) -> None:
    month, cumulative = spec.series[0], spec.series[1]
    values = _values(month)
    count = len(values)
    colours = [month.colour if v >= 0 else "#B42318" for v in values]
    flags = month.estimated or (False,) * count
    colours = [mix(c, "#FFFFFF", 0.5) if flags[i] else c for i, c in enumerate(colours)]
    axes.bar(range(count), values, 0.6, color=colours, label=month.name)  # type: ignore[attr-defined]
    axes.plot(  # type: ignore[attr-defined]
        range(count),
        _values(cumulative),
        color=cumulative.colour,
        linewidth=1.4,
        marker="o",
        markersize=2.5,
        label=cumulative.name,
    )
    axes.axhline(0, color="#9AA5B1", linewidth=0.6)  # type: ignore[attr-defined]
    axes.set_xticks(range(count), spec.categories)  # type: ignore[attr-defined]


def _short_money(value: float, language: Language) -> str:
    if abs(value) >= 1_000_000:
        text = formatting.number(value / 1_000_000, language, 1) + " M"
    elif abs(value) >= 1000:
        text = formatting.number(value / 1000, language, 0) + "k"
    else:
        text = formatting.number(value, language, 0)
    return f"{text} €" if language is Language.IT else f"€{text}"
