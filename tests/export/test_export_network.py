"""No export ever touches the network or reads a file outside the packaged resources."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.export import ExportFormat, export_plan
from engine.export.fetcher import RefusedURL, SafeFetcher
from engine.export.pdf import render_pdf
from engine.paths import resources_root
from tests.export.export_support import TINY_PNG_URI, ExportRun, full_plan, pdf_text

HOSTILE_HTML = f"""<!DOCTYPE html><html><head>
<link rel="stylesheet" href="https://example.com/remote.css">
<style>
@import url("http://example.com/import.css");
@font-face {{ font-family: Remote; src: url("https://example.com/font.ttf"); }}
@font-face {{ font-family: "DejaVu Sans"; src: url("fonts/DejaVuSans.ttf"); }}
body {{ font-family: Remote, "DejaVu Sans"; background: url("http://example.com/bg.png"); }}
</style></head><body>
<p>Offline export works</p>
<img src="http://example.com/tracker.png">
<img src="https://example.com/a.svg">
<img src="ftp://example.com/a.png">
<img src="file:///etc/passwd">
<img src="fonts/../../engine/paths.py">
<img src="{TINY_PNG_URI}">
<iframe src="http://example.com/frame"></iframe>
</body></html>"""


def test_fetcher_allows_only_packaged_files_and_data() -> None:
    fetcher = SafeFetcher()
    font = (resources_root() / "fonts" / "DejaVuSans.ttf").resolve().as_uri()
    assert fetcher.fetch(font).read()[:4] == b"\x00\x01\x00\x00"
    assert fetcher.fetch(TINY_PNG_URI).read().startswith(b"\x89PNG")
    outside = (resources_root().parent / "engine" / "paths.py").resolve().as_uri()
    for url in (
        "http://example.com/a.png",
        "https://example.com/a.css",
        "ftp://example.com/x",
        "file:///etc/passwd",
        outside,
        font.replace("fonts/", "fonts/../../engine/"),
        "file://fileserver/share/logo.png",
        "javascript:alert(1)",
        "//example.com/protocol-relative.png",
    ):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 9


def test_rendering_hostile_markup_with_the_network_blocked(no_network: list[str]) -> None:
    spy = SafeFetcher()
    result = render_pdf(HOSTILE_HTML, fetcher=spy)
    assert "Offline export works" in pdf_text(result.data)[0]
    assert no_network == []  # not even a DNS lookup
    refused = " ".join(spy.refused)
    for fragment in ("remote.css", "import.css", "font.ttf", "bg.png", "tracker.png", "a.svg"):
        assert fragment in refused, fragment
    assert "passwd" in refused and "paths.py" in refused
    assert not any(
        url.startswith(("http", "ftp")) for url in spy.requested if url not in spy.refused
    )


def test_full_exports_never_opened_a_socket(it_export: ExportRun, en_export: ExportRun) -> None:
    assert it_export.network_attempts == []
    assert en_export.network_attempts == []


def test_export_of_light_formats_offline(tmp_path: Path, no_network: list[str]) -> None:
    paths = export_plan(
        full_plan("nuoto-piscina-comunale-asd"),
        {ExportFormat.DOCX, ExportFormat.HTML, ExportFormat.ONEPAGER},
        tmp_path,
    )
    assert [p.suffix for p in paths] == [".docx", ".pdf", ".png", ".html"]
    assert no_network == []
