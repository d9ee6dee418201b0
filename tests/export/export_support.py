"""Plans for the export tests: factory plans with every section filled, and hostile inputs.

``tests.factories.make_plan`` leaves compliance, monitoring, data gaps, headline
KPIs and most of the financial plan empty (the offline composer does not exist
yet); ``full_plan`` fills them the way a composed plan would, so every chapter
of the export has real content to lay out.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

from engine.domain import Area, Plan
from engine.domain.language import Language
from engine.domain.plan import (
    KPI,
    ComplianceItem,
    ComplianceStatus,
    DataGap,
    FinanceKind,
    FinanceLine,
    FundingSource,
    InvestmentLine,
    MonitoringEntry,
    PlanWarning,
    Priority,
    Severity,
    Swot,
)
from engine.domain.sourced import SourcedValue, SourceTier
from engine.export import ExportFormat, export_plan
from engine.export import compose as compose_module
from tests.factories import example_club, make_plan

HOSTILE_NAME = '<script>alert(1)</script> & "Co"'
EXAMPLE_NAMES = (
    "calcio-giovanile-asd",
    "nuoto-piscina-comunale-asd",
    "pallavolo-ssd",
    "polisportiva-piccola-dati-parziali",
)
MACRO_CODES = [
    *(f"SP{n}" for n in range(1, 9)),
    "ST1",
    "ST2",
    *(f"MK{n}" for n in range(1, 5)),
    *(f"SO{n}" for n in range(1, 8)),
]
# Words the earlier product left in its documents; a regex so "nan" does not match "finanza".
PLACEHOLDERS = re.compile(
    r"(?i:da definire|\[da calcolare\]|\[range|\bTBD\b|\bTODO\b)|\bNone\b|\bnan\b|\bnull\b"
)


def _kpi(name: str, unit: str, base: float, targets: tuple[float, float, float], ref: str) -> KPI:
    return KPI(
        name=name,
        unit=unit,
        baseline=SourcedValue.questionnaire(base, unit),
        targets=[SourcedValue.estimate(t, unit, ref) for t in targets],
        source="Registro tesseramenti e bilancio approvato",
    )


def full_plan(
    example: str = "calcio-giovanile-asd",
    *,
    seed: int = 1,
    club_name: str | None = None,
    language: Language = Language.IT,
) -> Plan:
    """A factory plan with every chapter filled: compliance, monitoring, finance, gaps, KPIs."""
    plan = make_plan(example_club(example), seed=seed, club_name=club_name)
    start = plan.club.identity.season_start_year + 1
    cost_names = {
        "coaches_staff": "Allenatori e staff",
        "facilities_utilities": "Impianti e utenze",
        "affiliation_league_referees": "Affiliazioni, campionati e arbitri",
        "travel": "Trasferte",
        "equipment": "Attrezzature",
        "insurance": "Assicurazioni",
    }
    costs = [
        FinanceLine(
            category=key,
            label=label,
            kind=FinanceKind.COST,
            values=[SourcedValue.questionnaire(12000.0 + 1000 * i, "EUR/anno")]
            + [
                SourcedValue.estimate(
                    12500.0 + 1100 * i + 400 * y, "EUR/anno", "FIGC-Deloitte 2016"
                )
                for y in range(3)
            ],
        )
        for i, (key, label) in enumerate(cost_names.items())
    ]
    # One cost still to be collected in year 0: the totals must say they are partial.
    costs.append(
        FinanceLine(
            category="medical",
            label="Spese mediche",
            kind=FinanceKind.COST,
            values=[SourcedValue.missing("EUR/anno")]
            + [SourcedValue.estimate(3000.0, "EUR/anno", "Federconsumatori 2023")] * 3,
        )
    )
    financial = plan.financial_plan.model_copy(
        update={
            "lines": [*plan.financial_plan.lines, *costs],
            "investments": [
                InvestmentLine(
                    area=area,
                    values=[
                        SourcedValue.estimate(4000.0 * (i + 1) + 1000 * y, "EUR", "ICS bando 2025")
                        for y in range(3)
                    ],
                )
                for i, area in enumerate(Area)
            ],
            "funding_sources": [
                FundingSource(
                    name="Istituto per il Credito Sportivo e Culturale",
                    detail="Mutuo agevolato per l'efficientamento energetico degli spogliatoi.",
                    amount=SourcedValue.estimate(40000.0, "EUR", "ICS bando 2025"),
                ),
                FundingSource(
                    name="Bando regionale impiantistica",
                    detail="Contributo a fondo perduto, domanda entro marzo.",
                    amount=SourcedValue(
                        value=15000.0,
                        unit="EUR",
                        tier=SourceTier.RESEARCH,
                        reference="Regione Lombardia, bando sport 2025",
                    ),
                ),
                FundingSource(name="Sponsor locali", detail="Rinnovo accordi triennali."),
            ],
            "break_even_year": 2,
            "cash_flow_y1": [
                SourcedValue.estimate(v, "EUR", "Piano di cassa interno")
                for v in (
                    18000.0,
                    9000.0,
                    -4000.0,
                    -6000.0,
                    2000.0,
                    12000.0,
                    -3000.0,
                    -5000.0,
                    4000.0,
                    7000.0,
                    -9000.0,
                    -2000.0,
                )
            ],
            "kpis": [
                _kpi("Costo per tesserato", "EUR", 610, (600, 590, 580), "Terzjus 2024"),
                _kpi("Quota di entrate non sportive", "%", 7, (9, 11, 12), "Istat 2015"),
            ],
            "risks": [
                "Rinnovo della concessione comunale non garantito.",
                "Aumento dei costi energetici.",
            ],
        }
    )
    summary = plan.executive_summary.model_copy(
        update={
            "headline_kpis": [
                _kpi("Tesserati totali", "n", 270, (290, 310, 330), "Terzjus 2024"),
                _kpi("Allenatori qualificati", "n", 16, (18, 20, 22), "FIGC-Deloitte 2016"),
                _kpi("Ricavi da sponsor", "EUR", 38000, (41000, 45000, 50000), "Istat 2015"),
                _kpi("Volontari attivi", "n", 35, (38, 40, 42), "Terzjus 2024"),
            ]
        }
    )
    analysis = plan.analysis.model_copy(
        update={
            "summary": "La società ha un settore giovanile numeroso e un solo campo a 11.\n\n"
            "Le entrate dipendono per metà dalle quote: la crescita passa dagli sponsor.",
            "swot": Swot(
                strengths=["Vivaio numeroso", "Allenatori qualificati"],
                weaknesses=["Un solo campo"],
                opportunities=["Bandi regionali"],
                threats=["Costi energetici"],
            ),
        }
    )
    compliance = [
        ComplianceItem(
            code="RASD",
            title="Iscrizione al Registro nazionale delle attività sportive dilettantistiche",
            status=ComplianceStatus.OK,
            detail="Iscritta, numero indicato nel questionario.",
            reference="D.Lgs. 39/2021",
        ),
        ComplianceItem(
            code="SAFEGUARDING",
            title="Modello organizzativo e responsabile contro gli abusi",
            status=ComplianceStatus.TO_DO,
            detail="Nominare il responsabile e adottare il codice di condotta.",
            reference="D.Lgs. 39/2021 art. 16",
        ),
        ComplianceItem(
            code="LAVORATORI",
            title="Contratti dei lavoratori sportivi",
            status=ComplianceStatus.TO_CHECK,
            detail="Verificare le soglie di 5.000 e 15.000 euro.",
            reference="D.Lgs. 36/2021",
        ),
        ComplianceItem(
            code="5X1000",
            title="Accesso al 5x1000",
            status=ComplianceStatus.NOT_APPLICABLE,
            reference="",
        ),
    ]
    monitoring = [
        MonitoringEntry(
            due=dt.date(start, 12, 15), what="Revisione semestrale", owner_role="Presidente"
        ),
        MonitoringEntry(
            due=dt.date(start, 6, 30), what="Bilancio e semaforo KPI", owner_role="Tesoriere"
        ),
        MonitoringEntry(
            due=dt.date(start + 1, 6, 30), what="Revisione annuale", owner_role="Consiglio"
        ),
    ]
    return plan.model_copy(
        update={
            "language": language,
            "financial_plan": financial,
            "executive_summary": summary,
            "analysis": analysis,
            "compliance": compliance,
            "monitoring": monitoring,
            "warnings": [
                PlanWarning(
                    code="budget_check",
                    severity=Severity.WARNING,
                    section="financial_plan",
                    message="Il budget dell'area sociale supera le entrate da sponsor previste.",
                )
            ],
            "data_gaps": [
                DataGap(
                    field="costs.medical",
                    label="Spese mediche dell'ultima stagione",
                    why="Servono per il costo per tesserato.",
                )
            ],
        }
    )


def long_plan() -> Plan:
    """Everything at its maximum length: the one-pager must still be one page."""
    name = ("Associazione Sportiva Dilettantistica Polisportiva Giovanile " * 3)[:150].strip()
    plan = full_plan(club_name=name)
    summary = plan.executive_summary
    long_text = ("Crescere insieme sul territorio con allenatori formati e impianti sicuri " * 60)[
        :3000
    ]
    summary = summary.model_copy(
        update={
            "vision": long_text,
            "priorities": [
                Priority(
                    code=f"SP{n}",
                    title=("Titolo lunghissimo " * 20)[:300],
                    reason=("Motivo " * 50)[:300],
                )
                for n in range(1, 6)
            ],
            "quick_wins": [("Risultato rapido molto dettagliato " * 20)[:600] for _ in range(5)],
            "headline_kpis": [
                _kpi(
                    ("Indicatore dal nome molto lungo " * 12)[:300],
                    "EUR",
                    1234567,
                    (2345678, 3456789, 4567890),
                    "Terzjus 2024",
                )
                for _ in range(8)
            ],
            "roadmap": [
                phase.model_copy(
                    update={"title": ("Fase " * 40)[:200], "items": [("Attività " * 40)[:300]] * 8}
                )
                for phase in summary.roadmap
            ],
        }
    )
    return plan.model_copy(update={"executive_summary": summary})


# --- logos ------------------------------------------------------------------------------


def png_logo(path: Path, size: tuple[int, int] = (240, 120), colour: str = "#C8102E") -> Path:
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "secret metadata that must not survive")
    Image.new("RGBA", size, colour).save(path, "PNG", pnginfo=info)
    return path


SAFE_SVG = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120">'
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#C8102E"/>'
    '<stop offset="1" stop-color="#1D1D1B"/></linearGradient></defs>'
    '<circle cx="60" cy="60" r="55" fill="url(#g)"/>'
    '<text x="60" y="70" text-anchor="middle" font-size="30" fill="#FFFFFF">AV</text></svg>'
)
TINY_PNG_URI = (
    "data:image/png;base64,"
    + base64.b64encode(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
        )
    ).decode()
)


# --- the network must stay untouched ----------------------------------------------------


@contextmanager
def network_blocked() -> Iterator[list[str]]:
    """Every socket connection or DNS lookup is refused and recorded."""
    attempts: list[str] = []
    original = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.create_connection,
        socket.getaddrinfo,
    )

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args[1:] if args else kwargs)[:120])
        raise OSError("network blocked by the export tests")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]
    try:
        yield attempts
    finally:
        (
            socket.socket.connect,
            socket.socket.connect_ex,
            socket.create_connection,
            socket.getaddrinfo,
        ) = original  # type: ignore[method-assign]


def pdf_text(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


# --- one complete export ---------------------------------------------------------------


@dataclass
class ExportRun:
    plan: Plan
    paths: list[Path]
    network_attempts: list[str]
    builds: int
    pages: list[str] = field(default_factory=list)

    def path(self, suffix: str) -> Path:
        return next(p for p in self.paths if p.name.endswith(suffix))

    def read(self, suffix: str) -> bytes:
        return self.path(suffix).read_bytes()


def export_all(plan: Plan, out: Path, **options: object) -> ExportRun:
    """Every format, with the network blocked and the document builder counted."""
    real = compose_module.build_document
    with (
        network_blocked() as attempts,
        mock.patch.object(compose_module, "build_document", wraps=real) as spy,
    ):
        paths = export_plan(plan, set(ExportFormat), out, **options)  # type: ignore[arg-type]
    run = ExportRun(plan, paths, attempts, spy.call_count)
    run.pages = pdf_text(run.read(paths[0].name))
    return run
