"""Run the agents: the five domain agents concurrently, then the coordinator.

Progress goes out as ``GenerationEvent`` objects through one callback, called
from pool threads: the desktop turns it into a queued Qt signal, the CLI
prints it. A failed agent does not sink the plan; cancel stops promptly and
keeps what finished.
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from engine.agents.context import PlanContext
from engine.agents.registry import DOMAIN_AGENTS, AgentName
from engine.agents.writers import AgentOutput, SectionWriter
from engine.llm import errors
from engine.llm.base import CancelToken, ErrorKind, LLMError
from engine.pool import FuturePool

log = logging.getLogger(__name__)
POLL_S = 0.05


class EventKind(StrEnum):
    STARTED = "started"
    TEXT = "text"
    FINISHED = "finished"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class GenerationEvent:
    kind: EventKind
    agent: AgentName
    elapsed_ms: int = 0
    tokens: int = 0
    text: str = ""
    error_kind: str | None = None
    messages: tuple[str, str] | None = None  # Italian, English
    replacement: str | None = None  # the model to switch to when this one is retired

    def message(self, language: str = "it") -> str:
        if not self.messages:
            return ""
        return self.messages[0 if language == "it" else 1]


EventSink = Callable[[GenerationEvent], None]


@dataclass
class AgentRun:
    agent: AgentName
    output: AgentOutput | None = None
    duration_ms: int = 0
    started: bool = False
    error: LLMError | None = None

    @property
    def ok(self) -> bool:
        return self.output is not None


@dataclass
class OrchestratorResult:
    runs: dict[AgentName, AgentRun] = field(default_factory=dict)
    cancelled: bool = False
    wall_ms: int = 0

    @property
    def failed(self) -> list[AgentName]:
        return [agent for agent, run in self.runs.items() if not run.ok]


def _as_llm_error(error: BaseException) -> LLMError:
    if isinstance(error, LLMError):
        return error
    log.exception("agent crashed", exc_info=error)
    return LLMError(
        ErrorKind.BAD_REQUEST,
        it=f"Errore interno dell'agente ({type(error).__name__}): dettagli nel log.",
        en=f"Internal error in the agent ({type(error).__name__}): details in the log.",
    )


class Orchestrator:
    def __init__(self, writer: SectionWriter, max_concurrency: int = 5) -> None:
        self.writer = writer
        self.max_concurrency = max(1, max_concurrency)

    def _run_agent(
        self,
        agent: AgentName,
        ctx: PlanContext,
        prior: dict[AgentName, Any],
        emit: EventSink,
        cancel: CancelToken,
        run: AgentRun,
    ) -> AgentRun:
        run.started = True
        started = time.perf_counter()
        emit(GenerationEvent(EventKind.STARTED, agent))
        try:
            if cancel.cancelled:
                raise errors.cancelled()
            output = self.writer.write(
                agent,
                ctx,
                prior,
                lambda text: emit(GenerationEvent(EventKind.TEXT, agent, text=text)),
                cancel,
            )
            run.output = output
            run.duration_ms = int((time.perf_counter() - started) * 1000)
            emit(GenerationEvent(EventKind.FINISHED, agent, run.duration_ms, output.usage.total))
        except BaseException as error:
            run.error = _as_llm_error(error)
            run.duration_ms = int((time.perf_counter() - started) * 1000)
            kind = (
                EventKind.CANCELLED if run.error.kind is ErrorKind.CANCELLED else EventKind.FAILED
            )
            emit(
                GenerationEvent(
                    kind,
                    agent,
                    run.duration_ms,
                    error_kind=run.error.kind.value,
                    messages=run.error.messages,
                    replacement=run.error.replacement,
                )
            )
        return run

    def run(
        self,
        ctx: PlanContext,
        emit: EventSink,
        cancel: CancelToken,
        agents: Iterable[AgentName] | None = None,
        prior: dict[AgentName, Any] | None = None,
    ) -> OrchestratorResult:
        """Run ``agents`` (default: all). ``prior`` holds sections kept from an earlier run."""
        wanted = set(agents) if agents is not None else set(AgentName)
        sections: dict[AgentName, Any] = dict(prior or {})
        result = OrchestratorResult()
        started = time.perf_counter()
        pool = FuturePool(self.max_concurrency)
        try:
            domain = [a for a in DOMAIN_AGENTS if a in wanted]
            futures: dict[cf.Future, AgentRun] = {}
            for agent in domain:
                run = AgentRun(agent)
                result.runs[agent] = run
                snapshot = dict(sections)
                futures[
                    pool.submit(
                        lambda a=agent, r=run, s=snapshot: self._run_agent(
                            a, ctx, s, emit, cancel, r
                        )
                    )
                ] = run
            self._wait(futures, cancel, emit)
            for run in result.runs.values():
                if run.ok and run.output is not None:
                    sections[run.agent] = run.output.section
            if AgentName.COORDINATOR in wanted and not cancel.cancelled:
                run = AgentRun(AgentName.COORDINATOR)
                result.runs[AgentName.COORDINATOR] = run
                future = pool.submit(
                    lambda: self._run_agent(AgentName.COORDINATOR, ctx, sections, emit, cancel, run)
                )
                self._wait({future: run}, cancel, emit)
            elif AgentName.COORDINATOR in wanted:
                result.runs[AgentName.COORDINATOR] = AgentRun(
                    AgentName.COORDINATOR,
                    error=errors.cancelled(),
                )
        finally:
            pool.shutdown()
        result.cancelled = cancel.cancelled
        result.wall_ms = int((time.perf_counter() - started) * 1000)
        return result

    @staticmethod
    def _wait(futures: dict[cf.Future, AgentRun], cancel: CancelToken, emit: EventSink) -> None:
        pending = set(futures)
        while pending:
            _done, pending = cf.wait(pending, timeout=POLL_S)
            if cancel.cancelled:
                for future in list(pending):
                    if future.cancel():  # never started: nothing to wait for
                        run = futures[future]
                        run.error = errors.cancelled()
                        emit(
                            GenerationEvent(
                                EventKind.CANCELLED,
                                run.agent,
                                error_kind=ErrorKind.CANCELLED.value,
                                messages=run.error.messages,
                            )
                        )
                        pending.discard(future)
