"""Orchestration on the QThreadPool: overlap, failures kept visible, cancel, resume, regenerate."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from engine.agents.registry import AgentName
from engine.agents.writers import AgentOutput, OfflineWriter
from engine.domain import Area, SectionStatus
from engine.generation import generate
from engine.llm import errors
from engine.llm.base import CancelToken, ErrorKind, LLMError
from engine.orchestrator import EventKind, GenerationEvent
from engine.service import Service, ServiceError
from tests.factories import example_club


class TimedWriter(OfflineWriter):
    """The offline writer, slowed to ``delay`` seconds per agent, failing on demand."""

    provider = "timed"

    def __init__(self, delay: float = 0.0, fail: set[AgentName] | None = None) -> None:
        self.delay = delay
        self.fail = fail or set()
        self.calls: list[AgentName] = []
        self.active = 0
        self.peak = 0
        self.lock = threading.Lock()

    def write(self, agent, ctx, prior, on_text, cancel) -> AgentOutput:
        with self.lock:
            self.calls.append(agent)
            self.active += 1
            self.peak = max(self.peak, self.active)
        try:
            if cancel.wait(self.delay):
                raise errors.cancelled()
            if agent in self.fail:
                raise LLMError(
                    ErrorKind.UNAVAILABLE,
                    it="Il modello è sovraccarico: riprovate più tardi.",
                    en="The model is overloaded.",
                )
            return super().write(agent, ctx, prior, on_text, cancel)
        finally:
            with self.lock:
                self.active -= 1


def events_sink() -> tuple[list[GenerationEvent], Any]:
    events: list[GenerationEvent] = []
    lock = threading.Lock()

    def emit(event: GenerationEvent) -> None:
        with lock:
            events.append(event)

    return events, emit


def test_the_five_agents_really_overlap() -> None:
    writer = TimedWriter(delay=0.4)
    events, emit = events_sink()
    started = time.perf_counter()
    result = generate(example_club(), writer, emit=emit, concurrency=5)
    wall = time.perf_counter() - started
    assert writer.peak == 5
    assert wall < 0.4 * 2 + 0.5  # one round plus the coordinator, not six rounds (2.4 s)
    assert writer.calls[-1] is AgentName.COORDINATOR
    kinds = [e.kind for e in events if e.agent is AgentName.COORDINATOR]
    assert kinds[0] is EventKind.STARTED and kinds[-1] is EventKind.FINISHED
    assert result.plan.failed_sections() == []


def test_concurrency_setting_is_respected() -> None:
    writer = TimedWriter(delay=0.1)
    generate(example_club(), writer, emit=lambda e: None, concurrency=2)
    assert writer.peak == 2


def test_a_failed_agent_does_not_sink_the_plan(service: Service) -> None:
    writer = TimedWriter(fail={AgentName.MARKETING})
    events, emit = events_sink()
    summary, _result = service.generate_plan(example_club(), writer, emit=emit)
    plan = service.get_plan(summary.id).plan
    marketing = plan.area(Area.MARKETING)
    assert marketing.status is SectionStatus.FAILED
    assert "sovraccarico" in (marketing.failure_reason or "")
    assert plan.area(Area.SPORTS).status is SectionStatus.OK
    assert plan.executive_summary.status is SectionStatus.OK  # written from what exists
    assert plan.failed_sections() == ["marketing"]
    failed = [w for w in plan.warnings if w.code == "agent_failed"]
    assert failed and failed[0].section == "marketing"
    assert any(e.kind is EventKind.FAILED and e.agent is AgentName.MARKETING for e in events)
    runs = service.generation_runs(summary.id)
    assert runs[0].status == "partial"
    assert {a.agent: a.status for a in runs[0].agents}["marketing"] == "failed"

    # resume regenerates only what failed (and refreshes the summary)
    fixed = TimedWriter()
    version, _resumed = service.resume_plan(summary.id, fixed, emit=lambda e: None)
    assert version is not None and version.number == 2
    assert set(fixed.calls) == {AgentName.MARKETING, AgentName.COORDINATOR}
    plan = service.get_plan(summary.id).plan
    assert plan.failed_sections() == []
    assert not [w for w in plan.warnings if w.code == "agent_failed"]
    assert service.resume_plan(summary.id, fixed, emit=lambda e: None) == (None, None)


def test_regenerate_one_section_refreshes_the_summary(service: Service) -> None:
    summary, _ = service.generate_plan(example_club(), TimedWriter(), emit=lambda e: None)
    writer = TimedWriter()
    version, _result = service.regenerate_section(summary.id, "social", writer, emit=lambda e: None)
    assert writer.calls == [AgentName.SOCIAL, AgentName.COORDINATOR]
    assert version.number == 2
    with pytest.raises(ServiceError) as caught:
        service.regenerate_section(summary.id, "weather", writer, emit=lambda e: None)
    assert "sports" in caught.value.message("en")


class GeminiLike(TimedWriter):
    """A model writer as the plan records it (provider and model), failing on demand."""

    provider = "gemini"
    model = "gemini-3.8-flash"
    offline_draft = False


def test_a_failed_rewrite_keeps_the_text_and_saves_nothing(service: Service) -> None:
    summary, _ = service.generate_plan(example_club(), OfflineWriter(), emit=lambda e: None)
    before = service.get_plan(summary.id).plan
    failing = GeminiLike(fail={AgentName.SOCIAL, AgentName.COORDINATOR})
    version, result = service.regenerate_section(summary.id, "social", failing, emit=lambda e: None)
    assert not result.wrote_anything
    assert version.number == 1 and [v.number for v in service.versions(summary.id)] == [1]
    after = service.get_plan(summary.id)
    assert after.plan.area(Area.SOCIAL) == before.area(Area.SOCIAL)
    assert after.plan.executive_summary == before.executive_summary
    assert after.summary.provider == "offline"  # the library still names the real author
    runs = service.generation_runs(summary.id)
    assert [r.status for r in runs] == ["complete", "partial"]  # the attempt is on record


def test_a_half_failed_rewrite_keeps_the_old_summary_and_names_each_author(
    service: Service,
) -> None:
    summary, _ = service.generate_plan(example_club(), OfflineWriter(), emit=lambda e: None)
    before = service.get_plan(summary.id).plan
    writer = GeminiLike(fail={AgentName.COORDINATOR})
    version, result = service.regenerate_section(summary.id, "social", writer, emit=lambda e: None)
    assert result.wrote_anything and version.number == 2
    plan = service.get_plan(summary.id).plan
    assert plan.executive_summary == before.executive_summary  # kept, not "failed"
    assert plan.failed_sections() == []
    kept = [w for w in plan.warnings if w.code == "agent_kept"]
    assert kept and "resta il testo precedente" in kept[0].message
    authors = plan.generation.authors
    assert authors["social"].provider == "gemini" and authors["social"].model == "gemini-3.8-flash"
    assert authors["coordinator"].provider == "offline" and authors["sports"].provider == "offline"
    assert plan.generation.provider == "offline"  # five of six sections
    assert plan.generation.offline_draft  # most of it is still the offline draft
    assert service.get_plan(summary.id).summary.provider == "offline+gemini"
    assert [len(agents) for _author, agents in plan.generation.authorship()] == [5, 1]


def test_cancel_stops_promptly_and_keeps_what_finished(service: Service) -> None:
    writer = TimedWriter(delay=5.0)
    cancel = CancelToken()
    events, emit = events_sink()
    threading.Timer(0.3, cancel.cancel).start()
    started = time.perf_counter()
    summary, result = service.generate_plan(
        example_club(), writer, emit=emit, cancel=cancel, concurrency=2
    )
    assert time.perf_counter() - started < 2.0
    assert result.orchestration.cancelled
    plan = service.get_plan(summary.id).plan
    assert set(plan.failed_sections()) >= {"sports", "executive_summary"}
    statuses = {s.area: s.status for s in plan.areas}
    assert SectionStatus.MISSING in statuses.values()
    assert any(e.kind is EventKind.CANCELLED for e in events)
    version, _ = service.resume_plan(summary.id, TimedWriter(), emit=lambda e: None)
    assert version is not None
    assert service.get_plan(summary.id).plan.failed_sections() == []


def test_an_agent_crash_is_reported_not_raised() -> None:
    class Crashing(TimedWriter):
        def write(self, agent, ctx, prior, on_text, cancel):
            if agent is AgentName.SOCIAL:
                raise KeyError("bug")
            return super().write(agent, ctx, prior, on_text, cancel)

    result = generate(example_club(), Crashing(), emit=lambda e: None)
    social = result.plan.area(Area.SOCIAL)
    assert social.status is SectionStatus.FAILED
    assert "KeyError" in (social.failure_reason or "")
