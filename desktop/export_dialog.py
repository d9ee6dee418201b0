"""Export a plan, or its progress report for the board: formats, folder, progress, and
the evaluation watermark said up front.

Rendering runs on the task pool (a PDF takes a few seconds), with a progress
bar; the dialog stays responsive and reports the files written, or the
exporter's own message when something is wrong (unwritable folder, file
open in another program...). The folder is the last one used, else the
system's Documents folder (``QStandardPaths``), else the home folder; when the
system cannot open the folder or a file, the user is told where it is.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.errors import documents_folder, open_folder, show_error, user_message
from desktop.icons import icon
from desktop.tasks import TaskRunner
from desktop.theme import BADGES, pair
from engine.export import ExportFormat
from engine.monitoring.model import Review
from engine.service import Service

REPORT_FORMATS = (ExportFormat.PDF, ExportFormat.DOCX)


@dataclass(frozen=True)
class ProgressReportRequest:
    """The board's "Stato di avanzamento" at one review, judged as of ``today`` (as the
    progress page judges it, so the report's figures are the page's)."""

    season: str
    review: Review
    today: dt.date


def default_folder(last_used: str = "") -> Path:
    """The folder the dialog proposes: the last one used if it still exists, else Documents."""
    if last_used and Path(last_used).is_dir():
        return Path(last_used)
    return documents_folder()


class ExportDialog(QDialog):
    exported = Signal(list)

    def __init__(
        self,
        service: Service,
        runner: TaskRunner,
        plan_id: int,
        parent: QWidget | None = None,
        *,
        report: ProgressReportRequest | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.plan_id = plan_id
        self.report = report
        self.paths: list[Path] = []
        document = service.get_plan(plan_id)
        self.setWindowTitle(
            self.tr("Export plan") if report is None else self.tr("Progress report")
        )
        self.setMinimumWidth(560)
        title = self.tr("{title} · version {n}").format(
            title=document.summary.title, n=document.version.number
        )
        if report is not None:
            when = self.tr("mid-season") if report.review is Review.MID else self.tr("season end")
            title = self.tr("Progress report for the board · {season}, {when}").format(
                season=report.season, when=when
            )
        heading = QLabel(title)
        heading.setObjectName("sectionTitle")
        heading.setWordWrap(True)
        formats = QGroupBox(self.tr("Formats"))
        self.checks: dict[ExportFormat, QCheckBox] = {
            ExportFormat.PDF: QCheckBox(self.tr("PDF – the full plan, ready to print")),
            ExportFormat.DOCX: QCheckBox(self.tr("Word (DOCX) – editable")),
            ExportFormat.ONEPAGER: QCheckBox(self.tr("One-page summary (PDF and PNG)")),
            ExportFormat.HTML: QCheckBox(self.tr("Web page (HTML)")),
            ExportFormat.ZIP: QCheckBox(self.tr("ZIP with every format")),
        }
        if report is not None:  # two pages for the board: a PDF to send, a DOCX to annotate
            self.checks = {
                ExportFormat.PDF: QCheckBox(self.tr("PDF – two pages, ready to send")),
                ExportFormat.DOCX: QCheckBox(self.tr("Word (DOCX) – editable")),
            }
        column = QVBoxLayout(formats)
        for fmt, check in self.checks.items():
            check.setChecked(fmt in REPORT_FORMATS)
            check.toggled.connect(lambda _on: self._update())
            column.addWidget(check)
        self.folder = QLineEdit(str(default_folder(service.app_settings().last_export_dir)))
        self.folder.setAccessibleName(self.tr("Folder"))
        browse = QPushButton(icon("folder"), self.tr("Choose…"))
        browse.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Folder")))
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.open_when_done = QCheckBox(self.tr("Open the folder when done"))
        self.open_when_done.setChecked(True)
        self.watermark = QLabel(
            self.tr(
                "Evaluation mode: every page will carry the watermark 'COPIA DI VALUTAZIONE'. "
                "Install a licence to export without it."
            )
        )
        self.watermark.setWordWrap(True)
        background, colour = pair(BADGES, "estimate")
        self.watermark.setStyleSheet(
            f"background:{background}; color:{colour}; padding:6px; border-radius:4px;"
        )
        self.watermark.setVisible(service.watermark)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setOpenExternalLinks(False)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.result.linkActivated.connect(
            lambda url: open_folder(self, Path(QUrl(url).toLocalFile()))
        )
        self.export_button = QPushButton(icon("export", "#FFFFFF"), self.tr("Export"))
        self.export_button.setObjectName("primary")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(formats)
        layout.addLayout(row)
        layout.addWidget(self.open_when_done)
        layout.addWidget(self.watermark)
        layout.addWidget(self.progress)
        layout.addWidget(self.result)
        layout.addLayout(buttons)
        self._update()

    def formats(self) -> set[ExportFormat]:
        return {fmt for fmt, check in self.checks.items() if check.isChecked()}

    def _update(self) -> None:
        self.export_button.setEnabled(bool(self.formats()) and not self.progress.isVisible())

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Export to folder"), self.folder.text()
        )
        if folder:
            self.folder.setText(folder)

    def start(self) -> None:
        formats = self.formats()
        folder = Path(self.folder.text().strip()).expanduser()
        if not formats or not str(folder):
            return
        self.progress.setVisible(True)
        self.export_button.setEnabled(False)
        self.result.setText(self.tr("Exporting… a PDF takes a few seconds."))
        service, plan_id, report = self.service, self.plan_id, self.report

        def export() -> list[Path]:
            if report is None:
                return service.export_plan(plan_id, formats, folder)
            names = {fmt.value for fmt in formats}
            return service.export_progress(
                plan_id, names, folder, report.season, report.review, report.today
            )

        self.runner.run(
            export,
            success=self._done,
            failure=self._failed,
            parent=self,
            key=f"export-{plan_id}",
        )

    def _done(self, paths: list[Path]) -> None:
        self.paths = list(paths)
        self.progress.setVisible(False)
        self._update()
        folder = Path(self.folder.text().strip()).expanduser()
        settings = self.service.app_settings()
        if settings.last_export_dir != str(folder):
            from dataclasses import replace

            self.service.save_app_settings(replace(settings, last_export_dir=str(folder)))
        links = "<br>".join(
            f"<a href='{html.escape(QUrl.fromLocalFile(str(p)).toString())}'>"
            f"{html.escape(p.name)}</a>"
            for p in paths
        )
        saved_in = self.tr("Saved in {folder}:").format(folder=folder)
        self.result.setText(f"{html.escape(saved_in, quote=False)}<br>{links}")
        self.exported.emit(self.paths)
        if self.open_when_done.isChecked():
            open_folder(self, folder)

    def _failed(self, error: BaseException) -> None:
        self.progress.setVisible(False)
        self._update()
        message = user_message(error, i18n.current())
        if message is None:
            show_error(self, error)
            message = self.tr("The export failed: details are in the log.")
        self.result.setText(message)
