"""Estimated cost of a generation, from token counts and a dated price table per model.

Prices change by model and by month (``resources/config/prices.json``, with sources).
A model the table does not know gets no estimate ("costo non stimabile"), never zero:
a zero would tell the user a plan was free. Offline and local plans cost nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from engine.llm.base import Usage
from engine.paths import resource_path


@dataclass(frozen=True)
class Price:
    input_usd: float  # per million tokens
    output_usd: float  # per million tokens, thinking included
    source: str
    date: str


@cache
def price_table() -> dict[str, Any]:
    return json.loads(resource_path("config", "prices.json").read_text("utf-8"))


def price_for(model: str | None) -> Price | None:
    """The longest matching model prefix's price ("gemini-3.8-flash-001" -> 3.8 Flash)."""
    if not model:
        return None
    name = model.strip().removeprefix("models/")
    table: dict[str, dict[str, Any]] = price_table()["models"]
    matches = [prefix for prefix in table if name == prefix or name.startswith(f"{prefix}-")]
    if not matches:
        return None
    row = table[max(matches, key=len)]
    return Price(float(row["input"]), float(row["output"]), str(row["source"]), str(row["date"]))


def estimate_cost_eur(
    provider: str, usage: Usage, model: str | None = None, grounded_requests: int = 0
) -> float | None:
    """The cost in euros, or None when the model's price is not known."""
    table = price_table()
    if provider in table["free"]:
        return 0.0
    price = price_for(model)
    if price is None:
        return None
    output_tokens = usage.output_tokens + usage.thinking_tokens
    usd = (usage.input_tokens * price.input_usd + output_tokens * price.output_usd) / 1e6
    usd += grounded_requests * float(table["search_grounding_per_1000"]["usd"]) / 1000
    return round(usd / float(table["usd_per_eur"]), 6)


def cost_text(cost: float | None, language: str = "it") -> str:
    """A run's cost as the screens say it: an estimate, never a zero that means "unknown"."""
    it = language == "it"
    if cost is None:
        return (
            "costo non stimabile (modello senza prezzo nella tabella)"
            if it
            else "cost not estimable (no price for this model)"
        )
    if cost == 0:
        return "nessun costo" if it else "no cost"
    if cost < 0.01:
        return "stima: meno di 1 centesimo" if it else "estimate: under 1 cent"
    amount = f"{cost:,.2f}"
    if it:
        amount = amount.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        return f"stima: {amount} €"
    return f"estimate: €{amount}"
