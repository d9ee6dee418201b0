"""Consume a blocking stream so that cancel and the attempt's deadline act at once.

An HTTP stream blocks while the model thinks (tens of seconds before the first
chunk on "thinking" models), so checking the cancel token only between chunks
would leave the user waiting. A small daemon thread pulls the stream into a
queue; the caller polls the queue, its cancel token and the deadline, and
walks away promptly. The abandoned stream is closed by ``on_abandon`` when
the transport can (httpx), else it ends with its own timeout.
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
from engine.llm.base import CancelToken

T = TypeVar("T")
POLL_S = 0.05
TOTAL_FACTOR = 5  # an attempt may stream for this many idle timeouts in all

_ITEM, _END, _ERROR = "item", "end", "error"


def cancellable(
    open_stream: Callable[[], Iterable[T]],
    cancel: CancelToken,
    *,
    provider: str,
    idle_timeout_s: float | None,
    total_timeout_s: float | None = None,
    on_abandon: Callable[[], None] | None = None,
    name: str = "llm-stream",
) -> Iterator[T]:
    """Yield the stream's items; raise ``LLMError`` CANCELLED or TIMEOUT promptly.

    ``idle_timeout_s`` bounds the silence before the first item and between
    items (a long answer that keeps streaming is progress, not a hang);
    ``total_timeout_s`` caps the whole attempt.
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
    started = last_item = time.monotonic()
    worker.start()
    finished = False
    try:
        while True:
            if cancel.cancelled:
                raise errors.cancelled()
            now = time.monotonic()
            if idle_timeout_s is not None and now - last_item > idle_timeout_s:
                raise errors.timeout(provider, idle_timeout_s)
            if total_timeout_s is not None and now - started > total_timeout_s:
                raise errors.timeout(provider, total_timeout_s)
            try:
                kind, value = items.get(timeout=POLL_S)
            except queue.Empty:
                continue
            if kind == _ITEM:
                last_item = time.monotonic()
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
