"""Background work without freezing the window (after Anki's ``QueryOp``).

``runner.run(op, success=..., failure=...)`` runs ``op`` on a QThreadPool and
calls back on the GUI thread through a queued signal. A busy dialog appears
only if the work takes longer than ``PROGRESS_DELAY_MS`` (quick operations
never flash one). A ``key`` makes a newer task supersede an older one with
the same key: the older one's late result is dropped, never shown. Failures
go to one error dialog unless the caller handles them. ``shutdown`` waits for
running work so nothing writes to a closed database.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)
PROGRESS_DELAY_MS = 400


class _Signals(QObject):
    finished = Signal(int, bool, object)  # task id, ok, result or exception


class _Runnable(QRunnable):
    def __init__(self, task_id: int, op: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._id = task_id
        self._op: Callable[[], Any] | None = op
        self._signals: _Signals | None = signals

    def run(self) -> None:
        op, signals, self._op, self._signals = self._op, self._signals, None, None
        try:
            result: Any = op()
            ok = True
        except BaseException as error:  # handed to the GUI thread, never lost
            # Drop this frame from the traceback: it holds the runnable, which Qt
            # deletes when run() returns, and a traceback kept by the GUI must not
            # outlive it with a dangling wrapper.
            tb = error.__traceback__
            result, ok = error.with_traceback(tb.tb_next if tb else None), False
            del tb, error
        try:
            signals.finished.emit(self._id, ok, result)
        except RuntimeError:  # the runner was deleted while we worked: nobody to tell
            log.debug("task %s finished after its runner closed", self._id)


@dataclass
class Task:
    id: int
    key: str | None
    success: Callable[[Any], None] | None
    failure: Callable[[BaseException], None] | None
    parent: QWidget | None
    label: str | None
    on_cancel: Callable[[], None] | None = None
    dropped: bool = False
    timer: QTimer | None = None
    dialog: QProgressDialog | None = field(default=None, repr=False)

    def drop(self) -> None:
        """Forget the result: callbacks will not run (the work itself finishes on its own)."""
        self.dropped = True


class TaskRunner(QObject):
    """One pool for the app's background work; callbacks always run on the GUI thread."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._signals = _Signals(self)
        self._signals.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._ids = itertools.count(1)
        self._tasks: dict[int, Task] = {}
        self._latest: dict[str, int] = {}
        self.error_handler: Callable[[QWidget | None, BaseException], None] | None = None

    def run(
        self,
        op: Callable[[], Any],
        *,
        success: Callable[[Any], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
        parent: QWidget | None = None,
        label: str | None = None,
        key: str | None = None,
        on_cancel: Callable[[], None] | None = None,
        priority: int = 0,
    ) -> Task:
        """Start ``op`` in the background; ``label`` shows a busy dialog after 400 ms.

        ``priority`` orders work waiting for a free thread (higher first): background
        chores such as pre-rendering exports pass a negative one.
        """
        task = Task(next(self._ids), key, success, failure, parent, label, on_cancel)
        if key is not None:
            older = self._latest.get(key)
            if older in self._tasks:
                self._tasks[older].drop()
            self._latest[key] = task.id
        self._tasks[task.id] = task
        if label:
            task.timer = QTimer()
            task.timer.setSingleShot(True)
            task.timer.timeout.connect(lambda t=task: self._show_progress(t))
            task.timer.start(PROGRESS_DELAY_MS)
        self.pool.start(_Runnable(task.id, op, self._signals), priority)
        return task

    def busy(self) -> bool:
        return bool(self._tasks)

    def _show_progress(self, task: Task) -> None:
        if task.id not in self._tasks or task.dropped:
            return
        parent = task.parent if task.parent and shiboken6.isValid(task.parent) else None
        dialog = QProgressDialog(task.label or "", "", 0, 0, parent)
        dialog.setWindowTitle(task.label or "")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if task.on_cancel is not None:
            dialog.setCancelButtonText(self.tr("Cancel"))
            dialog.canceled.connect(task.on_cancel)
        else:
            dialog.setCancelButton(None)
        task.dialog = dialog
        dialog.show()

    def _close_progress(self, task: Task) -> None:
        if task.timer is not None:
            task.timer.stop()
            task.timer = None  # owned by Python: deleted here, on the GUI thread
        dialog, task.dialog = task.dialog, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.close()
            if dialog.parent() is not None:
                dialog.setParent(None)  # hand it back to Python, which deletes it now

    def _finished(self, task_id: int, ok: bool, result: Any) -> None:
        task = self._tasks.pop(task_id, None)
        if task is None:
            return
        if task.key is not None and self._latest.get(task.key) == task_id:
            del self._latest[task.key]
        self._close_progress(task)
        if task.dropped:
            return
        if task.parent is not None and not shiboken6.isValid(task.parent):
            return  # the window closed meanwhile: nothing left to update
        if ok:
            if task.success is not None:
                task.success(result)
            return
        if task.failure is not None:
            task.failure(result)
        elif self.error_handler is not None:
            self.error_handler(task.parent, result)
        else:
            log.error("background task failed", exc_info=result)

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Drop pending callbacks and wait for running work (before closing the store)."""
        for task in self._tasks.values():
            task.drop()
        self.pool.clear()
        return self.pool.waitForDone(timeout_ms)
