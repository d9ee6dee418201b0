"""Icons drawn from the SVGs in ``resources/icons``, sharp at any screen scale.

The SVGs use ``currentColor``; an icon engine renders them at the size asked
(so high-DPI screens get crisp pixels) in the palette's text colour, which
keeps them legible in light and dark mode alike.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from engine.paths import resource_path

ACCENT = "#1F6F4A"


@cache
def _svg_text(name: str) -> str:
    path = resource_path("icons", f"{name}.svg")
    return path.read_text("utf-8") if path.exists() else ""


def _colour(mode: QIcon.Mode) -> str:
    palette = QGuiApplication.palette()
    if mode is QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()
    return palette.color(QPalette.ColorRole.WindowText).name()


class SvgIconEngine(QIconEngine):
    def __init__(self, name: str, colour: str | None = None) -> None:
        super().__init__()
        self._name = name
        self._colour = colour

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        colour = self._colour or _colour(mode)
        data = _svg_text(self._name).replace("currentColor", colour)
        renderer = QSvgRenderer(QByteArray(data.encode("utf-8")))
        renderer.render(painter, rect)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._name, self._colour)


def icon(name: str, colour: str | None = None) -> QIcon:
    """An icon by file name (without ``.svg``); empty when the file is missing."""
    if not _svg_text(name):
        return QIcon()
    return QIcon(SvgIconEngine(name, colour))


def app_icon() -> QIcon:
    """The application icon (it has its own colours)."""
    return QIcon(str(resource_path("icons", "app.svg")))
