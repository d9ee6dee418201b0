"""The club's colours and logo, checked before they reach any document.

Colours must be hex; the text colour on the club colour is picked for
contrast (WCAG relative luminance), and headings on white use the club colour
darkened until it is readable. A logo is an untrusted file: PNG and JPEG are
size- and pixel-limited and re-encoded (metadata and trailing bytes dropped);
an SVG is parsed with the standard library and refused if it could run code or
reach outside the file (scripts, event handlers, external references,
foreignObject, DOCTYPE/entities).
"""

from __future__ import annotations

import base64
import functools
import io
import logging
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from engine.export.errors import ExportError

log = logging.getLogger("rooting_future.export")

HEX = re.compile(r"^#?([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")
MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 25_000_000
MAX_LOGO_SIDE = 8000
LOGO_KEEP_SIDE = 1200  # larger logos are scaled down: print needs no more
MAX_SVG_ELEMENTS = 10_000
DEFAULT_COLOUR = "#1F4E79"
DARK_TEXT = "#1A1A1A"
WHITE = "#FFFFFF"

_FORBIDDEN_SVG_TAGS = {
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "audio",
    "video",
    "handler",
    "listener",
    "set",  # <set attributeName="href" to="javascript:..."> animates in a script
}
_LINK_ATTRIBUTES = {"href", "src"}
_SAFE_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif);base64,[A-Za-z0-9+/=\s]*$")
_EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)


# --- colours ------------------------------------------------------------------------


def normalise_colour(value: str) -> str:
    """``#abc`` or ``0b3d91`` -> ``#0B3D91``; anything else is refused."""
    match = HEX.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise ExportError(
            it=f"Il colore sociale «{value}» non è un colore esadecimale (es. #0B3D91): "
            "correggetelo nel questionario.",
            en=f"The club colour '{value}' is not a hex colour (e.g. #0B3D91): "
            "fix it in the questionnaire.",
            code="bad_colour",
        )
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.upper()


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """``share`` of ``other`` blended into ``colour``."""
    blended = (
        round(c * (1 - share) + o * share) for c, o in zip(_rgb(colour), _rgb(other), strict=True)
    )
    return "#" + "".join(f"{c:02X}" for c in blended)


def text_on(background: str) -> str:
    """White or near-black, whichever reads better on ``background``."""
    return WHITE if contrast(WHITE, background) >= contrast(DARK_TEXT, background) else DARK_TEXT


def readable_on_white(colour: str, minimum: float = 4.5) -> str:
    """The colour itself if it reads on white, else darkened step by step until it does."""
    candidate = colour
    share = 0.0
    while contrast(candidate, WHITE) < minimum and share < 1:
        share += 0.05
        candidate = mix(colour, "#000000", share)
    return candidate


# --- logo ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Logo:
    """A checked logo: PNG/JPEG re-encoded, or an SVG that passed the checks."""

    mime: str
    data: bytes
    width: int
    height: int

    @property
    def data_uri(self) -> str:
        return f"data:{self.mime};base64," + base64.b64encode(self.data).decode("ascii")

    @property
    def is_svg(self) -> bool:
        return self.mime == "image/svg+xml"

    def raster(self) -> tuple[bytes, str]:
        """Bytes Word can show (PNG or JPEG) and their extension: SVG is rasterised once."""
        if not self.is_svg:
            return self.data, "png" if self.mime == "image/png" else "jpeg"
        return _rasterise_svg(self.data, self.width, self.height), "png"


def _logo_error(it: str, en: str, code: str = "bad_logo") -> ExportError:
    return ExportError(it=it, en=en, code=code)


def load_logo(path: Path) -> Logo:
    """Read and sanitise a logo file; every refusal says why and what to do."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise FileNotFoundError(path)
    except OSError:
        raise _logo_error(
            f"Il file del logo «{path}» non esiste o non è leggibile: sceglietelo di nuovo.",
            f"The logo file '{path}' does not exist or cannot be read: choose it again.",
            "logo_not_found",
        ) from None
    if size > MAX_LOGO_BYTES:
        raise _logo_error(
            f"Il logo pesa {size / 1_048_576:.1f} MB: il massimo è 2 MB. Usatene una versione "
            "più leggera.",
            f"The logo is {size / 1_048_576:.1f} MB: the limit is 2 MB. Use a lighter version.",
        )
    try:
        data = path.read_bytes()
    except OSError:
        raise _logo_error(
            f"Il file del logo «{path}» non è leggibile.",
            f"The logo file '{path}' cannot be read.",
            "logo_not_found",
        ) from None
    return sanitise_logo(data)


def sanitise_logo(data: bytes) -> Logo:
    if len(data) > MAX_LOGO_BYTES:
        raise _logo_error(
            "Il logo supera i 2 MB: usatene una versione più leggera.",
            "The logo is larger than 2 MB: use a lighter version.",
        )
    if data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff"):
        return _sanitise_raster(data)
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype")):
        return _sanitise_svg(data)
    raise _logo_error(
        "Il logo deve essere un file PNG, JPEG o SVG.",
        "The logo must be a PNG, JPEG or SVG file.",
    )


def _sanitise_raster(data: bytes) -> Logo:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if (
                width * height > MAX_LOGO_PIXELS
                or max(width, height) > MAX_LOGO_SIDE
                or min(width, height) < 1
            ):
                raise _logo_error(
                    f"Il logo misura {width}×{height} pixel: il massimo è {MAX_LOGO_SIDE} per lato "
                    "e 25 milioni di pixel. Riducetelo.",
                    f"The logo is {width}×{height} pixels: the limit is {MAX_LOGO_SIDE} per side "
                    "and 25 million pixels. Scale it down.",
                )
            fmt = image.format
            image.load()
            image = image.convert("RGBA" if fmt == "PNG" else "RGB")
            image.thumbnail((LOGO_KEEP_SIDE, LOGO_KEEP_SIDE))
            out = io.BytesIO()
            if fmt == "PNG":
                image.save(out, "PNG", optimize=False)
                mime = "image/png"
            else:
                image.save(out, "JPEG", quality=90)
                mime = "image/jpeg"
            return Logo(mime, out.getvalue(), image.width, image.height)
    except ExportError:
        raise
    except Exception:
        log.warning("logo refused: not a readable PNG/JPEG", exc_info=True)
        raise _logo_error(
            "Il logo non è un'immagine PNG o JPEG leggibile: salvatelo di nuovo.",
            "The logo is not a readable PNG or JPEG image: save it again.",
        ) from None


def _refuse_svg(it: str, en: str) -> ExportError:
    return _logo_error(
        f"Logo SVG rifiutato: {it}. Salvate il logo senza questi elementi oppure usate un PNG.",
        f"SVG logo refused: {en}. Save the logo without them or use a PNG.",
        "unsafe_logo",
    )


def _sanitise_svg(data: bytes) -> Logo:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse_svg("il file non è testo UTF-8", "the file is not UTF-8 text") from None
    if re.search(r"<!\s*(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise _refuse_svg(
            "contiene una dichiarazione DOCTYPE o ENTITY",
            "it contains a DOCTYPE or ENTITY declaration",
        )
    if re.search(r"<\?(?!xml\s)", text):
        raise _refuse_svg(
            "contiene istruzioni di elaborazione (per esempio fogli di stile esterni)",
            "it contains processing instructions (e.g. external stylesheets)",
        )
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        raise _refuse_svg("non è un file SVG valido", "it is not a valid SVG file") from None
    if _local(root.tag) != "svg":
        raise _refuse_svg("l'elemento principale non è <svg>", "the root element is not <svg>")
    for count, element in enumerate(root.iter(), start=1):
        if count > MAX_SVG_ELEMENTS:
            raise _refuse_svg("ha troppi elementi", "it has too many elements")
        tag = _local(element.tag).lower()
        if tag in _FORBIDDEN_SVG_TAGS:
            raise _refuse_svg(
                f"contiene l'elemento <{tag}> (script o contenuto attivo)",
                f"it contains a <{tag}> element (script or active content)",
            )
        if tag == "style" and element.text:
            _check_css(element.text)
        for name, value in element.attrib.items():
            attribute = _local(name).lower()
            if attribute.startswith("on"):
                raise _refuse_svg(
                    f"contiene un gestore di eventi ({attribute})",
                    f"it contains an event handler ({attribute})",
                )
            lowered = value.strip().lower()
            if "javascript:" in lowered.replace(" ", ""):
                raise _refuse_svg("contiene un link javascript:", "it contains a javascript: link")
            if attribute in _LINK_ATTRIBUTES and not (
                value.strip().startswith("#") or _SAFE_DATA_IMAGE.match(value.strip())
            ):
                raise _refuse_svg(
                    f"fa riferimento a un file o indirizzo esterno ({value[:60]})",
                    f"it refers to an external file or address ({value[:60]})",
                )
            if attribute == "style" or "url(" in lowered:
                _check_css(value)
    width, height = _svg_size(root)
    return Logo("image/svg+xml", data, width, height)


def _check_css(css: str) -> None:
    lowered = css.lower()
    if "@import" in lowered or _EXTERNAL_URL.search(css) or "expression(" in lowered:
        raise _refuse_svg(
            "uno stile fa riferimento a una risorsa esterna",
            "a style refers to an external resource",
        )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _svg_size(root: ET.Element) -> tuple[int, int]:
    def length(value: str | None) -> float | None:
        if not value:
            return None
        match = re.match(r"^\s*([0-9.]+)\s*(px|pt)?\s*$", value)
        return float(match.group(1)) if match else None

    width, height = length(root.get("width")), length(root.get("height"))
    if not (width and height):
        box = (root.get("viewBox") or "").replace(",", " ").split()
        if len(box) == 4:
            try:
                width, height = float(box[2]), float(box[3])
            except ValueError:
                width = height = None
    if not (width and height) or width <= 0 or height <= 0:
        return 512, 512
    scale = 512 / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


@functools.lru_cache(maxsize=4)
def _rasterise_svg(data: bytes, width: int, height: int) -> bytes:
    """SVG -> PNG for Word (which python-docx cannot give an SVG): WeasyPrint then PDFium."""
    import pypdfium2
    from weasyprint import HTML

    from engine.export.fetcher import SafeFetcher

    uri = "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")
    html = (
        f"<style>@page{{size:{width}px {height}px;margin:0}}body{{margin:0}}"
        f"img{{display:block;width:{width}px;height:{height}px}}</style><img src='{uri}'>"
    )
    pdf_bytes = HTML(string=html, url_fetcher=SafeFetcher()).write_pdf()
    pdf = pypdfium2.PdfDocument(pdf_bytes)
    try:
        scale = 1200 / max(pdf[0].get_size())
        bitmap = pdf[0].render(scale=scale, fill_color=(255, 255, 255, 0), may_draw_forms=False)
        image = bitmap.to_pil()
        out = io.BytesIO()
        image.save(out, "PNG")
        return out.getvalue()
    finally:
        pdf.close()


# --- the branding a document carries ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Branding:
    primary: str  # cover background: the first club colour
    on_primary: str  # text on the cover, chosen for contrast
    secondary: str  # accent stripe on the cover
    heading: str  # headings and table rules on white, readable (>= 4.5:1)
    tint: str  # light background for table headers and tiles
    logo: Logo | None

    @property
    def css_variables(self) -> str:
        """Validated hex values only: safe to write into the stylesheet."""
        return (
            f":root{{--brand:{self.primary};--on-brand:{self.on_primary};"
            f"--brand-2:{self.secondary};--heading:{self.heading};--tint:{self.tint}}}"
        )


def make_branding(colours: list[str], logo: Logo | None) -> Branding:
    checked = [normalise_colour(c) for c in colours] or [DEFAULT_COLOUR]
    primary = checked[0]
    on_primary = text_on(primary)
    # The accent stripe must differ from the cover: the next club colour that stands out.
    secondary = next((c for c in checked[1:] if contrast(c, primary) >= 1.5), on_primary)
    readable = next((c for c in checked if contrast(c, WHITE) >= 4.5), None)
    heading = readable or readable_on_white(primary)
    tint = mix(heading, WHITE, 0.9)
    return Branding(primary, on_primary, secondary, heading, tint, logo)
