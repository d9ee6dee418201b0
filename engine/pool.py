"""Run Python callables on a QThreadPool and get ``concurrent.futures.Future`` results.

This is the one engine module that touches Qt (QtCore only): the customer
asked for agents on a QThreadPool, and Futures keep the rest of the engine
free of Qt. A future cancelled before its runnable starts is skipped.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRunnable, QThreadPool


class _FutureRunnable(QRunnable):
    def __init__(self, future: cf.Future, work: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._future = future
        self._work = work

    def run(self) -> None:
        if not self._future.set_running_or_notify_cancel():
            return
        try:
            self._future.set_result(self._work())
        except BaseException as error:  # handed to whoever waits on the future
            # Drop this frame from the traceback: it references the runnable, which Qt
            # deletes (autoDelete) while the future, and so the exception, lives on.
            trace = error.__traceback__
            self._future.set_exception(error.with_traceback(trace.tb_next if trace else None))


class FuturePool:
    """A private QThreadPool (so callers waiting on it can never starve it)."""

    def __init__(self, max_threads: int) -> None:
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(max(1, max_threads))

    def submit(self, work: Callable[[], Any]) -> cf.Future:
        future: cf.Future = cf.Future()
        self._pool.start(_FutureRunnable(future, work))
        return future

    def shutdown(self, timeout_ms: int = -1) -> bool:
        return self._pool.waitForDone(timeout_ms)
