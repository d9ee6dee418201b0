"""Replace a file in one step: the writer behind exports, the export cache and the wizard draft.

The new bytes go to a temporary file beside the target, which ``os.replace`` then renames
over it: a crash, a full disk or a file locked by another program leaves the old file as
it was (or no file), never half a new one, and readers in other processes only ever see a
whole file. A failed write deletes its temporary and raises the ``OSError``; what that
means for the user is the caller's to say.

Temporaries are named ``.<target name>.<8 hex digits>.tmp``, or ``<prefix><8 hex digits>``
when the caller sweeps its folder by prefix (the export cache): a sweeper left behind by a
killed process can match exactly these names and nothing a user saved.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_ATTEMPTS = 100


def _open_temporary(path: Path, prefix: str | None, mode: int) -> tuple[int, str]:
    """A new file beside ``path`` that nobody else has (``O_EXCL``), opened for writing."""
    for _ in range(_ATTEMPTS):
        token = secrets.token_hex(4)
        name = f"{prefix}{token}" if prefix else f".{path.name}.{token}.tmp"
        temporary = str(path.parent / name)
        try:
            return os.open(temporary, _FLAGS, mode), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))


@contextlib.contextmanager
def replacing(path: Path, *, mode: int = 0o666, prefix: str | None = None) -> Iterator[BinaryIO]:
    """A binary stream whose bytes replace ``path`` when the ``with`` block ends normally.

    ``mode`` is narrowed by the user's umask like any new file's: 0o666 for a document to
    share, 0o600 for a private one. The process-wide umask is never touched (other threads
    create files meanwhile). An exception in the block, or one renaming, leaves ``path``
    untouched and removes the temporary.
    """
    handle, temporary = _open_temporary(Path(path), prefix, mode)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_atomic(path: Path, data: bytes, *, mode: int = 0o666) -> Path:
    """Replace ``path`` with ``data`` in one step (see ``replacing``); returns ``path``."""
    with replacing(path, mode=mode) as stream:
        stream.write(data)
    return Path(path)
