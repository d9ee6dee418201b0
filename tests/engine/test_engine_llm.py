"""Whole plans through the real google-genai SDK (and a local server) against doubles."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from engine.agents.registry import AgentName
from engine.cli import run
from engine.domain import Area, SectionStatus
from engine.generation import generate
from engine.llm.base import Usage
from engine.logs import configure_logging
from engine.paths import database_path
from engine.providers import ProviderChoice, make_writer
from engine.service import Service
from tests.doubles.gemini_double import GeminiDouble, Reply
from tests.doubles.openai_double import OpenAIDouble
from tests.engine.agent_replies import MODEL_MARK, payload_for, role_marker
from tests.engine.conftest import KEY
from tests.factories import EXAMPLES, example_club


def gemini(double: GeminiDouble, **settings: object) -> ProviderChoice:
    fast = {"requests_per_minute": 6000, "max_concurrent": 8}  # the double has no quota
    return ProviderChoice(
        "gemini",
        settings={"gemini_base_url": double.base_url, "max_attempts": 2, **fast, **settings},
    )


def test_agents_overlap_through_the_real_sdk(double: GeminiDouble, service: Service) -> None:
    double.latency_s = 0.5
    writer = make_writer(gemini(double), service.db)
    started = time.perf_counter()
    summary, _ = service.generate_plan(example_club(), writer, emit=lambda e: None)
    wall = time.perf_counter() - started
    assert double.max_in_flight == 6  # the five agents and, beside them, the research agent
    assert wall < 2 * 0.5 + 0.9  # one agent round + the coordinator, not 6 x 0.5 s
    plan = service.get_plan(summary.id).plan
    assert plan.failed_sections() == []
    assert plan.area(Area.SPORTS).intro.startswith(MODEL_MARK)
    assert plan.executive_summary.vision.startswith(MODEL_MARK)
    assert plan.generation.provider == "gemini" and plan.generation.model
    assert not plan.generation.offline_draft
    # the numbers are still the computed ones, whatever the model wrote
    offline = generate(example_club(), make_writer(ProviderChoice()), emit=lambda e: None).plan
    assert [o.budget for o in plan.objectives()] == [o.budget for o in offline.objectives()]
    run_info = service.generation_runs(summary.id)[0]
    assert run_info.status == "complete" and run_info.input_tokens > 0
    assert run_info.cost_eur > 0 and len(run_info.agents) == 7  # six agents + research


def test_quota_error_waits_for_retry_delay_then_succeeds(
    double: GeminiDouble, service: Service
) -> None:
    double.script(Reply.quota(retry_delay_s=1), match=role_marker(AgentName.SPORTS))
    writer = make_writer(gemini(double), service.db)
    started = time.perf_counter()
    _, outcome = service.generate_plan(example_club(), writer, emit=lambda e: None)
    assert time.perf_counter() - started >= 1.0
    assert outcome.plan.failed_sections() == []


def test_503_storm_on_one_agent_then_resume(double: GeminiDouble, service: Service) -> None:
    double.script(*[Reply.unavailable()] * 2, match=role_marker(AgentName.MARKETING))
    writer = make_writer(gemini(double), service.db)
    summary, _ = service.generate_plan(example_club(), writer, emit=lambda e: None)
    plan = service.get_plan(summary.id).plan
    assert plan.failed_sections() == ["marketing"]
    marketing = plan.area(Area.MARKETING)
    assert marketing.status is SectionStatus.FAILED and marketing.failure_reason
    assert any(w.code == "agent_failed" and w.section == "marketing" for w in plan.warnings)
    version, _ = service.resume_plan(summary.id, writer, emit=lambda e: None)
    assert version is not None
    assert service.get_plan(summary.id).plan.failed_sections() == []


def test_safety_and_truncation_are_explained_not_crashes(
    double: GeminiDouble, service: Service
) -> None:
    double.script(*[Reply.safety()] * 2, match=role_marker(AgentName.SOCIAL))
    double.script(*[Reply.truncated()] * 2, match=role_marker(AgentName.FINANCIAL))
    writer = make_writer(gemini(double), service.db)
    summary, _ = service.generate_plan(example_club(), writer, emit=lambda e: None)
    plan = service.get_plan(summary.id).plan
    assert set(plan.failed_sections()) == {"social", "financial_plan"}
    reasons = " ".join(w.message for w in plan.warnings if w.code == "agent_failed")
    assert "sicurezza" in reasons.lower() or "safety" in reasons.lower()
    assert "token" in reasons.lower()


def test_malformed_json_is_repaired(double: GeminiDouble) -> None:
    double.script(Reply.malformed(), match=role_marker(AgentName.SPORTS))
    writer = make_writer(gemini(double))
    result = generate(example_club(), writer, emit=lambda e: None)
    assert result.plan.area(Area.SPORTS).status is SectionStatus.OK
    notes = [w for w in result.plan.warnings if w.section == "sports"]
    assert notes, "the repair is recorded as a note on the section"


def test_cache_hit_and_regenerate_bypass(double: GeminiDouble, service: Service) -> None:
    writer = make_writer(gemini(double), service.db)
    generate(example_club(), writer, emit=lambda e: None)
    calls = len(double.generate_requests())
    generate(example_club(), writer, emit=lambda e: None)
    assert len(double.generate_requests()) == calls  # every answer came from the cache
    fresh = make_writer(
        ProviderChoice("gemini", use_cache=False, settings={"gemini_base_url": double.base_url}),
        service.db,
    )
    generate(example_club(), fresh, emit=lambda e: None, agents=[AgentName.SOCIAL])
    assert len(double.generate_requests()) == calls + 1


def test_local_openai_compatible_server(service: Service) -> None:
    club = example_club()
    from engine.agents.context import build_context

    ctx = build_context(club)
    with OpenAIDouble() as server:
        for agent in AgentName:
            server.always(Reply.ok(payload_for(agent, ctx)), match=role_marker(agent))
        choice = ProviderChoice(
            "local", model="qwen3:8b", settings={"local_base_url": server.base_url}
        )
        summary, _ = service.generate_plan(club, make_writer(choice), emit=lambda e: None)
    plan = service.get_plan(summary.id).plan
    assert plan.failed_sections() == []
    assert plan.generation.provider == "local" and plan.generation.model == "qwen3:8b"
    assert plan.area(Area.SOCIAL).intro.startswith(MODEL_MARK)


def test_local_server_down_is_a_clear_failure(service: Service) -> None:
    choice = ProviderChoice(
        "local",
        model="m",
        settings={
            "local_base_url": "http://127.0.0.1:9/v1",
            "max_attempts": 1,
            "requests_per_minute": 6000,
            "max_concurrent": 8,
        },
    )
    _, result = service.generate_plan(example_club(), make_writer(choice), emit=lambda e: None)
    assert len(result.plan.failed_sections()) == 6
    reason = result.plan.area(Area.SPORTS).failure_reason or ""
    assert "127.0.0.1:9" in reason or "Ollama" in reason


def test_the_api_key_never_reaches_the_database_or_the_logs(
    double: GeminiDouble, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOOGLE_GEMINI_BASE_URL", double.base_url)
    log_file = configure_logging(home)
    out, err = io.StringIO(), io.StringIO()
    code = run(
        [
            "plan",
            str(EXAMPLES / "calcio-giovanile-asd.json"),
            "--provider",
            "gemini",
            "--home",
            str(home),
        ],
        out=out,
        err=err,
    )
    assert code == 0, err.getvalue()
    assert double.generate_requests()[0].headers["x-goog-api-key"] == KEY
    plan_id = out.getvalue().strip().splitlines()[-1]
    exported = home / "exports"
    code = run(
        ["export", plan_id, "--format", "all", "--out", str(exported), "--home", str(home)],
        out=out,
        err=err,
    )
    assert code == 0, err.getvalue()
    stored = b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())
    assert len(list(exported.iterdir())) == 6  # database, logs and every export scanned
    assert KEY.encode() not in stored
    assert database_path(home).exists() and log_file.exists()
    assert KEY not in out.getvalue() + err.getvalue()


def test_cli_exit_code_3_when_a_section_failed(
    double: GeminiDouble, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOOGLE_GEMINI_BASE_URL", double.base_url)
    monkeypatch.setenv("GOOGLE_GEMINI_BASE_URL", double.base_url)
    double.script(*[Reply.unavailable()] * 4, match=role_marker(AgentName.SOCIAL))  # > retries
    out, err = io.StringIO(), io.StringIO()
    code = run(
        [
            "plan",
            str(EXAMPLES / "calcio-giovanile-asd.json"),
            "--provider",
            "gemini",
            "--home",
            str(home),
        ],
        out=out,
        err=err,
    )
    assert code == 3
    assert "resume" in err.getvalue()


def test_cancel_mid_stream_stops_promptly_and_saves_what_finished(
    double: GeminiDouble, service: Service
) -> None:
    import threading

    from engine.llm.base import CancelToken

    ctx_reply = Reply.slow(chunks=60, chunk_delay_s=0.1)  # 6 s of streaming per call
    for agent in (AgentName.SPORTS, AgentName.SOCIAL, AgentName.MARKETING):
        double.script(ctx_reply, match=role_marker(agent))
    cancel = CancelToken()
    threading.Timer(0.8, cancel.cancel).start()
    started = time.perf_counter()
    summary, outcome = service.generate_plan(
        example_club(),
        make_writer(gemini(double), service.db),
        emit=lambda e: None,
        cancel=cancel,
    )
    assert time.perf_counter() - started < 3.0
    assert outcome.orchestration.cancelled
    plan = service.get_plan(summary.id).plan
    assert plan.area(Area.INFRASTRUCTURE).status is SectionStatus.OK  # finished before cancel
    assert plan.area(Area.SPORTS).status is SectionStatus.MISSING


def test_cost_per_model_and_not_estimable_when_the_price_is_unknown(
    double: GeminiDouble, service: Service
) -> None:
    from engine.usage import cost_text, estimate_cost_eur, price_for

    usage = Usage(input_tokens=1_000_000, output_tokens=500_000, thinking_tokens=500_000)
    # gemini-3.8-flash: $0.75 in + $3.75 x 1M out = $4.50, at 1.16 US$ per euro
    assert estimate_cost_eur("gemini", usage, "gemini-3.8-flash") == round(4.5 / 1.16, 6)
    assert price_for("gemini-3.5-flash-lite").input_usd == 0.3  # not 3.5 Flash's price
    assert price_for("gemini-3.8-flash-001").output_usd == 3.75
    assert estimate_cost_eur("gemini", usage, "gemini-9-ultra") is None
    assert estimate_cost_eur("local", usage, "qwen") == 0.0
    grounded = estimate_cost_eur("gemini", Usage(), "gemini-3.8-flash", grounded_requests=10)
    assert grounded == round(0.35 / 1.16, 6)
    assert cost_text(None).startswith("costo non stimabile")
    assert cost_text(0.0234) == "stima: 0,02 €" and cost_text(0.001, "en").startswith("estimate")

    choice = gemini(double)
    writer = make_writer(
        ProviderChoice("gemini", "gemini-9-ultra", settings=choice.settings), service.db
    )
    summary, _ = service.generate_plan(example_club(), writer, emit=lambda e: None)
    run = service.generation_runs(summary.id)[-1]
    assert run.model == "gemini-9-ultra"
    assert run.cost_eur is None and all(a.cost_eur is None for a in run.agents)  # never zero
