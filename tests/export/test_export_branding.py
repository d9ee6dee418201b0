"""Club colours are validated and readable; logos are limited, re-encoded or refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from engine.export import ExportError, ExportFormat, export_plan
from engine.export.branding import (
    MAX_LOGO_BYTES,
    WHITE,
    contrast,
    load_logo,
    make_branding,
    normalise_colour,
    sanitise_logo,
)
from engine.export.compose import build_document
from tests.export.export_support import SAFE_SVG, TINY_PNG_URI, full_plan, png_logo
from tests.factories import make_plan


def test_colours_are_normalised_or_refused_in_both_languages() -> None:
    assert normalise_colour("#0b3d91") == "#0B3D91"
    assert normalise_colour("abc") == "#AABBCC"
    for bad in ("blue", "#12345", "#GGGGGG", "url(http://x)", ""):
        with pytest.raises(ExportError) as caught:
            normalise_colour(bad)
        assert "esadecimale" in caught.value.message("it")
        assert "hex colour" in caught.value.message("en")


@pytest.mark.parametrize(
    ("colours", "on_primary"),
    [
        (["#0B3D91", "#FFFFFF"], "#FFFFFF"),
        (["#FFFFFF", "#C8102E"], "#1A1A1A"),  # a white club: dark text on the cover
        (["#FFD100"], "#1A1A1A"),  # yellow
        (["#2E7D32"], "#FFFFFF"),
    ],
)
def test_text_colour_is_chosen_for_contrast(colours: list[str], on_primary: str) -> None:
    branding = make_branding(colours, None)
    assert branding.on_primary == on_primary
    assert contrast(branding.on_primary, branding.primary) >= 4.5
    assert contrast(branding.heading, WHITE) >= 4.5  # headings on white stay readable
    assert branding.secondary != branding.primary


def test_png_is_re_encoded_without_metadata_and_downscaled(tmp_path: Path) -> None:
    logo = load_logo(png_logo(tmp_path / "big.png", size=(3000, 1500)))
    assert logo.mime == "image/png"
    assert b"secret metadata" not in logo.data
    assert (logo.width, logo.height) == (1200, 600)
    assert logo.data_uri.startswith("data:image/png;base64,")


def test_jpeg_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "logo.jpg"
    Image.new("RGB", (300, 200), "#0B3D91").save(path, "JPEG")
    assert load_logo(path).mime == "image/jpeg"


def test_oversized_and_invalid_logos_are_refused(tmp_path: Path) -> None:
    huge = tmp_path / "huge.png"
    huge.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * (MAX_LOGO_BYTES + 1))
    with pytest.raises(ExportError, match="2 MB"):
        load_logo(huge)
    wide = tmp_path / "wide.png"
    Image.new("RGB", (9000, 2), "white").save(wide, "PNG")
    with pytest.raises(ExportError) as caught:
        load_logo(wide)
    assert "pixel" in caught.value.message("it")
    with pytest.raises(ExportError, match="PNG, JPEG or SVG"):
        sanitise_logo(b"GIF89a....")
    with pytest.raises(ExportError) as caught:
        load_logo(tmp_path / "missing.png")
    assert caught.value.code == "logo_not_found"
    with pytest.raises(ExportError):
        sanitise_logo(b"\x89PNG\r\n\x1a\nnot really a png")


def test_safe_svg_is_accepted_with_its_proportions() -> None:
    logo = sanitise_logo(SAFE_SVG.encode())
    assert logo.mime == "image/svg+xml"
    assert logo.width == logo.height == 512
    embedded = SAFE_SVG.replace(
        "</svg>", f'<image href="{TINY_PNG_URI}" width="1" height="1"/></svg>'
    )
    assert sanitise_logo(embedded.encode()).is_svg


UNSAFE_SVGS = {
    "script": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "handler": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
    "external image": (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<image xlink:href="http://example.com/x.png"/></svg>'
    ),
    "external use": '<svg xmlns="http://www.w3.org/2000/svg"><use href="file:///etc/passwd#a"/></svg>',
    "foreignObject": (
        '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>'
    ),
    "doctype": '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
    "billion laughs": (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&lol2;</text></svg>'
    ),
    "css url": '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://x/y)"/></svg>',
    "css import": (
        '<svg xmlns="http://www.w3.org/2000/svg"><style>@import "http://x/y.css";</style></svg>'
    ),
    "stylesheet pi": (
        '<?xml-stylesheet href="http://x/y.css"?><svg xmlns="http://www.w3.org/2000/svg"/>'
    ),
    "javascript link": (
        '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect/></a></svg>'
    ),
    "not svg": "<html><body>hello</body></html>",
    "broken": '<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>',
}


@pytest.mark.parametrize("case", sorted(UNSAFE_SVGS))
def test_unsafe_svg_is_refused_with_a_clear_message(case: str) -> None:
    with pytest.raises(ExportError) as caught:
        sanitise_logo(UNSAFE_SVGS[case].encode())
    assert caught.value.messages[0].startswith(("Logo SVG rifiutato", "Il logo deve"))
    assert caught.value.messages[1].startswith(("SVG logo refused", "The logo must"))


def test_bad_logo_stops_the_export_before_any_file_is_written(tmp_path: Path) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text(UNSAFE_SVGS["script"], "utf-8")
    out = tmp_path / "out"
    with pytest.raises(ExportError) as caught:
        export_plan(make_plan(), {ExportFormat.PDF}, out, logo=logo)
    assert "script" in caught.value.message("en")
    assert list(out.iterdir()) == []


def test_configured_logo_that_moved_is_skipped(tmp_path: Path) -> None:
    plan = full_plan()
    identity = plan.club.identity.model_copy(update={"logo_file": str(tmp_path / "gone.png")})
    plan = plan.model_copy(update={"club": plan.club.model_copy(update={"identity": identity})})
    assert build_document(plan).branding.logo is None
    relative = identity.model_copy(update={"logo_file": "logo.png"})
    png_logo(tmp_path / "logo.png")
    plan = plan.model_copy(update={"club": plan.club.model_copy(update={"identity": relative})})
    assert build_document(plan).branding.logo is None  # relative, no base folder given
    assert build_document(plan, logo_base=tmp_path).branding.logo is not None


def test_svg_logo_becomes_a_png_for_word() -> None:
    data, ext = sanitise_logo(SAFE_SVG.encode()).raster()
    assert ext == "png"
    image = Image.open(io.BytesIO(data))
    assert image.size[0] >= 600
