"""The data folder a user chose in Settings, remembered for the next start.

Users of a desktop app choose folders with a button, not with ``--home``. The
choice is a small file in the platform's configuration folder, outside any
data folder (it must be read before a data folder is opened).
``engine.paths.user_home`` consults ``chosen_home`` after ``--home`` and
``ROOTING_FUTURE_HOME``, so the app and the CLI open the same store.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import platformdirs

from engine.paths import APP_AUTHOR, APP_NAME

log = logging.getLogger(__name__)
POINTER_FILE = "data-folder.json"


def pointer_path() -> Path:
    """Where the choice is kept: the platform's per-user configuration folder."""
    config = platformdirs.user_config_path(APP_NAME, APP_AUTHOR, roaming=True)
    return config / POINTER_FILE


def default_home() -> Path:
    """The platform's data folder, used when nothing else is chosen."""
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=True)).resolve()


def chosen_home() -> Path | None:
    """The folder chosen in Settings, or None (a damaged pointer counts as no choice)."""
    try:
        data = json.loads(pointer_path().read_text("utf-8"))
        folder = data.get("folder") if isinstance(data, dict) else None
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        log.warning("data folder choice not readable: %s", error)
        return None
    return Path(folder).expanduser() if isinstance(folder, str) and folder else None


def choose_home(folder: Path | None) -> None:
    """Remember ``folder`` for the next start; None (or the default folder) forgets it."""
    pointer = pointer_path()
    if folder is None or Path(folder).expanduser().resolve() == default_home():
        pointer.unlink(missing_ok=True)
        log.info("data folder: back to the default")
        return
    pointer.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"folder": str(Path(folder).expanduser().resolve())}, ensure_ascii=False)
    pointer.write_text(text, "utf-8")
    log.info("data folder for the next start: %s", folder)


def writable(folder: Path) -> bool:
    """Whether the app can keep its files in ``folder`` (created if missing)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".rooting-future-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return False
    return True
