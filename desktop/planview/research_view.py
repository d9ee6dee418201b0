"""Public sources: the facts the research agent found, reviewed before they enter the plan.

One card per fact: what kind of fact, the sentence, its value (editable, typed the
Italian way as in the questionnaire), the page it comes from as a link, the day it
was read and the text the page supports. Facts start "to review" and are used
nowhere until accepted; *Save decisions* hands the decisions and edited values to
the plan view, which saves them through ``Service.review_research`` as a new version.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.errors import CopyableDialog
from desktop.icons import icon
from desktop.theme import STATES, pair
from desktop.wizard.fields import format_date, format_number, parse_number, unit_label
from engine.domain import Plan
from engine.domain.research import FactStatus, Research, ResearchFact

log = logging.getLogger(__name__)
RESEARCH_KEY = "research"  # the plan view's tree key for this page


class AddressDialog(CopyableDialog):
    """A page's address, when the system could not open a browser."""

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("AddressDialog", "Open the page"),
            QCoreApplication.translate(
                "AddressDialog",
                "This computer could not open the page in a browser. Copy its address "
                "and paste it into your browser:",
            ),
            url,
            QCoreApplication.translate("AddressDialog", "Address of the page"),
            parent,
        )


def open_page(parent: QWidget | None, url: str) -> AddressDialog | None:
    """Open a source's page in the browser; if the system cannot, show its address."""
    if QDesktopServices.openUrl(QUrl(url)):
        return None
    log.warning("the system could not open a source's page")
    dialog = AddressDialog(url, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def examples() -> dict[str, str]:
    """Two numbers as the user types them ("1.500", "1.500,50" in Italian)."""
    whole = format_number(1500)  # grouped as the plan prints it
    return {"whole": whole, "decimal": f"{whole}{QLocale().decimalPoint()}50"}


def _chip(label: QLabel, text: str, state: str) -> None:
    background, colour = pair(STATES, state)
    label.setText(text)
    label.setStyleSheet(
        f"background:{background}; color:{colour}; border-radius:9px; padding:2px 10px;"
    )


class FactCard(QFrame):
    """One fact: its words, value, source and the user's decision."""

    changed = Signal()

    def __init__(self, fact: ResearchFact, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fact = fact
        self.setObjectName("card")
        lang = i18n.current()
        kind = fact.kind.label(lang)
        self.kind = QLabel(kind)
        self.kind.setObjectName("sectionTitle")
        self.kind.setWordWrap(True)
        self.chip = QLabel()
        self.chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.accept = QRadioButton(self.tr("Accept"))
        self.reject = QRadioButton(self.tr("Reject"))
        self.accept.setAccessibleName(self.tr("Accept: {fact}").format(fact=kind))
        self.reject.setAccessibleName(self.tr("Reject: {fact}").format(fact=kind))
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.accept)
        self.choice.addButton(self.reject)
        self.accept.setChecked(fact.status is FactStatus.ACCEPTED)
        self.reject.setChecked(fact.status is FactStatus.REJECTED)
        self.choice.buttonToggled.connect(lambda _button, _on: self._changed())

        self.statement = QLabel(fact.statement)
        self.statement.setWordWrap(True)
        self.statement.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.value = QLineEdit(format_number(fact.value))
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.value.setMaximumWidth(160)
        self.value.setPlaceholderText(self.tr("not known"))
        self.value.setAccessibleName(self.tr("Value: {fact}").format(fact=kind))
        self.value.setToolTip(
            self.tr("Type it as you write it, for example {whole} or {decimal}").format(
                **examples()
            )
        )
        self.shown_value = self.value.text()
        self.value.textEdited.connect(lambda _text: self._changed())
        unit = QLabel(unit_label(fact.unit))
        unit.setObjectName("hint")
        value_row = QHBoxLayout()
        value_row.addWidget(QLabel(self.tr("Value")))
        value_row.addWidget(self.value)
        value_row.addWidget(unit)
        self.range = QLabel(
            self.tr("up to {high} (a new value replaces the range)").format(
                high=format_number(fact.high)
            )
            if fact.high is not None
            else ""
        )
        self.range.setObjectName("hint")
        self.deadline = QLabel(
            self.tr("Deadline: {date}").format(date=format_date(fact.deadline.isoformat()))
            if fact.deadline is not None
            else ""
        )
        self.mine = QLabel(self.tr("Value changed by you") if fact.edited else "")
        self.mine.setObjectName("hint")
        for label in (self.range, self.deadline, self.mine):
            label.setVisible(bool(label.text()))
            value_row.addWidget(label)
        value_row.addStretch(1)

        citation = fact.citation
        self.source = QLabel(
            html.escape(self.tr("Source: {title} · read on {date}"), quote=False).format(
                title=f"<a href='{html.escape(citation.url)}'>{html.escape(citation.title)}</a>",
                date=format_date(citation.retrieved.isoformat()),
            )
        )
        self.source.setTextFormat(Qt.TextFormat.RichText)
        self.source.setWordWrap(True)
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.source.setOpenExternalLinks(False)
        self.source.setToolTip(citation.url)
        self.source.linkActivated.connect(lambda url: open_page(self, url))
        self.supporting = QLabel(
            self.tr("The page says: “{text}”").format(text=citation.supporting_text)
            if citation.supporting_text.strip()
            else ""
        )
        self.supporting.setObjectName("hint")
        self.supporting.setWordWrap(True)
        self.supporting.setTextFormat(Qt.TextFormat.PlainText)
        self.supporting.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.supporting.setVisible(bool(self.supporting.text()))

        top = QHBoxLayout()
        top.addWidget(self.kind, 1)
        top.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.accept, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.reject, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.statement)
        layout.addLayout(value_row)
        layout.addWidget(self.source)
        layout.addWidget(self.supporting)
        self._show_status()

    def decision(self) -> FactStatus:
        if self.accept.isChecked():
            return FactStatus.ACCEPTED
        if self.reject.isChecked():
            return FactStatus.REJECTED
        return self.fact.status

    def value_edited(self) -> bool:
        return self.value.text().strip() != self.shown_value.strip()

    def typed_value(self) -> float | str | None:
        """The value typed (None when emptied), or the text itself when it is not a number."""
        value = parse_number(self.value.text())
        if value is None:
            return None
        if isinstance(value, str) or value < 0:
            return self.value.text()
        return float(value)

    def pending(self) -> bool:
        return self.decision() is not self.fact.status or self.value_edited()

    def _changed(self) -> None:
        self._show_status()
        self.changed.emit()

    def _show_status(self) -> None:
        status = self.decision()
        if status is FactStatus.ACCEPTED:
            _chip(self.chip, self.tr("Accepted"), "done")
        elif status is FactStatus.REJECTED:
            _chip(self.chip, self.tr("Rejected"), "waiting")
        else:
            _chip(self.chip, self.tr("To review"), "cancelled")
        self.setAccessibleDescription(self.chip.text())


class ResearchView(QWidget):
    """The plan's public-source facts; ``save_requested`` carries decisions and new values."""

    save_requested = Signal(object, object)  # id -> FactStatus, id -> float | None (as is)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.research: Research | None = None
        self.cards: list[FactCard] = []
        self.heading = QLabel(self.tr("Public sources"))
        self.heading.setObjectName("sectionTitle")
        self.intro = QLabel(
            self.tr(
                "Facts about the club's context that Gemini found on public web pages, each "
                "with the page it comes from. They are used in the plan only after you "
                "accept them: an accepted population becomes the club's figure, an accepted "
                "funding call becomes a funding option of the financial plan, and every "
                "accepted fact is cited in the exported documents."
            )
        )
        self.intro.setObjectName("hint")
        self.intro.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.reason = QLabel()  # why the plan was not searched, in the plan's language
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.settings_hint = QLabel(
            self.tr(
                "The search of public sources is switched off: you can switch it on in "
                "Settings, under Writing the plan. It applies to the plans written next."
            )
        )
        self.settings_hint.setObjectName("hint")
        self.settings_hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.accept_all_button = QPushButton(icon("approve"), self.tr("Accept all"))
        self.accept_all_button.clicked.connect(self.accept_all)
        self.save_button = QPushButton(icon("save", "#FFFFFF"), self.tr("Save decisions"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self.list = QWidget()
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.accept_all_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.settings_hint)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.scroll, 1)

    def show_plan(self, plan: Plan, research_off: bool = False) -> None:
        """The plan's facts; ``research_off``: writing with Gemini, research switched off."""
        research = plan.research
        self.research = research
        self.error.setVisible(False)
        for card in self.cards:
            self.list_layout.removeWidget(card)
            card.deleteLater()
        self.cards = [FactCard(fact) for fact in research.facts]
        for n, card in enumerate(self.cards):
            card.changed.connect(self._update)
            self.list_layout.insertWidget(n, card)
        if research.searched:
            self.reason.setVisible(False)
        else:
            self.reason.setText(
                research.reason or self.tr("Public sources were not searched for this plan.")
            )
            self.reason.setVisible(True)
        self.settings_hint.setVisible(not research.searched and research_off)
        self._update()

    def _update(self) -> None:
        research = self.research
        if research is None:
            return
        facts = len(self.cards)
        decided = [card.decision() for card in self.cards]
        to_review = decided.count(FactStatus.PROPOSED)
        accepted = decided.count(FactStatus.ACCEPTED)
        rejected = decided.count(FactStatus.REJECTED)
        if facts:
            parts = [
                self.tr("%n to review", "", to_review),
                self.tr("%n accepted", "", accepted),
                self.tr("%n rejected", "", rejected),
            ]
            text = " · ".join(parts) + "."
        elif research.searched:
            text = self.tr("The search found no fact that a public page supports.")
        else:
            text = ""
        if research.discarded:
            text += " " + self.tr(
                "%n fact(s) left out because no page supported them.", "", research.discarded
            )
        pending = any(card.pending() for card in self.cards)
        if pending:
            text += " " + self.tr("Not saved yet.")
        self.summary.setText(text.strip())
        self.summary.setVisible(bool(text.strip()))
        self.accept_all_button.setVisible(bool(facts))
        self.accept_all_button.setEnabled(
            any(card.decision() is not FactStatus.ACCEPTED for card in self.cards)
        )
        self.save_button.setVisible(bool(facts))
        self.save_button.setEnabled(pending)

    def accept_all(self) -> None:
        for card in self.cards:
            card.accept.setChecked(True)
        self._update()

    def save(self) -> bool:
        """Hand the decisions on (a value that is not a number is said instead).

        False when there was nothing to save (Ctrl+S then says so).
        """
        decisions: dict[str, FactStatus] = {}
        values: dict[str, float | None] = {}
        for card in self.cards:
            if card.decision() is not card.fact.status:
                decisions[card.fact.id] = card.decision()
            if card.value_edited():
                value = card.typed_value()
                if isinstance(value, str):
                    self.error.setText(
                        self.tr(
                            "The value of “{fact}” is not a number of zero or more: type it "
                            "as, for example, {whole} or {decimal}, or leave it empty if not "
                            "known."
                        ).format(fact=card.fact.kind.label(i18n.current()), **examples())
                    )
                    self.error.setVisible(True)
                    card.value.setFocus()
                    return True
                values[card.fact.id] = value
        self.error.setVisible(False)
        if not decisions and not values:
            return False
        self.save_requested.emit(decisions, values)
        return True
