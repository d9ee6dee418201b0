"""The economic-financial plan as tables and charts, every figure with its source.

Figures come from the finance model (never the language model). Each cell's
tooltip gives its provenance in plain words and a tinted background says the
tier at a glance (questionnaire, public source, estimate, to be collected).
Charts are drawn with QPainter: no chart module is needed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.planview.figures import number, provenance, tier_key, value_text
from desktop.theme import BADGES, accent, is_dark, pair
from desktop.whatif_panel import WhatIfPanel
from engine import formatting
from engine.domain import Area, Plan, SourcedValue
from engine.domain.plan import FinanceKind, FundingStatus
from engine.finance.whatif import WhatIf

log = logging.getLogger("rooting_future.desktop")
MONTHS_IT = ("set", "ott", "nov", "dic", "gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago")
MONTHS_EN = ("Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug")


class BarChart(QWidget):
    """Grouped bars with a zero line, value axis, category labels and a legend."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.categories: list[str] = []
        self.series: list[tuple[str, QColor, list[float]]] = []
        self.setMinimumHeight(240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(title)

    def sizeHint(self) -> QSize:
        return QSize(600, 260)

    def set_data(
        self, categories: list[str], series: list[tuple[str, QColor, list[float]]]
    ) -> None:
        self.categories = categories
        self.series = series
        summary = "; ".join(
            f"{name}: "
            + ", ".join(f"{c} {number(v)}" for c, v in zip(categories, values, strict=False))
            for name, _colour, values in series
        )
        self.setAccessibleDescription(summary)
        self.setToolTip(summary)
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        grid = QColor(text)
        grid.setAlpha(40)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text)
        width, height = self.width(), self.height()
        painter.drawText(QRectF(0, 0, width, 22), Qt.AlignmentFlag.AlignLeft, self.title)
        painter.setFont(self.font())
        values = [v for _n, _c, vs in self.series for v in vs] or [0.0]
        ticks = formatting.nice_ticks(min(values), max(values))  # round numbers on the axis
        top_value, bottom_value = ticks[-1], ticks[0]
        span = (top_value - bottom_value) or 1.0
        left, right, top, bottom = 80.0, 12.0, 30.0, 46.0
        plot_h = height - top - bottom
        plot_w = width - left - right

        def y_of(value: float) -> float:
            return top + (top_value - value) / span * plot_h

        painter.setPen(QPen(grid, 1))
        for value in ticks:
            y = y_of(value)
            painter.drawLine(int(left), int(y), int(width - right), int(y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - 9, left - 6, 18),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                number(value, 0),
            )
            painter.setPen(QPen(grid, 1))
        if not self.categories or not self.series:
            return
        group = plot_w / len(self.categories)
        bar = max(2.0, group * 0.7 / len(self.series))
        zero = y_of(0)
        for index, category in enumerate(self.categories):
            x0 = left + group * index + group * 0.15
            for s, (_name, colour, series_values) in enumerate(self.series):
                if index >= len(series_values):
                    continue
                y = y_of(series_values[index])
                rect = QRectF(x0 + s * bar, min(y, zero), bar - 1, abs(zero - y))
                painter.fillRect(rect, colour)
            painter.setPen(text)
            painter.drawText(
                QRectF(left + group * index, height - bottom + 4, group, 18),
                Qt.AlignmentFlag.AlignCenter,
                category,
            )
        painter.setPen(QPen(text, 1))
        painter.drawLine(int(left), int(zero), int(width - right), int(zero))
        x = left
        for name, colour, _values in self.series:
            painter.fillRect(QRectF(x, height - 18, 12, 12), colour)
            painter.drawText(QRectF(x + 16, height - 21, 220, 18), Qt.AlignmentFlag.AlignLeft, name)
            x += 24 + painter.fontMetrics().horizontalAdvance(name) + 12


def tinted_item(value: SourcedValue | None, text: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text if text is not None else _shown(value))
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    item.setToolTip(provenance(value))
    background, colour = pair(BADGES, tier_key(value))
    item.setBackground(QColor(background))
    item.setForeground(QColor(colour))
    return item


def _shown(value: SourcedValue | None) -> str:
    if value is None:
        return "–"
    return value_text(value)


def _number(value: SourcedValue | None) -> float:
    """What a chart draws: the value, or the middle of an estimate range."""
    if value is None:
        return 0.0
    return value.midpoint or 0.0


class FinanceView(QWidget):
    scenario_chosen = Signal(object)  # FinanceDrivers the user wants as the plan's scenario

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what_if: WhatIfPanel | None = None
        self.inner = QWidget()
        self.column = QVBoxLayout(self.inner)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(self.inner)
        self.scroll = area
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(area)
        self.tables: dict[str, QTableWidget] = {}
        self.charts: dict[str, BarChart] = {}

    def show_what_if(self) -> None:
        """Scroll the what-if panel into view (the scenario table above it stays in sight)."""
        if self.what_if is not None:
            self.inner.adjustSize()
            self.scroll.ensureWidgetVisible(self.what_if, 0, 0)

    def _clear(self) -> None:
        while self.column.count():
            item = self.column.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.tables.clear()
        self.charts.clear()

    def _heading(self, text: str, kind: str = "sectionTitle") -> None:
        label = QLabel(text)
        label.setObjectName(kind)
        label.setWordWrap(True)
        self.column.addWidget(label)

    def _table(self, key: str, headers: list[str], rows: int) -> QTableWidget:
        table = QTableWidget(rows, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        height = table.horizontalHeader().sizeHint().height() + 4
        height += rows * table.verticalHeader().defaultSectionSize()
        table.setFixedHeight(height)
        self.tables[key] = table
        self.column.addWidget(table)
        return table

    def _scenarios(self, plan: Plan) -> None:
        """Prudent, base and ambitious (and the board's own) side by side."""
        finance = plan.financial_plan
        if not finance.scenarios:
            return
        self._heading(
            self.tr("Scenarios side by side")
            if not finance.unknown_lines
            else self.tr("Scenarios side by side (partial: some costs are missing)")
        )
        last = plan.seasons[-1]
        labels = [
            self.tr("Revenue {season}").format(season=last),
            self.tr("Running costs {season}").format(season=last),
            *(self.tr("Balance {season}").format(season=s) for s in plan.seasons),
            self.tr("Cash at the end of {season}").format(season=last),
            self.tr("New funding to find"),
            self.tr("Break-even"),
        ]
        table = self._table(
            "scenarios", [self.tr("Item"), *(s.label for s in finance.scenarios)], len(labels)
        )
        for index, label in enumerate(labels):
            table.setItem(index, 0, QTableWidgetItem(label))
        for column, scenario in enumerate(finance.scenarios, start=1):
            values = [
                scenario.revenue[-1],
                scenario.costs[-1],
                *scenario.balance,
                scenario.cash[-1],
                scenario.to_seek,
            ]
            for index, value in enumerate(values):
                table.setItem(index, column, tinted_item(value))
            year = scenario.break_even_year
            table.setItem(
                len(values), column, QTableWidgetItem(plan.seasons[year - 1] if year else "–")
            )

    def show_plan(self, plan: Plan) -> None:
        self._clear()
        finance = plan.financial_plan
        lang = i18n.current()
        years = [self.tr("Today ({season})").format(season=plan.club.identity.reference_season)]
        years += plan.season_headings(lang)
        self._heading(self.tr("Economic-financial plan"), "pageTitle")
        legend = QLabel(
            self.tr(
                "Every figure is computed from your questionnaire and named benchmarks, never "
                "by the AI. Point at a figure to see its source. Green: your questionnaire; "
                "blue: a public source; amber: an estimate to verify; red: to be collected."
            )
        )
        legend.setWordWrap(True)
        legend.setObjectName("hint")
        self.column.addWidget(legend)
        if finance.status.value in ("failed", "missing"):
            warning = QLabel(finance.failure_reason or self.tr("This section was not written."))
            warning.setWordWrap(True)
            self.column.addWidget(warning)
        # lines
        revenue = [line for line in finance.lines if line.kind is FinanceKind.REVENUE]
        costs = [line for line in finance.lines if line.kind is FinanceKind.COST]
        loans = [line for line in finance.lines if line.kind is FinanceKind.REPAYMENT]
        summary = [r for r in finance.rows if r.key not in ("revenue_total", "cost_total")]
        rows = (
            len(revenue) + len(costs) + 4 + len(summary) + len(loans) + (0 if finance.rows else 1)
        )
        self._heading(self.tr("Revenue and costs (EUR per year)"))
        table = self._table("lines", [self.tr("Category"), *years], rows)
        row = 0

        def bold_item(text: str) -> QTableWidgetItem:
            item = QTableWidgetItem(text)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            return item

        def title_row(text: str) -> None:
            nonlocal row
            table.setItem(row, 0, bold_item(text))
            row += 1

        def line_row(label: str, values: list, note: str = "") -> None:
            nonlocal row
            name = QTableWidgetItem(label)
            if note:
                name.setToolTip(note)
            table.setItem(row, 0, name)
            for column, value in enumerate(values, start=1):
                table.setItem(row, column, tinted_item(value))
            row += 1

        def total_row(label: str, values: list) -> None:
            nonlocal row
            item = bold_item(label)
            table.setItem(row, 0, item)
            for column, value in enumerate(values, start=1):
                cell = QTableWidgetItem("–" if value is None else _shown(value))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                cell.setFont(item.font())
                cell.setToolTip(self.tr("Computed by the finance model from the lines above"))
                table.setItem(row, column, cell)
            row += 1

        totals = {"revenue": [0.0] * 4, "cost": [0.0] * 4}
        for kind, lines, text in (
            ("revenue", revenue, self.tr("Revenue")),
            ("cost", costs, self.tr("Costs")),
        ):
            title_row(text)
            for line in lines:
                line_row(line.label, line.values, line.note)
                for column, value in enumerate(line.values):
                    totals[kind][column] += _number(value)
            total = finance.row(f"{kind}_total")
            if total is not None:
                total_row(total.label, total.values)
                totals[kind] = [_number(v) for v in total.values]
            else:
                total_row(
                    self.tr("Total revenue") if kind == "revenue" else self.tr("Total costs"),
                    [SourcedValue.derived(v, "EUR") for v in totals[kind]],
                )
        for summary_row in summary:
            if summary_row.key == "repayments":
                for line in loans:
                    line_row("   " + line.label, line.values, line.note)
            total_row(summary_row.label, summary_row.values)
        if not finance.rows:  # a plan saved before the finance model's summary rows
            total_row(
                self.tr("Result"),
                [
                    SourcedValue.derived(r - c, "EUR")
                    for r, c in zip(totals["revenue"], totals["cost"], strict=True)
                ],
            )
        chart = BarChart(self.tr("Revenue and costs by season"))
        chart.set_data(
            years,
            [
                (self.tr("Revenue"), QColor(accent()), totals["revenue"]),
                (
                    self.tr("Costs"),
                    QColor("#D08C3C" if not is_dark() else "#E0A860"),
                    totals["cost"],
                ),
            ],
        )
        self.charts["years"] = chart
        self.column.addWidget(chart)
        if finance.unknown_lines:
            text = self.tr("Break-even cannot be judged: {lines} still to be collected.").format(
                lines=", ".join(finance.unknown_lines)
            )
        elif finance.break_even_year is not None:
            text = (
                self.tr("Break-even: the result stays positive from today.")
                if finance.break_even_year == 0
                else self.tr("Break-even: from season {season}.").format(
                    season=plan.seasons[finance.break_even_year - 1]
                )
            )
        else:
            text = self.tr("Break-even: not reached within the plan; see the risks below.")
        self._heading(text, "")
        self._scenarios(plan)
        self.what_if = WhatIfPanel()
        self.what_if.scenario_chosen.connect(self.scenario_chosen)
        self.column.addWidget(self.what_if)
        try:
            self.what_if.load(WhatIf(plan))
        except (ValueError, KeyError):  # an old plan the model cannot re-run: no panel
            log.exception("what-if unavailable for this plan")
            self.what_if.setVisible(False)
        # investments
        if finance.investments:
            self._heading(self.tr("Investments by area (EUR)"))
            table = self._table(
                "investments", [self.tr("Area"), *plan.seasons], len(finance.investments)
            )
            for row, line in enumerate(finance.investments):
                table.setItem(row, 0, QTableWidgetItem(Area(line.area).label(lang)))
                for column, value in enumerate(line.values, start=1):
                    table.setItem(row, column, tinted_item(value))
        # funding sources
        if finance.funding_sources:
            self._heading(self.tr("Funding sources"))
            table = self._table(
                "funding",
                [self.tr("Source"), self.tr("What for"), self.tr("Amount")],
                len(finance.funding_sources),
            )
            status = {
                FundingStatus.COMMITTED: self.tr("secured"),
                FundingStatus.TO_SEEK: self.tr("to find"),
                FundingStatus.OPTION: self.tr("possible source"),
            }
            for row, source in enumerate(finance.funding_sources):
                name = QTableWidgetItem(f"{source.name} ({status[source.status]})")
                table.setItem(row, 0, name)
                detail = QTableWidgetItem(source.detail)
                detail.setToolTip(source.detail)
                table.setItem(row, 1, detail)
                table.setItem(row, 2, tinted_item(source.amount))
            table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # cash flow
        if finance.cash_flow_y1:
            months = MONTHS_IT if lang == "it" else MONTHS_EN
            self._heading(
                self.tr("Monthly cash flow, season {season} (EUR)").format(season=plan.seasons[0])
            )
            chart = BarChart(self.tr("Net cash flow by month"))
            chart.set_data(
                list(months[: len(finance.cash_flow_y1)]),
                [
                    (
                        self.tr("Cash flow"),
                        QColor(accent()),
                        [_number(v) for v in finance.cash_flow_y1],
                    )
                ],
            )
            self.charts["cash"] = chart
            self.column.addWidget(chart)
            table = self._table("cash", [self.tr("Month"), self.tr("Net cash flow")], 12)
            for row, value in enumerate(finance.cash_flow_y1):
                table.setItem(row, 0, QTableWidgetItem(months[row]))
                table.setItem(row, 1, tinted_item(value))
            if finance.opening_cash is not None:
                opening = QLabel(
                    self.tr("Cash at the start of the season: {value} ({source})").format(
                        value=_shown(finance.opening_cash), source=provenance(finance.opening_cash)
                    )
                )
                opening.setWordWrap(True)
                self.column.addWidget(opening)
        # KPIs
        if finance.kpis:
            self._heading(self.tr("Financial indicators"))
            table = self._table(
                "kpis",
                [self.tr("Indicator"), self.tr("Today"), *plan.seasons],  # ratios: forecast
                len(finance.kpis),
            )
            for row, kpi in enumerate(finance.kpis):
                name = QTableWidgetItem(f"{kpi.name} ({kpi.unit})")
                name.setToolTip(kpi.source)
                table.setItem(row, 0, name)
                for column, value in enumerate([kpi.baseline, *kpi.targets], start=1):
                    table.setItem(row, column, tinted_item(value))
        if finance.commentary:
            self._heading(self.tr("Commentary"))
            text = QLabel(finance.commentary)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.column.addWidget(text)
        if finance.risks:
            self._heading(self.tr("Risks"))
            risks = QLabel("\n".join(f"• {risk}" for risk in finance.risks))
            risks.setWordWrap(True)
            self.column.addWidget(risks)
        self.column.addStretch(1)
