"""The financial plan in words: commentary and risks, quoting the rows of the same projection.

Every amount here is formatted from the projection the tables show, with the one
formatter (``engine.formatting``), so a board never reads one figure in the table and
another in the text. A conclusion never rests on a zero that stands for "unknown": while a
material cost is missing the text says the balance cannot be judged and names the lines.
"""

from __future__ import annotations

from decimal import Decimal

from engine import formatting
from engine.agents.texts import pick
from engine.domain.language import Language
from engine.domain.plan import ScenarioKind
from engine.finance.assumptions import FinanceAssumptions
from engine.finance.inputs import Baseline, Origin
from engine.finance.projection import Projection
from engine.finance.span import ZERO, Span

# The Art. 9 D.Lgs. 36/2021 limit waits for a decree not issued as of 2026-12 (see
# docs/research/sports-and-law.md): the plan prudently borrows the third sector's 30% of
# revenue (D.M. 107/2021) and says so.
NON_SPORT_REVENUE_LIMIT = Decimal("0.30")
SPONSORSHIP_DEPENDENCE = Decimal("0.30")


def money(amount: Decimal | Span, language: Language) -> str:
    """An amount or a range, as every table prints it."""
    if isinstance(amount, Span):
        if amount.is_exact:
            return formatting.money(float(amount.low), language)
        return formatting.money_range(float(amount.low), float(amount.high), language)
    return formatting.money(float(amount), language)


def listing(items: list[str], language: Language) -> str:
    """ "a, b e c"; with commas only when an item has its own "e" ("impianti e utenze")."""
    if len(items) <= 1:
        return "".join(items)
    conjunction = pick(language, "e", "and")
    if any(f" {conjunction} " in item for item in items):
        return ", ".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def lowered(label: str) -> str:
    """A line's label inside a sentence ("Spese mediche" -> "spese mediche"), names kept."""
    return label[:1].lower() + label[1:]


def unknown_words(p: Projection) -> list[str]:
    return [lowered(label) for label in p.unknown]


def by_season(
    amounts: tuple[Decimal | Span, ...], seasons: tuple[str, ...], language: Language
) -> list[str]:
    """ "5.650 € nel 2027/28" for each plan year with an amount: yearly figures only, each a
    cell of the table (a three-season sum is in no cell, so the prose never quotes one)."""
    found = []
    for year, amount in enumerate(amounts, start=1):
        if (amount.high if isinstance(amount, Span) else amount) > 0:
            found.append(f"{money(amount, language)} {pick(language, 'nel', 'in')} {seasons[year]}")
    return found


def _seasons(years: list[int], seasons: tuple[str, ...], language: Language) -> str:
    return listing([seasons[y] for y in years], language)


def commentary(
    projection: Projection,
    baseline: Baseline,
    scenarios: dict[ScenarioKind, Projection],
    language: Language,
) -> str:
    lang, p, s = language, projection, baseline.seasons
    estimated = [lowered(f.base.label) for f in p.lines if f.base.origin is Origin.ESTIMATE]
    derived = [lowered(f.base.label) for f in p.lines if f.base.origin is Origin.DERIVED]
    if p.unknown:  # a total without the missing costs is not a result: no result is quoted
        today = pick(
            lang,
            f"Stagione {s[0]}: entrate {money(p.revenue[0], lang)}, costi di gestione noti "
            f"{money(p.costs[0], lang)} (mancano {listing(unknown_words(p), lang)}).",
            f"Season {s[0]}: revenue {money(p.revenue[0], lang)}, known running costs "
            f"{money(p.costs[0], lang)} ({listing(unknown_words(p), lang)} missing).",
        )
    else:
        today = pick(
            lang,
            f"Stagione {s[0]}: entrate {money(p.revenue[0], lang)}, costi di gestione "
            f"{money(p.costs[0], lang)}, risultato di gestione {money(p.operating[0], lang)}.",
            f"Season {s[0]}: revenue {money(p.revenue[0], lang)}, running costs "
            f"{money(p.costs[0], lang)}, operating result {money(p.operating[0], lang)}.",
        )
    if derived:
        today += pick(
            lang,
            f" Calcolati dalle vostre risposte: {listing(derived, lang)}.",
            f" Computed from your answers: {listing(derived, lang)}.",
        )
    if estimated:
        today += pick(
            lang,
            f" Stimati da benchmark, come intervallo: {listing(estimated, lang)}.",
            f" Estimated from benchmarks, as a range: {listing(estimated, lang)}.",
        )
    invested = listing(by_season(p.invested, s, lang), lang) or money(ZERO, lang)
    if p.unknown:
        forecast = pick(
            lang,
            f"Nel {s[3]} le entrate arrivano a {money(p.revenue[3], lang)}; i costi si potranno "
            "prevedere quando saranno noti. Gli investimenti del piano, il minimo di ogni "
            f"intervallo di budget, sono {invested}",
            f"In {s[3]} revenue reaches {money(p.revenue[3], lang)}; costs can be forecast "
            "once they are known. The plan's investments, the minimum of each budget range, "
            f"are {invested}",
        )
    else:
        forecast = pick(
            lang,
            f"Nel {s[3]} le entrate arrivano a {money(p.revenue[3], lang)} e i costi di "
            f"gestione a {money(p.costs[3], lang)} (risultato di gestione "
            f"{money(p.operating[3], lang)}). Gli investimenti del piano, il minimo di ogni "
            f"intervallo di budget, sono {invested}",
            f"In {s[3]} revenue reaches {money(p.revenue[3], lang)} and running costs "
            f"{money(p.costs[3], lang)} (operating result {money(p.operating[3], lang)}). The "
            f"plan's investments, the minimum of each budget range, are {invested}",
        )
    if p.postponed > 0:
        forecast += pick(
            lang,
            f" (altri {money(p.postponed, lang)} rinviati oltre il {s[3]})",
            f" (another {money(p.postponed, lang)} postponed beyond {s[3]})",
        )
    instalments = by_season(p.repayments, s, lang)
    if instalments:
        forecast += pick(
            lang,
            f"; le rate di mutui e prestiti sono {listing(instalments, lang)}",
            f"; loan instalments are {listing(instalments, lang)}",
        )
    secured = by_season(p.committed, s, lang)
    if secured:
        forecast += pick(
            lang,
            f"; i contributi già assicurati {listing(secured, lang)}",
            f"; funding already secured {listing(secured, lang)}",
        )
    forecast += "."
    verdict = conclusion(p, baseline, lang)
    if p.unknown:  # scenarios built on missing costs compare nothing
        return "\n\n".join([today, forecast, verdict])
    return "\n\n".join([today, forecast, verdict, _compare(scenarios, s, lang)])


def conclusion(p: Projection, baseline: Baseline, lang: Language) -> str:
    """What the figures allow a board to conclude, and nothing more."""
    s = baseline.seasons
    if p.unknown:
        return pick(
            lang,
            "L'equilibrio non si può ancora giudicare: mancano "
            f"{listing(unknown_words(p), lang)}. Finché non li conoscete il piano "
            "li lascia «da acquisire» in ogni stagione invece di contarli zero; inseriteli nel "
            "questionario e rigenerate il piano.",
            "Whether the plan balances cannot be judged yet: "
            f"{listing(unknown_words(p), lang)} are missing. Until you know "
            "them the plan leaves them 'to be collected' in every season instead of counting "
            "them as zero; add them to the questionnaire and regenerate the plan.",
        )
    negative = [y + 1 for y, flow in enumerate(p.balance) if flow.low < 0]
    if not negative:
        text = pick(
            lang,
            "Il saldo di ogni stagione, dopo investimenti, rate e contributi, è positivo "
            "anche all'estremo prudente delle stime.",
            "Every season's balance, after investments, instalments and funding, is positive "
            "even at the prudent end of the estimates.",
        )
    else:
        worst = min(negative, key=lambda y: p.balance[y - 1].low)
        text = pick(
            lang,
            f"Il saldo dopo investimenti, rate e contributi è negativo nel "
            f"{_seasons(negative, s, lang)} (nel {s[worst]}: {money(p.balance[worst - 1], lang)}).",
            f"The balance after investments, instalments and funding is negative in "
            f"{_seasons(negative, s, lang)} (in {s[worst]}: {money(p.balance[worst - 1], lang)}).",
        )
    cash = p.cash[3]
    if p.reserves_known:
        text += pick(
            lang,
            f" Partendo dalle riserve di {money(p.cash[0], lang)}, la cassa a fine {s[3]} è "
            f"{money(cash, lang)}.",
            f" Starting from reserves of {money(p.cash[0], lang)}, cash at the end of {s[3]} "
            f"is {money(cash, lang)}.",
        )
    else:
        text += pick(
            lang,
            f" Le riserve iniziali non sono indicate: i flussi delle tre stagioni sommano "
            f"{money(cash, lang)}.",
            f" Opening reserves are not given: the three seasons' flows add up to "
            f"{money(cash, lang)}.",
        )
    need = sum(p.to_seek, ZERO)
    if need > 0:
        first = next(y for y, amount in enumerate(p.to_seek, start=1) if amount > 0)
        text += pick(
            lang,
            f" Per non andare in rosso servono {money(need, lang)} di nuove fonti, le prime "
            f"entro il {s[first]}: vedete le fonti di finanziamento.",
            f" To stay out of the red the club needs {money(need, lang)} of new funding, the "
            f"first by {s[first]}: see the funding sources.",
        )
    return text


def _compare(
    scenarios: dict[ScenarioKind, Projection], seasons: tuple[str, ...], lang: Language
) -> str:
    parts = []
    names = {
        ScenarioKind.PRUDENT: pick(lang, "prudente", "prudent"),
        ScenarioKind.BASE: pick(lang, "base", "base"),
        ScenarioKind.AMBITIOUS: pick(lang, "ambizioso", "ambitious"),
        ScenarioKind.CUSTOM: pick(lang, "vostro", "your own"),
    }
    for kind, projection in scenarios.items():
        parts.append(
            pick(
                lang,
                f"{names[kind]} {money(projection.cash[3], lang)}",
                f"{names[kind]} {money(projection.cash[3], lang)}",
            )
        )
    return pick(
        lang,
        f"Cassa a fine {seasons[3]} negli scenari: {'; '.join(parts)}. Le previsioni sono "
        "stime da verificare; il confronto completo è nella tabella degli scenari.",
        f"Cash at the end of {seasons[3]} in the scenarios: {'; '.join(parts)}. "
        "Forecasts are estimates to verify; the full comparison is in the scenario table.",
    )


def risks(
    p: Projection,
    baseline: Baseline,
    assumptions: FinanceAssumptions,
    scenarios: dict[ScenarioKind, Projection],
    language: Language,
) -> list[str]:
    lang, s = language, baseline.seasons
    found: list[str] = []
    if p.unknown:
        found.append(
            pick(
                lang,
                f"Dati mancanti ({listing(unknown_words(p), lang)}): "
                "l'equilibrio non è giudicabile finché non li inserite.",
                f"Missing figures ({listing(unknown_words(p), lang)}): the balance "
                "cannot be judged until you add them.",
            )
        )
    negative = [y + 1 for y, flow in enumerate(p.balance) if flow.low < 0]
    if negative and not p.unknown:
        found.append(
            pick(
                lang,
                f"Saldo negativo nel {_seasons(negative, s, lang)}: rivedere i tempi degli "
                "investimenti o cercare fonti aggiuntive.",
                f"Negative balance in {_seasons(negative, s, lang)}: revisit the timing of "
                "investments or find further funding.",
            )
        )
    if p.reserves_known and baseline.reserves is not None and baseline.reserves < 0:
        found.append(
            pick(
                lang,
                f"Patrimonio negativo: le perdite accumulate ({money(baseline.reserves, lang)}) "
                "vanno ripianate; l'assemblea deve conoscerle e il piano deve riportare le "
                "riserve sopra zero.",
                f"Negative equity: accumulated losses ({money(baseline.reserves, lang)}) must be "
                "covered; the members' meeting must know them and the plan must bring reserves "
                "back above zero.",
            )
        )
    monthly = p.costs[0].high / 12
    months = assumptions.liquidity_months
    if baseline.reserves is not None and baseline.reserves >= 0 and monthly > 0:
        covered = baseline.reserves / monthly
        if covered < months:
            found.append(
                pick(
                    lang,
                    f"Liquidità scarsa: le riserve ({money(baseline.reserves, lang)}) coprono "
                    f"{formatting.number(float(round(covered, 1)), lang, 1)} mesi di costi di "
                    f"gestione, sotto la soglia prudente di {months} mesi.",
                    f"Thin liquidity: reserves ({money(baseline.reserves, lang)}) cover "
                    f"{formatting.number(float(round(covered, 1)), lang, 1)} months of running "
                    f"costs, below the prudent threshold of {months} months.",
                )
            )
    outstanding = sum((loan.outstanding or ZERO for loan in baseline.loans), ZERO)
    debt = max(outstanding, baseline.debts or ZERO)
    if debt > 0:
        reserves = baseline.reserves if baseline.reserves is not None else None
        heavier = reserves is None or debt > reserves
        if heavier:
            instalments = p.repayments[0]
            share = instalments.high / p.revenue[1].low * 100 if p.revenue[1].low > 0 else None
            burden = ""
            if share is not None and instalments.high > 0:
                share_text = formatting.number(float(round(share, 1)), lang, 1)
                burden = pick(
                    lang,
                    f"; le rate ({money(instalments, lang)} nel {s[1]}) valgono "
                    f"{formatting.percent_of(share_text, lang)} delle entrate",
                    f"; instalments ({money(instalments, lang)} in {s[1]}) are "
                    f"{formatting.number(float(round(share, 1)), lang, 1)}% of revenue",
                )
            if reserves is None:
                against = pick(lang, "con riserve non indicate", "with reserves not given")
            elif reserves < 0:
                against = pick(
                    lang,
                    f"con riserve negative ({money(reserves, lang)})",
                    f"with negative reserves ({money(reserves, lang)})",
                )
            else:
                against = pick(
                    lang,
                    f"a fronte di riserve per {money(reserves, lang)}",
                    f"against reserves of {money(reserves, lang)}",
                )
            found.append(
                pick(
                    lang,
                    f"Debito di {money(debt, lang)} {against}{burden}.",
                    f"Debt of {money(debt, lang)} {against}{burden}.",
                )
            )
        if baseline.debts and not baseline.loans:
            found.append(
                pick(
                    lang,
                    f"Debiti per {money(baseline.debts, lang)} senza un piano di rimborso: "
                    "indicate rata annua e ultimo anno nella tabella dei finanziamenti, così il "
                    "piano ne conta le rate.",
                    f"Debts of {money(baseline.debts, lang)} without a repayment plan: give the "
                    "yearly instalment and final year in the loans table so the plan counts them.",
                )
            )
    revenue0 = p.revenue[0].low
    sponsorship = p.line("revenue.sponsorship")
    sponsor0 = sponsorship.values[0] if sponsorship else None
    if sponsor0 is not None and revenue0 > 0 and sponsor0.low / revenue0 > SPONSORSHIP_DEPENDENCE:
        found.append(
            pick(
                lang,
                "Oltre il 30% delle entrate dipende dalle sponsorizzazioni.",
                "Over 30% of revenue depends on sponsorship.",
            )
        )
    if (
        sponsor0 is not None
        and sponsor0.high > 0
        and baseline.sponsor_share is not None
        and baseline.sponsor_share >= Decimal(str(assumptions.concentration_share))
    ):
        prudent = scenarios.get(ScenarioKind.PRUDENT)
        lost = ""
        if prudent is not None and prudent.drivers.main_sponsor_lost_from:
            year = prudent.drivers.main_sponsor_lost_from
            lost = pick(
                lang,
                f"; lo scenario prudente ne simula la perdita dal {s[year]}",
                f"; the prudent scenario simulates losing it from {s[year]}",
            )
        percent = formatting.number(float(baseline.sponsor_share * 100), lang)
        grows = (  # with a single sponsor there are no others to grow: the line stays flat
            pick(
                lang,
                "lo scenario base tiene ferme le sponsorizzazioni finché non se ne trovano altri",
                "the base scenario keeps sponsorship flat until others are found",
            )
            if baseline.sponsor_share >= 1
            else pick(
                lang,
                "lo scenario base fa crescere solo gli altri sponsor",
                "the base scenario grows only the other sponsors",
            )
        )
        found.append(
            pick(
                lang,
                f"Il primo sponsor vale {formatting.percent_of(percent, lang)} delle "
                f"sponsorizzazioni ({money(sponsor0, lang)} nel {s[0]}): {grows}{lost}.",
                f"The largest sponsor is {percent}% of sponsorship ({money(sponsor0, lang)} in "
                f"{s[0]}): {grows}{lost}.",
            )
        )
    if (
        sponsor0 is not None
        and sponsor0.high > 0
        and baseline.sponsor_share is None
        and baseline.sponsor_risk_named
    ):
        found.append(
            pick(
                lang,
                "La vostra analisi indica un rischio sugli sponsor: lo scenario base ne dimezza la "
                "crescita. Indicate nel questionario la quota del primo sponsor per simularne la "
                "perdita.",
                "Your analysis names a risk on sponsors: the base scenario halves their growth. "
                "Give the largest sponsor's share in the questionnaire to simulate losing it.",
            )
        )
    bar = p.line("revenue.bar_merchandise")
    if bar is not None and any(
        bar.values[y] is not None
        and p.revenue[y].low > 0
        and bar.values[y].high / p.revenue[y].low > NON_SPORT_REVENUE_LIMIT  # type: ignore[union-attr]
        for y in range(4)
    ):
        found.append(
            pick(
                lang,
                "Le attività diverse (bar, merchandising) superano il 30% delle entrate: "
                "verificare il limite dell'art. 9 con il commercialista.",
                "Non-sport activities (bar, merchandise) exceed 30% of revenue: check the "
                "art. 9 limit with your accountant.",
            )
        )
    return found[:20]
