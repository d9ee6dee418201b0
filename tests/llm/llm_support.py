"""Shared requests and schemas for the language-model tests (import by full name)."""

from __future__ import annotations

from typing import Any

from engine.llm.base import CompletionRequest, GenerationSettings

TEST_KEY = "AIza" + "SyTESTKEY0123456789abcdefghijklmnop"  # real-key shape, split for scanners

SECTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "summary": {"type": "string", "minLength": 10},
        "objectives": {
            "type": "array",
            "minItems": 2,
            "maxItems": 8,
            "items": {"$ref": "#/$defs/Objective"},
        },
        "priority": {"type": "string", "enum": ["alta", "media", "bassa"]},
    },
    "required": ["summary", "objectives", "priority"],
    "additionalProperties": False,
    "$defs": {
        "Objective": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "pattern": "^SP[1-8]$"},
                "title": {"type": "string"},
                "budget_eur": {"type": "integer", "minimum": 0, "maximum": 50000},
                "actions": {"type": "array", "minItems": 1, "items": {"type": "string"}},
            },
            "required": ["code", "title", "budget_eur", "actions"],
            "additionalProperties": False,
        }
    },
}

VALID_ANSWER: dict[str, Any] = {
    "summary": "Crescita del settore giovanile",
    "objectives": [
        {"code": "SP1", "title": "Scuola calcio", "budget_eur": 4000, "actions": ["Open day"]},
        {"code": "SP2", "title": "Allenatori", "budget_eur": 2500, "actions": ["Corsi FIGC"]},
    ],
    "priority": "alta",
}


def make_request(
    agent: str = "sports",
    prompt: str = "Scrivi gli obiettivi sportivi per l'ASD Esempio.",
    *,
    schema: dict[str, Any] | None = None,
    model: str = "gemini-2.5-flash",
    use_cache: bool = True,
    timeout_s: float = 10.0,
    max_output_tokens: int = 8192,
    **limits: float,
) -> CompletionRequest:
    """``timeout_s`` is both the first-byte and the idle timeout; ``limits`` sets any of
    ``GenerationSettings``' other limits (``section_timeout_s``, ``max_answer_bytes``...)."""
    return CompletionRequest(
        agent=agent,
        system="Sei un consulente di società sportive dilettantistiche.",
        prompt=prompt,
        schema=schema or SECTION_SCHEMA,
        settings=GenerationSettings(
            model=model,
            temperature=0.2,
            max_output_tokens=max_output_tokens,
            **{"first_byte_timeout_s": timeout_s, "idle_timeout_s": timeout_s, **limits},
        ),
        use_cache=use_cache,
    )
