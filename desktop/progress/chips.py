"""Status chips and sparklines, painted in item views (the progress tree, the library).

A cell shows a chip when its item holds a ``Rag`` under ``RAG_ROLE`` (the text is the
item's own, e.g. "da rilevare"); a sparkline when it holds a KPI's series under
``SERIES_ROLE``: the targets of the three seasons as a line, what was measured as dots
(coloured by the season's status), the season on screen in a faint band. No chart
library: a few QPainter calls per visible row.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QModelIndex, QObject, QPointF, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
)

from desktop import i18n
from desktop.i18n import language, t
from desktop.theme import RAG, pair, rag_mark
from engine import formatting
from engine.monitoring.model import Rag, Review
from engine.monitoring.status import current_season, review_date

RAG_ROLE = Qt.ItemDataRole.UserRole + 20  # a Rag (its value): the cell is a chip
SERIES_ROLE = Qt.ItemDataRole.UserRole + 21  # (series, the season shown): a sparkline
YES_NO = "sì/no"
SEASON = re.compile(r"(\d{4})/\d{2}")


def rag_text(rag: Rag) -> str:
    """The engine's words for a status ("da rilevare" / "to be measured")."""
    return rag.label(i18n.current())


def default_review(season: str, today: dt.date) -> Review:
    """Mid-season until its date (end of January) has passed, then the season end."""
    return Review.MID if today <= review_date(season, Review.MID) else Review.END


def seasons_of(label: str) -> list[str]:
    """A plan's seasons from its library label ("2026/27 - 2028/29")."""
    found = [int(m.group(1)) for m in SEASON.finditer(label)]
    if not found:
        return []
    return [f"{y}/{(y + 1) % 100:02d}" for y in range(found[0], found[-1] + 1)]


def review_now(seasons: list[str], today: dt.date | None = None) -> tuple[str, Review]:
    """The season running today and the review that comes next in it."""
    today = today or dt.date.today()
    season = current_season(seasons, today)
    return season, default_review(season, today)


def value_text(value: float | None, unit: str, bare: bool = False) -> str:
    """A measured or expected value the way the plan prints it ("84,5%", "9.900 €");
    ``bare``: counts without their unit word (a column beside says it)."""
    if value is None:
        return "–"
    if unit == YES_NO and value in (0, 1):
        return t("yes") if value else t("no")
    if bare and unit not in formatting.MONEY_UNITS and unit != "%":
        return formatting.number(round(value, 2), language())
    return formatting.quantity(round(value, 2), unit, language())


def unit_text(unit: str) -> str:
    if unit == YES_NO:
        return t("yes/no")
    if unit == "n":
        return t("number")
    return formatting.unit_word(unit, language())


def paint_chip(painter: QPainter, rect: QRectF, text: str, rag: str) -> None:
    background, colour = pair(RAG, rag)
    metrics = painter.fontMetrics()
    width = min(rect.width() - 4, metrics.horizontalAdvance(text) + 20)
    height = min(rect.height() - 4, metrics.height() + 6)
    chip = QRectF(rect.left() + 2, rect.center().y() - height / 2, width, height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(background))
    painter.drawRoundedRect(chip, height / 2, height / 2)
    painter.setPen(QColor(colour))
    painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


class WrapDelegate(QStyledItemDelegate):
    """Long Italian texts wrap at the column's width instead of being cut; the tree's rows
    grow to fit (``follow_width`` lays them out again when a column changes width)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.metrics: dict[tuple[str, bool], QFontMetrics] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        view = option.widget
        if not isinstance(view, QTreeView):
            return size
        text = index.data()
        if not text:
            return size
        margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view)
        width = view.header().sectionSize(index.column()) - 2 * (margin + 1)
        if index.column() == 0:
            depth, parent = 1, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= view.indentation() * depth
        bounds = self._metrics(view, bold=not index.parent().isValid()).boundingRect(
            QRect(0, 0, max(width, 60), 100_000), int(Qt.TextFlag.TextWordWrap), str(text)
        )
        # New sizes rather than setHeight(): see desktop.progress.page.put.
        return QSize(size.width(), max(size.height(), bounds.height() + 8))

    def _metrics(self, view: QTreeView, bold: bool) -> QFontMetrics:
        """The font's metrics (the tree's top rows are bold), kept per font."""
        key = (view.font().key(), bold)
        if key not in self.metrics:
            font = QFont(view.font())
            font.setBold(bold)
            self.metrics[key] = QFontMetrics(font)
        return self.metrics[key]

    @staticmethod
    def follow_width(view: QTreeView) -> None:
        timer = QTimer(view)
        timer.setSingleShot(True)
        timer.setInterval(0)
        timer.timeout.connect(view.doItemsLayout)
        view.header().sectionResized.connect(lambda *_: timer.start())


class ChipDelegate(WrapDelegate):
    """The status as a rounded chip in the status colours (light and dark)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        rag = index.data(RAG_ROLE)
        if not rag:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        text = option.text
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        paint_chip(painter, QRectF(option.rect), text, str(rag))

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(RAG_ROLE):
            return QSize(size.width() + 24, max(size.height(), option.fontMetrics.height() + 10))
        return size


SPARK_SIZE = QSize(96, 26)


class SparklineDelegate(QStyledItemDelegate):
    """Targets of the three seasons as a line, actuals as dots (the status colours)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        data = index.data(SERIES_ROLE)
        style = option.widget.style() if option.widget else QApplication.style()
        self.initStyleOption(option, index)
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        if not data:
            return
        series, shown, marks = data
        paint_sparkline(painter, QRectF(option.rect), series, shown, marks, option)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        if index.data(SERIES_ROLE):
            return SPARK_SIZE
        return super().sizeHint(option, index)


def paint_sparkline(
    painter: QPainter,
    rect: QRectF,
    series: tuple[tuple[str, float | None, float | None], ...],
    shown: str,
    marks: dict[str, str],
    option: QStyleOptionViewItem | None = None,
) -> None:
    """``marks``: season -> the Rag value that colours its dot (missing: neutral)."""
    values = [v for _s, target, actual in series for v in (target, actual) if v is not None]
    if not series or not values:
        return
    area = rect.adjusted(8, 5, -8, -5)
    low, high = min(values), max(values)
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    step = area.width() / max(1, len(series) - 1)

    def point(i: int, value: float) -> QPointF:
        return QPointF(
            area.left() + i * step, area.bottom() - (value - low) / (high - low) * area.height()
        )

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    text = option.palette.text().color() if option is not None else QColor("#555555")
    for i, (season, _target, _actual) in enumerate(series):
        if season == shown:  # the season on screen: a faint dotted line across
            mark = QColor(text)
            mark.setAlpha(90)
            painter.setPen(QPen(mark, 1, Qt.PenStyle.DotLine))
            x = area.left() + i * step
            painter.drawLine(QPointF(x, rect.top() + 2), QPointF(x, rect.bottom() - 2))
    line = QColor(text)
    line.setAlpha(150)
    path = QPainterPath()
    started = False
    for i, (_season, target, _actual) in enumerate(series):
        if target is None:
            started = False
            continue
        if started:
            path.lineTo(point(i, target))
        else:
            path.moveTo(point(i, target))
            started = True
    painter.setPen(QPen(line, 1.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    for i, (_season, target, _actual) in enumerate(series):
        if target is not None:
            painter.drawEllipse(point(i, target), 1.6, 1.6)
    for i, (season, _target, actual) in enumerate(series):
        if actual is None:
            continue
        colour = QColor(rag_mark(marks.get(season, "unmeasured")))
        painter.setPen(
            QPen(option.palette.base().color() if option is not None else Qt.GlobalColor.white, 1)
        )
        painter.setBrush(colour)
        painter.drawEllipse(point(i, actual), 3.6, 3.6)
    painter.restore()
