"""Actuals from the spreadsheets clubs keep: CSV or XLSX, one measured value per row.

Real sheets are messy: a title row or merged header rows above the table, empty lines,
Italian decimals ("1.234,5"), a season written "2026/27" or "2026-2027". The header row
is found by its names (Italian or English, see ``FIELDS``), or by a mapping the user
chose once (the desktop remembers it); every row that cannot be read gets a message
naming the row, the column and what to write, and the other rows still import.

Numbers are read the Italian way first, because the sheets are Italian: a comma is the
decimal separator, dots group thousands ("1.234,5"); when both appear, the last one is
the decimal separator, so an English "1,234.5" reads right too.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from engine.domain.plan import Plan
from engine.errors import UserError
from engine.monitoring.model import Actual, Review, Subject
from engine.monitoring.status import LINE_DIRECTION

# field -> the header names that mean it (lower case, without accents that vary)
FIELDS: dict[str, tuple[str, ...]] = {
    "objective": ("obiettivo", "codice", "objective", "code"),
    "indicator": ("indicatore", "kpi", "voce", "indicator", "item", "riga"),
    "season": ("stagione", "season", "anno"),
    "review": ("rilevazione", "momento", "review", "when"),
    "value": ("valore", "consuntivo", "dato", "value", "actual"),
}
REQUIRED = ("indicator", "season", "value")
REVIEWS = {
    "metà": Review.MID,
    "meta": Review.MID,
    "metà stagione": Review.MID,
    "mid": Review.MID,
    "gennaio": Review.MID,
    "fine": Review.END,
    "fine stagione": Review.END,
    "end": Review.END,
    "giugno": Review.END,
    "": Review.END,
}
SEASON = re.compile(r"^\s*(\d{4})\s*[/\-]\s*(\d{2}|\d{4})\s*$")
MAX_ROWS = 20_000


class ImportProblem(UserError, ValueError):
    """The file as a whole cannot be read (not CSV/XLSX, no header row found)."""


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it (1 = first line)
    it: str
    en: str

    def message(self, language: str = "it") -> str:
        return self.it if language == "it" else self.en


@dataclass
class ImportResult:
    actuals: list[Actual] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    mapping: dict[str, int] = field(default_factory=dict)  # field -> column index used
    skipped_empty: int = 0


def parse_number(text: object) -> float:
    """A cell as a number ("1.234,5", "1234,5", "€ 2.000", "12%"), or ValueError."""
    if isinstance(text, bool):
        raise ValueError(text)
    if isinstance(text, int | float):
        return float(text)
    cleaned = re.sub(r"[€%\s\u00a0]|eur(o)?", "", str(text), flags=re.IGNORECASE)
    cleaned = cleaned.replace("\u2212", "-")
    if not cleaned:
        raise ValueError(text)
    if "," in cleaned and "." in cleaned:
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        group = "." if decimal == "," else ","
        cleaned = cleaned.replace(group, "").replace(decimal, ".")
    elif "," in cleaned:
        cleaned = cleaned.replace(",", ".")
    elif re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")  # "4.800": Italian thousands
    return float(cleaned)


def parse_season(text: object, seasons: list[str]) -> str:
    match = SEASON.match(str(text))
    if not match:
        raise ValueError(text)
    start = int(match.group(1))
    season = f"{start}/{(start + 1) % 100:02d}"
    if season not in seasons:
        raise LookupError(season)
    return season


def read_rows(path: Path) -> list[list[object]]:
    """The sheet's cells, row by row (the first sheet of a workbook)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook  # loaded only when a workbook is read

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises several kinds for a damaged file
            raise ImportProblem(
                it=f"Il file {path.name} non è un foglio Excel leggibile: salvatelo di nuovo "
                "come .xlsx o .csv.",
                en=f"{path.name} is not a readable Excel workbook: save it again as .xlsx or .csv.",
                code="unreadable_workbook",
            ) from error
        try:
            sheet = book.worksheets[0]
            return [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS)]
        finally:
            book.close()
    if suffix in (".csv", ".txt"):
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig", errors="replace")
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
        except csv.Error:
            dialect = csv.excel
            dialect.delimiter = ";" if text.count(";") >= text.count(",") else ","
        return [list(row) for row in csv.reader(io.StringIO(text), dialect)][:MAX_ROWS]
    raise ImportProblem(
        it=f"{path.name}: scegliete un file .csv o .xlsx.",
        en=f"{path.name}: choose a .csv or .xlsx file.",
        code="unsupported_file",
    )


def _key(cell: object) -> str:
    return re.sub(r"\s+", " ", str(cell or "")).strip().lower()


def detect_mapping(rows: list[list[object]]) -> tuple[int, dict[str, int]]:
    """The header row (index) and which column holds each field, found by their names."""
    for index, row in enumerate(rows[:20]):
        names = [_key(cell) for cell in row]
        mapping: dict[str, int] = {}
        for name, words in FIELDS.items():
            column = next(
                (c for c, cell in enumerate(names) if cell and any(w in cell for w in words)),
                None,
            )
            if column is not None and column not in mapping.values():
                mapping[name] = column
        if all(name in mapping for name in REQUIRED):
            return index, mapping
    raise ImportProblem(
        it="Non trovo la riga delle intestazioni: servono almeno le colonne Indicatore, Stagione "
        "e Valore (e, se ci sono, Obiettivo e Rilevazione).",
        en="The header row was not found: the sheet needs at least the columns Indicator, "
        "Season and Value (and, if present, Objective and Review).",
        code="no_header_row",
    )


def header_names(rows: list[list[object]], index: int) -> list[str]:
    return [str(cell or "").strip() for cell in rows[index]] if rows else []


def _targets(plan: Plan) -> dict[str, list[tuple[Subject, str | None, str]]]:
    """What a row's indicator may name: a KPI (of an objective), a finance row or line,
    a budget."""
    found: dict[str, list[tuple[Subject, str | None, str]]] = {}
    for objective in plan.objectives():
        for kpi in objective.kpis:
            found.setdefault(_key(kpi.name), []).append((Subject.KPI, objective.code, kpi.name))
        found.setdefault(_key(f"budget {objective.code}"), []).append(
            (Subject.BUDGET, objective.code, "spent")
        )
    for row in plan.financial_plan.rows:
        for name in (row.key, row.label):
            found.setdefault(_key(name), []).append((Subject.FINANCE, None, row.key))
    for line in plan.financial_plan.lines:
        if line.kind in LINE_DIRECTION:  # revenue and cost lines, by key or label
            key = f"{line.kind.value}.{line.category}"
            for name in dict.fromkeys((key, line.label)):
                found.setdefault(_key(name), []).append((Subject.FINANCE, None, key))
    return found


def parse_rows(
    rows: list[list[object]],
    plan: Plan,
    source: str,
    mapping: dict[str, int] | None = None,
    header: int | None = None,
) -> ImportResult:
    """Every readable row as an actual; every other row as a message naming it."""
    if mapping is None or header is None:
        header, mapping = detect_mapping(rows)
    targets = _targets(plan)
    result = ImportResult(mapping=dict(mapping))
    for offset, row in enumerate(rows[header + 1 :], start=header + 2):

        def cell(name: str, row: list[object] = row) -> object:
            column = mapping.get(name)
            return row[column] if column is not None and column < len(row) else None

        if all(_key(c) == "" for c in row):
            result.skipped_empty += 1
            continue
        indicator = _key(cell("indicator"))
        objective = _key(cell("objective")).upper() or None
        candidates = targets.get(indicator, [])
        if objective:
            candidates = [c for c in candidates if c[1] in (objective, None)]
        if objective and targets.get(indicator) and not candidates:
            shown = str(cell("indicator") or "").strip()
            result.errors.append(
                RowError(
                    offset,
                    f"Riga {offset}: l'obiettivo {objective} non ha l'indicatore «{shown}»: "
                    "correggete la colonna Obiettivo.",
                    f"Row {offset}: objective {objective} has no indicator “{shown}”: correct "
                    "the Objective column.",
                )
            )
            continue
        if len(candidates) != 1:
            shown = str(cell("indicator") or "").strip() or "(vuoto)"
            it = (
                f"Riga {offset}: l'indicatore «{shown}» non è nel piano"
                if not candidates
                else f"Riga {offset}: «{shown}» è in più obiettivi: indicate la colonna Obiettivo"
            )
            en = (
                f"Row {offset}: the indicator “{shown}” is not in the plan"
                if not candidates
                else f"Row {offset}: “{shown}” is in several objectives: fill the Objective column"
            )
            result.errors.append(RowError(offset, it + ".", en + "."))
            continue
        subject, code, key = candidates[0]
        try:
            season = parse_season(cell("season"), plan.seasons)
        except LookupError as error:
            result.errors.append(
                RowError(
                    offset,
                    f"Riga {offset}: la stagione {error.args[0]} non è del piano "
                    f"({plan.seasons[0]} - {plan.seasons[-1]}).",
                    f"Row {offset}: season {error.args[0]} is not in the plan "
                    f"({plan.seasons[0]} - {plan.seasons[-1]}).",
                )
            )
            continue
        except ValueError:
            shown = str(cell("season") or "").strip() or "(vuota)"
            result.errors.append(
                RowError(
                    offset,
                    f"Riga {offset}: la stagione «{shown}» non si legge: scrivetela come 2026/27.",
                    f"Row {offset}: the season “{shown}” cannot be read: write it as 2026/27.",
                )
            )
            continue
        review = REVIEWS.get(_key(cell("review")))
        if review is None:
            shown = str(cell("review")).strip()
            result.errors.append(
                RowError(
                    offset,
                    f"Riga {offset}: la rilevazione «{shown}» non si legge: scrivete metà o fine.",
                    f"Row {offset}: the review “{shown}” cannot be read: write mid or end.",
                )
            )
            continue
        try:
            value = parse_number(cell("value"))
        except (TypeError, ValueError):
            shown = str(cell("value") or "").strip() or "(vuoto)"
            result.errors.append(
                RowError(
                    offset,
                    f"Riga {offset}: il valore «{shown}» non è un numero (es. 1.234,5).",
                    f"Row {offset}: the value “{shown}” is not a number (e.g. 1,234.5).",
                )
            )
            continue
        result.actuals.append(Actual(subject, key, season, review, value, code, source))
    return result
