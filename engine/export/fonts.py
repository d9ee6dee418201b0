"""The packaged fonts, as the PDF (file URLs) and the HTML file (inline WOFF2) use them.

The PDF references the full TTFs in ``resources/fonts`` through the safe
fetcher, and WeasyPrint embeds only the glyphs used. A standalone HTML file
must carry its fonts inline; the full TTFs would add 2.8 MB of base64, so it
embeds WOFF2 subsets (Latin, punctuation, euro, a few symbols: about 30 kB
each) that ship next to the TTFs. Making those subsets takes ~1 s, which is
why they are built once, here, and not at export time:

    python -m engine.export.fonts   # rewrites resources/fonts/*.subset.woff2
"""

from __future__ import annotations

import base64
import functools
import io

from engine.paths import resource_path

FAMILY = "DejaVu Sans"
FACES = (
    # file stem, CSS weight, CSS style
    ("DejaVuSans", "normal", "normal"),
    ("DejaVuSans-Bold", "bold", "normal"),
    ("DejaVuSans-Oblique", "normal", "italic"),
)
# What Italian and English plans print: Latin-1, Latin Extended-A, general
# punctuation (dashes, quotes, bullet, ellipsis), euro, arrows, minus, check mark.
SUBSET_CODEPOINTS = (
    *range(0x20, 0x7F),
    *range(0xA0, 0x180),
    *range(0x2010, 0x203B),
    0x20AC,
    *range(0x2190, 0x2194),
    0x2212,
    0x2713,
    0x25CF,
)


def font_face_css_files() -> str:
    """@font-face rules pointing at the packaged TTFs (relative to ``resources/``)."""
    return "".join(
        f'@font-face{{font-family:"{FAMILY}";src:url("fonts/{stem}.ttf");'
        f"font-weight:{weight};font-style:{style}}}"
        for stem, weight, style in FACES
    )


@functools.cache
def font_face_css_inline() -> str:
    """@font-face rules with the WOFF2 subsets inlined (for the standalone HTML file)."""
    rules = []
    for stem, weight, style in FACES:
        data = resource_path("fonts", f"{stem}.subset.woff2").read_bytes()
        uri = "data:font/woff2;base64," + base64.b64encode(data).decode("ascii")
        rules.append(
            f'@font-face{{font-family:"{FAMILY}";src:url("{uri}") format("woff2");'
            f"font-weight:{weight};font-style:{style}}}"
        )
    return "".join(rules)


def build_web_subsets() -> list[str]:
    """Write ``<stem>.subset.woff2`` beside each TTF (names kept, as the licence requires)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    written = []
    for stem, _weight, _style in FACES:
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        font = TTFont(resource_path("fonts", f"{stem}.ttf"))
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=list(SUBSET_CODEPOINTS))
        subsetter.subset(font)
        out = io.BytesIO()
        font.flavor = "woff2"
        font.save(out)
        target = resource_path("fonts", f"{stem}.subset.woff2")
        target.write_bytes(out.getvalue())
        written.append(target.name)
    return written


if __name__ == "__main__":
    print("\n".join(build_web_subsets()))
