"""``actuals`` and ``progress``: record what happened and see how the plan stands.

    rooting-future actuals PLAN_ID consuntivi.xlsx        import a sheet (CSV or XLSX)
    rooting-future actuals PLAN_ID --action SP1.1=done    an action's state
    rooting-future actuals PLAN_ID --json                 every record, oldest first
    rooting-future progress PLAN_ID [--season 2026/27] [--review mid|end] [--json]
    rooting-future progress PLAN_ID --export pdf,docx [--out DIR]   the board's report

Records never change a plan version (see ``engine.storage.actuals``).
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from engine import formatting
from engine.domain.language import Language
from engine.monitoring.model import ActionState, Progress, Rag, Review
from engine.monitoring.roll import Rebase

STATE_NAMES = {s.value: s for s in ActionState}


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    actuals = commands.add_parser(
        "actuals",
        help="record measured values (a CSV/XLSX sheet) and action states",
        description="Imports a sheet with the columns Indicatore (or a finance row), Stagione, "
        "Valore and, when needed, Obiettivo and Rilevazione (metà/fine). Rows that cannot be "
        "read are listed with their number; the others are stored.",
        parents=[common],
    )
    actuals.add_argument("plan_id", type=int, metavar="PLAN_ID")
    actuals.add_argument("file", type=Path, nargs="?", metavar="FILE", help="CSV or XLSX")
    actuals.add_argument(
        "--action",
        action="append",
        default=[],
        metavar="CODE=STATE",
        help="an action's state: done, late, dropped or open (e.g. SP1.1=done)",
    )
    actuals.add_argument("--json", action="store_true")
    progress = commands.add_parser(
        "progress",
        help="the plan's status at a review: red, amber, green by area, objective and KPI",
        parents=[common],
    )
    progress.add_argument("plan_id", type=int, metavar="PLAN_ID")
    progress.add_argument("--season", metavar="S", help="e.g. 2026/27 (default: today's)")
    progress.add_argument("--review", choices=[r.value for r in Review], default="end")
    progress.add_argument("--json", action="store_true")
    progress.add_argument(
        "--export",
        metavar="FORMATS",
        help="write the board's report ('Stato di avanzamento'): pdf,docx (or all)",
    )
    progress.add_argument(
        "--out", type=Path, default=Path("."), metavar="DIR", help="report folder (default: .)"
    )
    progress.add_argument(
        "--rebase",
        action="append",
        default=[],
        metavar="CODE:KPI",
        help="at season end, close the season on its actuals and restart the later targets "
        "of this KPI (or finance:LINE) from its actual (repeatable; all; none closes "
        "without re-basing; without it the proposals are listed)",
    )


def parse_action(text: str) -> tuple[str, ActionState]:
    code, _, state = text.partition("=")
    if state.strip().lower() not in STATE_NAMES:
        raise ValueError(text)
    return code.strip().upper(), STATE_NAMES[state.strip().lower()]


def _rag_word(rag: Rag, language: Language) -> str:
    marks = {Rag.GREEN: "●", Rag.AMBER: "◐", Rag.RED: "○", Rag.UNMEASURED: "·"}
    return f"{marks[rag]} {rag.label(language.value)}"


def _value(value: float | None, unit: str, language: Language) -> str:
    if value is None:
        return "—"
    return formatting.quantity(round(value, 2), unit, language)


def progress_lines(progress: Progress, language: Language) -> list[str]:
    it = language is Language.IT
    review = (
        ("metà stagione" if it else "mid-season")
        if progress.review is Review.MID
        else ("fine stagione" if it else "season end")
    )
    lines = [
        f"{'Stato del piano' if it else 'Plan status'} {progress.season}, {review}: "
        f"{_rag_word(progress.rag, language)}"
    ]
    for area in progress.areas:
        lines.append(f"  {area.label}: {_rag_word(area.rag, language)}")
        for objective in area.objectives:
            late = len(objective.late)
            extra = f" · {late} {'azioni in ritardo' if it else 'late actions'}" if late else ""
            lines.append(
                f"    {objective.code} {objective.title}: {_rag_word(objective.rag, language)}"
                + extra
            )
            for kpi in objective.kpis:
                lines.append(
                    f"      {kpi.name}: {_value(kpi.actual, kpi.unit, language)} / "
                    f"{_value(kpi.expected, kpi.unit, language)} "
                    f"({_rag_word(kpi.rag, language)})"
                )
    lines.append("  " + ("Conti" if it else "Finances"))
    recorded = [line for line in progress.finance_lines if line.actual is not None]
    for row in (*progress.finance, *recorded):  # the lines the club recorded, after the rows
        lines.append(
            f"    {row.label}: {_value(row.actual, 'EUR', language)} / "
            f"{_value(row.forecast, 'EUR', language)} ({_rag_word(row.rag, language)})"
        )
    return lines


def progress_json(progress: Progress) -> dict[str, Any]:
    return dataclasses.asdict(progress) | {
        "late_actions": [a.code for o in progress.objectives() for a in o.late]
    }


def rebase_lines(proposals: list[Rebase], language: Language) -> list[str]:
    """What "Aggiorna il piano" would change, one KPI or finance line a line."""
    it = language is Language.IT
    if not proposals:
        return [
            "Nessuna previsione da riallineare: --rebase none chiude la stagione sui consuntivi."
            if it
            else "Nothing to re-base: --rebase none closes the season on its actuals."
        ]
    head = (
        "Misurati fuori dal piano (--rebase CODICE:INDICATORE, all, oppure none per chiudere "
        "la stagione sui consuntivi senza riallineare):"
        if it
        else "Measured off the plan (--rebase CODE:KPI, all, or none to close the season on "
        "its actuals without re-basing):"
    )
    later = "obiettivi successivi" if it else "later targets"
    lines = [head]
    for p in proposals:
        actual = formatting.number(p.actual, language)
        if p.is_finance:
            actual = formatting.money(p.actual, language)
            forecast = formatting.money(p.actual - p.shift, language)
            lines.append(
                f"  {p.name}  {p.label}: {'consuntivo' if it else 'actual'} {actual} "
                f"({'previsto' if it else 'forecast'} {forecast})"
            )
        else:
            lines.append(
                f"  {p.name}  {'consuntivo' if it else 'actual'} {actual}, {later} {p.shift:+g}"
            )
    return lines


def chosen_rebases(proposals: list[Rebase], names: list[str]) -> list[Rebase]:
    """``all``, ``none`` or CODE:KPI / finance:LINE names, matched without regard to case;
    unknown names raise."""
    wanted = [name.strip() for name in names]
    if any(name.lower() == "all" for name in wanted):
        return proposals
    wanted = [name for name in wanted if name.lower() != "none"]
    by_name = {p.name.lower(): p for p in proposals}
    missing = [name for name in wanted if name.lower() not in by_name]
    if missing:
        raise KeyError(", ".join(missing))
    return [by_name[name.lower()] for name in wanted]
