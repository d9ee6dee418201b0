"""The ZIP package: every export of one plan, its JSON, and a README saying what is inside.

Files already rendered for the other formats are reused, never rendered again.
Entry dates are the plan's generation time, so the same plan version always
gives the same archive listing. PDF, PNG and DOCX are stored (they are already
compressed); text files are deflated.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from engine.domain.language import Language
from engine.export.document import Document

STORED_SUFFIXES = (".pdf", ".png", ".docx", ".zip")

_DESCRIPTIONS = {
    "pdf": (
        "il piano completo, pronto da stampare o inviare",
        "the full plan, ready to print or send",
    ),
    "docx": (
        "il piano modificabile in Word o LibreOffice (aggiornate l'indice: tasto destro > "
        "Aggiorna campo)",
        "the plan to edit in Word or LibreOffice (update the contents: right click > Update field)",
    ),
    "onepager": (
        "il piano in una pagina, per il consiglio e gli sponsor",
        "the plan on one page, for the board and sponsors",
    ),
    "png": ("anteprima dell'una-pagina come immagine", "preview of the one-pager as an image"),
    "html": (
        "il piano da aprire in un browser, anche senza rete",
        "the plan to open in a browser, also offline",
    ),
    "json": (
        "i dati del piano, da reimportare in Rooting Future",
        "the plan's data, to import again into Rooting Future",
    ),
}


def readme_text(doc: Document, files: dict[str, str], *, watermark: bool) -> str:
    """Plain text in the plan's language: what each file is, how numbers are sourced."""
    it = doc.language is Language.IT
    pick = 0 if it else 1
    lines = [
        f"{doc.labels.readme_title} - {doc.club_name}",
        f"{doc.labels.plan_title} {doc.seasons_label}"
        + (f" - {doc.labels.version} {doc.version}" if doc.version else ""),
        f"{doc.labels.generated_on} {doc.generated}",
        "",
    ]
    for key, name in files.items():
        lines.append(f"- {name}: {_DESCRIPTIONS[key][pick]}")
    lines.append("")
    lines.append(
        "Ogni numero indica la sua provenienza (dal vostro questionario, da fonte pubblica, "
        "stima da benchmark da verificare, dato da acquisire): la legenda è nel capitolo "
        "«Metodologia e fonti»."
        if it
        else "Every number states where it comes from (your questionnaire, a public source, "
        "an estimate from a benchmark to verify, to be collected): the legend is in the "
        "'Methodology and sources' chapter."
    )
    if watermark:
        lines.append(doc.labels.watermark_note)
    lines.append(
        "Caratteri: DejaVu Sans (licenza Bitstream Vera / DejaVu, ridistribuibile)."
        if it
        else "Fonts: DejaVu Sans (Bitstream Vera / DejaVu licence, redistributable)."
    )
    lines.append(doc.labels.made_with)
    return "\r\n".join(lines) + "\r\n"  # CRLF: Notepad on older Windows shows one long line


def build_zip(entries: list[tuple[str, bytes]], stamp: dt.datetime) -> bytes:
    date_time = (
        max(stamp.year, 1980),
        stamp.month,
        stamp.day,
        stamp.hour,
        stamp.minute,
        stamp.second,
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.external_attr = 0o644 << 16
            stored = name.lower().endswith(STORED_SUFFIXES)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()
