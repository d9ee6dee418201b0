"""Exports of a plan: PDF, DOCX, one-pager (PDF + PNG preview), HTML and a ZIP of all.

Public API (what ``engine.service`` and the CLI call)::

    from engine.export import ExportError, ExportFormat, export_plan, parse_formats

    formats = parse_formats("pdf,docx,onepager")      # ExportError on unknown names
    paths = export_plan(plan, formats, Path("out"), watermark=not licensed, version=3)

``parse_formats`` reads comma- or space-separated names, any case (``all``: every
format; ``one-pager`` is accepted). ``export_plan(plan, formats, out_dir, *,
watermark=False, version=None, logo=None, base_name=None, cache=None)`` builds the
document model once, renders each requested format once (the ZIP reuses them), with a
``cache`` (``engine.export.cache.ExportCache``) reads what was rendered before, writes
the files atomically into ``out_dir`` and returns their paths in the order pdf, docx,
one-pager PDF, one-pager PNG, html, zip. Names come from the club and the seasons plus
``_v<version>`` (``ASD-Virtus-Seregno-Calcio_2026-27_2028-29_v3.pdf``; ``base_name``
replaces that stem; the one-pager is ``<stem>_sintesi`` or ``_summary``).
``watermark=True`` stamps every page "COPIA DI VALUTAZIONE / EVALUATION COPY".
``logo`` is an explicit logo file; without it the club's ``logo_file`` is used when it
is an absolute path that exists.

``ExportError`` (``.messages = (it, en)``, ``.message(lang)``, ``.code``) is all that
escapes ``export_plan`` except bugs: a bad logo, an unwritable folder, a file locked by
another program, a missing PDF engine, an unknown format, a rendering failure (logged
with its traceback).

This module only re-exports; no module of the package imports it. The layers, each
importing only those before it (``tests/test_architecture.py`` checks there is no cycle):

1. ``errors``, ``formats`` (the names), ``files`` (file names, folder, atomic writes);
2. ``document`` (the model: plain dataclasses that do not know their builder), with
   ``labels``, ``branding``, ``chart_spec``, ``charts`` and ``provenance``;
3. ``compose`` (``build_document``) and its section modules ``compose_*``: the only
   code that reads a ``Plan``; ``pages`` gives the plan view one section at a time;
4. the renderers: ``html``, ``pdf``, ``docx_writer`` (over ``ooxml``), ``onepager``,
   ``package``; and ``fingerprint``, ``cache``;
5. ``job`` (``ExportJob``: each artefact once), then ``prerender`` and ``plan_export``.
"""

from __future__ import annotations

from engine.export.errors import ExportError
from engine.export.files import FileNames, safe_file_stem, sweep_stale_temporaries
from engine.export.formats import ExportFormat, parse_formats
from engine.export.job import ExportJob, RenderCancelled
from engine.export.plan_export import export_plan

__all__ = [
    "ExportError",
    "ExportFormat",
    "ExportJob",
    "FileNames",
    "RenderCancelled",
    "export_plan",
    "parse_formats",
    "safe_file_stem",
    "sweep_stale_temporaries",
]
