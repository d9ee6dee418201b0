"""What a rendered export depends on, as one hash: the export cache's key.

A plan version is immutable, but the same version renders differently with
another language, logo, colours, watermark, template, font, renderer library
or app release. ``export_key`` hashes the document's inputs (the plan JSON of
that version, its number and language, the validated colours and the logo's
bytes, the watermark flag) together with ``renderer_fingerprint()``: the app
version, the versions of the libraries that draw the files, and the bytes of
the packaged templates and fonts. Running from source, the export code itself
is hashed too, so editing a composer or a renderer never serves a stale file
(a frozen app has no sources: its version number stands for them).

Nothing here reads settings or secrets: API keys cannot reach a cache key.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from engine.paths import resources_root
from engine.version import app_version, build_id

if TYPE_CHECKING:
    from engine.export.document import Document

# Bump when the cache's entry format or key recipe changes: old entries then simply miss.
CACHE_FORMAT = 1
# The libraries whose upgrade can change the bytes of an export.
RENDER_LIBRARIES = (
    "weasyprint",
    "pydyf",
    "tinycss2",
    "fonttools",
    "matplotlib",
    "python-docx",
    "pypdfium2",
    "pillow",
    "jinja2",
)
RESOURCE_FOLDERS = ("templates", "fonts")


def _library_versions() -> dict[str, str]:
    versions = {}
    for name in RENDER_LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "-"
    return versions


def _hash_files(digest: hashlib._Hash, root: Path, files: Iterable[Path]) -> None:
    for path in sorted(files):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")


def resources_digest(root: Path | None = None) -> str:
    """SHA-256 of the packaged templates and fonts (names and bytes)."""
    root = (root or resources_root()).resolve()
    digest = hashlib.sha256()
    for folder in RESOURCE_FOLDERS:
        _hash_files(digest, root, (root / folder).rglob("*"))
    return digest.hexdigest()


def sources_digest() -> str:
    """SHA-256 of the export code when it runs from source; "" in a frozen app."""
    package = Path(__file__).resolve().parent
    # The export package, the shared formatter and the domain (provenance words live there).
    files = [
        *package.glob("*.py"),
        package.parent / "formatting.py",
        *(package.parent / "domain").glob("*.py"),
    ]
    digest = hashlib.sha256()
    _hash_files(digest, package.parent, [f for f in files if f.is_file()])
    return digest.hexdigest() if any(f.is_file() for f in files) else ""


@functools.cache
def renderer_fingerprint() -> str:
    """Everything outside the document an export depends on; computed once per process."""
    return _fingerprint(app_version(), resources_digest(), sources_digest() + build_id())


def _fingerprint(version: str, resources: str, sources: str) -> str:
    material = {
        "format": CACHE_FORMAT,
        "app": version,
        "libraries": _library_versions(),
        "resources": resources,
        "sources": sources,
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode("utf-8")).hexdigest()


def export_key(doc: Document, *, watermark: bool, fingerprint: str | None = None) -> str:
    """The cache key of one document's exports (every format shares it)."""
    logo = doc.branding.logo
    material = {
        "renderer": fingerprint if fingerprint is not None else renderer_fingerprint(),
        "language": str(doc.language),
        "version": doc.version,
        "watermark": bool(watermark),
        "branding": doc.branding.css_variables,
        "logo": None if logo is None else [logo.mime, hashlib.sha256(logo.data).hexdigest()],
        "plan": hashlib.sha256(doc.plan_json.encode("utf-8")).hexdigest(),
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode("utf-8")).hexdigest()
