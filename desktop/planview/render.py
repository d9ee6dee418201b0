"""Readable HTML for each section of a plan, with provenance badges.

Every number carries a small coloured badge saying where it comes from (the
questionnaire, a public source, an estimate from a named benchmark, or "to
be collected"); hovering it shows the provenance in plain words. Badges are
links ``tip:<n>`` into ``Rendered.tips`` so the browser can show the tooltip.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from desktop import i18n
from desktop.i18n import t
from desktop.theme import BADGES, pair
from engine import formatting
from engine.domain import Area, Language, Plan, SectionStatus, SourcedValue, SourceTier
from engine.domain.plan import KPI, ComplianceStatus, MacroObjective

UNITS_EN = {"EUR/anno": "EUR/year", "EUR/mese": "EUR/month", "EUR/ora": "EUR/hour", "n": ""}
UNITS_IT = {"n": ""}


def esc(text: object) -> str:
    return html.escape(str(text or ""))


def paragraphs(text: str) -> str:
    return "".join(f"<p>{esc(p)}</p>" for p in (text or "").split("\n") if p.strip())


def tier_key(value: SourcedValue | None) -> str:
    if value is None or value.value is None:
        return "missing"
    return value.tier.value


def provenance(value: SourcedValue | None) -> str:
    lang = i18n.current()
    if value is None or value.value is None:
        return t("To be collected: the questionnaire did not give this figure.")
    if value.is_user_edit:
        when = value.date.strftime("%d/%m/%Y") if value.date else ""
        return t("Changed by you on {date}").format(date=when)
    return value.provenance(lang)


def badge_label(value: SourcedValue | None) -> str:
    if value is None or value.value is None:
        return t("to collect")
    if value.is_user_edit:
        return t("yours")
    if value.is_actual:  # a closed season's figure, as the club recorded it
        return t("actual")
    return {
        SourceTier.QUESTIONNAIRE: t("questionnaire"),
        SourceTier.RESEARCH: t("source"),
        SourceTier.ESTIMATE: t("estimate"),
    }[value.tier]


def language() -> Language:
    return Language.IT if i18n.current() == "it" else Language.EN


def number(value: float | int | None, decimals: int | None = None) -> str:
    """The exports' formatter (``engine.formatting``): one way to write a number everywhere."""
    if value is None:
        return "–"
    return formatting.number(value, language(), decimals)


def money_range(low: float, high: float) -> str:
    return formatting.money_range(low, high, language())


def unit_text(unit: str) -> str:
    table = UNITS_IT if i18n.current() == "it" else UNITS_EN
    return table.get(unit, unit)


def value_text(value: SourcedValue | None) -> str:
    if value is None or value.value is None:
        return t("to be collected")
    if isinstance(value.value, str):
        return value.value
    return formatting.figure(value, language())


@dataclass
class Rendered:
    """HTML plus the tooltip texts its badges point to."""

    tips: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.parts.append(text)

    def badge(self, value: SourcedValue | None) -> str:
        self.tips.append(provenance(value))
        key = "questionnaire" if value is not None and value.is_user_edit else tier_key(value)
        background, colour = pair(BADGES, key)
        return (
            f'<a href="tip:{len(self.tips) - 1}" style="text-decoration:none">'
            f'<span style="background-color:{background}; color:{colour}; font-size:small">'
            f"&nbsp;{esc(badge_label(value))}&nbsp;</span></a>"
        )

    def sourced(self, value: SourcedValue | None) -> str:
        return f"{esc(value_text(value))} {self.badge(value)}"

    @property
    def html(self) -> str:
        return "".join(self.parts)


def _status_banner(
    out: Rendered, status: SectionStatus, reason: str | None, plan_language: Language | None = None
) -> None:
    if status is SectionStatus.FAILED:
        background, colour = pair(BADGES, "missing")
        if reason and plan_language in (None, language()):
            text = t("This section failed: {reason} Use 'Regenerate section' to write it again.")
            text = text.format(reason=reason)
        else:  # the stored reason is in the plan's language: no mixed-language sentence
            text = t("This section failed. Use 'Regenerate section' to write it again.")
    elif status is SectionStatus.MISSING:
        background, colour = pair(BADGES, "missing")
        text = t(
            "This section was not written (the generation was stopped). Use 'Regenerate "
            "section' or 'Complete failed sections'."
        )
    elif status is SectionStatus.EDITED:
        background, colour = pair(BADGES, "research")
        text = t("You edited this section: the original is kept in the version history.")
    else:
        return
    out.add(
        f'<table width="100%" cellpadding="8" style="background-color:{background}; '
        f'color:{colour}"><tr><td>{esc(text)}</td></tr></table>'
    )


def _legend(out: Rendered) -> None:
    samples = [
        SourcedValue.questionnaire(1, "n"),
        SourcedValue(value=1, unit="n", tier=SourceTier.RESEARCH, reference="ISTAT"),
        SourcedValue.estimate(1, "n", "benchmark"),
        SourcedValue.missing("n"),
    ]
    badges = " ".join(out.badge(s) for s in samples)
    out.add('<p style="font-size:small">' + esc(t("Where numbers come from:")) + f" {badges}</p>")


def _kpi_table(out: Rendered, kpis: list[KPI], seasons: list[str]) -> None:
    if not kpis:
        return
    head = "".join(f"<th align='right'>{esc(s)}</th>" for s in seasons)
    out.add(
        "<table width='100%' cellspacing='0' cellpadding='4' border='0'>"
        "<tr><th align='left'>" + esc(t("Indicator")) + "</th>"
        "<th align='right'>" + esc(t("Today")) + f"</th>{head}</tr>"
    )
    for kpi in kpis:
        cells = "".join(f"<td align='right'>{out.sourced(v)}</td>" for v in kpi.targets)
        out.add(
            f"<tr><td>{esc(kpi.name)}<br><small>{esc(kpi.source)}</small></td>"
            f"<td align='right'>{out.sourced(kpi.baseline)}</td>{cells}</tr>"
        )
    out.add("</table>")


def objective_html(plan: Plan, objective: MacroObjective, status: SectionStatus) -> Rendered:
    out = Rendered()
    out.add(f"<h2>{esc(objective.code)} · {esc(objective.title)}</h2>")
    year = t("Priority {n}: starts in year {n} ({season})").format(
        n=objective.priority, season=plan.seasons[objective.priority - 1]
    )
    out.add(f"<p><b>{esc(year)}</b></p>")
    if status is SectionStatus.EDITED:
        _status_banner(out, status, None)
    out.add(f"<h3>{esc(t('Objective'))}</h3>{paragraphs(objective.objective)}")
    if objective.answers:
        items = "".join(f"<li>{esc(answer)}</li>" for answer in objective.answers)
        heading = t("Answers")
        out.add(f"<h3>{esc(heading)}</h3><ul>{items}</ul>")
    for title, text in (
        (t("Where the club is today"), objective.baseline),
        (t("Gap to close"), objective.gap),
    ):
        out.add(f"<h3>{esc(title)}</h3>{paragraphs(text)}")
    budget = objective.budget
    out.add("<h3>" + esc(t("Budget")) + "</h3>")
    budget_value = SourcedValue(
        value=budget.min_eur, unit="EUR", tier=budget.tier, reference=budget.reference
    )
    out.add(f"<p>{esc(money_range(budget.min_eur, budget.max_eur))} {out.badge(budget_value)}</p>")
    if objective.actions:
        out.add("<h3>" + esc(t("Actions")) + "</h3>")
        out.add(
            "<table width='100%' cellpadding='4'>"
            "<tr><th align='left'>"
            + esc(t("Code"))
            + "</th><th align='left'>"
            + esc(t("Action"))
            + "</th>"
            "<th align='left'>"
            + esc(t("Who"))
            + "</th><th align='left'>"
            + esc(t("By"))
            + "</th></tr>"
        )
        for action in objective.actions:
            what = esc(action.what)
            if action.proposed_by_model:
                proposed = t("proposed by the AI model")
                what += f" <i>({esc(proposed)})</i>"
            out.add(
                f"<tr><td>{esc(action.code)}</td><td>{what}</td>"
                f"<td>{esc(action.owner_role)}</td>"
                f"<td>{action.deadline.strftime('%d/%m/%Y')}</td></tr>"
            )
        out.add("</table>")
    if objective.kpis:
        out.add("<h3>" + esc(t("Indicators")) + "</h3>")
        _kpi_table(out, objective.kpis, plan.seasons)  # each actual has its own badge
    return out


def area_html(plan: Plan, area: Area) -> Rendered:
    out = Rendered()
    section = plan.area(area)
    out.add(f"<h1>{esc(area.label(i18n.current()))}</h1>")
    if section is None:
        _status_banner(out, SectionStatus.MISSING, None)
        return out
    _status_banner(out, section.status, section.failure_reason, plan.language)
    out.add(paragraphs(section.intro))
    if section.objectives:
        out.add(
            "<table width='100%' cellpadding='4'>"
            "<tr><th align='left'>"
            + esc(t("Code"))
            + "</th><th align='left'>"
            + esc(t("Objective"))
            + ""
            "</th><th align='right'>" + esc(t("Starts")) + "</th>"
            "<th align='right'>" + esc(t("Budget (EUR)")) + "</th></tr>"
        )
        for objective in section.objectives:
            budget = objective.budget
            out.add(
                f"<tr><td><a href='objective:{esc(objective.code)}'>{esc(objective.code)}</a>"
                f"</td><td>{esc(objective.title)}</td>"
                f"<td align='right'>{esc(plan.seasons[objective.priority - 1])}</td>"
                f"<td align='right'>{esc(money_range(budget.min_eur, budget.max_eur))}</td></tr>"
            )
        out.add("</table>")
    return out


def summary_html(plan: Plan) -> Rendered:
    out = Rendered()
    summary = plan.executive_summary
    out.add(f"<h1>{esc(plan.title)}</h1>")
    out.add(
        f"<p>{esc(plan.club.name)} · {esc(plan.club.identity.legal_form.value)} · "
        f"{esc(', '.join(plan.club.identity.sports))} · {esc(plan.seasons_label)}</p>"
    )
    _legend(out)
    _status_banner(out, summary.status, summary.failure_reason, plan.language)
    out.add("<h2>" + esc(t("Vision for the three seasons")) + f"</h2>{paragraphs(summary.vision)}")
    for area, text in summary.area_paragraphs.items():
        out.add(f"<h3>{esc(area.label(i18n.current()))}</h3>{paragraphs(text)}")
    if summary.priorities:
        out.add("<h2>" + esc(t("Top priorities")) + "</h2><ol>")
        for priority in summary.priorities:
            out.add(
                f"<li><b>{esc(priority.code)}: {esc(priority.title)}</b> – "
                f"{esc(priority.reason)}</li>"
            )
        out.add("</ol>")
    if summary.quick_wins:
        out.add("<h2>" + esc(t("Quick wins (within six months)")) + "</h2><ul>")
        out.add("".join(f"<li>{esc(w)}</li>" for w in summary.quick_wins))
        out.add("</ul>")
    if summary.roadmap:
        out.add("<h2>" + esc(t("Roadmap")) + "</h2>")
        for phase in summary.roadmap:
            out.add(
                "<h3>" + esc(t("Year {n}").format(n=phase.year)) + f" "
                f"({esc(plan.seasons[phase.year - 1])}): {esc(phase.title)}</h3><ul>"
            )
            out.add("".join(f"<li>{esc(item)}</li>" for item in phase.items))
            out.add("</ul>")
    if summary.headline_kpis:
        out.add("<h2>" + esc(t("Headline indicators")) + "</h2>")
        _kpi_table(out, summary.headline_kpis, plan.seasons)
    return out


def analysis_html(plan: Plan) -> Rendered:
    out = Rendered()
    analysis = plan.analysis
    club = plan.club
    out.add("<h1>" + esc(t("Club analysis")) + "</h1>")
    _status_banner(out, analysis.status, None)
    out.add(paragraphs(analysis.summary))
    people = club.people
    rows = [
        (t("Members this season"), club.members_total()),
        (t("Members last season"), people.members_last_season.total()),
        (t("Teams"), sum(team.count for team in people.teams) if people.teams else None),
        (t("Coaches"), sum(c.count for c in people.coaches) if people.coaches else None),
        (
            t("Volunteers"),
            people.volunteers.value if people.volunteers is not None else None,
        ),
        (t("Facilities"), len(club.facilities) if club.facilities else None),
    ]
    out.add("<h2>" + esc(t("The club at a glance")) + "</h2><table cellpadding='4'>")
    for name, value in rows:
        shown = number(value) if isinstance(value, int | float) else t("to be collected")
        out.add(f"<tr><td>{esc(name)}</td><td align='right'><b>{esc(shown)}</b></td></tr>")
    out.add("</table>")
    swot = analysis.swot
    out.add("<h2>" + esc(t("SWOT")) + "</h2><table width='100%' cellpadding='6' border='0'>")
    cells = [
        (t("Strengths"), swot.strengths),
        (t("Weaknesses"), swot.weaknesses),
        (t("Opportunities"), swot.opportunities),
        (t("Threats"), swot.threats),
    ]
    for row in (cells[:2], cells[2:]):
        out.add("<tr>")
        for title, items in row:
            body = (
                "".join(f"<li>{esc(i)}</li>" for i in items)
                or "<li>" + esc(t("none given")) + "</li>"
            )
            out.add(f"<td valign='top' width='50%'><b>{esc(title)}</b><ul>{body}</ul></td>")
        out.add("</tr>")
    out.add("</table>")
    return out


def compliance_html(plan: Plan) -> Rendered:
    out = Rendered()
    out.add("<h1>" + esc(t("Compliance checklist")) + "</h1>")
    names = {
        ComplianceStatus.OK: ("questionnaire", t("in order")),
        ComplianceStatus.TO_DO: ("missing", t("to do")),
        ComplianceStatus.TO_CHECK: ("estimate", t("to check")),
        ComplianceStatus.NOT_APPLICABLE: ("research", t("not applicable")),
    }
    out.add("<table width='100%' cellpadding='5'>")
    for item in plan.compliance:
        key, label = names[item.status]
        background, colour = pair(BADGES, key)
        out.add(
            f"<tr><td valign='top'><span style='background-color:{background}; color:{colour}'>"
            f"&nbsp;{esc(label)}&nbsp;</span></td><td><b>{esc(item.title)}</b><br>"
            f"{esc(item.detail)}<br><small>{esc(item.reference)}</small></td></tr>"
        )
    out.add("</table>")
    return out


def monitoring_html(plan: Plan) -> Rendered:
    out = Rendered()
    out.add("<h1>" + esc(t("Monitoring calendar")) + "</h1>")
    out.add(
        "<p>"
        + esc(t("Review the indicators at these dates; compare each with its target."))
        + "</p>"
    )
    out.add(
        "<table width='100%' cellpadding='4'>"
        "<tr><th align='left'>"
        + esc(t("When"))
        + "</th><th align='left'>"
        + esc(t("What"))
        + "</th>"
        "<th align='left'>" + esc(t("Who")) + "</th></tr>"
    )
    for entry in plan.monitoring:
        out.add(
            f"<tr><td>{entry.due.strftime('%d/%m/%Y')}</td><td>{esc(entry.what)}</td>"
            f"<td>{esc(entry.owner_role)}</td></tr>"
        )
    out.add("</table>")
    return out


def gaps_html(plan: Plan) -> Rendered:
    out = Rendered()
    out.add("<h1>" + esc(t("Data to collect")) + "</h1>")
    out.add(
        "<p>"
        + esc(t("The plan never invents these figures: collect them and update the plan."))
        + ""
        "</p>"
    )
    if not plan.data_gaps:
        out.add("<p>" + esc(t("Nothing missing.")) + "</p>")
    out.add("<ul>")
    for gap in plan.data_gaps:
        out.add(f"<li><b>{esc(gap.label)}</b><br>{esc(gap.why)}</li>")
    out.add("</ul>")
    return out


def warnings_html(plan: Plan) -> Rendered:
    out = Rendered()
    out.add("<h1>" + esc(t("Review notes")) + "</h1>")
    if not plan.warnings:
        out.add("<p>" + esc(t("No warnings.")) + "</p>")
    kinds = {"info": "research", "warning": "estimate", "error": "missing"}
    names = {"info": t("note"), "warning": t("check"), "error": t("problem")}
    out.add("<table width='100%' cellpadding='5'>")
    for warning in plan.warnings:
        background, colour = pair(BADGES, kinds[warning.severity.value])
        out.add(
            f"<tr><td valign='top'><span style='background-color:{background}; color:{colour}'>"
            f"&nbsp;{esc(names[warning.severity.value])}&nbsp;</span></td>"
            f"<td>{esc(warning.message)}</td></tr>"
        )
    out.add("</table>")
    return out
