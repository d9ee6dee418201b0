"""The sentences an objective's situation and reasons are made of, from the club's facts.

Each objective quotes the figures its catalogue entry names (``context``), the
club's own facts that matter to it (facilities, equipment, loans, teams, sponsor,
disabilities...) and the board's words it answers, so that no two clubs read
alike and the board recognises its own club. Figures are written with the one
Italian/English formatter used everywhere (``engine.formatting``).
"""

from __future__ import annotations

from collections.abc import Callable

from engine import formatting
from engine.agents.texts import agree, month_year, pick, quantity
from engine.domain.club import Ownership
from engine.domain.language import Language
from engine.facts import CONTRIBUTION_FREE_FEES, TAX_FREE_FEES, ClubFacts
from engine.selection import SelectedObjective
from engine.situation import join, loan_text, money

# A figure as a noun phrase with its value: "453 tesserati", "tasso di permanenza 81,5%".
# "{v}" is the value, other names are sport words.
FIGURE_PHRASES: dict[str, tuple[str, str]] = {
    "members_total": ("{v} tesserati", "{v} members"),
    "members_youth": ("{v} tesserati under 18", "{v} members under 18"),
    "members_over_60": ("{v} tesserati over 60", "{v} members over 60"),
    "female_share": ("quota femminile {v}", "female share {v}"),
    "retention_rate": ("tasso di permanenza {v}", "retention rate {v}"),
    "new_members": ("{v} nuovi iscritti nella stagione", "{v} new members this season"),
    "waiting_list": ("{v} persone in lista d'attesa", "{v} people on the waiting list"),
    "teams_total": ("{v} {squads}", "{v} {squads}"),
    "coaches_total": ("{v} {coaches}", "{v} {coaches}"),
    "volunteers": ("{v} volontari", "{v} volunteers"),
    "paid_workers": ("{v} lavoratori sportivi retribuiti", "{v} paid sports workers"),
    "athletes_with_disabilities": ("{v} atleti con disabilità", "{v} athletes with disabilities"),
    "facility_hours": ("{v} di impianto", "{v} of facility time"),
    "facilities_cost": ("spesa per impianti e utenze {v}", "facilities and utilities {v}"),
    "revenue_total": ("entrate complessive {v}", "total revenue {v}"),
    "sponsorship": ("sponsorizzazioni {v}", "sponsorship {v}"),
    "largest_sponsor_share": (
        "quota del primo sponsor {v} delle sponsorizzazioni",
        "largest sponsor {v} of sponsorship",
    ),
    "events_revenue": ("entrate da eventi {v}", "events revenue {v}"),
    "bar_merchandise": ("bar e merchandising {v}", "bar and merchandise {v}"),
    "donations": ("donazioni {v}", "donations {v}"),
    "average_fee": ("quota media {v} per atleta", "average fee {v} per athlete"),
    "avg_worker_fee": ("compenso medio {v} per lavoratore", "average fee {v} per worker"),
    "municipality_population": ("{v} a {city}", "{v} in {city}"),
}

# Why an objective starts when it does, from the condition that set its priority.
# Templates may use the club's slots and sport words; a missing slot drops the template.
REASONS: dict[str, tuple[str, str]] = {
    "board_problem": (
        "risponde a un problema segnalato dal direttivo",
        "it answers a problem the board raised",
    ),
    "board_goal": ("è un obiettivo dichiarato dal direttivo", "it is a goal the board set"),
    "low_retention": (
        "rinnova solo il {retention_rate} dei tesserati",
        "only {retention_rate} of members renew",
    ),
    "has_waiting_list": (
        "ci sono {waiting_list} persone in lista d'attesa",
        "{waiting_list} people are on the waiting list",
    ),
    "many_teams": (
        "{teams_total} {squads} hanno bisogno di un metodo comune",
        "{teams_total} {squads} need one shared method",
    ),
    "not_rasd_registered": (
        "la società non è ancora iscritta al RASD",
        "the club is not yet registered in the RASD",
    ),
    "large_club": (
        "con {members_total} tesserati la società ha la dimensione per farlo",
        "with {members_total} members the club is large enough for it",
    ),
    "small_club": (
        "per una società di {members_total} tesserati viene dopo le basi",
        "for a club of {members_total} members it comes after the basics",
    ),
    "few_female_members": (
        "la quota femminile è {female_share}",
        "the female share is {female_share}",
    ),
    "has_paid_workers": (
        "i compensi dei lavoratori sportivi ({paid_workers}) vanno gestiti secondo la riforma",
        "the fees of the sports workers ({paid_workers}) must follow the reform",
    ),
    "facility_hours_short": (
        "le ore di impianto non bastano alla domanda",
        "facility hours fall short of demand",
    ),
    "concession_expiring": (
        "{expiring_agreement} scade il {expiry_date}",
        "{expiring_agreement} expires on {expiry_date}",
    ),
    "equipment_over_life": (
        "parte delle attrezzature ha superato la vita tipica",
        "part of the equipment is past its typical life",
    ),
    "deficit": (
        "le entrate ({revenue_total}) non coprono i costi ({costs_total})",
        "revenue ({revenue_total}) does not cover costs ({costs_total})",
    ),
    "sponsor_dependent": (
        "le sponsorizzazioni pesano troppo sulle entrate",
        "sponsorship weighs too much on revenue",
    ),
    "sponsor_concentrated": (
        "il primo sponsor vale da solo {sponsor_share} delle sponsorizzazioni",
        "the main sponsor alone is {sponsor_share} of sponsorship",
    ),
    "has_bar_merchandise": (
        "bar e merchandising portano già {bar_merchandise} l'anno",
        "bar and merchandise already bring {bar_merchandise} a year",
    ),
    "operates_facility": (
        "la società gestisce un impianto e i suoi consumi",
        "the club runs a facility and its energy use",
    ),
    "negative_reserves": (
        "ci sono perdite accumulate da recuperare ({reserves})",
        "there are accumulated losses to recover ({reserves})",
    ),
    "low_reserves": (
        "le riserve coprono meno di tre mesi di costi",
        "reserves cover less than three months of costs",
    ),
    "para_club": (
        "lo sport paralimpico è la missione della società",
        "para-sport is the club's mission",
    ),
    "has_disabled_athletes": (
        "la società segue già {disabled_athletes} atleti con disabilità",
        "the club already coaches {disabled_athletes} athletes with disabilities",
    ),
}
LEGAL_REASONS: dict[str, tuple[str, str]] = {
    "SO2": (
        "è un obbligo di legge (D.Lgs. 39/2021, art. 16; D.Lgs. 36/2021, art. 33 c. 6)",
        "it is a legal duty (D.Lgs. 39/2021, art. 16; D.Lgs. 36/2021, art. 33 c. 6)",
    ),
    "MK1": (
        "la comunicazione sostiene tutti gli altri obiettivi",
        "communication supports every other objective",
    ),
}
OWNERSHIP_WORDS = {
    Ownership.OWNED: ("di proprietà", "owned"),
    Ownership.LEASED: ("in affitto", "leased"),
    Ownership.MUNICIPAL_CONCESSION: ("in concessione comunale", "municipal concession"),
}


def value_words(facts: ClubFacts, language: Language) -> dict[str, str]:
    """Each known figure as formatted text, for reason templates."""
    words = {}
    for name, value in facts.figures.items():
        if isinstance(value.value, int | float):
            words[name] = formatting.figure(value, language)  # "almeno 242" if a lower bound
    costs = facts.costs_total()
    if costs is not None:
        words["costs_total"] = money(costs, language)
    return words


def figure_phrase(
    name: str, facts: ClubFacts, language: Language, words: dict[str, str]
) -> str | None:
    value = facts.figure(name)
    if not isinstance(value.value, int | float):
        return None
    slots = {**words, "v": quantity(value, language)}
    return agree(pick(language, *FIGURE_PHRASES[name]), slots).format_map(slots)


def missing_figures(names: list[str], facts: ClubFacts, language: Language) -> list[str]:
    """The objective's own figures the club has not given, named as nouns ("quota
    femminile"): the starting point says what is still to measure, not only what is known."""
    named = []
    for name in names:
        template = pick(language, *FIGURE_PHRASES[name])
        if facts.figure(name).value is None and template.endswith(" {v}"):
            named.append(template.removesuffix(" {v}"))
    return named


def _fill_optional(template: str, words: dict[str, str]) -> str | None:
    try:
        return agree(template, words).format_map(words)
    except KeyError:
        return None


def reason_text(
    objective: SelectedObjective,
    language: Language,
    words: dict[str, str],
    titles: dict[str, str],
    first_year: frozenset[str] = frozenset(),
) -> str:
    """Why this objective starts when it does, in plain words and with the club's figures."""
    for condition in objective.reasons:
        if condition in ("board_goal", "board_problem"):
            statement = next(
                (
                    s
                    for s in objective.statements
                    if s.declared and condition.endswith(s.kind.value)
                ),
                None,
            )
            if statement is not None:
                return pick(
                    language,
                    f"lo chiede il direttivo: «{_lower(statement.text)}»",
                    f"the board asks for it: “{_lower(statement.text)}”",
                )
        template = REASONS.get(condition)
        if template is None:
            continue
        text = _fill_optional(pick(language, *template), words)
        if text:
            return text
    if objective.code in LEGAL_REASONS:
        return pick(language, *LEGAL_REASONS[objective.code])
    after = objective.macro.after
    if after and after in titles and objective.priority > 1:
        return pick(
            language,
            f"si appoggia a «{titles[after]}», avviato prima",
            f"it builds on “{titles[after]}”, started earlier",
        )
    if objective.priority == 1:
        return pick(
            language,
            "le altre azioni dell'area si appoggiano su questa",
            "the area's other actions rest on it",
        )
    first = [f"«{t}»" for code, t in titles.items() if code in first_year]
    if first:
        listed = join(first[:3], language)
        return pick(
            language,
            f"nessun dato della società lo rende urgente e il primo anno va a {listed}",
            f"nothing in the club's figures makes it urgent and year one goes to {listed}",
        )
    return pick(
        language,
        "nessun dato della società lo rende urgente",
        "nothing in the club's figures makes it urgent",
    )


def _lower(text: str) -> str:
    text = text.rstrip(".")
    first = text.split(" ", 1)[0]
    return text if first.isupper() else text[:1].lower() + text[1:]


def short_reason(text: str, limit: int = 15) -> str:
    """At most ``limit`` words; a quotation cut short still closes its marks."""
    words = text.split()
    if len(words) <= limit:
        return text
    cut = " ".join(words[:limit]).rstrip(",;:")
    for opening, closing in (("«", "»"), ("“", "”")):
        if cut.count(opening) > cut.count(closing):
            cut += "…" + closing
    return cut


# --- situation sentences, by objective ----------------------------------------------------


def facilities_sentence(facts: ClubFacts, language: Language) -> str | None:
    parts = []
    for facility in facts.club.facilities:
        details = [pick(language, *OWNERSHIP_WORDS[facility.ownership])]
        if facility.concession_expiry is not None:
            details.append(
                pick(
                    language,
                    f"scade {month_year(facility.concession_expiry, language)}",
                    f"expires {month_year(facility.concession_expiry, language)}",
                )
            )
        hours = formatting.number(facility.hours_per_week, language)
        details.append(pick(language, f"{hours} ore a settimana", f"{hours} hours a week"))
        parts.append(f"{facility.name} ({', '.join(details)})")
    if not parts:
        return None
    return pick(language, "Impianti usati: ", "Facilities used: ") + join(parts, language) + "."


def equipment_sentence(facts: ClubFacts, language: Language) -> str | None:
    parts = []
    for status in facts.equipment:
        item = status.item
        bits = []
        if item.age_years is not None:
            bits.append(
                pick(
                    language,
                    f"età media {item.age_years} anni",
                    f"average age {item.age_years} years",
                )
            )
        kind = status.kind
        if kind is not None and kind.life_years is not None:
            low, high = kind.life_years
            source = kind.sourced.source if kind.sourced else ""
            bits.append(
                pick(
                    language,
                    f"vita tipica {low}-{high} anni secondo {source}",
                    f"typical life {low}-{high} years according to {source}",
                )
            )
        cost = item.replacement_cost
        if cost is not None and isinstance(cost.value, int | float):
            bits.append(
                pick(
                    language,
                    f"sostituzione {money(cost.value, language)} l'una",
                    f"replacement {money(cost.value, language)} each",
                )
            )
        detail = f" ({'; '.join(bits)})" if bits else ""
        parts.append(f"{item.count} × {item.item}{detail}")
    if not parts:
        return None
    return (
        pick(language, "Attrezzature principali: ", "Major equipment: ")
        + join(parts, language)
        + "."
    )


def renewal_sentence(objective: SelectedObjective, language: Language) -> str | None:
    if not objective.renewals:
        return None
    parts = [
        f"{units} × {status.item.item} ({money(units * _unit(status), language)})"
        for status, units in objective.renewals
    ]
    return pick(
        language,
        f"Rinnovo previsto nel piano: {join(parts, language)}, con i costi di sostituzione "
        "che avete indicato.",
        f"Renewal planned: {join(parts, language)}, at the replacement costs you gave.",
    )


def _unit(status) -> float:
    cost = status.item.replacement_cost
    return float(cost.value) if cost is not None and isinstance(cost.value, int | float) else 0.0


def loans_sentence(facts: ClubFacts, language: Language) -> str | None:
    if not facts.club.loans:
        return None
    outstanding = [
        float(loan.outstanding.value)
        for loan in facts.club.loans
        if loan.outstanding is not None and isinstance(loan.outstanding.value, int | float)
    ]
    tail = ""
    if outstanding:
        tail = pick(
            language,
            f"; debito residuo {money(sum(outstanding), language)}",
            f"; outstanding {money(sum(outstanding), language)}",
        )
    text = loan_text(facts, language)
    return capitalised_sentence(
        pick(language, f"Il bilancio sostiene {text}{tail}.", f"The accounts carry {text}{tail}.")
    )


def reserves_sentence(facts: ClubFacts, language: Language) -> str | None:
    reserves = facts.club.balance.reserves
    if reserves is None or not isinstance(reserves.value, int | float):
        return None
    amount = float(reserves.value)
    months = facts.three_months_costs()
    if amount < 0:
        return pick(
            language,
            f"Le riserve sono negative ({money(amount, language)}): ci sono perdite accumulate.",
            f"Reserves are negative ({money(amount, language)}): there are accumulated losses.",
        )
    if months is not None and amount < months:
        return pick(
            language,
            f"Le riserve ({money(amount, language)}) coprono meno di tre mesi di costi "
            f"({money(months, language)}).",
            f"Reserves ({money(amount, language)}) cover less than three months of costs "
            f"({money(months, language)}).",
        )
    return None


def teams_sentence(facts: ClubFacts, language: Language, words: dict[str, str]) -> str | None:
    teams = facts.club.people.teams
    if not teams:
        return None
    parts = [
        f"{t.category} ({t.league_level})"
        if t.count == 1
        else f"{t.count} × {t.category} ({t.league_level})"
        for t in teams[:8]
    ]
    more = len(teams) - 8
    tail = pick(language, f" e altre {more}", f" and {more} more") if more > 0 else ""
    lead = formatting.clip(words.get("squads", ""), 40)
    return (
        pick(language, f"{lead.capitalize()} in attività: ", f"{lead.capitalize()} active: ")
        + join(parts, language)
        + tail
        + "."
    )


def coaches_sentence(facts: ClubFacts, language: Language, words: dict[str, str]) -> str | None:
    coaches = facts.club.people.coaches
    if not coaches:
        return None
    parts = [f"{c.count} {c.qualification}" for c in coaches if c.count]
    if not parts:
        return None
    return (
        pick(language, "Qualifiche dei tecnici: ", "Coaches' qualifications: ")
        + join(parts, language)
        + "."
    )


def competitors_sentence(facts: ClubFacts, language: Language, words: dict[str, str]) -> str | None:
    competitors = facts.club.qualitative.competitors
    if not competitors:
        return None
    names = join(list(competitors[:4]), language)
    return pick(
        language,
        f"Altre società della zona indicate nel questionario: {names}.",
        f"Other clubs of the area named in the questionnaire: {names}.",
    )


def stakeholders_sentence(facts: ClubFacts, language: Language) -> str | None:
    important = [s.name for s in facts.club.qualitative.stakeholders if s.importance >= 4]
    if not important:
        return None
    return pick(
        language,
        f"Interlocutori più importanti per la società: {join(important[:4], language)}.",
        f"The club's most important stakeholders: {join(important[:4], language)}.",
    )


def workers_sentence(facts: ClubFacts, language: Language) -> str | None:
    fee = facts.average_worker_fee()
    if fee is None:
        return None
    amount = money(fee, language)
    if fee <= CONTRIBUTION_FREE_FEES:
        return pick(
            language,
            f"Il compenso medio ({amount} l'anno) è sotto la soglia di 5.000 € senza contributi.",
            f"The average fee ({amount} a year) is below the €5,000 contribution-free threshold.",
        )
    if fee <= TAX_FREE_FEES:
        return pick(
            language,
            f"Il compenso medio ({amount} l'anno) supera i 5.000 €: sulla parte eccedente si "
            "pagano i contributi, ma resta sotto i 15.000 € esenti da IRPEF.",
            f"The average fee ({amount} a year) is above €5,000: contributions are due on the "
            "excess, but it stays below the €15,000 free of income tax.",
        )
    return pick(
        language,
        f"Il compenso medio ({amount} l'anno) supera i 15.000 €: oltre ai contributi si paga "
        "l'IRPEF sulla parte eccedente.",
        f"The average fee ({amount} a year) is above €15,000: income tax is due on the excess "
        "as well as contributions.",
    )


def para_sentence(facts: ClubFacts, language: Language) -> str | None:
    disabled = facts.number("athletes_with_disabilities")
    members = facts.number("members_total")
    bodies = [a.name for a in facts.club.identity.affiliations if a.kind.paralympic]
    if not disabled and not bodies:
        return None
    parts = []
    if disabled and members and disabled >= members:
        parts.append(
            pick(
                language,
                f"tutti i {int(members)} tesserati sono atleti con disabilità",
                f"all {int(members)} members are athletes with disabilities",
            )
        )
    elif disabled:
        parts.append(
            pick(
                language,
                f"{formatting.count(int(disabled), 'atleta', 'atleti', language)} con "
                f"disabilità su {int(members or 0) or '?'} tesserati",
                f"{int(disabled)} athletes with disabilities out of "
                f"{int(members or 0) or '?'} members",
            )
        )
    if bodies:
        parts.append(
            pick(
                language,
                f"affiliazione paralimpica: {join(bodies, language)}",
                f"Paralympic affiliation: {join(bodies, language)}",
            )
        )
    return capitalised_sentence("; ".join(parts) + ".")


def family_spend_sentence(facts: ClubFacts, language: Language) -> str | None:
    for profile in facts.club_sports.profiles:
        figure = profile.benchmark("family_spend")
        if figure is None:
            continue
        amount = money(figure.low, language)
        sport = profile.name.get(language)
        return pick(
            language,
            f"Per confronto, una famiglia spende in media {amount} l'anno per un figlio che "
            f"pratica {sport} ({figure.sourced.source}).",
            f"For comparison, a family spends on average {amount} a year on a child who plays "
            f"{sport} ({figure.sourced.source}).",
        )
    return None


def capitalised_sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


Situation = Callable[[ClubFacts, Language, dict[str, str]], str | None]
# The club facts each objective's situation adds after its figures.
SITUATION: dict[str, list[Situation]] = {
    "SP1": [coaches_sentence],
    "SP3": [
        lambda f, lang, w: loans_sentence(f, lang),
        lambda f, lang, w: reserves_sentence(f, lang),
    ],
    "SP4": [teams_sentence],
    "SP5": [lambda f, lang, w: family_spend_sentence(f, lang)],
    "SP7": [competitors_sentence],
    "ST1": [
        lambda f, lang, w: facilities_sentence(f, lang),
        lambda f, lang, w: equipment_sentence(f, lang),
    ],
    "ST2": [lambda f, lang, w: workers_sentence(f, lang)],
    "SO4": [lambda f, lang, w: para_sentence(f, lang)],
    "SO6": [lambda f, lang, w: stakeholders_sentence(f, lang)],
}
