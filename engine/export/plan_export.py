"""``export_plan``: a plan's requested formats, rendered once each, written into a folder.

The one entry point of the package (``engine.service`` and the CLI call it through the
``engine.export`` facade). It composes the document model once, lets one ``ExportJob``
render (or read from the cache) each artefact, and writes the files atomically. While
it runs it marks itself ``foreground``: a background pre-render pauses between
artefacts meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from engine.export.files import FileNames, prepare_folder, write_file
from engine.export.formats import ORDER, ExportFormat, wanted_formats
from engine.export.job import ExportJob

if TYPE_CHECKING:
    from engine.domain.plan import Plan
    from engine.export.cache import ExportCache


def export_plan(
    plan: Plan,
    formats: Iterable[ExportFormat | str],
    out_dir: Path,
    *,
    watermark: bool = False,
    version: int | None = None,
    logo: Path | None = None,
    base_name: str | None = None,
    cache: ExportCache | None = None,
) -> list[Path]:
    """The paths written, in the order pdf, docx, one-pager PDF and PNG, html, zip."""
    from engine.export.compose import build_document  # matplotlib and Pillow load here
    from engine.export.prerender import foreground

    wanted = wanted_formats(formats)
    folder = prepare_folder(Path(out_dir))
    doc = build_document(plan, version=version, logo=logo)
    job = ExportJob(doc, watermark=watermark, cache=cache)
    names = FileNames(doc, base_name, version)
    written: list[Path] = []
    with foreground():  # a background pre-render pauses between artefacts meanwhile
        for fmt in ORDER:
            if fmt in wanted:
                for name, data in job.files(fmt, names):
                    written.append(write_file(folder / name, data))
    return written
