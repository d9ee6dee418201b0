"""The app's version, wherever it runs from.

Installed (also editable) it comes from the package metadata; a frozen bundle
has no metadata, so the build stamps ``resources/VERSION`` from pyproject.toml
(``build/release_info.py``). The export cache keys on it, so a new release
never serves files rendered by an older one.
"""

from __future__ import annotations

import functools

from engine.paths import resource_path

DISTRIBUTION = "rooting-future"
UNKNOWN = "unknown"


@functools.cache
def app_version() -> str:
    from importlib import metadata  # ~10 ms: only when asked

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        stamp = resource_path("VERSION")
        return stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else UNKNOWN


@functools.cache
def build_id() -> str:
    """The frozen build's fingerprint of its code, resources and libraries; "" from source
    (where the export cache hashes the source files themselves)."""
    stamp = resource_path("BUILD_ID")
    return stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else ""
