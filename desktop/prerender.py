"""Pre-render each newly saved plan version in the background, so Export is near-instant.

A full PDF takes a few seconds to render; a version never changes once saved.
So after a generation finishes, an edit is saved, an old version is restored
or a plan file is imported, the window asks ``Prerenderer.schedule`` and the
engine renders that version's exports into the cache (``Service.prerender``).

The rules that keep it out of the user's way:

* one pre-render at a time, on the app's task pool at low priority, started
  ``delay_ms`` after the last request (a burst of saves renders once);
* a newer version of the same plan supersedes the older one: a pending request
  is replaced, a running one is told to stop at its next checkpoint;
* the user's own export always comes first (``engine.export.prerender``), and an
  export of the version being pre-rendered waits for it instead of rendering twice;
* failures are logged, never shown: the export itself will report anything that
  matters, in words;
* ``ROOTING_FUTURE_PRERENDER=0`` turns it off (slow or battery-powered machines).
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.tasks import TaskRunner
from engine.service import Service

log = logging.getLogger(__name__)

ENABLE_ENV = "ROOTING_FUTURE_PRERENDER"
DELAY_MS = 1500
LOW_PRIORITY = -10  # behind anything the user started, when every pool thread is busy


@dataclass
class _Job:
    plan_id: int
    version: int | None  # None: the plan's current version
    stop: threading.Event = field(default_factory=threading.Event)


class Prerenderer(QObject):
    """Keeps the export cache one step ahead of the user; lives on the GUI thread."""

    finished = Signal(int, object)  # plan id, PrerenderResult: after every completed run

    def __init__(
        self,
        service: Service,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        delay_ms: int = DELAY_MS,
        enabled: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.delay_ms = delay_ms
        self.enabled = os.environ.get(ENABLE_ENV, "1") != "0" if enabled is None else enabled
        self._pending: dict[int, int | None] = {}  # plan id -> version, most recent last
        self._running: _Job | None = None
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start_next)

    def schedule(self, plan_id: int, version: int | None = None) -> None:
        """Pre-render ``version`` (default: the current one) of ``plan_id`` soon."""
        if not self.enabled or self._closed:
            return
        running = self._running
        if running is not None and running.plan_id == plan_id:
            if version is not None and running.version == version:
                return  # already on it
            running.stop.set()  # superseded: a newer version was saved meanwhile
        self._pending.pop(plan_id, None)
        self._pending[plan_id] = version
        self._timer.start(self.delay_ms)

    def idle(self) -> bool:
        """Nothing running or waiting (tests wait for this)."""
        return self._running is None and not self._pending

    def stop(self) -> None:
        """The window is closing: forget what waits and stop what runs at its next checkpoint."""
        self._closed = True
        self._timer.stop()
        self._pending.clear()
        if self._running is not None:
            self._running.stop.set()  # the task pool's shutdown waits for it to return
            self._running = None

    def _start_next(self) -> None:
        if self._running is not None or not self._pending or self._closed:
            return
        plan_id = next(reversed(self._pending))  # the latest save is the likeliest export
        job = _Job(plan_id, self._pending.pop(plan_id))
        self._running = job
        service = self.service  # the op runs on a pool thread: no widget access there
        self.runner.run(
            lambda: service.prerender(job.plan_id, job.version, should_stop=job.stop.is_set),
            success=lambda result: self._done(job, result),
            failure=lambda error: self._failed(job, error),
            priority=LOW_PRIORITY,
        )

    def _done(self, job: _Job, result: object) -> None:
        log.info("pre-render of plan %s: %s", job.plan_id, result)
        self._running = None
        self.finished.emit(job.plan_id, result)
        self._start_next()

    def _failed(self, job: _Job, error: BaseException) -> None:
        # Never a dialog: the user did not ask for this, and an export reports its own errors.
        log.warning("pre-render of plan %s failed: %s", job.plan_id, error, exc_info=error)
        self._running = None
        self._start_next()
