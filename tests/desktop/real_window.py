"""The real-window walk: the app on a real X server (xcb), driven through its widgets.

Run by ``test_real_window.py`` in a subprocess (a process's Qt platform is fixed
when its QApplication starts, and the rest of the suite runs offscreen):

    DISPLAY=:N QT_QPA_PLATFORM=xcb ROOTING_FUTURE_HOME=DIR \
        python tests/desktop/real_window.py --out SHOTS --export DIR --report FILE

It starts the app the way ``rooting-future`` does (``desktop.app.main``: the
licence dialog at start-up, the single-instance lock, the error hooks, the
background tasks), then walks: licence dialog -> empty library -> new
questionnaire -> the example club opened from the questionnaire's "Open club
file..." button -> every step with "Next" -> "Write the plan" with the offline
composer -> the plan -> edit an objective's title and a KPI target, save ->
history -> export PDF, DOCX and the one-pager -> back to the library.

At every step it saves ``QWidget.grab()`` to ``SHOTS/NN-step.png`` and reads
the text of every visible widget (labels, buttons, fields, item views, window
titles, tooltips, the menus and the status bar) looking for what a user must
never see: ``None``, ``Error(``, ``Traceback`` or a command line. A message box
or error dialog that pops up is recorded, grabbed and closed (so nothing blocks).
The findings go to the JSON ``--report``, rewritten after every step, so a walk
that dies or hangs still says how far it got. Exit code 0 only if the walk
completed; the test decides on the findings.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QModelIndex, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QAction, QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QTabBar,
    QTextEdit,
    QWidget,
)

EXAMPLE = "calcio-giovanile-asd"
# What must never reach the screen: a Python None, an exception's repr, a traceback, a
# command line (the program's name followed by arguments, or an option such as --home).
FORBIDDEN: dict[str, re.Pattern[str]] = {
    "None": re.compile(r"\bNone\b"),
    "Error(": re.compile(r"Error\("),
    "Traceback": re.compile(r"Traceback"),
    "command line": re.compile(r"\brooting-future\s|(?<![\w-])--[a-z][a-z-]+"),
}
MAX_ITEMS = 3000  # model rows read per item view (the library holds one plan here)


class WalkError(Exception):
    """The walk could not go on: a widget missing, disabled, or a wait that timed out."""


# --- reading the screen ---------------------------------------------------------------------


def caption(widget: QWidget) -> str:
    """The form caption of the field the widget belongs to (the questionnaire puts a field
    and its message in one box, the box in a form row), or ""."""
    current = widget
    for _level in range(4):
        parent = current.parentWidget()
        if parent is None or current.isWindow():
            break
        for form in parent.findChildren(QFormLayout):
            label = form.labelForField(current)
            if isinstance(label, QLabel):
                return label.text()
        current = parent
    return ""


def describe(widget: QWidget) -> str:
    """``PlanView > QStackedWidget > ObjectiveEditor > QLabel#fieldError [field 'Titolo']``:
    the classes (and object names) from the window down, and the field's caption."""
    parts = []
    current: QWidget | None = widget
    while current is not None:
        name = type(current).__name__
        if current.objectName() and not current.objectName().startswith("qt_"):
            name += f"#{current.objectName()}"
        if name != "QWidget" or current is widget:  # anonymous containers say nothing
            parts.append(name)
        current = current.parentWidget()
    path = " > ".join(reversed(parts))
    field = caption(widget)
    return f"{path} [field {field!r}]" if field else path


def columns(model: Any, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model (QListWidget's) keeps columnCount private: one column
        return 1


def has_children(model: Any, index: QModelIndex) -> bool:
    try:
        return model.hasChildren(index)
    except TypeError:  # a flat list model keeps hasChildren private: no children
        return False


def model_texts(view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    for section in range(columns(model, QModelIndex())):
        value = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if value is not None:
            yield f"header {section}", str(value)
    pending = [QModelIndex()]
    seen = 0
    while pending and seen < MAX_ITEMS:
        parent = pending.pop()
        for row in range(model.rowCount(parent)):
            for column in range(columns(model, parent)):
                index = model.index(row, column, parent)
                seen += 1
                for role, what in (
                    (Qt.ItemDataRole.DisplayRole, "item"),
                    (Qt.ItemDataRole.ToolTipRole, "item tooltip"),
                ):
                    value = index.data(role)
                    if isinstance(value, str) and value:
                        yield f"{what} ({row}, {column})", value
                if column == 0 and has_children(model, index):
                    pending.append(index)


def widget_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(what, text) for everything this widget shows or says to a user."""
    if widget.isWindow():
        yield "window title", widget.windowTitle()
    yield "tooltip", widget.toolTip()
    yield "status tip", widget.statusTip()
    yield "accessible name", widget.accessibleName()
    yield "accessible description", widget.accessibleDescription()
    if isinstance(widget, QLabel):
        yield "text", widget.text()
    if isinstance(widget, QAbstractButton):
        yield "text", widget.text()
    if isinstance(widget, QLineEdit):
        yield "text", widget.text()
        yield "placeholder", widget.placeholderText()
    if isinstance(widget, QAbstractSpinBox):
        yield "text", widget.text()
        yield "special value", widget.specialValueText()
    if isinstance(widget, QComboBox):
        for n in range(widget.count()):
            yield f"item {n}", widget.itemText(n)
    if isinstance(widget, QGroupBox):
        yield "title", widget.title()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        yield "text", widget.toPlainText()
        yield "placeholder", widget.placeholderText()
    if isinstance(widget, QProgressBar) and widget.isTextVisible():
        yield "text", widget.text()
    if isinstance(widget, QTabBar):
        for n in range(widget.count()):
            yield f"tab {n}", widget.tabText(n)
            yield f"tab {n} tooltip", widget.tabToolTip(n)
    if isinstance(widget, QAbstractItemView):
        yield from model_texts(widget)
    if isinstance(widget, QMainWindow):
        yield "status bar", widget.statusBar().currentMessage()
        for action in widget.findChildren(QAction):
            yield f"action {action.objectName() or action.text()!r} text", action.text()
            yield f"action {action.objectName() or action.text()!r} tooltip", action.toolTip()


def pause(ms: int) -> None:
    """Run the event loop for ``ms``. Not ``QTest.qWait``: PySide keeps the GIL through it,
    which starves the app's worker threads (the offline composer, the PDF renderer)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def reveal(widget: QWidget) -> None:
    """Scroll every scroll area around the widget so that a click lands on it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 0, 0)
        parent = parent.parentWidget()


def visible_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def scan(step: str) -> tuple[int, list[dict[str, str]]]:
    """How many texts were read on screen, and the forbidden ones among them."""
    findings: list[dict[str, str]] = []
    count = 0
    for window in visible_windows():
        for widget in [window, *window.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            for what, text in widget_texts(widget):
                if not text:
                    continue
                count += 1
                for word, pattern in FORBIDDEN.items():
                    match = pattern.search(text)
                    if match is not None:
                        start = max(0, match.start() - 80)
                        findings.append(
                            {
                                "step": step,
                                "forbidden": word,
                                "widget": describe(widget),
                                "property": what,
                                "text": text[start : match.end() + 80],
                            }
                        )
    return count, findings


# --- the walk ---------------------------------------------------------------------------------


class Walk:
    def __init__(self, out: Path, export_dir: Path, report_path: Path) -> None:
        self.out = out
        self.export_dir = export_dir
        self.report_path = report_path
        self.started = time.monotonic()
        self.step_name = "start"
        self.report: dict[str, Any] = {
            "platform": None,
            "completed": False,
            "error": None,
            "current_step": None,
            "steps": [],
            "findings": [],
            "unexpected_dialogs": [],
            "file_dialogs": [],
            "exported": [],
        }
        self.dialogs_seen: set[int] = set()
        self.window: QMainWindow | None = None

    # --- bookkeeping

    def save_report(self) -> None:
        self.report["seconds"] = round(time.monotonic() - self.started, 2)
        self.report_path.write_text(json.dumps(self.report, indent=1, ensure_ascii=False), "utf-8")

    def begin(self, name: str) -> None:
        self.step_name = name
        self.report["current_step"] = name
        self.save_report()

    def shot(self, name: str, widget: QWidget | None = None) -> None:
        """Let the widget settle, grab it to NN-name.png and read every visible text."""
        widget = widget or self.window
        assert widget is not None
        handle = widget.window().windowHandle()
        if handle is None:
            raise WalkError(f"{name}: {describe(widget)} has no native window")
        self.wait_until(handle.isExposed, f"{describe(widget)} to be exposed on the X server")
        pause(120)  # layouts, deferred updates, the first paint
        path = self.out / f"{len(self.report['steps']):02d}-{name}.png"
        pixmap = widget.grab()
        if pixmap.isNull() or not pixmap.save(str(path)):
            raise WalkError(f"{name}: could not grab or save {path}")
        count, findings = scan(name)
        self.report["steps"].append(
            {
                "name": name,
                "png": path.name,
                "widget": describe(widget),
                "size": [pixmap.width(), pixmap.height()],
                "texts_read": count,
                "at_seconds": round(time.monotonic() - self.started, 2),
            }
        )
        self.report["findings"].extend(findings)
        self.save_report()

    def screen_shot(self, name: str) -> None:
        """The X server's own picture of the screen (what a user would see)."""
        screen = QGuiApplication.primaryScreen()
        path = self.out / f"{len(self.report['steps']):02d}-{name}.png"
        screen.grabWindow(0).save(str(path))
        self.report["steps"].append(
            {"name": name, "png": path.name, "widget": "screen", "texts_read": 0}
        )
        self.save_report()

    # --- waiting and acting

    def wait_until(self, condition: Callable[[], Any], what: str, timeout: float = 10) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                raise WalkError(f"{self.step_name}: waited {timeout:g} s for {what}")
            pause(25)

    def press(self, button: QAbstractButton, what: str) -> None:
        """A left click, as a user would: in the middle of a button; on a check box's
        indicator (a check box ignores clicks beside its text, and a layout may stretch it)."""
        self.wait_until(button.isVisible, f"{what} ('{button.text()}') to be visible")
        self.wait_until(button.isEnabled, f"{what} ('{button.text()}') to be enabled")
        reveal(button)
        if isinstance(button, QCheckBox):
            option = QStyleOptionButton()
            option.initFrom(button)
            where = (
                button.style()
                .subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, button)
                .center()
            )
            before = button.isChecked()
            QTest.mouseClick(
                button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where
            )
            self.wait_until(lambda: button.isChecked() != before, f"{what} to toggle")
            return
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def activate(self, window: QWidget) -> None:
        """What a window manager does for a new window, or a user's click into it: make it
        the active window (Xvfb has no window manager), so keyboard focus works as usual."""
        window.activateWindow()
        self.wait_until(window.isActiveWindow, f"{describe(window)} to become the active window")

    def dialog_of(self, kind: type[QDialog], what: str) -> Any:
        dialog = self.wait_until(
            lambda: next((w for w in visible_windows() if isinstance(w, kind)), None),
            f"the {what} dialog",
        )
        self.activate(dialog)
        return dialog

    def watch_dialogs(self) -> None:
        """Every 100 ms: a message box or error dialog is recorded, grabbed and closed."""
        from desktop.errors import ErrorDialog

        for widget in visible_windows():
            if not isinstance(widget, QMessageBox | ErrorDialog) or id(widget) in self.dialogs_seen:
                continue
            self.dialogs_seen.add(id(widget))
            path = self.out / f"unexpected-dialog-{len(self.dialogs_seen)}.png"
            widget.grab().save(str(path))
            texts = [t for w in [widget, *widget.findChildren(QWidget)] for _, t in widget_texts(w)]
            self.report["unexpected_dialogs"].append(
                {
                    "step": self.step_name,
                    "dialog": type(widget).__name__,
                    "png": path.name,
                    "texts": [t for t in texts if t][:20],
                }
            )
            _count, findings = scan(f"{self.step_name} (dialog)")
            self.report["findings"].extend(findings)
            self.save_report()
            widget.reject() if isinstance(widget, QDialog) else widget.close()

    # --- the path a user takes

    def run(self, window: QMainWindow) -> None:
        from desktop.export_dialog import ExportDialog
        from desktop.licence_dialog import LicenceDialog
        from desktop.planview.history import HistoryDialog
        from engine.export import ExportFormat
        from engine.paths import resource_path

        self.window = window
        self.report["platform"] = QGuiApplication.platformName()
        self.save_report()

        self.begin("licence")
        licence = self.dialog_of(LicenceDialog, "start-up licence")
        self.shot("licence-dialog", licence)
        self.screen_shot("screen-at-start")
        self.press(licence.continue_button, "Continue in evaluation")
        self.wait_until(lambda: not licence.isVisible(), "the licence dialog to close")

        self.begin("library")
        self.activate(window)
        library = window.library
        self.wait_until(library.is_empty_state, "the empty library")
        self.shot("library-empty")

        self.begin("questionnaire")
        self.press(library.empty.create_button, "Create your first plan")
        wizard = self.wait_until(
            lambda: window._wizard if window.stack.currentWidget() is window._wizard else None,
            "the questionnaire",
        )
        self.shot("wizard-new")

        # "Next" on the empty first step: the questionnaire says what to fix, in words.
        self.begin("questionnaire: Next on the empty first step")
        self.press(wizard.next_button, "Next")
        self.wait_until(
            lambda: any(
                label.isVisible() and label.text()
                for label in wizard.findChildren(QLabel, "fieldError")
            ),
            "the first step's messages",
        )
        self.shot("wizard-empty-next")

        # The questionnaire's own "Open club file..." button; the file dialog is answered
        # with the example club (a native dialog cannot be driven from here).
        example = resource_path("examples", f"{EXAMPLE}.json")

        def choose_file(*args: Any, **kwargs: Any) -> tuple[str, str]:
            self.report["file_dialogs"].append(str(example.name))
            return str(example), ""

        QFileDialog.getOpenFileName = staticmethod(choose_file)  # type: ignore[method-assign]
        self.press(wizard.open_button, "Open club file…")
        self.wait_until(lambda: wizard.origin.isVisible(), "the club file to be opened")
        for n, step in enumerate(wizard.steps):
            self.begin(f"wizard step {n + 1} ({step.key})")
            self.wait_until(lambda n=n: wizard.pages.currentIndex() == n, f"step {n + 1}")
            self.shot(f"wizard-{n + 1}-{step.key}")
            if n < len(wizard.steps) - 1:
                self.press(wizard.next_button, "Next")

        self.begin("write the plan")
        if not wizard.generate_button.isEnabled():
            problems = [wizard.issue_list.item(i).text() for i in range(wizard.issue_list.count())]
            raise WalkError(f"'Write the plan' is disabled; the review lists: {problems}")
        self.press(wizard.generate_button, "Write the plan")
        generation = self.wait_until(
            lambda: (
                window._generation if window.stack.currentWidget() is window._generation else None
            ),
            "the generation page",
        )
        self.wait_until(
            lambda: generation.outcome is not None and not generation.running,
            "the offline composer to finish",
            timeout=90,
        )
        outcome = generation.outcome
        if outcome.plan_id is None or outcome.failed or outcome.cancelled:
            raise WalkError(f"the plan was not written: {outcome}")
        self.shot("generation-done")

        self.begin("plan")
        self.press(generation.open_button, "Open the plan")
        view = self.wait_until(
            lambda: (
                window._plan_view if window.stack.currentWidget() is window._plan_view else None
            ),
            "the plan view",
        )
        self.shot("plan-summary")

        self.begin("objective")
        from desktop.planview.view import KEY_ROLE

        items = [
            view.tree.topLevelItem(t).child(c)
            for t in range(view.tree.topLevelItemCount())
            for c in range(view.tree.topLevelItem(t).childCount())
        ]
        objectives = [i for i in items if str(i.data(0, KEY_ROLE)).startswith("objective:")]
        if not objectives:
            raise WalkError("the plan's tree lists no objective")
        objective = next(
            (i for i in objectives if i.data(0, KEY_ROLE) == "objective:SP2"), objectives[0]
        )
        key = objective.data(0, KEY_ROLE)
        view.tree.scrollToItem(objective)
        QTest.mouseClick(
            view.tree.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            view.tree.visualItemRect(objective).center(),
        )
        self.wait_until(lambda: view.current_key == key, f"{key} to be shown")
        self.shot("plan-objective")

        self.begin("edit the objective")
        self.press(view.edit_button, "Edit")
        editor = view.objective_editor
        self.wait_until(lambda: view.stack.currentWidget() is editor, "the objective editor")
        editor.title.setFocus()
        QTest.keyClick(editor.title, Qt.Key.Key_End)
        QTest.keyClicks(editor.title, " (rivisto)")
        title = editor.title.text()
        table = editor.kpis
        cell = table.item(0, 4) if table.rowCount() else None  # first indicator, year 2
        if cell is None:
            raise WalkError(f"{key}: the editor shows no indicator to change")
        digits = re.sub(r"[^\d]", "", cell.text().split(",")[0])
        target = str(int(digits) + 5) if digits else "140"
        reveal(table)
        table.scrollToItem(cell)
        centre = table.visualItemRect(cell).center()
        for click in (QTest.mouseClick, QTest.mouseDClick):  # a double click: press, release,
            click(  # then the second press Qt reports as the double click
                table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
            )
        self.wait_until(
            lambda: table.state() == QAbstractItemView.State.EditingState,
            "the indicator's year-2 cell to open for editing",
        )
        line = self.wait_until(
            lambda: next((w for w in table.findChildren(QLineEdit) if w.isVisible()), None),
            "the cell's editor",
        )
        line.selectAll()
        QTest.keyClicks(line, target)
        QTest.keyClick(line, Qt.Key.Key_Return)
        self.wait_until(lambda: table.item(0, 4).text() == target, f"the cell to read {target}")
        self.shot("plan-objective-editing")
        version = view.document.version.number
        self.press(editor.save_button, "Save as new version")
        self.wait_until(
            lambda: view.document.version.number == version + 1 or editor.error.isVisible(),
            "the new version",
        )
        if editor.error.isVisible():
            raise WalkError(f"saving the objective failed: {editor.error.text()}")
        self.wait_until(lambda: view.stack.currentWidget() is view.browser, "the saved objective")
        self.wait_until(
            lambda: any(
                i.data(0, KEY_ROLE) == key and i.text(0).endswith(title)
                for i in view.tree.findItems(
                    "*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive
                )
            ),
            f"the new title {title!r} in the tree",
        )
        self.shot("plan-objective-saved")

        self.begin("history")
        self.press(view.history_button, "History")
        history = self.dialog_of(HistoryDialog, "history")
        self.wait_until(lambda: history.diff.toPlainText().strip(), "the differences")
        self.shot("history", history)
        QTest.keyClick(history, Qt.Key.Key_Escape)
        self.wait_until(lambda: not history.isVisible(), "the history to close")
        self.activate(window)

        self.begin("export")
        self.press(view.export_button, "Export…")
        dialog = self.dialog_of(ExportDialog, "export")
        wanted = {ExportFormat.PDF, ExportFormat.DOCX, ExportFormat.ONEPAGER}
        for fmt, check in dialog.checks.items():
            if check.isChecked() != (fmt in wanted):
                self.press(check, f"the {fmt.value} check box")
        if dialog.open_when_done.isChecked():
            self.press(dialog.open_when_done, "Open the folder when done")
        dialog.folder.setFocus()
        dialog.folder.selectAll()
        QTest.keyClicks(dialog.folder, str(self.export_dir))
        self.wait_until(lambda: dialog.folder.text() == str(self.export_dir), "the folder")
        self.shot("export-dialog", dialog)
        self.press(dialog.export_button, "Export")
        self.wait_until(
            lambda: dialog.paths or (dialog.result.text() and not dialog.progress.isVisible()),
            "the export",
            timeout=120,
        )
        if not dialog.paths:
            raise WalkError(f"the export failed: {dialog.result.text()}")
        self.report["exported"] = [
            {"name": p.name, "bytes": p.stat().st_size if p.exists() else 0} for p in dialog.paths
        ]
        self.shot("export-done", dialog)
        self.press(dialog.close_button, "Close")
        self.wait_until(lambda: not dialog.isVisible(), "the export dialog to close")
        self.activate(window)

        self.begin("library again")
        self.press(view.back_button, "Library")
        self.wait_until(lambda: window.stack.currentWidget() is library, "the library")
        self.wait_until(lambda: library.model.rowCount() == 1, "the plan in the library")
        self.shot("library-with-plan")
        self.screen_shot("screen-at-end")
        self.report["completed"] = True
        self.report["current_step"] = None
        self.save_report()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="screenshots folder")
    parser.add_argument("--export", type=Path, required=True, help="export folder")
    parser.add_argument("--report", type=Path, required=True, help="JSON report")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    args.export.mkdir(parents=True, exist_ok=True)
    walk = Walk(args.out, args.export, args.report)
    walk.save_report()

    from desktop.app import main as app_main

    def on_shown(window: QMainWindow) -> None:
        watchdog = QTimer(window)
        watchdog.setInterval(100)
        watchdog.timeout.connect(walk.watch_dialogs)
        watchdog.start()
        code = 0
        try:
            walk.run(window)
        except Exception as error:
            code = 1
            walk.report["error"] = (
                str(error)
                if isinstance(error, WalkError)
                else "".join(traceback.format_exception(error))
            )
            with contextlib.suppress(Exception):  # the report already says what failed
                walk.shot("failure")
            walk.save_report()
        watchdog.stop()
        for widget in visible_windows():
            if widget is not window:
                widget.close()
        window.close()
        QApplication.instance().exit(code)

    code = app_main(language="it", on_shown=on_shown)
    walk.report["exit_code"] = code
    walk.save_report()
    return 0 if walk.report["completed"] else (code or 1)


if __name__ == "__main__":
    sys.exit(main())
