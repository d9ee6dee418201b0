"""Estimated cost of a generation, from token counts and a per-model price table.

Prices change and depend on the account's tier, so these are estimates for
the user's information (shown as "stima"), overridable in settings. Offline
plans cost nothing.
"""

from __future__ import annotations

from engine.llm.base import Usage

# EUR per million tokens (input, output incl. thinking), Flash-class list prices of late 2026.
DEFAULT_PRICES: dict[str, tuple[float, float]] = {
    "gemini": (0.28, 2.30),
    "local": (0.0, 0.0),
    "offline": (0.0, 0.0),
}


def estimate_cost_eur(
    provider: str, usage: Usage, prices: dict[str, tuple[float, float]] | None = None
) -> float:
    input_price, output_price = (prices or DEFAULT_PRICES).get(provider, (0.0, 0.0))
    output_tokens = usage.output_tokens + usage.thinking_tokens
    return round((usage.input_tokens * input_price + output_tokens * output_price) / 1e6, 6)
