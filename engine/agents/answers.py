"""What each agent answers, as pydantic models: one class gives the schema and the check.

Like Calibre's LLM back ends, the JSON schema sent to the model and the parser of
its answer come from one annotated class, so they cannot drift apart. Every field
is required (lists may be empty): OpenAI-compatible servers in strict mode refuse
optional properties, and Gemini follows required fields more reliably.
``schema_for`` inlines the ``$defs`` pydantic emits and narrows enums to one
request (the area's codes, the plan's owner roles).
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from engine.domain.plan import MACRO_CODE, MICRO_CODE

TEXT = 4000
SHORT = 600
MAX_EXTRA_ACTIONS = 3
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


class AnswerModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActionWording(AnswerModel):
    """The club-specific wording of one computed action (owner and deadline stay computed)."""

    code: str = Field(pattern=MICRO_CODE.pattern)
    what: str = Field(min_length=1, max_length=SHORT)


class ExtraAction(AnswerModel):
    """An action the model proposes for this club (checked: owner, deadline, no new figures)."""

    what: str = Field(min_length=1, max_length=SHORT)
    owner_role: str = Field(min_length=1, max_length=200)
    deadline: str = Field(pattern=DATE_PATTERN)


class ObjectiveAnswer(AnswerModel):
    code: str = Field(pattern=MACRO_CODE.pattern)
    title: str = Field(min_length=1, max_length=300)
    objective: str = Field(min_length=1, max_length=TEXT)
    baseline: str = Field(min_length=1, max_length=TEXT)
    gap: str = Field(min_length=1, max_length=TEXT)
    actions: list[ActionWording] = Field(max_length=30)
    extra_actions: list[ExtraAction] = Field(max_length=MAX_EXTRA_ACTIONS)


class AreaAnswer(AnswerModel):
    intro: str = Field(min_length=1, max_length=TEXT)
    objectives: list[ObjectiveAnswer] = Field(max_length=9)


class FinancialAnswer(AnswerModel):
    commentary: str = Field(min_length=1, max_length=TEXT)
    risks: list[str] = Field(max_length=6)


class AreaParagraphs(AnswerModel):
    sports: str = Field(min_length=1, max_length=TEXT)
    infrastructure: str = Field(min_length=1, max_length=TEXT)
    marketing: str = Field(min_length=1, max_length=TEXT)
    social: str = Field(min_length=1, max_length=TEXT)


class PriorityAnswer(AnswerModel):
    code: str = Field(pattern=MACRO_CODE.pattern)
    title: str = Field(min_length=1, max_length=300)
    reason: str = Field(min_length=1, max_length=300)


class PhaseAnswer(AnswerModel):
    year: int = Field(ge=1, le=3)
    title: str = Field(min_length=1, max_length=200)
    items: list[str] = Field(max_length=12)


class SummaryAnswer(AnswerModel):
    vision: str = Field(min_length=1, max_length=TEXT)
    area_paragraphs: AreaParagraphs
    priorities: list[PriorityAnswer] = Field(min_length=5, max_length=5)
    quick_wins: list[str] = Field(min_length=5, max_length=5)
    roadmap: list[PhaseAnswer] = Field(min_length=3, max_length=3)


_DROPPED = ("title", "description", "default")


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            return _inline(copy.deepcopy(defs[name]), defs)
        inlined = {}
        for key, value in node.items():
            if key == "properties":  # field names, not schema keywords: keep every one
                inlined[key] = {name: _inline(sub, defs) for name, sub in value.items()}
            elif key not in _DROPPED and key != "$defs":
                inlined[key] = _inline(value, defs)
        return inlined
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    return node


def json_schema(model: type[AnswerModel]) -> dict[str, Any]:
    """The model's JSON Schema with every ``$ref`` inlined and labels dropped."""
    raw = model.model_json_schema()
    return _inline(raw, raw.get("$defs", {}))


def narrowed_area_schema(
    codes: list[str], action_codes: list[str], owners: list[str]
) -> dict[str, Any]:
    """The area schema for one request: exactly its objectives, its actions and owners."""
    schema = json_schema(AreaAnswer)
    objectives = schema["properties"]["objectives"]
    objectives["minItems"] = objectives["maxItems"] = len(codes)
    item = objectives["items"]
    item["properties"]["code"] = {"type": "string", "enum": codes}
    if action_codes:
        item["properties"]["actions"]["items"]["properties"]["code"] = {
            "type": "string",
            "enum": action_codes,
        }
    if owners:
        # Listed, not enforced by the schema: one unknown owner must cost that action only
        # (the merge drops it with a note), not the whole section after a failed repair.
        extra = item["properties"]["extra_actions"]["items"]["properties"]
        extra["owner_role"]["description"] = "one of: " + "; ".join(owners)
    return schema


def narrowed_summary_schema(codes: list[str]) -> dict[str, Any]:
    schema = json_schema(SummaryAnswer)
    schema["properties"]["priorities"]["items"]["properties"]["code"] = {
        "type": "string",
        "enum": codes,
    }
    return schema
