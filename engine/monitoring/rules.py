"""The status rules as data: tolerances and row directions from ``monitoring.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from engine.paths import resource_path


@dataclass(frozen=True)
class MonitoringRules:
    kpi_tolerance: float
    finance_tolerance: float
    budget_tolerance: float
    late_share_red: float  # an objective is red when more than this share of due actions is late
    area_red_share: float  # an area (or the plan) is red from this share of red parts
    finance_rows: dict[str, str]  # row key -> "up" (more is better) | "down"
    finance_stocks: frozenset[str]  # rows that are a level, not a flow (cash)


@cache
def load_rules() -> MonitoringRules:
    data = json.loads(resource_path("catalogue", "monitoring.json").read_text("utf-8"))
    tolerance = data["tolerance"]
    return MonitoringRules(
        kpi_tolerance=float(tolerance["kpi"]),
        finance_tolerance=float(tolerance["finance"]),
        budget_tolerance=float(tolerance["budget"]),
        late_share_red=float(data["objective"]["late_share_red"]),
        area_red_share=float(data["area"]["red_share"]),
        finance_rows=dict(data["finance_rows"]),
        finance_stocks=frozenset(data["finance_stocks"]),
    )
