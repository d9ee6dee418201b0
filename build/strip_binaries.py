"""Strip symbols from the Linux bundle's shared libraries, except the ones stripping breaks.

Wheels and source-built interpreters (pyenv) ship their extension modules with
symbols and debug information: about 45 MB of the Linux bundle. PyInstaller's
global ``strip`` option strips everything, including the libraries auditwheel
vendored into ``<package>.libs/`` directories after rewriting them with
patchelf, and those break (numpy's OpenBLAS then fails to load with "ELF load
command address/offset not page-aligned"). So the bundle's ``.so`` files are
stripped as copies in the work folder with ``--strip-unneeded`` (what Linux
distributions do to their own libraries), skipping ``*.libs/``; the frozen
self-test imports every stack afterwards. Linux only; a no-op without ``strip``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

TocEntry = tuple[str, str, str]


def strippable(destination: str, kind: str) -> bool:
    """A shared object not vendored by auditwheel (those live in ``<name>.libs/``)."""
    parts = Path(destination).parts
    vendored = any(part.endswith(".libs") for part in parts[:-1])
    return kind in {"BINARY", "EXTENSION"} and ".so" in parts[-1] and not vendored


def strip_binaries(binaries: list[TocEntry], workdir: Path) -> list[TocEntry]:
    """The same list, with strippable libraries replaced by stripped copies."""
    strip = shutil.which("strip")
    if not sys.platform.startswith("linux") or strip is None:
        return binaries
    result: list[TocEntry] = []
    for destination, source, kind in binaries:
        if strippable(destination, kind) and Path(source).is_file():
            copy = workdir / destination
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)
            done = subprocess.run([strip, "--strip-unneeded", str(copy)], capture_output=True)
            if done.returncode == 0:
                result.append((destination, str(copy), kind))
                continue
        result.append((destination, source, kind))
    return result
