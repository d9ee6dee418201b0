"""Look and feel: Fusion with a calm green accent, light or dark after the system.

Colours that carry meaning (the provenance badges, the card states) come in
pairs for light and dark mode so text keeps its contrast in both.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#1F6F4A"
ACCENT_DARK = "#5FBF8F"

# tier -> (light background, light text, dark background, dark text)
BADGES = {
    "questionnaire": ("#DFF1E6", "#14532D", "#1C3B2A", "#B7E4C7"),
    "research": ("#DCEBFA", "#123E6B", "#1A2E45", "#B9D7F5"),
    "estimate": ("#FCEFD2", "#6B4500", "#43361A", "#F5D99A"),
    "missing": ("#F8DCDC", "#7A1B1B", "#4A2020", "#F3B6B6"),
}
STATES = {
    "waiting": ("#EEEEEE", "#555555", "#2E2E2E", "#BBBBBB"),
    "running": ("#DCEBFA", "#123E6B", "#1A2E45", "#B9D7F5"),
    "done": ("#DFF1E6", "#14532D", "#1C3B2A", "#B7E4C7"),
    "failed": ("#F8DCDC", "#7A1B1B", "#4A2020", "#F3B6B6"),
    "cancelled": ("#FCEFD2", "#6B4500", "#43361A", "#F5D99A"),
}
# The plan's progress (engine.monitoring.Rag): a chip's background and text, light and dark.
RAG = {
    "green": ("#DFF1E6", "#14532D", "#1C3B2A", "#B7E4C7"),
    "amber": ("#FCEFD2", "#6B4500", "#43361A", "#F5D99A"),
    "red": ("#F8DCDC", "#7A1B1B", "#4A2020", "#F3B6B6"),
    "unmeasured": ("#EEEEEE", "#555555", "#2E2E2E", "#BBBBBB"),
}
# Marks drawn on the chart (a sparkline's dots), strong enough on a white or dark row:
# (light mode, dark mode).
RAG_MARKS = {
    "green": ("#2E8B57", "#5FBF8F"),
    "amber": ("#C98A00", "#E8B84A"),
    "red": ("#C0392B", "#F08080"),
    "unmeasured": ("#8A8A8A", "#9A9A9A"),
}


_forced: list[bool | None] = [None]


def force_dark(dark: bool | None) -> None:
    """Override the system's light/dark choice (None: follow the system)."""
    _forced[0] = dark


def is_dark() -> bool:
    if _forced[0] is not None:
        return _forced[0]
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None and scheme() == Qt.ColorScheme.Dark:
        return True
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def pair(table: dict[str, tuple[str, str, str, str]], key: str) -> tuple[str, str]:
    colours = table.get(key, table[next(iter(table))])
    return (colours[2], colours[3]) if is_dark() else (colours[0], colours[1])


def rag_mark(key: str) -> str:
    light, dark = RAG_MARKS.get(key, RAG_MARKS["unmeasured"])
    return dark if is_dark() else light


def accent() -> str:
    return ACCENT_DARK if is_dark() else ACCENT


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    dark = is_dark()
    palette = app.style().standardPalette()
    if dark:
        base, window, text = QColor("#1E1F22"), QColor("#2A2C30"), QColor("#E8E8E8")
        palette.setColor(QPalette.ColorRole.Window, window)
        palette.setColor(QPalette.ColorRole.WindowText, text)
        palette.setColor(QPalette.ColorRole.Base, base)
        palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#26282B"))
        palette.setColor(QPalette.ColorRole.Text, text)
        palette.setColor(QPalette.ColorRole.Button, window)
        palette.setColor(QPalette.ColorRole.ButtonText, text)
        palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#33363B"))
        palette.setColor(QPalette.ColorRole.ToolTipText, text)
        palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#9A9A9A"))
        palette.setColor(QPalette.ColorRole.Link, QColor(ACCENT_DARK))
        for role in (
            QPalette.ColorRole.WindowText,
            QPalette.ColorRole.Text,
            QPalette.ColorRole.ButtonText,
        ):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#777777"))
    else:
        palette.setColor(QPalette.ColorRole.Window, QColor("#F6F7F5"))
        palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#F1F4F0"))
        palette.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(accent()))
    palette.setColor(
        QPalette.ColorRole.HighlightedText, QColor("#FFFFFF" if not dark else "#0E1A14")
    )
    app.setPalette(palette)
    app.setStyleSheet(stylesheet())


def stylesheet() -> str:
    banner_bg, banner_fg = pair(BADGES, "estimate")
    return f"""
    QLabel#licenceBanner {{
        background: {banner_bg}; color: {banner_fg};
        padding: 8px 12px; border-radius: 6px;
    }}
    QLabel#pageTitle {{ font-size: 18pt; font-weight: 600; }}
    QLabel#sectionTitle {{ font-size: 13pt; font-weight: 600; }}
    QLabel#hint {{ color: palette(placeholder-text); }}
    QLabel#fieldError {{ color: {pair(BADGES, "missing")[1]}; }}
    QFrame#card {{
        border: 1px solid palette(mid); border-radius: 8px; background: palette(base);
    }}
    QPushButton#primary {{
        background: {accent()}; color: {"#0E1A14" if is_dark() else "#FFFFFF"};
        border: none; border-radius: 5px; padding: 7px 16px; font-weight: 600;
    }}
    QPushButton#primary:disabled {{ background: palette(mid); color: palette(window); }}
    QPushButton#primary:focus {{ outline: 2px solid palette(highlight); }}
    """
