"""Consume a blocking stream so that cancel, the timeouts and the size cap act at once.

An HTTP stream blocks while the model thinks (tens of seconds before the first
chunk on "thinking" models), so checking the cancel token only between chunks
would leave the user waiting. A small daemon thread pulls the stream into a
queue; the caller polls the queue, its cancel token, the timeouts of
``AttemptLimits`` and the bytes received so far, and walks away promptly. The
abandoned stream is closed by ``on_abandon`` when the transport can (httpx),
else it ends with its own socket timeout.

The size is read from the HTTP response (``size_probe``) rather than from the
chunks: an SDK that buffers one enormous line would otherwise hand it over
only when complete, many seconds and megabytes later.
"""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from engine.llm import errors
from engine.llm.base import AttemptLimits, CancelToken

T = TypeVar("T")
POLL_S = 0.05

_ITEM, _END, _ERROR = "item", "end", "error"


def cancellable(
    open_stream: Callable[[], Iterable[T]],
    cancel: CancelToken,
    *,
    provider: str,
    limits: AttemptLimits,
    size_probe: Callable[[], int] | None = None,
    on_abandon: Callable[[], None] | None = None,
    name: str = "llm-stream",
) -> Iterator[T]:
    """Yield the stream's items; raise ``LLMError`` CANCELLED, TIMEOUT or too large promptly.

    The first item must come within ``limits.first_byte_s``, each next one within
    ``limits.idle_s`` of the previous (a long answer that keeps streaming is progress,
    not a hang), all of them within ``limits.total_s``; ``size_probe()`` (bytes received
    so far) must stay within ``limits.max_bytes``.
    """
    if cancel.cancelled:
        raise errors.cancelled()
    items: queue.Queue[tuple[str, Any]] = queue.Queue()
    stop = threading.Event()

    def pump() -> None:
        try:
            stream = open_stream()
            try:
                for item in stream:
                    if stop.is_set():
                        break
                    items.put((_ITEM, item))
            finally:
                close = getattr(stream, "close", None)
                if callable(close) and stop.is_set():
                    with contextlib.suppress(Exception):  # the caller has gone
                        close()
            items.put((_END, None))
        except BaseException as exc:  # handed to the caller's thread
            items.put((_ERROR, exc))

    worker = threading.Thread(target=pump, name=name, daemon=True)
    started = time.monotonic()
    last_item: float | None = None
    worker.start()
    finished = False
    try:
        while True:
            if cancel.cancelled:
                raise errors.cancelled()
            _check(limits, provider, started, last_item, size_probe)
            try:
                kind, value = items.get(timeout=POLL_S)
            except queue.Empty:
                continue
            if kind == _ITEM:
                last_item = time.monotonic()
                _check(limits, provider, started, last_item, size_probe)
                yield value
            elif kind == _END:
                finished = True
                return
            else:
                finished = True
                raise value
    finally:
        stop.set()
        if not finished and on_abandon is not None:
            with contextlib.suppress(Exception):
                on_abandon()


def _check(
    limits: AttemptLimits,
    provider: str,
    started: float,
    last_item: float | None,
    size_probe: Callable[[], int] | None,
) -> None:
    now = time.monotonic()
    if last_item is None and now - started > limits.first_byte_s:
        raise errors.first_byte_timeout(provider, limits.first_byte_s)
    if last_item is not None and now - last_item > limits.idle_s:
        raise errors.idle_timeout(provider, limits.idle_s)
    if now - started > limits.total_s:
        raise errors.section_timeout(provider, limits.section_s)
    if size_probe is not None and size_probe() > limits.max_bytes:
        raise errors.too_large(provider, limits.max_bytes)


def hang_up(response: Any) -> None:
    """Close an httpx/httpx2 streaming response from another thread, right now.

    ``response.close()`` alone leaves the socket open while the stream's thread
    is blocked reading it; shutting the socket down wakes that read and tells the
    server at once, so a cancelled model stops generating (and billing).
    """
    stream = getattr(response, "extensions", {}).get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(Exception):
        response.close()
