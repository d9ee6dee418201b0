"""The finance what-if: change a driver and see three seasons, the cash and break-even at once.

Each change re-runs only the engine's projection (year 0 is built once per plan through
``Service.what_if``), so the table follows the spin boxes as they move. "Use as the
plan's scenario" asks the plan view to save the drivers as a new version; nothing is
stored while the user is trying things.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import language
from engine.domain.plan import FinanceDrivers, ScenarioKind
from engine.finance.scenarios import yearly, yearly_rate
from engine.finance.span import Span
from engine.finance.whatif import Outcome, WhatIf
from engine.finance.words import money

GROWTH_DRIVERS = ("members", "fee", "sponsorship", "grants")
SPIN_WIDTH = 96
COMBO_WIDTH = 210
WIDE_ENOUGH = 980  # below this the result goes under the drivers


def _money(amount) -> str:
    return money(amount, language())


class WhatIfPanel(QGroupBox):
    """Drivers on the left, the three seasons they give on the right."""

    scenario_chosen = Signal(object)  # FinanceDrivers to save as the plan's scenario

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Try a scenario"))
        self.setObjectName("whatIf")
        self.model: WhatIf | None = None
        self._loading = False
        self.outcome: Outcome | None = None

        self.preset = QComboBox()
        self.preset.setMaximumWidth(COMBO_WIDTH)
        self.preset.setAccessibleName(self.tr("Scenario"))
        self.spins: dict[str, QDoubleSpinBox] = {}
        form = QFormLayout()
        form.addRow(self.tr("Start from"), self.preset)
        labels = {
            "members": self.tr("Members, change per year"),
            "fee": self.tr("Average fee, change per year"),
            "sponsorship": self.tr("Sponsorship, change per year"),
            "grants": self.tr("Public grants, change per year"),
            "inflation": self.tr("Running costs, inflation per year"),
        }
        for key, text in labels.items():
            spin = QDoubleSpinBox()
            spin.setRange(-20.0 if key == "inflation" else -50.0, 50.0)  # the model's limits
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setSuffix(" %")
            spin.setFixedWidth(SPIN_WIDTH)
            spin.setAccessibleName(text)
            spin.valueChanged.connect(self._changed)
            self.spins[key] = spin
            form.addRow(text, spin)
        self.delay = QComboBox()
        self.delay.addItems(
            [
                self.tr("As planned"),
                self.tr("Postponed by one season"),
                self.tr("Postponed by two seasons"),
            ]
        )
        self.delay.setAccessibleName(self.tr("Investments"))
        self.delay.setMaximumWidth(COMBO_WIDTH)
        self.delay.currentIndexChanged.connect(self._changed)
        form.addRow(self.tr("Investments"), self.delay)
        self.sponsor = QComboBox()
        self.sponsor.setAccessibleName(self.tr("Largest sponsor"))
        self.sponsor.setMaximumWidth(COMBO_WIDTH)
        self.sponsor.currentIndexChanged.connect(self._changed)
        form.addRow(self.tr("Largest sponsor"), self.sponsor)
        self.loan = QCheckBox(self.tr("for the facility works"))
        self.loan.setAccessibleName(self.tr("Fund the facility works with a Credito Sportivo loan"))
        self.loan.toggled.connect(self._changed)
        self.rate = QDoubleSpinBox()
        self.rate.setRange(0.0, 15.0)
        self.rate.setDecimals(2)
        self.rate.setSingleStep(0.25)
        self.rate.setSuffix(" %")
        self.rate.setFixedWidth(SPIN_WIDTH)
        self.rate.setAccessibleName(self.tr("Loan rate per year"))
        self.rate.setToolTip(self.tr("Ask the Credito Sportivo for your rate"))
        self.rate.valueChanged.connect(self._changed)
        loan_row = QHBoxLayout()
        loan_row.addWidget(self.loan)
        loan_row.addWidget(QLabel(self.tr("rate")))
        loan_row.addWidget(self.rate)
        loan_row.addStretch(1)
        form.addRow(self.tr("Credito Sportivo loan"), loan_row)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)

        self.table = QTableWidget(0, 4)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setAccessibleName(self.tr("Result of the scenario"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setObjectName("whatIfVerdict")
        self.save_button = QPushButton(self.tr("Use as the plan's scenario"))
        self.save_button.setToolTip(
            self.tr("Saves a new version of the plan with these figures; the current one stays")
        )
        self.save_button.clicked.connect(self._save)
        self.reset_button = QPushButton(self.tr("Back to the plan's figures"))
        self.reset_button.clicked.connect(self.reset)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.save_button)

        right = QVBoxLayout()
        right.addWidget(self.table, 1)
        right.addWidget(self.verdict)
        right.addLayout(buttons)
        # Drivers beside their result when there is room, above it when the window is narrow
        # (the section tree leaves ~650 pixels at 1024).
        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        # The layout must not hold the panel at its side-by-side width, or it never narrows.
        self.body.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        left = QWidget()
        left.setLayout(form)
        self.body.addWidget(left)
        self.body.addLayout(right, 1)
        self.preset.currentIndexChanged.connect(self._preset_chosen)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= WIDE_ENOUGH
        self.body.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        super().resizeEvent(event)

    # --- loading -------------------------------------------------------------------------

    def load(self, model: WhatIf) -> None:
        self.model = model
        self._loading = True
        self.preset.clear()
        names = {
            ScenarioKind.PRUDENT: self.tr("Prudent scenario"),
            ScenarioKind.BASE: self.tr("Base scenario"),
            ScenarioKind.AMBITIOUS: self.tr("Ambitious scenario"),
        }
        self.preset.addItem(self.tr("The plan's figures"), model.current)
        for kind, drivers in model.scenarios().items():
            self.preset.addItem(names[kind], drivers)
        seasons = model.seasons
        self.sponsor.clear()
        self.sponsor.addItem(self.tr("Stays"), None)
        for year in (1, 2, 3):
            self.sponsor.addItem(self.tr("Lost from {season}").format(season=seasons[year]), year)
        self.sponsor.setEnabled(model.sponsor_share is not None)
        if model.sponsor_share is None:
            self.sponsor.setToolTip(
                self.tr("Give the largest sponsor's share in the questionnaire to try this")
            )
        self.loan.setEnabled(model.has_infrastructure_investments)
        self.table.setColumnCount(len(seasons))
        self.table.setHorizontalHeaderLabels(["", *seasons[1:]])
        self._loading = False
        self._apply(model.current)

    def reset(self) -> None:
        if self.model is not None:
            self.preset.setCurrentIndex(0)
            self._apply(self.model.current)

    def _preset_chosen(self, index: int) -> None:
        drivers = self.preset.itemData(index)
        if not self._loading and isinstance(drivers, FinanceDrivers):
            self._apply(drivers)

    def _apply(self, drivers: FinanceDrivers) -> None:
        """Show ``drivers`` in the widgets (as yearly rates) and recompute."""
        self._loading = True
        for key in GROWTH_DRIVERS:
            self.spins[key].setValue(round(yearly_rate(getattr(drivers, key)) * 100, 1))
        self.spins["inflation"].setValue(round(drivers.inflation * 100, 1))
        self.delay.setCurrentIndex(drivers.investment_delay)
        self.sponsor.setCurrentIndex(drivers.main_sponsor_lost_from or 0)
        self.loan.setChecked(drivers.ics_loan)
        self.rate.setValue(round(drivers.ics_rate * 100, 2))
        self._loading = False
        self._shown = drivers
        self._recompute(drivers)

    # --- recomputing ---------------------------------------------------------------------

    def drivers(self) -> FinanceDrivers:
        """The drivers the widgets show; unchanged widgets keep the scenario's own steps."""
        shown = self._shown
        values: dict = {}
        for key in GROWTH_DRIVERS:
            rate = self.spins[key].value() / 100
            same = abs(rate - yearly_rate(getattr(shown, key))) < 0.0005
            values[key] = getattr(shown, key) if same else yearly(rate)
        values["inflation"] = round(self.spins["inflation"].value() / 100, 6)
        values["investment_delay"] = self.delay.currentIndex()
        values["main_sponsor_lost_from"] = self.sponsor.currentData()
        values["ics_loan"] = self.loan.isChecked()
        values["ics_rate"] = round(self.rate.value() / 100, 6)
        changed = any(values[k] != getattr(shown, k) for k in values)
        scenario = ScenarioKind.CUSTOM if changed else shown.scenario
        return shown.model_copy(update={**values, "scenario": scenario})

    def _changed(self) -> None:
        if not self._loading and self.model is not None:
            self._recompute(self.drivers())

    def _recompute(self, drivers: FinanceDrivers) -> None:
        if self.model is None:
            return
        self.outcome = outcome = self.model.run(drivers)
        p = outcome.projection
        rows = [
            (self.tr("Revenue"), list(p.revenue[1:])),
            (self.tr("Running costs"), list(p.costs[1:])),
            (self.tr("Investments"), [Span.exact(v) for v in p.invested]),
            (self.tr("Loan instalments"), list(p.repayments)),
            (self.tr("Funding secured"), [Span.exact(v) for v in p.committed]),
            (self.tr("New loan (assumption)"), [Span.exact(v) for v in p.loan_inflow]),
            (self.tr("Balance of the year"), list(p.balance)),
            (self.tr("Cash at season end"), list(p.cash[1:])),
            (self.tr("New funding to find"), [Span.exact(v) for v in p.to_seek]),
        ]
        self.table.setRowCount(len(rows))
        for row, (label, values) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(label))
            for column, value in enumerate(values, start=1):
                item = QTableWidgetItem(_money(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if value.low < 0:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, column, item)
        height = self.table.horizontalHeader().sizeHint().height() + 4
        height += len(rows) * self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(height)
        self.verdict.setText(self._verdict(outcome))
        self.save_button.setEnabled(drivers != self.model.current)

    def _verdict(self, outcome: Outcome) -> str:
        p, seasons = outcome.projection, outcome.seasons
        if p.unknown:
            return self.tr("Break-even cannot be judged: {lines} still to be collected.").format(
                lines=", ".join(p.unknown)
            )
        if p.break_even:
            text = self.tr("The balance stays positive from {season}.").format(
                season=seasons[p.break_even]
            )
        else:
            text = self.tr("The balance does not stay positive within the plan.")
        if outcome.to_seek > 0:
            text += " " + self.tr("New funding needed: {amount}.").format(
                amount=_money(outcome.to_seek)
            )
        return text

    def _save(self) -> None:
        self.scenario_chosen.emit(self.drivers())
