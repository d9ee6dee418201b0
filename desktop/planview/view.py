"""The plan view: a section tree, a readable rendering, editing, history and notes.

Every save goes through ``Service.save_version(expected_version=...)``: a new
immutable version, refused (with a message and a reload) if the plan changed
elsewhere meanwhile. Edited sections are marked ``edited``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QCursor, QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.errors import show_error
from desktop.finance_view import FinanceView
from desktop.icons import icon
from desktop.library.model import local_time
from desktop.planview import render
from desktop.planview.editors import ObjectiveEditor, TextEditor
from desktop.planview.history import HistoryDialog
from desktop.planview.research_view import RESEARCH_KEY, ResearchView
from desktop.theme import BADGES, pair
from engine.domain import Area, Plan, PlanStatus, SectionStatus
from engine.domain.context import STORED
from engine.domain.plan import FinanceDrivers, MacroObjective, SectionAuthor
from engine.domain.research import FactStatus
from engine.export.errors import UnknownPage
from engine.service import (
    STALE_TEXT,
    PlanDocument,
    Service,
    ServiceError,
    VersionInfo,
    VersionSource,
)

KEY_ROLE = Qt.ItemDataRole.UserRole
REGENERABLE = {
    "summary": "executive_summary",
    "finance": "financial_plan",
    **{f"area:{a.value}": a.value for a in Area},
}


class SectionBrowser(QTextBrowser):
    """Shows a section; badges show their provenance on hover, objective links navigate."""

    navigate = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tips: list[str] = []
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._clicked)
        self.highlighted.connect(self._hovered)

    def show_rendered(self, rendered: render.Rendered) -> None:
        self.tips = rendered.tips
        self.setHtml(rendered.html)

    def _tip(self, url: QUrl) -> str | None:
        text = url.toString()
        if text.startswith("tip:"):
            index = int(text[4:])
            return self.tips[index] if index < len(self.tips) else None
        return None

    def _hovered(self, url: QUrl) -> None:
        tip = self._tip(url)
        if tip:
            QToolTip.showText(QCursor.pos(), tip, self)
        else:
            QToolTip.hideText()

    def _clicked(self, url: QUrl) -> None:
        text = url.toString()
        tip = self._tip(url)
        if tip:  # keyboard users: activating a badge shows its source too
            QToolTip.showText(QCursor.pos(), tip, self)
        elif text.startswith("objective:"):
            self.navigate.emit(text)
        elif url.scheme() in ("http", "https"):  # a public source's page
            QDesktopServices.openUrl(url)


class NotesPanel(QWidget):
    def __init__(self, service: Service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.plan_id: int | None = None
        self.section: str | None = None
        title = QLabel(self.tr("Notes"))
        title.setObjectName("sectionTitle")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAccessibleName(self.tr("Notes"))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Write a note for the board or your team…"))
        self.text.setMaximumHeight(90)
        self.text.setTabChangesFocus(True)
        self.add_button = QPushButton(icon("note"), self.tr("Add note"))
        self.add_button.clicked.connect(self.add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.text)
        layout.addWidget(self.add_button)
        self.setMinimumWidth(220)

    def load(self, plan_id: int) -> None:
        self.plan_id = plan_id
        self.list.clear()
        for note in self.service.notes(plan_id):
            where = f" · {note.section}" if note.section else ""
            item = QListWidgetItem(f"{note.body}\n— {local_time(note.created_at)}{where}")
            self.list.addItem(item)
        self.list.scrollToBottom()

    def add(self) -> None:
        if self.plan_id is None:
            return
        try:
            self.service.add_note(self.plan_id, self.text.toPlainText(), self.section)
        except ServiceError as error:
            show_error(self, error)
            return
        self.text.clear()
        self.load(self.plan_id)


class PlanView(QWidget):
    back = Signal()
    export_requested = Signal(int)
    regenerate_requested = Signal(int, str)
    resume_requested = Signal(int)
    changed = Signal()
    version_saved = Signal(int, int)  # plan id, the new version number (edit or restore)
    progress_requested = Signal(int)  # plan id: its progress page (issue 17)

    def __init__(self, service: Service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.document: PlanDocument | None = None
        self.current_key = "summary"

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setObjectName("hint")
        self.meta.setWordWrap(True)  # a narrow window wraps the line instead of cutting it
        self.meta.setMinimumWidth(120)
        self.status_chip = QLabel()
        self.back_button = QPushButton(icon("back"), self.tr("Library"))
        self.back_button.clicked.connect(self.back.emit)
        self.approve_button = QPushButton(icon("approve"), self.tr("Approve"))
        self.approve_button.clicked.connect(self.toggle_approved)
        self.history_button = QPushButton(icon("history"), self.tr("History"))
        self.history_button.clicked.connect(self.open_history)
        self.export_button = QPushButton(icon("export", "#FFFFFF"), self.tr("Export…"))
        self.export_button.setObjectName("primary")
        self.export_button.clicked.connect(self._export)
        self.resume_button = QPushButton(icon("retry"), self.tr("Complete failed sections"))
        self.resume_button.clicked.connect(self._resume)
        self.notes_button = QPushButton(icon("note"), self.tr("Notes"))
        self.notes_button.setCheckable(True)
        self.progress_button = QPushButton(icon("finance"), self.tr("Progress"))
        self.progress_button.setToolTip(
            self.tr("How the plan stands season by season: enter or import what was measured")
        )
        self.progress_button.clicked.connect(self._progress)
        header = QHBoxLayout()
        header.addWidget(self.back_button)
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        meta_row = QHBoxLayout()
        meta_row.addWidget(self.status_chip)
        meta_row.addWidget(self.meta, 1)
        titles.addLayout(meta_row)
        header.addLayout(titles, 1)
        for button in (
            self.resume_button,
            self.progress_button,
            self.notes_button,
            self.history_button,
            self.approve_button,
            self.export_button,
        ):
            header.addWidget(button)

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Sections"))
        self.tree.setMinimumWidth(240)
        # Long Italian titles scroll sideways rather than being cut ("no text truncated").
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.currentItemChanged.connect(self._tree_changed)

        self.browser = SectionBrowser()
        self.browser.navigate.connect(self.select)
        self.objective_editor = ObjectiveEditor()
        self.objective_editor.save_requested.connect(self.save_objective)
        self.objective_editor.cancelled.connect(self.stop_editing)
        self.text_editor = TextEditor()
        self.text_editor.save_requested.connect(self.save_text)
        self.text_editor.cancelled.connect(self.stop_editing)
        self.finance = FinanceView()
        self.finance.scenario_chosen.connect(self.save_scenario)
        self.research_view = ResearchView()
        self.research_view.save_requested.connect(self.save_research)
        self.stack = QStackedWidget()
        for widget in (
            self.browser,
            self.objective_editor,
            self.text_editor,
            self.finance,
            self.research_view,
        ):
            self.stack.addWidget(widget)
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit"))
        self.edit_button.clicked.connect(self.start_editing)
        self.regenerate_button = QPushButton(icon("regenerate"), self.tr("Regenerate section"))
        self.regenerate_button.clicked.connect(self._regenerate)
        self.rewrite_button = QPushButton(
            icon("regenerate"), self.tr("Update the texts from the numbers")
        )
        self.rewrite_button.setToolTip(
            self.tr(
                "Rewrites 'Current situation' and 'Gap' from the indicators' numbers; "
                "the current text stays in the version history"
            )
        )
        self.rewrite_button.clicked.connect(self._rewrite_from_numbers)
        section_bar = QHBoxLayout()
        section_bar.addWidget(self.rewrite_button)
        section_bar.addStretch(1)
        section_bar.addWidget(self.edit_button)
        section_bar.addWidget(self.regenerate_button)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(section_bar)
        content_layout.addWidget(self.stack, 1)
        self.notes = NotesPanel(service)
        self.notes.setVisible(False)
        self.notes_button.toggled.connect(self.notes.setVisible)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(content)
        splitter.addWidget(self.notes)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 700, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.tree, self.browser)

    # --- loading ----------------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        assert self.document is not None
        return self.document.plan

    def load(self, plan_id: int, key: str | None = None) -> None:
        self.document = self.service.get_plan(plan_id)
        self._fill_header()
        self._fill_tree()
        self.notes.load(plan_id)
        target = key or self.current_key
        self.select(target if self._has_key(target) else "summary")

    def reload(self) -> None:
        if self.document is not None:
            self.load(self.document.summary.id, self.current_key)

    def _fill_header(self) -> None:
        document = self.document
        assert document is not None
        summary, version = document.summary, document.version
        self.title.setText(summary.club_name)
        approved = summary.status == PlanStatus.APPROVED.value
        background, colour = pair(BADGES, "questionnaire" if approved else "estimate")
        self.status_chip.setText(self.tr("Approved") if approved else self.tr("Draft"))
        self.status_chip.setStyleSheet(
            f"background:{background}; color:{colour}; border-radius:8px; padding:2px 8px;"
        )
        who = self.tr(" and ").join(
            self._author(author) for author, _ in self.plan.generation.authorship()
        )
        self.meta.setText(
            self.tr("{title} · version {n} of {when} · written by {who}").format(
                title=summary.title, n=version.number, when=local_time(version.created_at), who=who
            )
        )
        self.approve_button.setText(self.tr("Back to draft") if approved else self.tr("Approve"))
        self.approve_button.setToolTip(
            ""
            if approved
            else self.tr("Approved plans are used as examples when writing new plans")
        )
        self.resume_button.setVisible(bool(self.plan.failed_sections()))

    def _author(self, author: SectionAuthor) -> str:
        name = {"offline": self.tr("the offline composer"), "gemini": "Gemini"}.get(
            author.provider, author.provider
        )
        return name + (f" ({author.model})" if author.model else "")

    def _item(
        self,
        parent,
        text: str,
        key: str,
        status: SectionStatus | None = None,
        agent: str | None = None,
    ):
        item = QTreeWidgetItem(parent, [text])
        item.setData(0, KEY_ROLE, key)
        if status in (SectionStatus.FAILED, SectionStatus.MISSING):
            item.setIcon(0, icon("failed"))
            item.setToolTip(0, self.tr("This section needs to be written again"))
        elif status is SectionStatus.EDITED:
            item.setIcon(0, icon("edit"))
            item.setToolTip(0, self.tr("Edited by you"))
        elif agent is not None:
            author = self._author(self.plan.generation.author_of(agent))
            item.setToolTip(0, self.tr("Written by {who}").format(who=author))
        return item

    def _fill_tree(self) -> None:
        plan = self.plan
        lang = i18n.current()
        self.tree.blockSignals(True)
        self.tree.clear()
        self._item(
            self.tree,
            self.tr("Executive summary"),
            "summary",
            plan.executive_summary.status,
            "coordinator",
        )
        self._item(self.tree, self.tr("Club analysis"), "analysis", plan.analysis.status)
        for area in Area:
            section = plan.area(area)
            node = self._item(
                self.tree,
                area.label(lang),
                f"area:{area.value}",
                section.status if section else SectionStatus.MISSING,
                area.value,
            )
            for objective in section.objectives if section else []:
                self._item(
                    node, f"{objective.code} {objective.title}", f"objective:{objective.code}"
                )
            node.setExpanded(True)
        self._item(
            self.tree,
            self.tr("Financial plan"),
            "finance",
            plan.financial_plan.status,
            "financial",
        )
        self._item(self.tree, self.tr("Compliance"), "compliance")
        self._item(self.tree, self.tr("Monitoring"), "monitoring")
        to_review = len(plan.research.proposed())
        sources = self._item(
            self.tree,
            self.tr("Public sources ({n} to review)").format(n=to_review)
            if to_review
            else self.tr("Public sources ({n})").format(n=len(plan.research.facts)),
            RESEARCH_KEY,
        )
        sources.setIcon(0, icon("warning" if to_review else "search"))
        sources.setToolTip(
            0,
            self.tr("Facts found on public web pages: they enter the plan once you accept them"),
        )
        gaps = self.service.plan_page(plan, "gaps", i18n.language()).items  # as the page lists
        self._item(self.tree, self.tr("Data to collect ({n})").format(n=gaps), "gaps")
        self._item(
            self.tree, self.tr("Review notes ({n})").format(n=len(plan.warnings)), "warnings"
        )
        self.tree.blockSignals(False)

    def _find(self, key: str) -> QTreeWidgetItem | None:
        iterator = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while iterator:
            item = iterator.pop(0)
            if item.data(0, KEY_ROLE) == key:
                return item
            iterator.extend(item.child(i) for i in range(item.childCount()))
        return None

    def _has_key(self, key: str) -> bool:
        return self._find(key) is not None

    def select(self, key: str) -> None:
        item = self._find(key) or self._find("summary")
        if item is not None:
            self.tree.setCurrentItem(item)
            self._show(item.data(0, KEY_ROLE))

    def _tree_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is not None:
            self._show(current.data(0, KEY_ROLE))

    # --- showing --------------------------------------------------------------------------

    def objective(self, code: str) -> tuple[Area, int, MacroObjective] | None:
        for section in self.plan.areas:
            for index, objective in enumerate(section.objectives):
                if objective.code == code:
                    return section.area, index, objective
        return None

    def _show(self, key: str) -> None:
        self.current_key = key
        self.notes.section = key
        plan = self.plan
        editable = key in ("summary", "analysis", "finance") or key.startswith(
            ("objective:", "area:")
        )
        self.edit_button.setVisible(editable and key != "analysis")
        self.regenerate_button.setVisible(key in REGENERABLE)
        self.rewrite_button.setVisible(
            key.startswith("objective:")
            and any(
                w.code == STALE_TEXT and w.section == key.split(":", 1)[1] for w in plan.warnings
            )
        )
        if key == "finance":
            self.finance.show_plan(plan)
            self.stack.setCurrentWidget(self.finance)
            return
        if key == RESEARCH_KEY:
            settings = self.service.app_settings()
            self.research_view.show_plan(
                plan, research_off=settings.provider == "gemini" and not settings.research
            )
            self.stack.setCurrentWidget(self.research_view)
            return
        try:
            page = self.service.plan_page(plan, key, i18n.language())
        except UnknownPage:  # a key the plan has no page for: the summary instead
            self.select("summary")
            return
        self.browser.show_rendered(render.page_html(page))
        self.stack.setCurrentWidget(self.browser)

    # --- editing ----------------------------------------------------------------------------

    def is_editing(self) -> bool:
        return self.stack.currentWidget() in (self.objective_editor, self.text_editor)

    def start_editing(self) -> None:
        key = self.current_key
        plan = self.plan
        if key.startswith("objective:"):
            found = self.objective(key.split(":", 1)[1])
            if found is None:
                return
            seasons = (
                plan.club.identity.reference_season,
                *plan.season_headings(i18n.current()),
            )
            self.objective_editor.load(found[2], seasons)  # type: ignore[arg-type]
            self.stack.setCurrentWidget(self.objective_editor)
        elif key.startswith("area:"):
            section = plan.area(Area(key.split(":", 1)[1]))
            if section is None:
                return
            self.text_editor.load(
                self.tr("Introduction · {area}").format(area=section.area.label(i18n.current())),
                section.intro,
            )
            self.stack.setCurrentWidget(self.text_editor)
        elif key == "summary":
            self.text_editor.load(
                self.tr("Vision for the three seasons"), plan.executive_summary.vision
            )
            self.stack.setCurrentWidget(self.text_editor)
        elif key == "finance":
            self.text_editor.load(self.tr("Financial commentary"), plan.financial_plan.commentary)
            self.stack.setCurrentWidget(self.text_editor)
        self.edit_button.setVisible(False)
        self.regenerate_button.setVisible(False)

    def stop_editing(self) -> None:
        self._show(self.current_key)

    def save_current(self) -> bool:
        """Ctrl+S: save the open editor, if any."""
        if self.stack.currentWidget() is self.objective_editor:
            self.objective_editor.save()
            return True
        if self.stack.currentWidget() is self.text_editor:
            self.text_editor.save()
            return True
        if self.stack.currentWidget() is self.research_view:
            return self.research_view.save()
        return False

    def save_objective(self, objective: MacroObjective) -> None:
        """Through the service: texts that quote the KPIs follow the numbers typed."""
        reason = self.tr("edited {code}").format(code=objective.code)
        self._save_with(
            lambda expected: self.service.edit_objective(
                self.document.summary.id, objective, reason=reason, expected_version=expected
            )
        )

    def _rewrite_from_numbers(self) -> None:
        code = self.current_key.split(":", 1)[1]
        reason = self.tr("texts of {code} updated from the numbers").format(code=code)
        self._save_with(
            lambda expected: self.service.rewrite_from_numbers(
                self.document.summary.id, code, reason=reason, expected_version=expected
            )
        )

    def _save_with(self, save: Callable[[int], VersionInfo]) -> None:
        """Run a service edit on the shown version; a conflict reloads, nothing is lost."""
        assert self.document is not None
        document = self.document
        try:
            saved = save(document.version.number)
        except ServiceError as error:
            show_error(self, error)
            if error.code == "conflict":
                self.reload()
            return
        self.load(document.summary.id, self.current_key)
        self.changed.emit()
        self.version_saved.emit(document.summary.id, saved.number)

    def save_text(self, text: str) -> None:
        key = self.current_key
        plan = self.plan
        if key.startswith("area:"):
            area = Area(key.split(":", 1)[1])
            areas = [
                s.model_copy(update={"intro": text, "status": SectionStatus.EDITED})
                if s.area is area
                else s
                for s in plan.areas
            ]
            new = plan.model_copy(update={"areas": areas})
        elif key == "summary":
            new = plan.model_copy(
                update={
                    "executive_summary": plan.executive_summary.model_copy(
                        update={"vision": text, "status": SectionStatus.EDITED}
                    )
                }
            )
        elif key == "finance":
            new = plan.model_copy(
                update={
                    "financial_plan": plan.financial_plan.model_copy(
                        update={"commentary": text, "status": SectionStatus.EDITED}
                    )
                }
            )
        else:
            return
        self._save(new, self.tr("edited {section}").format(section=key.split(":")[-1]))

    def _save(self, plan: Plan, reason: str) -> None:
        assert self.document is not None
        document = self.document
        try:
            # Validate the whole plan again: model_copy does not, and the store must
            # never hold a plan that would not load (as stored versions are read).
            plan = Plan.model_validate_json(plan.model_dump_json(), context=STORED)
            saved = self.service.save_version(
                document.summary.id,
                plan,
                reason=reason,
                source=VersionSource.EDITED,
                expected_version=document.version.number,
            )
        except ServiceError as error:
            show_error(self, error)
            if error.code == "conflict":
                self.reload()
            return
        except ValueError as error:
            show_error(self, str(error))
            return
        self.load(document.summary.id, self.current_key)
        self.changed.emit()
        self.version_saved.emit(document.summary.id, saved.number)

    def save_research(
        self, decisions: dict[str, FactStatus], values: dict[str, float | None]
    ) -> None:
        """Accepted, rejected and corrected public-source facts, as a new version."""
        self._save_with(
            lambda expected: self.service.review_research(
                self.document.summary.id, decisions, values, expected_version=expected
            )
        )

    def save_scenario(self, drivers: FinanceDrivers) -> None:
        """The what-if's drivers become the plan's finances, as a new version."""
        self._save_with(
            lambda expected: self.service.save_scenario(
                self.document.summary.id, drivers, expected_version=expected
            )
        )

    # --- actions ------------------------------------------------------------------------------

    def toggle_approved(self) -> None:
        assert self.document is not None
        summary = self.document.summary
        approved = summary.status == PlanStatus.APPROVED.value
        status = PlanStatus.DRAFT if approved else PlanStatus.APPROVED
        self.service.set_status(summary.id, status)
        self.load(summary.id, self.current_key)
        self.changed.emit()

    def open_history(self) -> HistoryDialog:
        assert self.document is not None
        plan_id = self.document.summary.id
        dialog = HistoryDialog(self.service, plan_id, self)
        dialog.restored.connect(
            lambda n: (self.reload(), self.changed.emit(), self.version_saved.emit(plan_id, n))
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    def _export(self) -> None:
        if self.document is not None:
            self.export_requested.emit(self.document.summary.id)

    def _regenerate(self) -> None:
        if self.document is None or self.current_key not in REGENERABLE:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Regenerate section"),
            self.tr(
                "Write this section again with the current settings? The summary is refreshed "
                "too; the current text stays in the version history."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.regenerate_requested.emit(self.document.summary.id, REGENERABLE[self.current_key])

    def _progress(self) -> None:
        if self.document is not None:
            self.progress_requested.emit(self.document.summary.id)

    def _resume(self) -> None:
        if self.document is not None:
            self.resume_requested.emit(self.document.summary.id)
