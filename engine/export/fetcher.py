"""The only way WeasyPrint may read a resource: our packaged files and inline data.

An export runs at a club house with no network, and a plan's text is user
input: nothing in it may make the renderer open a socket or read a file
outside ``resources/``. Everything else is refused (logged, and WeasyPrint
skips the resource), and every request is recorded so tests can prove it.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
import urllib.parse
import urllib.request
from pathlib import Path

from weasyprint.urls import URLFetcher, URLFetcherResponse

from engine.paths import resources_root

log = logging.getLogger("rooting_future.export")


class RefusedURL(ValueError):
    """A URL outside the package: never fetched."""


class SafeFetcher(URLFetcher):
    """``file:`` under ``resources/`` and ``data:``; nothing else, ever."""

    def __init__(self, root: Path | None = None) -> None:
        super().__init__(timeout=1, allowed_protocols={"file", "data"})
        self.root = (root or resources_root()).resolve()
        self.requested: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        self.requested.append(url[:120])
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return self._data(url)
        if scheme == "file":
            return self._file(url)
        return self._refuse(url, "not a packaged resource")

    def _refuse(self, url: str, why: str) -> URLFetcherResponse:
        self.refused.append(url[:200])
        log.error("export: refused to fetch %s (%s)", url[:200], why)
        raise RefusedURL(f"refused {url[:200]}: {why}")

    def _file(self, url: str) -> URLFetcherResponse:
        parsed = urllib.parse.urlsplit(url)
        if parsed.netloc not in {"", "localhost"}:
            return self._refuse(url, "remote file share")
        path = Path(urllib.request.url2pathname(parsed.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            return self._refuse(url, "outside the packaged resources")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix.lower() == ".ttf":
            mime = "font/ttf"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    def _data(self, url: str) -> URLFetcherResponse:
        header, _, payload = url[5:].partition(",")
        parts = header.split(";")
        mime = parts[0] or "text/plain"
        if "base64" in parts[1:]:
            body = base64.b64decode(payload)
        else:
            body = urllib.parse.unquote_to_bytes(payload)
        return URLFetcherResponse(url[:64], body, {"Content-Type": mime})
