"""A readable difference between two versions of a plan, field by field.

Objectives are matched by code, actions by code, KPIs by position (their
names may be edited), finance lines by category; each change names where it
is (area, objective) and which field, with its label from the domain model,
and shows the old and the new value. Long texts are shortened in the middle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from desktop import i18n
from desktop.i18n import t
from desktop.planview.figures import esc, money_range, number, value_text
from desktop.theme import BADGES, pair
from engine.domain import Area, Plan, SectionStatus, SourcedValue
from engine.domain.plan import KPI, MacroObjective

MAX_TEXT = 400


@dataclass(frozen=True)
class Change:
    where: str
    field: str
    old: str
    new: str

    @property
    def kind(self) -> str:
        if not self.old:
            return "added"
        if not self.new:
            return "removed"
        return "changed"


def field_label(model: type[BaseModel], name: str) -> str:
    info = model.model_fields[name]
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if i18n.current() == "it":
        return info.title or name
    return str(extra.get("title_en") or info.title or name)


def shorten(text: str) -> str:
    text = " ".join(str(text).split())
    if len(text) <= MAX_TEXT:
        return text
    half = MAX_TEXT // 2 - 2
    return f"{text[:half]} … {text[-half:]}"


def show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, SourcedValue):
        return value_text(value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        return number(value)
    if isinstance(value, list):
        return "; ".join(show(v) for v in value)
    return shorten(str(value))


class Differ:
    """Collects changes; the wording lives in module-level functions (see ``i18n.t``)."""

    def __init__(self) -> None:
        self.changes: list[Change] = []

    def compare(self, where: str, field: str, old: Any, new: Any) -> None:
        before, after = show(old), show(new)
        if before != after:
            self.changes.append(Change(where, field, before, after))


def diff_objective(
    d: Differ, where: str, old: MacroObjective | None, new: MacroObjective | None
) -> None:
    label = (new or old).code + " " + (new or old).title  # type: ignore[union-attr]
    place = f"{where} › {label}"
    if old is None or new is None:
        d.compare(place, t("Objective"), old and old.title, new and new.title)
        return
    for name in ("title", "priority", "objective", "baseline", "gap"):
        d.compare(place, field_label(MacroObjective, name), getattr(old, name), getattr(new, name))
    d.compare(
        place,
        field_label(MacroObjective, "budget"),
        money_range(old.budget.min_eur, old.budget.max_eur),
        money_range(new.budget.min_eur, new.budget.max_eur),
    )
    old_actions = {a.code: a for a in old.actions}
    new_actions = {a.code: a for a in new.actions}
    for code in sorted(old_actions.keys() | new_actions.keys()):
        before, after = old_actions.get(code), new_actions.get(code)
        d.compare(
            place,
            t("Action {code}").format(code=code),
            before and f"{before.what} ({before.owner_role}, {before.deadline:%d/%m/%Y})",
            after and f"{after.what} ({after.owner_role}, {after.deadline:%d/%m/%Y})",
        )
    diff_kpis(d, place, old.kpis, new.kpis)


def diff_kpis(d: Differ, place: str, old: list[KPI], new: list[KPI]) -> None:
    for n in range(max(len(old), len(new))):
        before = old[n] if n < len(old) else None
        after = new[n] if n < len(new) else None
        name = (after or before).name  # type: ignore[union-attr]
        if before is None or after is None:
            d.compare(place, t("Indicator"), before and before.name, after and after.name)
            continue
        d.compare(place, t("Indicator name"), before.name, after.name)
        d.compare(place, t("{kpi}: today").format(kpi=name), before.baseline, after.baseline)
        for year, (a, b) in enumerate(zip(before.targets, after.targets, strict=False), 1):
            d.compare(place, t("{kpi}: target year {n}").format(kpi=name, n=year), a, b)


def diff_plans(old: Plan, new: Plan) -> list[Change]:
    """Every difference a reader would care about, in the plan's order."""
    lang = i18n.current()
    d = Differ()
    summary = t("Executive summary")
    d.compare(summary, t("Title"), old.title, new.title)
    d.compare(summary, t("Vision"), old.executive_summary.vision, new.executive_summary.vision)
    d.compare(
        summary,
        t("Top priorities"),
        [f"{p.code} {p.title}" for p in old.executive_summary.priorities],
        [f"{p.code} {p.title}" for p in new.executive_summary.priorities],
    )
    d.compare(
        summary, t("Quick wins"), old.executive_summary.quick_wins, new.executive_summary.quick_wins
    )
    d.compare(t("Club analysis"), t("Analysis"), old.analysis.summary, new.analysis.summary)
    for area in Area:
        before, after = old.area(area), new.area(area)
        where = area.label(lang)
        d.compare(
            where,
            t("Section status"),
            before and status_label(before.status),
            after and status_label(after.status),
        )
        d.compare(where, t("Introduction"), before and before.intro, after and after.intro)
        old_objectives = {o.code: o for o in (before.objectives if before else [])}
        new_objectives = {o.code: o for o in (after.objectives if after else [])}
        for code in sorted(old_objectives.keys() | new_objectives.keys(), key=_code_order):
            diff_objective(d, where, old_objectives.get(code), new_objectives.get(code))
    finance = t("Financial plan")
    d.compare(
        finance, t("Commentary"), old.financial_plan.commentary, new.financial_plan.commentary
    )
    d.compare(finance, t("Risks"), old.financial_plan.risks, new.financial_plan.risks)
    old_lines = {line.category: line for line in old.financial_plan.lines}
    new_lines = {line.category: line for line in new.financial_plan.lines}
    for category in old_lines.keys() | new_lines.keys():
        before_line, after_line = old_lines.get(category), new_lines.get(category)
        label = (after_line or before_line).label  # type: ignore[union-attr]
        d.compare(
            finance,
            label,
            before_line and before_line.values,
            after_line and after_line.values,
        )
    d.compare(
        finance,
        t("Break-even year"),
        old.financial_plan.break_even_year,
        new.financial_plan.break_even_year,
    )
    old_checks = {c.code: c for c in old.compliance}
    new_checks = {c.code: c for c in new.compliance}
    for code in sorted(old_checks.keys() | new_checks.keys()):
        before_item, after_item = old_checks.get(code), new_checks.get(code)
        d.compare(
            t("Compliance"),
            (after_item or before_item).title,  # type: ignore[union-attr]
            before_item and before_item.status.value,
            after_item and after_item.status.value,
        )
    return d.changes


def status_label(status: SectionStatus) -> str:
    return {
        SectionStatus.OK: t("written"),
        SectionStatus.FAILED: t("failed"),
        SectionStatus.MISSING: t("not written"),
        SectionStatus.EDITED: t("edited by you"),
    }[status]


def _code_order(code: str) -> tuple[str, int]:
    return code[:2], int(code[2:]) if code[2:].isdigit() else 0


def diff_html(changes: list[Change], old_label: str, new_label: str) -> str:
    if not changes:
        return "<p>" + esc(t("The two versions have the same content.")) + "</p>"
    removed_bg, removed_fg = pair(BADGES, "missing")
    added_bg, added_fg = pair(BADGES, "questionnaire")
    head = t("{n} differences from {old} to {new}.")
    parts = [f"<p>{esc(head.format(n=len(changes), old=old_label, new=new_label))}</p>"]
    where = None
    for change in changes:
        if change.where != where:
            where = change.where
            parts.append(f"<h3>{esc(where)}</h3>")
        red = f"background-color:{removed_bg}; color:{removed_fg}"
        old = (
            f"<span style='{red}'>{esc(change.old)}</span>"
            if change.old
            else "<i>" + esc(t("(nothing)")) + "</i>"
        )
        green = f"background-color:{added_bg}; color:{added_fg}"
        new = (
            f"<span style='{green}'>{esc(change.new)}</span>"
            if change.new
            else "<i>" + esc(t("(removed)")) + "</i>"
        )
        parts.append(f"<p><b>{esc(change.field)}</b><br>{old}<br>→ {new}</p>")
    return "".join(parts)
