"""The offline composer: every section written by rule from the club's own data.

It needs no network and is deterministic: the same questionnaire gives the
same plan. Its prose quotes the club's figures with their provenance, so two
clubs never read alike, and says "dato da acquisire" where data is missing.
"""

from __future__ import annotations

import datetime as dt

from engine.agents.context import PlanContext
from engine.agents.texts import LEGAL_REASON, month_year, number, pick, quantity, reason
from engine.domain.language import Language
from engine.domain.plan import (
    KPI,
    Area,
    AreaSection,
    ClubAnalysis,
    ExecutiveSummary,
    FinancialPlan,
    MacroObjective,
    Priority,
    RoadmapPhase,
    Swot,
)
from engine.selection import SelectedObjective

MAX_REASON_WORDS = 15
QUICK_WIN_DAYS = 183  # "doable within 6 months"
LEGAL_DUTIES = {"SO2"}  # obligations already due come first


def objective_reason(objective: SelectedObjective, language: Language) -> str:
    """Why this objective has its priority, in plain words (at most ~15)."""
    for condition in objective.reasons:
        text = reason(condition, language)
        if text:
            return text
    if objective.code in LEGAL_REASON:
        return pick(language, *LEGAL_REASON[objective.code])
    if objective.priority == 1:
        return pick(
            language,
            "è una base per gli altri obiettivi",
            "it is a foundation for the other objectives",
        )
    return pick(
        language,
        f"si avvia nell'anno {objective.priority} per distribuire il lavoro",
        f"starts in year {objective.priority} to spread the workload",
    )


def _kpi_sentence(kpi: KPI, language: Language, season: str) -> str:
    baseline = quantity(kpi.baseline, language)
    target = quantity(kpi.targets[-1], language)
    return pick(
        language,
        f"{kpi.name}: oggi {baseline}, obiettivo {target} nella stagione {season}",
        f"{kpi.name}: today {baseline}, target {target} in season {season}",
    )


def compose_objective(ctx: PlanContext, objective: SelectedObjective) -> MacroObjective:
    lang = ctx.language
    macro = objective.macro
    final_season = ctx.seasons[-1]
    known = [k for k in objective.kpis if k.baseline.value is not None]
    if known:
        facts = "; ".join(
            f"{k.name} {quantity(k.baseline, lang)} ({k.baseline.provenance(lang)})" for k in known
        )
        baseline = pick(
            lang, f"Dati attuali della società: {facts}.", f"The club's current figures: {facts}."
        )
    else:
        baseline = pick(
            lang,
            "Il questionario non contiene ancora dati per questo obiettivo: i valori di "
            "partenza sono da acquisire nel primo trimestre (vedi appendice dei dati mancanti).",
            "The questionnaire has no data for this objective yet: the baselines are to be "
            "collected in the first quarter (see the data-gaps appendix).",
        )
    targets = ". ".join(_kpi_sentence(k, lang, final_season) for k in objective.kpis)
    why = objective_reason(objective, lang)
    start = month_year(objective.actions[0].deadline, lang) if objective.actions else ""
    gap = pick(
        lang,
        f"{targets}. Priorità {objective.priority} perché {why}; prima scadenza: {start}.",
        f"{targets}. Priority {objective.priority} because {why}; first deadline: {start}.",
    )
    return MacroObjective(
        code=macro.code,
        priority=objective.priority,
        title=macro.title.get(lang),
        objective=macro.objective.get(lang),
        baseline=baseline,
        gap=gap,
        actions=objective.actions,
        kpis=objective.kpis,
        budget=objective.budget,
    )


def compose_area(ctx: PlanContext, area: Area) -> AreaSection:
    lang = ctx.language
    objectives = [compose_objective(ctx, o) for o in ctx.selection.values() if o.macro.area is area]
    first = [o.code for o in objectives if o.priority == 1]
    low = sum(o.budget.min_eur for o in objectives)
    high = sum(o.budget.max_eur for o in objectives)
    starts = ", ".join(first) if first else pick(lang, "nessuno", "none")
    intro = pick(
        lang,
        f"{area.label(lang)} di {ctx.club.name}: {len(objectives)} obiettivi. Si parte nel primo "
        f"anno con {starts}. Budget complessivo stimato tra {number(low, lang)} e "
        f"{number(high, lang)} EUR nelle tre stagioni (intervalli da verificare con preventivi).",
        f"{area.label(lang)} for {ctx.club.name}: {len(objectives)} objectives. Year one starts "
        f"with {starts}. Estimated total budget between EUR {number(low, lang)} and "
        f"{number(high, lang)} over the three seasons (ranges to verify with quotes).",
    )
    return AreaSection(area=area, intro=intro, objectives=objectives)


def compose_financial(ctx: PlanContext) -> FinancialPlan:
    lang = ctx.language
    model = ctx.finance
    revenue, costs, invest, net = model.revenue, model.costs, model.investments, model.net
    break_even = model.plan.break_even_year
    if break_even:
        outcome = pick(
            lang,
            f"il piano è in equilibrio dall'anno {break_even}",
            f"the plan breaks even from year {break_even}",
        )
    else:
        outcome = pick(
            lang,
            "il piano non raggiunge l'equilibrio entro il terzo anno",
            "the plan does not break even by year three",
        )
    gaps = len(model.missing)
    missing = pick(
        lang,
        f" {gaps} voci di bilancio sono da acquisire e contano zero nei totali." if gaps else "",
        f" {gaps} budget lines are to be collected and count as zero in the totals."
        if gaps
        else "",
    )
    commentary = pick(
        lang,
        f"Entrate attuali {number(revenue[0], lang)} EUR e costi {number(costs[0], lang)} EUR "
        f"(dal vostro questionario). Con gli obiettivi del piano le entrate arrivano a "
        f"{number(revenue[3], lang)} EUR nel terzo anno; gli investimenti impegnati, pari al "
        f"minimo di ogni intervallo di budget, sommano {number(sum(invest), lang)} EUR in tre "
        f"anni. Risultato del terzo anno: {number(net[3], lang)} EUR; {outcome}. Le previsioni "
        f"sono stime da verificare.{missing}",
        f"Current revenue EUR {number(revenue[0], lang)} and costs EUR {number(costs[0], lang)} "
        f"(from your questionnaire). With the plan's objectives revenue reaches EUR "
        f"{number(revenue[3], lang)} in year three; committed investments, the minimum of each "
        f"budget range, total EUR {number(sum(invest), lang)} over three years. Year-three "
        f"result: EUR {number(net[3], lang)}; {outcome}. Forecasts are estimates to verify."
        f"{missing}",
    )
    return model.plan.model_copy(update={"commentary": commentary})


def compose_analysis(ctx: PlanContext) -> ClubAnalysis:
    lang = ctx.language
    club = ctx.club
    identity = club.identity
    members = ctx.facts.figure("members_total")
    retention = ctx.facts.figure("retention_rate")
    female = ctx.facts.figure("female_share")
    bodies = ", ".join(a.name for a in identity.affiliations)
    summary = pick(
        lang,
        f"{identity.name} è una {identity.legal_form.value} di {identity.city} "
        f"({identity.province}, {identity.region.value}), fondata nel {identity.year_founded}, "
        f"affiliata a {bodies}. Sport: {', '.join(identity.sports)}. Tesserati nella stagione "
        f"{identity.reference_season}: {quantity(members, lang)}; tasso di permanenza "
        f"{quantity(retention, lang)}; quota femminile {quantity(female, lang)}.",
        f"{identity.name} is an {identity.legal_form.value} in {identity.city} "
        f"({identity.province}, {identity.region.value}), founded in {identity.year_founded}, "
        f"affiliated to {bodies}. Sports: {', '.join(identity.sports)}. Members in season "
        f"{identity.reference_season}: {quantity(members, lang)}; retention "
        f"{quantity(retention, lang)}; female share {quantity(female, lang)}.",
    )
    for label_it, label_en, text in (
        ("Valori", "Values", club.qualitative.values),
        ("Visione", "Vision", club.qualitative.vision),
        ("Missione", "Mission", club.qualitative.mission),
    ):
        if text:
            summary += f"\n{pick(lang, label_it, label_en)}: {text}"
    swot = club.qualitative.swot
    return ClubAnalysis(
        summary=summary,
        swot=Swot(
            strengths=swot.strengths,
            weaknesses=swot.weaknesses,
            opportunities=swot.opportunities,
            threats=swot.threats,
        ),
    )


def _headline_kpis(ctx: PlanContext, finance: FinancialPlan) -> list[KPI]:
    wanted = [("SP2", 0), ("SP2", 1), ("SO3", 0), ("MK4", 0), ("ST2", 1), ("SO2", 0)]
    chosen = [ctx.selection[code].kpis[index] for code, index in wanted]
    return [*chosen, *finance.kpis[:2]][:8]


def compose_summary(
    ctx: PlanContext, areas: list[AreaSection], finance: FinancialPlan
) -> ExecutiveSummary:
    lang = ctx.language
    club = ctx.club
    ranked = sorted(
        ctx.selection.values(),
        key=lambda o: (o.priority, o.code not in LEGAL_DUTIES, -len(o.reasons), o.code),
    )
    priorities = [
        Priority(
            code=o.code,
            title=o.macro.title.get(lang),
            reason=" ".join(objective_reason(o, lang).split()[:MAX_REASON_WORDS]),
        )
        for o in ranked[:5]
    ]
    horizon = ctx.first_season_start + dt.timedelta(days=QUICK_WIN_DAYS)
    early = sorted(
        (action for o in ctx.selection.values() for action in o.actions),
        key=lambda a: (a.deadline, a.code),
    )
    quick_wins = [f"{a.code}: {a.what}" for a in early if a.deadline <= horizon][:5]
    paragraphs = {section.area: section.intro for section in areas}
    by_year = {year: [o.code for o in ranked if o.priority == year] for year in (1, 2, 3)}
    roadmap = [
        RoadmapPhase(
            year=year,
            title=pick(lang, title_it, title_en),
            items=[f"{code} {ctx.selection[code].macro.title.get(lang)}" for code in by_year[year]],
        )
        for year, title_it, title_en in (
            (1, "Impostazione", "Set-up"),
            (2, "Sviluppo", "Development"),
            (3, "Consolidamento", "Consolidation"),
        )
    ]
    own_vision = club.qualitative.vision
    vision = own_vision or pick(
        lang,
        f"In tre stagioni {club.name} vuole crescere in modo sostenibile: più tesserati che "
        f"restano, una struttura chiara, impianti adeguati e un ruolo riconosciuto a "
        f"{club.identity.city}.",
        f"Over three seasons {club.name} aims to grow sustainably: more members who stay, a "
        f"clear structure, adequate facilities and a recognised role in {club.identity.city}.",
    )
    return ExecutiveSummary(
        vision=vision,
        area_paragraphs=paragraphs,
        priorities=priorities,
        quick_wins=quick_wins,
        roadmap=roadmap,
        headline_kpis=_headline_kpis(ctx, finance),
    )


def pick_offline_label(language: Language) -> str:
    return pick(
        language,
        "Bozza offline: scritta dalle regole di Rooting Future a partire dal vostro "
        "questionario, senza intelligenza artificiale. Rivedetela e completatela.",
        "Offline draft: written by Rooting Future's rules from your questionnaire, without "
        "AI. Review and complete it.",
    )
