"""Generation runs in the store: one row per run, one per agent call, with tokens and cost."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.storage.models import AgentRun, GenerationRun


@dataclass(frozen=True)
class AgentRunInfo:
    agent: str
    status: str
    duration_ms: int
    input_tokens: int
    output_tokens: int
    cost_eur: float | None  # None: the model's price is not known
    error: str | None


@dataclass(frozen=True)
class RunInfo:
    id: int
    version: int | None
    provider: str
    model: str | None
    status: str
    input_tokens: int
    output_tokens: int
    cost_eur: float | None  # None: not estimable
    agents: list[AgentRunInfo]
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None


def add_run(
    session: Session,
    plan_id: int,
    version: int,
    writer: tuple[str, str | None],
    status: str,
    times: tuple[dt.datetime, dt.datetime],
    agents: list[AgentRunInfo],
) -> None:
    """Store a run of ``writer`` (provider, model) with its agents; the totals are theirs,
    and one agent without a cost estimate makes the run's total not estimable too."""
    run = GenerationRun(
        plan_id=plan_id,
        version_number=version,
        provider=writer[0],
        model=writer[1],
        status=status,
        started_at=times[0],
        finished_at=times[1],
        input_tokens=0,
        output_tokens=0,
        cost_eur=0.0,
    )
    for agent in agents:
        run.agents.append(
            AgentRun(
                agent=agent.agent,
                status=agent.status,
                duration_ms=agent.duration_ms,
                input_tokens=agent.input_tokens,
                output_tokens=agent.output_tokens,
                cost_eur=agent.cost_eur,
                error=agent.error,
            )
        )
        run.input_tokens += agent.input_tokens
        run.output_tokens += agent.output_tokens
        cost = agent.cost_eur
        run.cost_eur = None if cost is None or run.cost_eur is None else run.cost_eur + cost
    session.add(run)


def runs(session: Session, plan_id: int) -> list[RunInfo]:
    """A plan's runs, oldest first."""
    found = session.scalars(
        select(GenerationRun)
        .where(GenerationRun.plan_id == plan_id)
        .order_by(GenerationRun.started_at)
    )
    return [
        RunInfo(
            r.id,
            r.version_number,
            r.provider,
            r.model,
            r.status,
            r.input_tokens,
            r.output_tokens,
            r.cost_eur,
            [
                AgentRunInfo(
                    a.agent,
                    a.status,
                    a.duration_ms,
                    a.input_tokens,
                    a.output_tokens,
                    a.cost_eur,
                    a.error,
                )
                for a in r.agents
            ],
            r.started_at,
            r.finished_at,
        )
        for r in found
    ]
