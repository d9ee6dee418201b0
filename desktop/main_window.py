"""The main window: the library, the questionnaire, the generation and the plan view.

One window with four pages in a stack; menus, a toolbar and the shortcuts
users expect (Ctrl+N new plan, Ctrl+F find, Ctrl+E export, Ctrl+S save).
The evaluation banner sits above every page, in the desktop's words with a
link to the licence dialog and the vendor's address. Window geometry, and the
licence state the start-up dialog last showed (so it greets once, and
speaks again only when the state changes), and the spreadsheet columns chosen
for imports (``desktop.progress.importing``) live in QSettings (an ini file in
the data folder), nothing else does.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.errors import PathDialog, mail_link, open_folder, show_error
from desktop.icons import app_icon, icon
from desktop.library.view import LibraryPage
from desktop.prefs import writer_for
from desktop.prerender import LOW_PRIORITY, Prerenderer
from desktop.tasks import TaskRunner
from engine.domain import ClubProfile
from engine.licence import current_licence
from engine.logs import LOG_FOLDER
from engine.monitoring.model import Review
from engine.service import Service
from engine.vendor import vendor
from licensing import LicenceState, LicenceStatus

if TYPE_CHECKING:  # the pages and dialogs load on first use (a quicker start)
    from desktop.export_dialog import ExportDialog
    from desktop.generation.page import GenerationPage, RunOutcome
    from desktop.licence_dialog import LicenceDialog
    from desktop.planview.view import PlanView
    from desktop.progress.page import ProgressPage
    from desktop.settings_dialog import SettingsDialog
    from desktop.wizard.page import WizardPage

log = logging.getLogger(__name__)
WINDOW_STATE_FILE = "window.ini"
LICENCE_SEEN_KEY = "licence/shown_at_start"  # the status the start-up dialog last showed
LICENCE_LINK = "#licence"  # the banner's link to the licence dialog


class MainWindow(QMainWindow):
    def __init__(
        self,
        service: Service,
        language: str = "it",
        *,
        licence: LicenceState | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.language = language
        self.licence = licence or current_licence(service.home)
        self.runner = runner or TaskRunner(self)
        self.runner.error_handler = show_error
        # Each saved version is rendered into the export cache in the background.
        self.prerenderer = Prerenderer(service, self.runner, self)
        self.writer_overrides: dict[str, Any] = {}  # e.g. a proxy's gemini_base_url
        self.setWindowTitle("Rooting Future")
        self.setWindowIcon(app_icon())
        self.resize(1200, 780)
        self.setMinimumSize(900, 600)

        self.licence_banner = QLabel()
        self.licence_banner.setObjectName("licenceBanner")
        self.licence_banner.setWordWrap(True)
        self.licence_banner.setTextFormat(Qt.TextFormat.RichText)
        self.licence_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.licence_banner.setOpenExternalLinks(False)
        self.licence_banner.linkActivated.connect(self._banner_link)
        self._show_licence_banner(self.licence)

        self.library = LibraryPage(service, language)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.library)
        # The other pages are built on first use: a quicker start (see bench/gui.py).
        self._wizard: WizardPage | None = None
        self._generation: GenerationPage | None = None
        self._plan_view: PlanView | None = None
        self._progress: ProgressPage | None = None
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.licence_banner)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self._connect()
        self._actions()
        self.statusBar().showMessage(self.tr("Data folder: {path}").format(path=service.home))
        self._restore_geometry()

    # --- compatibility with the first version's API ----------------------------------

    @property
    def model(self):
        return self.library.model

    @property
    def search(self):
        return self.library.search

    @property
    def empty(self):
        return self.library.empty

    # --- pages, built on first use ------------------------------------------------------

    @property
    def wizard(self) -> WizardPage:
        if self._wizard is None:
            from desktop.wizard.page import WizardPage

            page = WizardPage(
                self.service.home,
                objective_titles=self.service.objective_titles(i18n.current()),
            )
            page.generate.connect(self.generate)
            page.cancelled.connect(self.show_library)
            page.start_from_plan.connect(self.pick_plan_for_wizard)
            self.stack.addWidget(page)
            self._wizard = page
        return self._wizard

    @property
    def generation(self) -> GenerationPage:
        if self._generation is None:
            from desktop.generation.page import GenerationPage

            page = GenerationPage(self.service, self.runner, self.make_writer)
            page.open_plan.connect(self.open_plan)
            page.review_sources.connect(lambda plan_id: self.open_plan(plan_id, "research"))
            page.open_settings.connect(self.open_settings)
            page.back.connect(self.show_library)
            page.finished.connect(self._generation_finished)
            self.stack.addWidget(page)
            self._generation = page
        return self._generation

    @property
    def plan_view(self) -> PlanView:
        if self._plan_view is None:
            from desktop.planview.view import PlanView

            page = PlanView(self.service)
            page.back.connect(self.show_library)
            page.export_requested.connect(self.export_plan)
            page.regenerate_requested.connect(self.regenerate_section)
            page.resume_requested.connect(self.resume_plan)
            page.changed.connect(self.library.refresh)
            page.version_saved.connect(self.prerenderer.schedule)
            page.progress_requested.connect(self.open_progress)
            self.stack.addWidget(page)
            self._plan_view = page
        return self._plan_view

    @property
    def progress_page(self) -> ProgressPage:
        if self._progress is None:
            from desktop.progress.page import ProgressPage

            page = ProgressPage(self.service)
            page.back.connect(lambda plan_id: self.open_plan(plan_id, self.plan_view.current_key))
            page.changed.connect(self.library.model.forget_progress)
            page.report_requested.connect(
                lambda plan_id, season, review: self.export_progress_report(
                    plan_id, season, Review(review)
                )
            )
            self.stack.addWidget(page)
            self._progress = page
            self._warm_report_engine()
        return self._progress

    def _warm_report_engine(self) -> None:
        """Load WeasyPrint, the report's fonts and the chart engine on the task pool, behind
        anything the user started, so the board's report renders in well under a second
        (``bench/monitoring.py``). A failure here is only logged: the export will say it."""
        self.runner.run(
            self.service.warm_report_engine,
            failure=lambda error: log.info("report engine not warmed: %s", error),
            key="warm-report-engine",
            priority=LOW_PRIORITY,
        )

    # --- wiring ----------------------------------------------------------------------------

    def _connect(self) -> None:
        library = self.library
        library.open_plan.connect(self.open_plan)
        library.new_plan.connect(self.new_plan)
        library.new_from_example.connect(self.new_plan_from_file)
        library.new_from_plan.connect(self.new_plan_from_plan)
        library.export_plan.connect(self.export_plan)
        library.import_club.connect(self.import_club_file)

    def _action(self, name: str, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(icon(name), text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(
            f"{tip or text.replace('&', '').rstrip('…')}"
            + (
                f" ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
                if shortcut is not None
                else ""
            )
        )
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _actions(self) -> None:
        self.new_action = self._action(
            "new", self.tr("&New plan…"), self.new_plan, QKeySequence.StandardKey.New
        )
        self.find_action = self._action(
            "search", self.tr("&Find plans"), self.focus_search, QKeySequence.StandardKey.Find
        )
        self.export_action = self._action(
            "export", self.tr("&Export…"), self.export_current, "Ctrl+E"
        )
        self.save_action = self._action(
            "save", self.tr("&Save"), self.save_current, QKeySequence.StandardKey.Save
        )
        self.library_action = self._action(
            "library", self.tr("&Library"), self.show_library, "Ctrl+L"
        )
        self.import_club_action = self._action(
            "import", self.tr("Open &club file…"), self.import_club_file, "Ctrl+O"
        )
        self.import_plan_action = self._action(
            "import", self.tr("&Import plan file…"), self.import_plan_file
        )
        self.settings_action = self._action(
            "settings",
            self.tr("&Settings…"),
            self.open_settings,
            QKeySequence.StandardKey.Preferences,
        )
        if self.settings_action.shortcut().isEmpty():
            self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.licence_action = self._action("licence", self.tr("&Licence…"), self.open_licence)
        self.quit_action = self._action(
            "", self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit
        )
        self.data_action = self._action(
            "folder", self.tr("Open &data folder"), self.open_data_folder
        )
        self.about_action = self._action("info", self.tr("&About Rooting Future"), self.about)

        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        for action in (
            self.new_action,
            self.import_club_action,
            self.import_plan_action,
            None,
            self.save_action,
            self.export_action,
            None,
            self.quit_action,
        ):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        view_menu = menu.addMenu(self.tr("&View"))
        view_menu.addAction(self.library_action)
        view_menu.addAction(self.find_action)
        tools = menu.addMenu(self.tr("&Tools"))
        tools.addAction(self.settings_action)
        tools.addAction(self.licence_action)
        tools.addAction(self.data_action)
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

        toolbar = QToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (
            self.library_action,
            self.new_action,
            self.export_action,
            self.settings_action,
        ):
            toolbar.addAction(action)
        self.addToolBar(toolbar)

    # --- window state -----------------------------------------------------------------------

    def _window_settings(self) -> QSettings:
        return QSettings(str(self.service.home / WINDOW_STATE_FILE), QSettings.Format.IniFormat)

    def _restore_geometry(self) -> None:
        settings = self._window_settings()
        geometry = settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("state")
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._generation is not None and self._generation.running:
            answer = QMessageBox.question(
                self,
                self.tr("Quit"),
                self.tr(
                    "A plan is being written. Stop it and quit? The sections already written "
                    "are saved."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.generation.cancel()
        if self._wizard is not None and self.stack.currentWidget() is self._wizard:
            self._wizard.save_draft()
        settings = self._window_settings()
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("state", self.saveState())
        settings.sync()
        self.prerenderer.stop()  # before the pool waits: a running render stops early
        self.runner.shutdown()
        event.accept()

    # --- navigation --------------------------------------------------------------------------

    def show_library(self) -> None:
        self.library.refresh()
        self.stack.setCurrentWidget(self.library)
        self.library.table.setFocus()

    def focus_search(self) -> None:
        if self.stack.currentWidget() is not self.library:
            self.show_library()
        self.library.search.setFocus()
        self.library.search.selectAll()

    def new_plan(self) -> None:
        self.wizard.start_new()
        self.stack.setCurrentWidget(self.wizard)

    def new_plan_from_file(self, path: Path) -> None:
        self.stack.setCurrentWidget(self.wizard)
        self.wizard.load_club_file(Path(path))

    def new_plan_from_plan(self, plan_id: int) -> None:
        self.wizard.load_plan_club(self.service.get_plan(plan_id).plan)
        self.stack.setCurrentWidget(self.wizard)

    def pick_plan_for_wizard(self) -> None:
        from desktop.library.picker import PlanPicker

        picker = PlanPicker(self.service, self)
        if picker.exec() and picker.chosen() is not None:
            self.wizard.load_plan_club(self.service.get_plan(picker.chosen()).plan)

    def open_plan(self, plan_id: int, section: str = "summary") -> None:
        """Show a plan at one of its sections (a tree key, e.g. "research")."""
        try:
            self.plan_view.load(plan_id, section)
        except Exception as error:
            show_error(self, error)
            return
        self.stack.setCurrentWidget(self.plan_view)
        self.plan_view.tree.setFocus()

    def open_progress(self, plan_id: int) -> None:
        """A plan's progress: its status at a review, the values measured, an import."""
        try:
            self.progress_page.load(plan_id)
        except Exception as error:
            show_error(self, error)
            return
        self.stack.setCurrentWidget(self.progress_page)
        self.progress_page.tree.setFocus()

    # --- generation ---------------------------------------------------------------------------

    def make_writer(self, provider: str | None):
        return writer_for(
            self.service, self.service.app_settings(), provider, **self.writer_overrides
        )

    def generate(self, club: ClubProfile) -> None:
        settings = self.service.app_settings()
        if self.generation.start_new(club, settings.plan_language):
            self.stack.setCurrentWidget(self.generation)

    def _generation_finished(self, outcome: RunOutcome) -> None:
        if outcome.plan_id is not None and outcome.saved and not outcome.nothing_to_do:
            self.prerenderer.schedule(outcome.plan_id)  # the version just saved
        if outcome.plan_id is not None and not self.generation.partial:
            # The questionnaire became a plan: its draft is done with.
            if self._wizard is not None:
                self._wizard.discard_draft()
            else:
                from desktop.wizard.page import DRAFT_NAME

                (self.service.home / "drafts" / DRAFT_NAME).unlink(missing_ok=True)
        self.library.refresh()

    def regenerate_section(self, plan_id: int, section: str) -> None:
        if self.generation.start_regenerate(plan_id, section):
            self.stack.setCurrentWidget(self.generation)

    def resume_plan(self, plan_id: int) -> None:
        if self.generation.start_resume(plan_id):
            self.stack.setCurrentWidget(self.generation)

    # --- files --------------------------------------------------------------------------------

    def import_club_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open club file"), str(Path.home()), self.tr("Club files (*.json)")
        )
        if path:
            self.new_plan_from_file(Path(path))

    def import_plan_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import plan file"), str(Path.home()), self.tr("Plan files (*.json)")
        )
        if not path:
            return
        try:
            summary, created = self.service.import_plan_file(Path(path))
        except Exception as error:
            show_error(self, error)
            return
        self.prerenderer.schedule(summary.id)
        self.library.refresh()
        self.statusBar().showMessage(
            self.tr("Imported {club}.").format(club=summary.club_name)
            if created
            else self.tr("{club}: the file was added as a new version.").format(
                club=summary.club_name
            ),
            8000,
        )
        self.open_plan(summary.id)

    def export_plan(self, plan_id: int) -> ExportDialog:
        from desktop.export_dialog import ExportDialog

        dialog = ExportDialog(self.service, self.runner, plan_id, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    def export_progress_report(self, plan_id: int, season: str, review: Review) -> ExportDialog:
        """The board's "Stato di avanzamento" for a review, judged as the progress page does."""
        from desktop.export_dialog import ExportDialog, ProgressReportRequest

        request = ProgressReportRequest(season, review, self.progress_page.today())
        dialog = ExportDialog(self.service, self.runner, plan_id, self, report=request)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    def export_current(self) -> None:
        current = self.stack.currentWidget()
        if current is self._plan_view and self.plan_view.document is not None:
            self.export_plan(self.plan_view.document.summary.id)
            return
        if current is self._progress and self.progress_page.plan_id is not None:
            self.progress_page.request_report()  # on the progress page: the board's report
            return
        selected = self.library.selected()
        if current is self.library and selected is not None:
            self.export_plan(selected.id)
            return
        self.statusBar().showMessage(self.tr("Open or select a plan to export it."), 5000)

    def save_current(self) -> None:
        current = self.stack.currentWidget()
        if current is self._wizard and self._wizard is not None:
            self._wizard.save_draft()
        elif (current is self._plan_view and self.plan_view.save_current()) or (
            current is self._progress and self.progress_page.save_current()
        ):
            return
        else:
            self.statusBar().showMessage(self.tr("Nothing to save: every change is saved."), 4000)

    # --- settings, licence -----------------------------------------------------------------

    def open_settings(self) -> SettingsDialog:
        from desktop.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.service,
            self.runner,
            self.licence,
            self,
            gemini_base_url=self.writer_overrides.get("gemini_base_url"),
        )
        dialog.licence_requested.connect(self.open_licence)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    def open_licence(self, *, at_start: bool = False) -> LicenceDialog | None:
        """The licence dialog; ``at_start`` (the app's start-up) greets only when it should.

        At start-up the dialog appears on the first start and whenever the licence
        state differs from the one it last showed (expired, moved to another
        computer...), never again and again for the same state: the banner keeps
        saying it. Opened by the user, it is titled by the licence's state.
        """
        from desktop.licence_dialog import LicenceDialog

        if at_start:
            if not self.licence_news(self.licence):
                return None
            self._remember_licence_shown(self.licence)
        dialog = LicenceDialog(self.service.home, self.licence, self, welcome=at_start)
        dialog.licence_changed.connect(self.licence_changed)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    def licence_news(self, state: LicenceState) -> bool:
        """Whether the start-up dialog has something new to say about ``state``."""
        if state.is_licensed:
            self._remember_licence_shown(state)  # a later loss of the licence is news
            return False
        seen = self._window_settings().value(LICENCE_SEEN_KEY, "")
        return seen != state.status.value

    def _remember_licence_shown(self, state: LicenceState) -> None:
        settings = self._window_settings()
        settings.setValue(LICENCE_SEEN_KEY, state.status.value)
        settings.sync()

    def licence_changed(self, state: LicenceState) -> None:
        self.licence = state
        self.service.max_clubs = state.max_clubs
        self.service.watermark = state.watermark
        self._remember_licence_shown(state)
        self._show_licence_banner(state)

    def licence_notice(self, state: LicenceState) -> str:
        """The banner's rich text in evaluation mode ("" when licensed).

        The state in the licensing package's words, a link to the licence dialog
        (whose buttons do what the engine's text asks to type) and the vendor's
        address; no command line, no machine code (the dialog shows it).
        """
        if not state.evaluation:
            return ""
        action = (
            self.tr("How to get a licence…")
            if state.status is LicenceStatus.MISSING
            else self.tr("What to do…")
        )
        contact = html.escape(self.tr("Questions: {email}"), quote=False).format(
            email=mail_link(vendor().email)
        )
        return (
            f"{html.escape(state.message(i18n.current()), quote=False)} "
            f"<a href='{LICENCE_LINK}'>{html.escape(action)}</a> · {contact}"
        )

    def _show_licence_banner(self, state: LicenceState) -> None:
        notice = self.licence_notice(state)
        self.licence_banner.setText(notice)
        self.licence_banner.setVisible(bool(notice))

    def _banner_link(self, url: str) -> None:
        if url == LICENCE_LINK:
            self.open_licence()
        else:
            QDesktopServices.openUrl(QUrl(url))

    def open_data_folder(self) -> PathDialog | None:
        """The data folder in the file manager, or where it is when the system cannot open it."""
        return open_folder(self, self.service.home)

    def about(self) -> None:
        from engine.version import app_version

        QMessageBox.about(
            self,
            self.tr("About Rooting Future"),
            self.tr(
                "<b>Rooting Future Desktop</b> {version}<br>Three-season strategic plans for "
                "amateur sports clubs.<br><br>Data folder: {home}<br>Logs: {logs}"
            ).format(
                version=app_version(),
                home=self.service.home,
                logs=self.service.home / LOG_FOLDER,
            ),
        )
