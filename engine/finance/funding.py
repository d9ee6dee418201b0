"""Funding sources: what is secured, what the cash needs, and where it could come from."""

from __future__ import annotations

from decimal import Decimal

from engine.domain.club import ClubProfile, LegalForm
from engine.domain.language import Language
from engine.domain.plan import Area, FundingSource, FundingStatus
from engine.domain.sourced import SourcedValue
from engine.finance import words
from engine.finance.assumptions import FinanceAssumptions
from engine.finance.inputs import Baseline
from engine.finance.projection import Projection, annuity
from engine.finance.span import ZERO, Span, cents
from engine.finance.values import SUM_REFERENCE
from engine.finance.values import sourced as _value


def funding_sources(
    club: ClubProfile,
    p: Projection,
    baseline: Baseline,
    assumptions: FinanceAssumptions,
    lang: Language,
) -> list[FundingSource]:
    sources = [
        FundingSource(
            name=item.label,
            detail=words.pick(
                lang,
                f"Assicurato, incassato nel {baseline.seasons[index + 1]}.",
                f"Secured, received in {baseline.seasons[index + 1]}.",
            ),
            amount=SourcedValue.questionnaire(float(amount), "EUR"),
            status=FundingStatus.COMMITTED,
        )
        for item in baseline.funding
        for index, amount in enumerate(item.amounts)
        if amount > 0
    ]
    need = sum(p.to_seek, ZERO)
    rule = assumptions.ics_loan
    if need > 0 and not p.unknown:  # a need computed without some costs is no need at all
        first = next(y for y, amount in enumerate(p.to_seek, start=1) if amount > 0)
        sources.append(
            FundingSource(
                name=words.pick(lang, "Nuove fonti necessarie", "New funding needed"),
                detail=words.pick(
                    lang,
                    f"Quanto serve perché la cassa non scenda sotto zero, le prime entro il "
                    f"{baseline.seasons[first]}: bandi, sponsor, un mutuo o un rinvio degli "
                    "investimenti.",
                    f"What keeps the cash from going below zero, the first by "
                    f"{baseline.seasons[first]}: calls, sponsors, a loan or postponing "
                    "investments.",
                ),
                amount=_value(Span.exact(need), "EUR", words.pick(lang, *SUM_REFERENCE)),
                status=FundingStatus.TO_SEEK,
            )
        )
    infrastructure = sum(baseline.investments.get(Area.INFRASTRUCTURE, (ZERO,)), ZERO)
    loan_detail = rule.note.get(lang)
    # Sized as the what-if sizes it: the facility works, within the product's range.
    loan_amount = min(cents(rule.maximum), infrastructure)
    if loan_amount >= cents(rule.minimum):
        instalment = annuity(loan_amount, Decimal(str(p.drivers.ics_rate)), rule.years)
        loan_detail += words.pick(
            lang,
            f". Per {words.money(loan_amount, lang)}: una rata di circa "
            f"{words.money(instalment, lang)} l'anno per {rule.years} anni.",
            f". For {words.money(loan_amount, lang)}: an instalment of about "
            f"{words.money(instalment, lang)} a year for {rule.years} years.",
        )
    sources.append(
        FundingSource(name=rule.name.get(lang), detail=loan_detail, status=FundingStatus.OPTION)
    )
    sources.append(
        FundingSource(
            name=words.pick(lang, "Bandi comunali e regionali", "Municipal and regional calls"),
            detail=words.pick(
                lang,
                "Contributi per attività giovanile, inclusione e impiantistica: verificare "
                "le scadenze dell'anno.",
                "Grants for youth activity, inclusion and facilities: check this year's deadlines.",
            ),
        )
    )
    sources.append(
        FundingSource(
            name=words.pick(lang, "Sponsorizzazioni a livelli", "Tiered sponsorship"),
            detail=words.pick(
                lang,
                "Pacchetti dell'obiettivo MK4; non rientrano nel limite delle attività diverse.",
                "Packages from objective MK4; they do not count towards the non-sport "
                "activity limit.",
            ),
        )
    )
    if club.identity.legal_form is LegalForm.ASD and club.has_youth_section():
        sources.append(
            FundingSource(
                name="5x1000",
                detail=words.pick(
                    lang,
                    "Campagna verso famiglie e sostenitori (azione MK2.4).",
                    "Campaign among families and supporters (action MK2.4).",
                ),
                amount=club.revenue.five_per_mille,
            )
        )
    return sources
