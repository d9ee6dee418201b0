"""Post-production checks on a finished plan; findings become warnings the user sees.

Catches what made users call the earlier product "a generic AI jumble":
placeholders and filler left in the text, missing objectives, KPIs without
targets, numbers without provenance, budgets that disagree with the financial
plan, objectives that use no fact of the club, another sport's words and internal
codes inside sentences (``engine.specificity``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from engine import specificity
from engine.domain.language import Language
from engine.domain.plan import (
    Area,
    Plan,
    PlanWarning,
    SectionStatus,
    Severity,
    macro_codes,
)
from engine.domain.sourced import SourcedValue, SourceTier
from engine.facts import ClubFacts
from engine.finance import spread
from engine.finance.projection import delayed
from engine.selection import cents

PLACEHOLDERS = re.compile(
    r"\[[^\]]{0,40}(calcolare|definire|inserire|range|tbd|todo|xxx|nome|club|€)[^\]]{0,40}\]"
    r"|\bTODO\b|\bTBD\b|\bXXX\b|lorem ipsum|\bda definire\b|\{\{|\}\}|<[A-Z_]{3,}>",
    re.IGNORECASE,
)
FILLER = re.compile(r"target\s*€?\s*50\s?k|\b4-3-3\b", re.IGNORECASE)
CHECKED_SECTIONS = {SectionStatus.OK, SectionStatus.EDITED}


def _texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key not in ("club", "uid", "generation", "warnings"):
                yield from _texts(inner, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _texts(inner, f"{path}[{index}]")


def _warning(
    code: str, message: str, section: str | None, severity: Severity = Severity.WARNING
) -> PlanWarning:
    return PlanWarning(code=code, severity=severity, section=section, message=message)


def _msg(language: Language, italian: str, english: str) -> str:
    return italian if language is Language.IT else english


def review(plan: Plan) -> list[PlanWarning]:
    """Every finding, in the plan's language; an empty list means the plan passed."""
    lang = plan.language
    findings: list[PlanWarning] = []
    for area in Area:
        section = plan.area(area)
        if section is None or section.status not in CHECKED_SECTIONS:
            continue  # failed or missing sections already carry their own warning
        codes = [o.code for o in section.objectives]
        if sorted(codes) != sorted(macro_codes(area)):
            findings.append(
                _warning(
                    "objective_codes",
                    _msg(
                        lang,
                        f"{area.label(lang)}: obiettivi attesi {', '.join(macro_codes(area))}, "
                        f"presenti {', '.join(codes) or 'nessuno'}.",
                        f"{area.label(lang)}: expected objectives {', '.join(macro_codes(area))}, "
                        f"found {', '.join(codes) or 'none'}.",
                    ),
                    area.value,
                    Severity.ERROR,
                )
            )
        for objective in section.objectives:
            if not objective.actions:
                findings.append(
                    _warning(
                        "no_actions",
                        _msg(
                            lang,
                            f"{objective.code}: nessuna azione.",
                            f"{objective.code}: no actions.",
                        ),
                        area.value,
                    )
                )
            if not objective.kpis:
                findings.append(
                    _warning(
                        "no_kpis",
                        _msg(
                            lang,
                            f"{objective.code}: nessun indicatore.",
                            f"{objective.code}: no KPIs.",
                        ),
                        area.value,
                    )
                )
            for kpi in objective.kpis:
                if len(kpi.targets) != 3 or not kpi.unit.strip():
                    findings.append(
                        _warning(
                            "kpi_incomplete",
                            _msg(
                                lang,
                                f"{objective.code}: l'indicatore '{kpi.name}' non ha unità e "
                                "tre obiettivi annuali.",
                                f"{objective.code}: KPI '{kpi.name}' lacks a unit and three yearly "
                                "targets.",
                            ),
                            area.value,
                        )
                    )
                for value in (kpi.baseline, *kpi.targets):
                    findings.extend(_provenance(value, objective.code, area.value, lang))
            if objective.budget.tier is not SourceTier.QUESTIONNAIRE and not (
                objective.budget.reference.strip()
            ):
                findings.append(
                    _warning(
                        "budget_source",
                        _msg(
                            lang,
                            f"{objective.code}: budget senza fonte.",
                            f"{objective.code}: budget without a source.",
                        ),
                        area.value,
                    )
                )
    findings.extend(_placeholders(plan))
    findings.extend(_budget_consistency(plan))
    findings.extend(_specificity(plan))
    return findings


def _specificity(plan: Plan) -> list[PlanWarning]:
    """Objectives that use no fact of the club, another sport's words, codes in sentences."""
    from engine.catalogue import default_catalogue  # the catalogue is loaded once, lazily

    lang = plan.language
    catalogue = default_catalogue()
    sports = catalogue.club_sports(plan.club)
    tokens = specificity.fact_tokens(ClubFacts(plan.club, sports), lang)
    findings = []
    for section in plan.areas:
        if section.status not in CHECKED_SECTIONS:
            continue
        for objective in section.objectives:
            if not specificity.uses_fact(specificity.objective_texts(objective), tokens):
                findings.append(
                    _warning(
                        "no_club_fact",
                        _msg(
                            lang,
                            f"{objective.code}: il testo non usa nessun dato della società; "
                            "aggiungete un fatto concreto o completate il questionario.",
                            f"{objective.code}: the text uses none of the club's own data; add a "
                            "concrete fact or complete the questionnaire.",
                        ),
                        section.area.value,
                    )
                )
    foreign = specificity.plan_foreign_terms(plan, sports, catalogue.sports.values())
    if foreign:
        findings.append(
            _warning(
                "foreign_vocabulary",
                _msg(
                    lang,
                    f"Il testo usa parole di un altro sport: {', '.join(sorted(foreign))}.",
                    f"The text uses another sport's words: {', '.join(sorted(foreign))}.",
                ),
                None,
            )
        )
    codes = sorted({code for _, code in specificity.codes_in_text(plan)})
    if codes:
        findings.append(
            _warning(
                "codes_in_text",
                _msg(
                    lang,
                    f"Codici interni nel testo ({', '.join(codes)}): scrivete il titolo "
                    "dell'obiettivo.",
                    f"Internal codes in the text ({', '.join(codes)}): write the objective's "
                    "title instead.",
                ),
                None,
                Severity.INFO,
            )
        )
    return findings


def _provenance(value: SourcedValue, code: str, section: str, lang: Language) -> list[PlanWarning]:
    if (
        value.value is not None
        and value.tier is not SourceTier.QUESTIONNAIRE
        and not (value.reference and value.reference.strip())
    ):
        return [
            _warning(
                "no_source",
                _msg(
                    lang,
                    f"{code}: un valore stimato non cita la fonte.",
                    f"{code}: an estimated value cites no source.",
                ),
                section,
            )
        ]
    return []


def _placeholders(plan: Plan) -> list[PlanWarning]:
    lang = plan.language
    found = []
    document = plan.model_dump(mode="json")
    for path, text in _texts(document):
        for pattern, code in ((PLACEHOLDERS, "placeholder"), (FILLER, "filler")):
            match = pattern.search(text)
            if match:
                found.append(
                    _warning(
                        code,
                        _msg(
                            lang,
                            f"Testo segnaposto o generico da sostituire in {path}: "
                            f"'{match.group(0)}'.",
                            f"Placeholder or canned text to replace in {path}: '{match.group(0)}'.",
                        ),
                        path.split(".")[0].split("[")[0],
                        Severity.ERROR,
                    )
                )
    return found


def _budget_consistency(plan: Plan) -> list[PlanWarning]:
    """The financial plan's investments must equal the objectives' committed budgets."""
    finance = plan.financial_plan
    if finance.status not in CHECKED_SECTIONS or not finance.investments:
        return []
    lang = plan.language
    findings = []
    delay = finance.drivers.investment_delay if finance.drivers else 0
    for line in finance.investments:
        section = plan.area(line.area)
        if section is None or section.status not in CHECKED_SECTIONS:
            continue
        expected = [Decimal(0)] * 3
        for objective in section.objectives:
            amounts = spread(cents(objective.budget.min_eur), objective.priority)
            expected = [a + b for a, b in zip(expected, amounts, strict=True)]
        expected = list(delayed(tuple(expected), delay)[0])  # a saved what-if may delay them
        actual = [
            cents(v.value) if isinstance(v.value, int | float) else Decimal(0) for v in line.values
        ]
        if actual != expected:
            findings.append(
                _warning(
                    "budget_mismatch",
                    _msg(
                        lang,
                        f"{line.area.label(lang)}: gli investimenti del piano finanziario "
                        "non corrispondono ai budget degli obiettivi (rigenerate il piano "
                        "finanziario).",
                        f"{line.area.label(lang)}: the financial plan's investments do not match "
                        "the objectives' budgets (regenerate the financial plan).",
                    ),
                    "financial_plan",
                )
            )
    return findings
