"""Where the app keeps its data and finds its shipped resources.

One helper for both, so that running from source, from an installed package
and from a frozen PyInstaller bundle (``sys._MEIPASS``) resolve the same way.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "RootingFuture"
APP_AUTHOR = "RootingFuture"
HOME_ENV = "ROOTING_FUTURE_HOME"
DATABASE_FILENAME = "rooting-future.db"


def user_home(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding the database, licence, logs and drafts.

    Order: an explicit override (``--home``), then ``ROOTING_FUTURE_HOME``, then the
    folder chosen in Settings (``engine.data_folder``), then the platform's user data
    folder. The folder is created if missing.
    """
    from engine.data_folder import chosen_home  # it imports this module's names

    if override:
        home = Path(override)
    elif os.environ.get(HOME_ENV):
        home = Path(os.environ[HOME_ENV])
    else:
        home = chosen_home() or Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=True))
    home = home.expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True)
    return home


def database_path(home: Path) -> Path:
    return home / DATABASE_FILENAME


INSTALLED_RESOURCES = "rooting_future_resources"  # resources/ inside a wheel (see setup.py)


@functools.cache
def resources_root() -> Path:
    """The ``resources/`` folder, wherever the app runs from.

    A frozen bundle keeps it in ``sys._MEIPASS``; a source checkout (also an
    editable install) beside the packages; an installed wheel as the
    ``rooting_future_resources`` package. Cached: it cannot change while running.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    source = Path(__file__).resolve().parent.parent / "resources"
    # Beside the packages only in a checkout: an installed engine/ sits in site-packages,
    # where a "resources" folder would belong to some other distribution.
    if (source / "catalogue" / "stw.json").is_file():
        return source
    spec = importlib.util.find_spec(INSTALLED_RESOURCES)
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return source  # missing: callers name the file they could not find


def resource_path(*parts: str) -> Path:
    """A path inside ``resources/`` (it need not exist: callers report what is missing)."""
    return resources_root().joinpath(*parts)
