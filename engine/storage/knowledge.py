"""Which parts of a saved plan can serve as examples for the agents writing a new one."""

from __future__ import annotations

from typing import Any

SECTIONS = (
    "sports",
    "infrastructure",
    "marketing",
    "social",
    "executive_summary",
    "financial_plan",
)
USABLE = frozenset({"ok", "edited"})
CHARS_PER_TOKEN = 4  # the usual rule of thumb for Latin-script text


def example_sections(plan: dict[str, Any]) -> list[tuple[str, int]]:
    """``(section, token_estimate)`` for each section good enough to show an agent."""
    found: list[tuple[str, int]] = []
    for area in plan.get("areas", []):
        if area.get("status") in USABLE and area.get("objectives"):
            found.append((area["area"], _tokens(area)))
    for name in ("executive_summary", "financial_plan"):
        section = plan.get(name) or {}
        if section.get("status") in USABLE and _has_content(name, section):
            found.append((name, _tokens(section)))
    return found


def section_content(plan: dict[str, Any], section: str) -> dict[str, Any] | None:
    if section in ("executive_summary", "financial_plan"):
        return plan.get(section)
    return next((a for a in plan.get("areas", []) if a.get("area") == section), None)


def _has_content(name: str, section: dict[str, Any]) -> bool:
    if name == "executive_summary":
        return bool(section.get("vision"))
    return bool(section.get("lines") or section.get("commentary"))


def _tokens(section: dict[str, Any]) -> int:
    return len(str(section)) // CHARS_PER_TOKEN
