"""A real HTTP/1.1 server on 127.0.0.1 for provider doubles: records, scripts, streams.

Subclasses implement ``handle(exchange)``. The base gives them: an ephemeral
port, request recording (method, path, query, headers, JSON body), a count of
requests in flight (to prove parallelism or a concurrency cap), chunked
transfer for SSE, abrupt connection drops, and sleeps that end at shutdown so
a slow scripted stream never holds up the test run.
"""

from __future__ import annotations

import contextlib
import json
import select
import socket
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class RecordedRequest:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: Any  # parsed JSON, or None
    raw: bytes
    at: float  # time.monotonic() on arrival
    reply: str = ""  # which scripted reply answered it
    extra: dict[str, Any] = field(default_factory=dict)


class ClientGone(Exception):
    """The client closed the connection (cancel, timeout): stop writing."""


class Exchange:
    """One request and the means to answer it (plain, SSE, or a dropped connection)."""

    def __init__(
        self,
        handler: BaseHTTPRequestHandler,
        request: RecordedRequest,
        closing: threading.Event | None = None,
    ) -> None:
        self._handler = handler
        self.request = request
        self._chunked = False
        self._closing = closing or threading.Event()

    def pause(self, seconds: float) -> bool:
        """Wait like a slow model; True if the double is shutting down.

        Watches the socket meanwhile: a client that hangs up (cancel, timeout)
        raises ``ClientGone`` at once, as a real server notices a closed stream.
        """
        end = time.monotonic() + max(0.0, seconds)
        sock = self._handler.connection
        while not self._closing.is_set():
            remaining = end - time.monotonic()
            if remaining <= 0:
                return False
            try:
                readable, _, _ = select.select([sock], [], [], min(0.02, remaining))
                if readable and sock.recv(1, socket.MSG_PEEK) == b"":
                    raise ClientGone()
            except (OSError, ValueError) as error:
                raise ClientGone() from error
        return True

    def send_json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_bytes(status, data, "application/json; charset=UTF-8", headers)

    def send_bytes(
        self, status: int, data: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        handler = self._handler
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(data)
            handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError) as error:
            raise ClientGone() from error

    def start_stream(self, content_type: str = "text/event-stream") -> None:
        handler = self._handler
        try:
            handler.send_response(200)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Transfer-Encoding", "chunked")
            handler.send_header("Cache-Control", "no-cache")
            handler.end_headers()
            handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError) as error:
            raise ClientGone() from error
        self._chunked = True

    def send_event(self, data: str | bytes) -> None:
        """One SSE event: ``data: <data>`` and a blank line, as one HTTP chunk.

        Bytes go out as they are (a test may send bytes that are not valid UTF-8).
        """
        payload = data if isinstance(data, bytes) else data.encode()
        self.write_chunk(b"data: " + payload + b"\r\n\r\n")

    def write_chunk(self, data: bytes) -> None:
        try:
            self._handler.wfile.write(b"%X\r\n%s\r\n" % (len(data), data))
            self._handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError) as error:
            raise ClientGone() from error

    def end_stream(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError, OSError):
            self._handler.wfile.write(b"0\r\n\r\n")
            self._handler.wfile.flush()

    def drop(self) -> None:
        """Close the socket mid-answer: the client sees an incomplete response."""
        self._handler.close_connection = True
        with contextlib.suppress(OSError):
            self._handler.wfile.flush()
            self._handler.connection.shutdown(socket.SHUT_RDWR)


class HTTPDouble:
    """Base class: ``with Double() as d: d.base_url ...``; subclasses define ``handle``."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._in_flight = 0
        self.max_in_flight = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.server_errors: list[str] = []  # handler crashes (bugs in a double), not disconnects

    # --- lifecycle -------------------------------------------------------------------

    def start(self) -> HTTPDouble:
        double = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet tests
                return

            def do_GET(self) -> None:
                double._serve(self)

            def do_POST(self) -> None:
                double._serve(self)

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False

            def handle_error(self, request: Any, client_address: Any) -> None:
                error = sys.exc_info()[1]
                if isinstance(error, OSError) or double._closing.is_set():
                    return  # the client went away (cancel, timeout, test over)
                double.server_errors.append(traceback.format_exc())

        server = Server(("127.0.0.1", 0), Handler)
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
            name=f"{type(self).__name__}-server",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._closing.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> Any:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "start the double first"
        return int(self._server.server_address[1])

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def in_flight(self) -> int:
        with self._lock:
            return self._in_flight

    def sleep(self, seconds: float) -> bool:
        """Wait; True if the double is shutting down (stop streaming then)."""
        if seconds <= 0:
            return self._closing.is_set()
        return self._closing.wait(seconds)

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.max_in_flight = 0

    # --- dispatch --------------------------------------------------------------------

    def handle(self, exchange: Exchange) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except json.JSONDecodeError:
            body = None
        parts = urlsplit(handler.path)
        request = RecordedRequest(
            method=handler.command,
            path=parts.path,
            query=parse_qs(parts.query),
            headers={k.lower(): v for k, v in handler.headers.items()},
            body=body,
            raw=raw,
            at=time.monotonic(),
        )
        with self._lock:
            self.requests.append(request)
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
        exchange = Exchange(handler, request, self._closing)
        try:
            self.handle(exchange)
        except ClientGone:
            request.extra["client_gone_at"] = time.monotonic()
            handler.close_connection = True
        finally:
            with self._lock:
                self._in_flight -= 1
