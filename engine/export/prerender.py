"""Render a plan version into the export cache ahead of time, politely.

The user waits for an export only when its files are not ready: after every
save the app renders the new version's PDF, one-pager, DOCX and HTML into the
cache in the background, so pressing Export mostly copies bytes.

Politeness rules, because the user comes first:

* a user's export marks itself ``foreground()``; a pre-render checks before each
  artefact and waits while one is running (it never starts new work meanwhile);
* WeasyPrint renders stay serialised by ``engine.export.pdf.RENDER_LOCK``;
* ``should_stop`` is polled between artefacts and inside the PDF render (after the
  HTML, after the layout): a superseded version or a closing app stops it early,
  and nothing half-done is stored;
* an export of an artefact being pre-rendered waits for it (``ExportCache.fetch``)
  instead of rendering it a second time.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from engine.export.job import ExportJob, RenderCancelled

if TYPE_CHECKING:
    from engine.domain.plan import Plan
    from engine.export.cache import ExportCache

log = logging.getLogger("rooting_future.export")

# Most wanted first: the PDF is what users export, and the slowest to render.
PRERENDER_ARTEFACTS = ("pdf", "onepager", "docx", "html")
_POLL_SECONDS = 0.1


class _Foreground:
    """Counts the user's exports in progress; background work waits for zero."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._running = 0

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        with self._changed:
            self._running += 1
        try:
            yield
        finally:
            with self._changed:
                self._running -= 1
                self._changed.notify_all()

    def wait_idle(self, should_stop: Callable[[], bool]) -> None:
        with self._changed:
            while self._running and not should_stop():
                self._changed.wait(_POLL_SECONDS)


_FOREGROUND = _Foreground()


def foreground() -> contextlib.AbstractContextManager[None]:
    """Mark a user's export: pre-renders pause between artefacts while it runs."""
    return _FOREGROUND.running()


@dataclass(frozen=True, slots=True)
class PrerenderResult:
    key: str
    rendered: tuple[str, ...]  # artefacts this call rendered and stored
    cached: tuple[str, ...]  # artefacts already there (or rendered meanwhile by an export)
    cancelled: bool = False
    seconds: float = 0.0


def prerender(
    plan: Plan,
    cache: ExportCache,
    *,
    watermark: bool = False,
    version: int | None = None,
    logo: Path | None = None,
    artefacts: tuple[str, ...] = PRERENDER_ARTEFACTS,
    should_stop: Callable[[], bool] | None = None,
) -> PrerenderResult:
    """Fill the cache with what ``export_plan`` would render for these same arguments.

    Returns what was rendered and what was already there; a stop request returns
    early with ``cancelled=True`` (never an exception). Rendering errors raise
    ``ExportError`` like an export would: the caller logs them.
    """
    from engine.export.compose import build_document  # matplotlib and Pillow load here

    stop = should_stop or (lambda: False)
    start = time.perf_counter()

    def checkpoint() -> None:
        if stop():
            raise RenderCancelled

    job = ExportJob(
        build_document(plan, version=version, logo=logo),
        watermark=watermark,
        cache=cache,
        checkpoint=checkpoint,
    )
    done: list[str] = []
    cancelled = False
    try:
        for artefact in artefacts:
            _FOREGROUND.wait_idle(stop)
            checkpoint()
            job.artefact(artefact)  # a cache hit when it is there and whole
            done.append(artefact)
    except RenderCancelled:
        cancelled = True
        log.info("pre-render of %s stopped after: %s", job.key[:12], ", ".join(done) or "none")
    rendered = tuple(a for a in done if a in job.rendered)
    cached = tuple(a for a in done if a not in job.rendered)
    return PrerenderResult(job.key, rendered, cached, cancelled, time.perf_counter() - start)
