"""Is a plan whole? The check an imported plan passes before it is stored.

A generated plan always has its four areas, its summary and its financial plan:
written, or marked failed/missing with the reason (a hole that ``resume``
fills). A file can lack them, or mark a section done while it holds nothing,
and would then become the current version of a plan that shows empty pages.
"""

from __future__ import annotations

from engine.domain.errors import Issue, issue
from engine.domain.plan import Area, Plan, SectionStatus

WRITTEN = frozenset({SectionStatus.OK, SectionStatus.EDITED})
SUMMARY = ("Sintesi", "Summary")
FINANCE = ("Piano economico-finanziario", "Financial plan")


def section_issues(plan: Plan) -> list[Issue]:
    """One issue per section that is absent, repeated, or marked written but empty."""
    found: list[Issue] = []
    for area in Area:
        sections = [s for s in plan.areas if s.area is area]
        names = {"section_it": area.label("it"), "section_en": area.label("en")}
        if not sections:
            found.append(issue(("areas",), "plan_section_missing", **names))
        elif len(sections) > 1:
            found.append(issue(("areas",), "plan_section_repeated", **names))
        elif sections[0].status in WRITTEN and not sections[0].objectives:
            found.append(issue(("areas",), "plan_section_empty", **names))
    summary = plan.executive_summary
    if summary.status in WRITTEN and not summary.vision.strip():
        found.append(_empty(("executive_summary",), SUMMARY))
    finance = plan.financial_plan
    if finance.status in WRITTEN and not finance.lines:
        found.append(_empty(("financial_plan",), FINANCE))
    return found


def _empty(path: tuple[str, ...], names: tuple[str, str]) -> Issue:
    return issue(path, "plan_section_empty", section_it=names[0], section_en=names[1])
