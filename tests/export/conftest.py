"""Heavy artefacts are rendered once per test session and shared by the export test modules.

Two complete exports (every format, ZIP included), both made with the network
blocked and the document builder counted:

* ``it_export``: Italian plan of the football example, version 2, PNG logo;
* ``en_export``: English plan for a club named ``<script>alert(1)</script> & "Co"``,
  evaluation watermark on, SVG logo.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from engine.domain.language import Language
from tests.export.export_support import (
    HOSTILE_NAME,
    SAFE_SVG,
    ExportRun,
    export_all,
    full_plan,
    network_blocked,
    png_logo,
)


@pytest.fixture(scope="session")
def it_export(tmp_path_factory: pytest.TempPathFactory) -> ExportRun:
    folder = tmp_path_factory.mktemp("it-export")
    logo = png_logo(folder / "logo.png")
    return export_all(full_plan(), folder / "out", version=2, logo=logo)


@pytest.fixture(scope="session")
def en_export(tmp_path_factory: pytest.TempPathFactory) -> ExportRun:
    folder = tmp_path_factory.mktemp("en-export")
    logo = folder / "logo.svg"
    logo.write_text(SAFE_SVG, "utf-8")
    plan = full_plan("pallavolo-ssd", seed=7, club_name=HOSTILE_NAME, language=Language.EN)
    return export_all(plan, folder / "out", watermark=True, logo=logo)


@pytest.fixture
def no_network() -> Iterator[list[str]]:
    with network_blocked() as attempts:
        yield attempts
