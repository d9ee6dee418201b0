"""Where licensing keeps its files under the user's data folder, and how it writes them.

Everything lives in ``<home>/licensing/``. Writes are atomic (temporary file
+ ``os.replace``) so a crash or a full disk never leaves half a licence, and
secret files are created with mode 0600 from the start, not chmod-ed later.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

DIRECTORY = "licensing"
LICENCE_FILE = "licence.lic"
STATE_FILE = "state.json"
INSTALLATION_PRIVATE_FILE = "installation.key"
INSTALLATION_PUBLIC_FILE = "installation.pub"


def licensing_dir(home: Path) -> Path:
    return Path(home) / DIRECTORY


def licence_path(home: Path) -> Path:
    return licensing_dir(home) / LICENCE_FILE


def state_path(home: Path) -> Path:
    return licensing_dir(home) / STATE_FILE


def installation_private_path(home: Path) -> Path:
    return licensing_dir(home) / INSTALLATION_PRIVATE_FILE


def installation_public_path(home: Path) -> Path:
    return licensing_dir(home) / INSTALLATION_PUBLIC_FILE


def read_limited(path: Path, limit: int) -> bytes | None:
    """The file's bytes, ``None`` if it does not exist; reads at most ``limit + 1`` bytes
    so a 100 MB file costs nothing (the caller sees it is over the limit)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(limit + 1)
    except FileNotFoundError:
        return None


def write_atomic(path: Path, data: bytes, *, private: bool = False, sync: bool = True) -> None:
    """Replace ``path`` with ``data`` in one step; ``private`` files are mode 0600.

    ``sync=False`` skips the fsync: for the clock mark, written at startup,
    where a lost update after a power cut costs nothing but a flush could
    cost milliseconds on a slow disk.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.parent.name == DIRECTORY:
        with contextlib.suppress(OSError):
            os.chmod(path.parent, 0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o600 if private else 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def remove(path: Path) -> bool:
    """Delete if present; True when something was removed."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return False
    return True
