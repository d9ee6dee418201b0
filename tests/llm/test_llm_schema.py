"""The JSON-Schema subset validator, and the doubles' schema-instance generator."""

from __future__ import annotations

from typing import Any

import pytest

from engine.llm.schema import SchemaError, check, validate
from tests.doubles.schema_instance import example_for_pattern, instance_for
from tests.llm.llm_support import SECTION_SCHEMA, VALID_ANSWER


def test_valid_answer_passes() -> None:
    assert validate(VALID_ANSWER, SECTION_SCHEMA) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"priority": "urgente"}, '$.priority: "urgente" is not one of'),
        ({"summary": 3}, "$.summary: expected string, got integer"),
        ({"summary": "corto"}, "$.summary: needs at least 10 characters"),
        ({"objectives": []}, "$.objectives: needs at least 2 items, got 0"),
        ({"extra": 1}, "$: unexpected property 'extra'"),
    ],
)
def test_top_level_problems(change: dict[str, Any], expected: str) -> None:
    problems = validate({**VALID_ANSWER, **change}, SECTION_SCHEMA)
    assert any(p.startswith(expected) for p in problems), problems


def test_nested_problems_have_paths_through_refs() -> None:
    answer = {
        **VALID_ANSWER,
        "objectives": [
            {"code": "MK1", "title": "x", "budget_eur": 60000, "actions": []},
            {"code": "SP2", "title": "y", "budget_eur": 1.5, "actions": ["a"]},
        ],
    }
    problems = validate(answer, SECTION_SCHEMA)
    assert '$.objectives[0].code: "MK1" does not match the pattern ^SP[1-8]$' in problems
    assert "$.objectives[0].budget_eur: 60000 is above the maximum 50000" in problems
    assert "$.objectives[0].actions: needs at least 1 items, got 0" in problems
    assert "$.objectives[1].budget_eur: expected integer, got number" in problems


def test_missing_required() -> None:
    answer = {k: v for k, v in VALID_ANSWER.items() if k != "priority"}
    assert validate(answer, SECTION_SCHEMA) == ["$: missing required property 'priority'"]


@pytest.mark.parametrize(
    ("value", "schema", "ok"),
    [
        (True, {"type": "integer"}, False),  # a boolean is not a number
        (3.0, {"type": "integer"}, True),
        (None, {"type": ["string", "null"]}, True),
        (None, {"anyOf": [{"type": "string"}, {"type": "null"}]}, True),
        (5, {"anyOf": [{"type": "string"}, {"type": "null"}]}, False),
        ("x", {"type": "STRING"}, True),  # Gemini's OpenAPI-style upper case
        ([1, 1], {"type": "array", "uniqueItems": True}, False),
        (5, {"exclusiveMinimum": 5}, False),
        (10, {"multipleOf": 5}, True),
        ("b", {"const": "a"}, False),
        ({"x": 1}, {"type": "object", "additionalProperties": {"type": "string"}}, False),
        (1, {"allOf": [{"type": "integer"}, {"minimum": 2}]}, False),
        ("x", {"type": "string", "title": "T", "description": "d", "format": "weird"}, True),
    ],
)
def test_keywords(value: Any, schema: dict[str, Any], ok: bool) -> None:
    assert (validate(value, schema) == []) is ok


def test_errors_are_capped() -> None:
    schema = {"type": "array", "items": {"type": "string"}}
    assert len(validate(list(range(100)), schema)) == 20


def test_check_raises_with_problems() -> None:
    with pytest.raises(SchemaError) as caught:
        check({}, SECTION_SCHEMA)
    assert len(caught.value.problems) == 3


def test_generated_instances_fit_their_schema() -> None:
    value = instance_for(SECTION_SCHEMA)
    assert validate(value, SECTION_SCHEMA) == []
    assert [o["code"] for o in value["objectives"]] == ["SP1", "SP2"]


@pytest.mark.parametrize(
    "pattern", [r"^SP[1-8]$", r"^(SP|ST|MK|SO)[1-8]\.\d+$", r"^[A-Z]{2,3}-\d{4}$", r"\w+@\w+"]
)
def test_pattern_examples_match(pattern: str) -> None:
    import re

    for index in range(3):
        example = example_for_pattern(pattern, index)
        assert example is not None and re.search(pattern, example)
