"""Content-addressed cache of rendered exports in the user's data folder.

A plan version never changes, so what it renders to can be kept: the key
(``engine.export.fingerprint.export_key``) hashes everything the bytes depend
on, and a hit returns the very bytes rendered before. Entries live in
``<home>/cache/exports/<key>.<artefact>.entry``, one per artefact (``pdf``,
``docx``, ``onepager``, ``html``), each a small uncompressed ZIP of its parts
(the one-pager has a PDF and a PNG) so every part carries a CRC: a truncated or
damaged entry is detected, logged, deleted and rendered again, never served.

Writes go to a temporary file beside the entry and are renamed into place, so
a crash never leaves half an entry, and other processes (the CLI beside the
app) only ever see whole ones. The folder has a size cap; the least recently
used entries (by modification time, refreshed on every hit) go first.

Two threads asking for the same missing entry (the background pre-render and
the user's export, say) render it once: the second waits for the first and
then reads its result.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from engine.atomic import replacing

log = logging.getLogger("rooting_future.export")

DEFAULT_MAX_BYTES = 100 * 1024 * 1024  # ~100 plan versions (about 1 MB each, every format)
ENTRY_SUFFIX = ".entry"
TEMP_PREFIX = ".tmp-"
STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a crashed writer
_STAMP = (1980, 1, 1, 0, 0, 0)  # entries need no dates: the key says what they are

Parts = dict[str, bytes]


class _EntryLocks:
    """One lock per entry name, shared by every cache object of the process."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, tuple[threading.Lock, int]] = {}

    def users(self, name: str) -> int:
        """Threads holding or waiting for the entry (diagnostics and tests)."""
        with self._guard:
            return self._locks.get(name, (None, 0))[1]

    @contextlib.contextmanager
    def hold(self, name: str) -> Iterator[bool]:
        """Hold the entry's lock; yields True when another thread had it (we waited)."""
        with self._guard:
            lock, users = self._locks.get(name, (threading.Lock(), 0))
            self._locks[name] = (lock, users + 1)
        waited = not lock.acquire(blocking=False)
        if waited:
            lock.acquire()
        try:
            yield waited
        finally:
            lock.release()
            with self._guard:
                lock, users = self._locks[name]
                if users == 1:
                    del self._locks[name]
                else:
                    self._locks[name] = (lock, users - 1)


_ENTRY_LOCKS = _EntryLocks()


class ExportCache:
    """Rendered artefacts by key; safe to share between threads and processes."""

    def __init__(self, folder: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self._stats: Counter[str] = Counter()
        self._stats_lock = threading.Lock()
        self.generation = 0  # bumped by clear(): renders started before it are not stored

    # --- what tests, the benchmark and the logs look at ----------------------------------

    @property
    def stats(self) -> Counter[str]:
        """Counts of ``hit``, ``miss``, ``stored``, ``waited``, ``corrupt``, ``evicted``."""
        with self._stats_lock:
            return Counter(self._stats)

    def _count(self, what: str, n: int = 1) -> None:
        with self._stats_lock:
            self._stats[what] += n

    def path(self, key: str, artefact: str) -> Path:
        return self.folder / f"{key}.{artefact}{ENTRY_SUFFIX}"

    def contains(self, key: str, artefact: str) -> bool:
        return self.path(key, artefact).is_file()

    def entries(self) -> list[Path]:
        try:
            return [p for p in self.folder.iterdir() if p.name.endswith(ENTRY_SUFFIX)]
        except OSError:
            return []

    # --- the one call renderers use --------------------------------------------------------

    def fetch(
        self, key: str, artefact: str, names: tuple[str, ...], render: Callable[[], Parts]
    ) -> Parts:
        """The stored parts, or ``render()``'s, stored for next time (rendered once)."""
        parts = self.get(key, artefact, names)
        if parts is not None:
            return parts
        entry = str(self.path(key, artefact))
        with _ENTRY_LOCKS.hold(entry) as waited:
            if waited:
                self._count("waited")
            # Whoever held the entry may have stored it meanwhile (or just before we asked).
            parts = self.get(key, artefact, names)
            if parts is not None:
                return parts
            self._count("miss")
            generation = self.generation
            parts = render()
            if generation == self.generation:  # not cleared meanwhile (e.g. trash emptied)
                self.put(key, artefact, parts)
            return parts

    # --- reading and writing ------------------------------------------------------------------

    def get(self, key: str, artefact: str, names: tuple[str, ...]) -> Parts | None:
        """The entry's parts if it is whole; a damaged entry is deleted and reported."""
        path = self.path(key, artefact)
        try:
            with zipfile.ZipFile(path) as archive:
                parts = {name: archive.read(name) for name in names}
        except FileNotFoundError:
            return None
        except PermissionError as error:  # Windows: being replaced or scanned right now
            log.info("export cache: %s is busy (%s): rendering instead", path.name, error)
            return None
        except Exception as error:  # any damage (bad CRC, flags, method...) is a miss, never
            # a failed export: zipfile raises RuntimeError, NotImplementedError and others too
            log.warning("export cache: %s is damaged (%s): rendering it again", path.name, error)
            self._count("corrupt")
            self._discard(path)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # most recently used: evicted last
        self._count("hit")
        return parts

    def put(self, key: str, artefact: str, parts: Parts) -> None:
        """Store atomically; a cache that cannot be written is logged, never an export error."""
        path = self.path(key, artefact)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with (
                replacing(path, mode=0o600, prefix=TEMP_PREFIX) as stream,
                zipfile.ZipFile(stream, "w") as archive,
            ):
                for name, data in parts.items():
                    archive.writestr(zipfile.ZipInfo(name, date_time=_STAMP), data)
        except OSError as error:
            log.warning("export cache: cannot store %s: %s", path.name, error)
            return
        self._count("stored")
        self.evict(keep=path)

    def _discard(self, path: Path) -> None:
        with contextlib.suppress(OSError):
            path.unlink()

    # --- size cap ------------------------------------------------------------------------------

    def evict(self, keep: Path | None = None) -> int:
        """Delete the least recently used entries until the folder fits the cap."""
        files = []
        now = time.time()
        try:
            scan = list(os.scandir(self.folder))
        except OSError:
            return 0
        for item in scan:
            try:
                stat = item.stat()
            except OSError:
                continue
            if item.name.startswith(TEMP_PREFIX):
                if now - stat.st_mtime > STALE_TEMP_SECONDS:
                    self._discard(Path(item.path))
                continue
            if item.name.endswith(ENTRY_SUFFIX):
                files.append((stat.st_mtime, stat.st_size, Path(item.path)))
        total = sum(size for _mtime, size, _path in files)
        removed = 0
        for _mtime, size, path in sorted(files, key=lambda f: f[0]):
            if total <= self.max_bytes:
                break
            if keep is not None and path == keep:
                continue
            try:
                path.unlink()
            except OSError:  # open elsewhere (Windows): try again next time
                continue
            total -= size
            removed += 1
        if removed:
            self._count("evicted", removed)
            log.info(
                "export cache: evicted %d entries to stay under %d bytes", removed, self.max_bytes
            )
        return removed

    def clear(self) -> int:
        """Forget every entry; returns how many went.

        Renders already running when this is called do not store their result (the
        generation changes), so a plan deleted for good cannot come back as a late entry.
        """
        with self._stats_lock:
            self.generation += 1
        removed = 0
        for path in self.entries():
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
        return removed
