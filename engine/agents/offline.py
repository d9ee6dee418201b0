"""The offline composer: every section written by rule from the club's own data.

It needs no network and is deterministic: the same questionnaire gives the
same plan. Its prose quotes the club's figures with their provenance, so two
clubs never read alike, and says "dato da acquisire" where data is missing.
"""

from __future__ import annotations

import datetime as dt

from engine import formatting
from engine.agents import phrases
from engine.agents.context import PlanContext
from engine.agents.texts import month_year, number, pick, quantity
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
from engine.domain.sourced import SourcedValue
from engine.selection import SelectedObjective
from engine.situation import join
from engine.sports import capitalised

MAX_REASON_WORDS = 15
QUICK_WIN_DAYS = 183  # "doable within 6 months"
LEGAL_DUTIES = {"SO2"}  # obligations already due come first
MAX_FIGURES = 4  # figures quoted in one situation sentence


def objective_reason(objective: SelectedObjective, ctx: PlanContext) -> str:
    """Why this objective starts when it does, in plain words with the club's figures."""
    first_year = frozenset(
        code
        for code, o in ctx.selection.items()
        if o.priority == 1 and o.macro.area is objective.macro.area
    )
    return phrases.reason_text(objective, ctx.language, ctx.words, ctx.titles, first_year)


def _lowered(name: str) -> str:
    first = name.split(" ", 1)[0]
    return name if first.isupper() else name[:1].lower() + name[1:]


def _kpi_step(kpi: KPI, language: Language, ctx: PlanContext) -> str:
    """ "tesserati totali da 453 a 521" / "modello adottato: sì" / "follower: da misurare"."""
    name = _lowered(kpi.name.rstrip("."))
    target = _figure_after(name, kpi.targets[-1], language)
    by = month_year(phrases_first_quarter(ctx), language)
    if kpi.targets[-1].value is None:
        return pick(
            language,
            f"{name}: prima si misura il dato di partenza (entro {by}), poi si applica la regola "
            "dell'indicatore",
            f"{name}: first measure the starting figure (by {by}), then apply the indicator's rule",
        )
    if kpi.baseline.value is None:
        return pick(
            language,
            f"{name}: {target} (dato di partenza da misurare entro {by})",
            f"{name}: {target} (starting figure to measure by {by})",
        )
    baseline = _figure_after(name, kpi.baseline, language)
    return pick(language, f"{name} da {baseline} a {target}", f"{name} from {baseline} to {target}")


def _figure_after(name: str, value: SourcedValue, language: Language) -> str:
    """A figure quoted after its KPI's name: the number alone when the name already says the
    unit ("traguardo del direttivo: titoli regionali da 0 a 1", not "da 0 titoli regionali a
    1 titoli regionali")."""
    text = quantity(value, language)
    unit = value.unit.strip()
    if unit and name.endswith(unit) and text.endswith(f" {unit}"):
        return text.removesuffix(f" {unit}")
    return text


def situation(ctx: PlanContext, objective: SelectedObjective) -> str:
    """The objective's starting point: its figures, the club's own facts, the board's words."""
    lang = ctx.language
    facts = ctx.facts
    figures = [
        phrase
        for name in objective.macro.context
        if (phrase := phrases.figure_phrase(name, facts, lang, ctx.words))
    ][:MAX_FIGURES]
    season = ctx.club.identity.reference_season
    sentences = []
    if figures:
        sport = ctx.words["sport"]
        missing = phrases.missing_figures(objective.macro.context, facts, lang)[:2]
        still = (
            pick(lang, "; ancora da misurare: ", "; still to measure: ") + join(missing, lang)
            if missing and len(figures) < MAX_FIGURES
            else ""
        )
        sentences.append(
            pick(
                lang,
                f"Dati di partenza ({sport}, stagione {season}): {join(figures, lang)}{still}.",
                f"Starting point ({sport}, season {season}): {join(figures, lang)}{still}.",
            )
        )
    for build in phrases.SITUATION.get(objective.code, []):
        sentence = build(facts, lang, ctx.words)
        if sentence:
            sentences.append(sentence)
    renewal = phrases.renewal_sentence(objective, lang)
    if renewal:
        sentences.append(renewal)
    if not sentences:
        sentences.append(_club_fallback(ctx, objective))
    return " ".join(sentences)


def phrases_first_quarter(ctx: PlanContext) -> dt.date:
    start = ctx.first_season_start
    return dt.date(start.year, start.month + 2, 30) if start.month <= 10 else start


def _club_fallback(ctx: PlanContext, objective: SelectedObjective) -> str:
    """No figure for this objective yet: say so, with what the club is."""
    identity = ctx.club.identity
    sport = ctx.words["the_sport"]
    return pick(
        ctx.language,
        f"Per «{objective.title}» il questionario non ha ancora dati: si parte da ciò che "
        f"{identity.name} è, una società che porta {sport} a {identity.city} dal "
        f"{identity.year_founded}.",
        f"The questionnaire has no figures for “{objective.title}” yet: the starting point is "
        f"what {identity.name} is, a club offering {sport} in {identity.city} since "
        f"{identity.year_founded}.",
    )


def gap(ctx: PlanContext, objective: SelectedObjective) -> str:
    """The targets the KPIs set and why the objective starts when it does."""
    lang = ctx.language
    final_season = ctx.seasons[-1]
    steps = "; ".join(_kpi_step(k, lang, ctx) for k in objective.kpis)
    sentences = [
        pick(
            lang,
            f"Traguardi per la stagione {final_season} — {steps}.",
            f"Targets for season {final_season} — {steps}.",
        )
    ]
    start_season = ctx.seasons[objective.priority - 1]
    why = objective_reason(objective, ctx)
    sentences.append(
        pick(
            lang,
            f"«{objective.title}» parte nella stagione {start_season} perché {why}.",
            f"“{objective.title}” starts in season {start_season} because {why}.",
        )
    )
    return " ".join(sentences)


def compose_objective(ctx: PlanContext, objective: SelectedObjective) -> MacroObjective:
    return MacroObjective(
        code=objective.code,
        priority=objective.priority,
        title=objective.title,
        objective=objective.objective,
        baseline=situation(ctx, objective),
        gap=gap(ctx, objective),
        actions=objective.actions,
        kpis=objective.kpis,
        budget=objective.budget,
        answers=[formatting.clip(a, 400) for a in objective.answers(ctx.language)],
    )


def compose_area(ctx: PlanContext, area: Area) -> AreaSection:
    """The area by rule, built once per plan (the model path and the summary reuse it)."""
    return ctx.memo(("area", area), lambda: _compose_area(ctx, area))


def _compose_area(ctx: PlanContext, area: Area) -> AreaSection:
    lang = ctx.language
    objectives = [compose_objective(ctx, o) for o in ctx.selection.values() if o.macro.area is area]
    first = [f"«{o.title}»" for o in objectives if o.priority == 1]
    low = sum(o.budget.min_eur for o in objectives)
    high = sum(o.budget.max_eur for o in objectives)
    answered = sum(len(o.answers) for o in objectives)
    label = area.label(lang)
    sport = ctx.words["the_sport"]
    if first:
        starts = pick(
            lang,
            f"Nel primo anno {'partono' if len(first) > 1 else 'parte'} {join(first, lang)}.",
            f"Year one starts with {join(first, lang)}.",
        )
    else:
        second = [f"«{o.title}»" for o in objectives if o.priority == 2]
        starts = pick(
            lang,
            f"Nessun obiettivo dell'area parte nel primo anno; nella stagione {ctx.seasons[1]} "
            f"partono {join(second, lang) or 'gli altri'}.",
            f"No objective of this area starts in year one; season {ctx.seasons[1]} starts "
            f"{join(second, lang) or 'the others'}.",
        )
    board = ""
    if answered:
        board = pick(
            lang,
            f" Gli obiettivi dell'{label.lower()} rispondono a {answered} tra obiettivi, problemi "
            "e punti dell'analisi SWOT indicati dalla società.",
            f" The {label.lower()} objectives answer {answered} of the goals, problems and SWOT "
            "points the club gave.",
        )
    # The area's name is the heading (and the label in the summary): the text goes on from it.
    count = formatting.count(
        len(objectives),
        pick(lang, "obiettivo", "objective"),
        pick(lang, "obiettivi", "objectives"),
        lang,
    )
    intro = pick(
        lang,
        f"{count} per {sport}. {starts}{board} "
        f"Budget stimato tra {number(low, lang)} e {number(high, lang)} € nelle tre stagioni, "
        "da verificare con preventivi.",
        f"{count} for {sport}. {starts}{board} "
        f"Estimated budget between €{number(low, lang)} and €{number(high, lang)} over the three "
        "seasons, to verify with quotes.",
    )
    return AreaSection(area=area, intro=intro, objectives=objectives)


def compose_financial(ctx: PlanContext) -> FinancialPlan:
    return ctx.memo("financial", lambda: _compose_financial(ctx))


def _compose_financial(ctx: PlanContext) -> FinancialPlan:
    """The finance model's own section: its commentary quotes the same rows as its tables."""
    return ctx.finance.plan


def compose_analysis(ctx: PlanContext) -> ClubAnalysis:
    lang = ctx.language
    club = ctx.club
    identity = club.identity
    members = ctx.facts.figure("members_total")
    retention = ctx.facts.figure("retention_rate")
    female = ctx.facts.figure("female_share")
    bodies = ", ".join(a.name for a in identity.affiliations)
    sports = ctx.facts.club_sports.label(lang)
    summary = pick(
        lang,
        f"{identity.name} è una {identity.legal_form.value} di {identity.city} "
        f"({identity.province}, {identity.region.value}), fondata nel {identity.year_founded}, "
        f"affiliata a {bodies}. Sport: {sports}. Tesserati nella stagione "
        f"{identity.reference_season}: {quantity(members, lang)}; tasso di permanenza "
        f"{quantity(retention, lang)}; quota femminile {quantity(female, lang)}.",
        f"{identity.name} is an {identity.legal_form.value} in {identity.city} "
        f"({identity.province}, {identity.region.value}), founded in {identity.year_founded}, "
        f"affiliated to {bodies}. Sports: {sports}. Members in season "
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
    for objective in ctx.selection.values():
        for statement in objective.statements:
            if statement.declared:
                summary += "\n" + pick(
                    lang,
                    f"{capitalised(statement.label(lang))}: «{statement.text.rstrip('.')}» "
                    f"→ obiettivo «{objective.title}».",
                    f"{capitalised(statement.label(lang))}: “{statement.text.rstrip('.')}” "
                    f"→ objective “{objective.title}”.",
                )
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


HEADLINE_KPIS = [
    ("SP2", "members_total"),
    ("SP2", "retention_rate"),
    ("SO3", "female_share"),
    ("MK4", "sponsorship"),
    ("ST2", "volunteers"),
    ("SO2", "safeguarding_model"),
    ("SO4", "adapted_athletes"),
]


def _headline_kpis(ctx: PlanContext, finance: FinancialPlan) -> list[KPI]:
    """The board's own measurable goals first, then the plan's main indicators."""
    chosen: list[KPI] = []
    for objective in ctx.selection.values():
        chosen += [
            kpi
            for key, kpi in zip(objective.kpi_keys, objective.kpis, strict=True)
            if key.startswith("goal.")
        ]
    for code, key in HEADLINE_KPIS:
        objective = ctx.selection[code]
        if key in objective.kpi_keys:
            chosen.append(objective.kpis[objective.kpi_keys.index(key)])
    return [*chosen[:6], *finance.kpis[:2]][:8]


def _vision(ctx: PlanContext) -> str:
    club = ctx.club
    lang = ctx.language
    if club.qualitative.vision:
        return club.qualitative.vision
    goals = [g.text.rstrip(".") for g in club.board.goals][:3]
    sport = ctx.words["the_sport"]
    if goals:
        listed = join([g[:1].lower() + g[1:] for g in goals], lang)
        return pick(
            lang,
            f"In tre stagioni {club.name} vuole {listed}, facendo crescere {sport} a "
            f"{club.identity.city} con conti in ordine.",
            f"Over three seasons {club.name} wants to {listed}, growing {sport} in "
            f"{club.identity.city} with sound accounts.",
        )
    members = ctx.facts.figure("members_total")
    count = quantity(members, lang) if members.value else ""  # "almeno 242" if a lower bound
    today = pick(lang, f" (oggi {count})", f" (today {count})") if count else ""
    return pick(
        lang,
        f"In tre stagioni {club.name} vuole far crescere {sport} a {club.identity.city}: più "
        f"tesserati che restano{today}, una struttura chiara e impianti adeguati.",
        f"Over three seasons {club.name} wants to grow {sport} in {club.identity.city}: more "
        f"members who stay{today}, a clear structure and adequate facilities.",
    )


def compose_summary(
    ctx: PlanContext, areas: list[AreaSection], finance: FinancialPlan
) -> ExecutiveSummary:
    lang = ctx.language
    ranked = sorted(
        ctx.selection.values(),
        key=lambda o: (
            o.priority,
            o.code not in LEGAL_DUTIES,
            not any(s.declared for s in o.statements),
            -len(o.reasons),
            o.code,
        ),
    )
    priorities = [
        Priority(
            code=o.code,
            title=o.title,
            reason=phrases.short_reason(objective_reason(o, ctx), MAX_REASON_WORDS),
        )
        for o in ranked[:5]
    ]
    horizon = ctx.first_season_start + dt.timedelta(days=QUICK_WIN_DAYS)
    early = sorted(
        (action for o in ctx.selection.values() for action in o.actions),
        key=lambda a: (a.deadline, a.code),
    )
    quick_wins = [a.what for a in early if a.deadline <= horizon][:5]
    paragraphs = {section.area: section.intro for section in areas}
    by_year = {year: [o for o in ranked if o.priority == year] for year in (1, 2, 3)}
    roadmap = [
        RoadmapPhase(
            year=year,
            title=pick(lang, title_it, title_en),
            items=[f"{o.title} ({o.code})" for o in by_year[year]][:20],
        )
        for year, title_it, title_en in (
            (1, "Impostazione", "Set-up"),
            (2, "Sviluppo", "Development"),
            (3, "Consolidamento", "Consolidation"),
        )
    ]
    return ExecutiveSummary(
        vision=_vision(ctx),
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
