"""One settings model (``engine.settings.AppSettings``): stored, edited, and read into the
writer's request the same way for the desktop and the CLI."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from engine import cli
from engine.service import AppSettings, Service
from engine.settings import defaults
from engine.storage.models import AppSetting, utcnow


def test_out_of_range_settings_fall_back_to_their_defaults() -> None:
    odd = replace(
        AppSettings(),
        provider="cloud",
        concurrency=0,
        rate_preset=None,
        plan_language="de",
        ui_language="de",
        thinking_level="lots",
        gemini_model="  gemini-x ",
    )
    assert odd == AppSettings(concurrency=1, gemini_model="gemini-x")
    assert replace(AppSettings(), concurrency=99).concurrency == 8


def test_a_damaged_or_unknown_stored_value_keeps_the_default(service: Service) -> None:
    with service.db.write() as session:
        for key, value in (("concurrency", '"many"'), ("provider", '"gemini"'), ("colour", "1")):
            session.add(AppSetting(key=key, value=value, updated_at=utcnow()))
    assert service.app_settings() == AppSettings(provider="gemini")
    stored = service.save_app_settings(replace(service.app_settings(), concurrency=3))
    assert service.app_settings() == stored == AppSettings(provider="gemini", concurrency=3)
    with service.db.read() as session:
        assert json.loads(session.get(AppSetting, "concurrency").value) == 3


def test_the_desktop_writes_with_every_stored_setting(service: Service) -> None:
    service.save_app_settings(
        AppSettings(
            provider="local",
            local_model="qwen3:8b",
            local_base_url="http://lab:8080/v1",
            concurrency=2,
            use_cache=False,
        )
    )
    choice = service.writer_choice()
    assert (choice.provider, choice.model, choice.use_cache) == ("local", "qwen3:8b", False)
    assert choice.settings == {
        "rate_preset": "local",
        "max_concurrent": 2,
        "local_base_url": "http://lab:8080/v1",
        "local_model": "qwen3:8b",
    }
    gemini = service.writer_choice(provider="gemini", gemini_base_url="http://proxy")
    assert gemini.resolved_model() == defaults()["gemini_model"]
    assert gemini.settings["gemini_base_url"] == "http://proxy"
    assert gemini.settings["research"] is True


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([], ("offline", None, True, {"rate_preset": "default", "max_concurrent": None})),
        (
            ["--provider", "gemini", "--no-cache", "--rate", "free_tier", "--concurrency", "3"],
            (
                "gemini",
                "gemini-stored",
                False,
                {
                    "rate_preset": "free_tier",
                    "max_concurrent": 3,
                    "research": False,
                    "gemini_thinking_level": "high",
                },
            ),
        ),
        (
            ["--provider", "local", "--model", "llama3.2"],
            (
                "local",
                "llama3.2",
                True,
                {
                    "rate_preset": "default",
                    "max_concurrent": None,
                    "local_base_url": defaults()["local_base_url"],
                    "local_model": "llama3.2",
                },
            ),
        ),
    ],
)
def test_the_cli_puts_its_options_over_the_settings_it_shares(
    service: Service, monkeypatch: pytest.MonkeyPatch, options: list[str], expected: tuple
) -> None:
    """Stored: what ``rooting-future settings`` manages (Gemini's model, thinking, research)
    counts; the provider, the local server, the pacing and the cache the desktop stores do not."""
    service.save_app_settings(
        AppSettings(
            provider="local",
            gemini_model="gemini-stored",
            thinking_level="high",
            research=False,
            local_base_url="http://lab:8080/v1",
            concurrency=2,
            rate_preset="free_tier",
            use_cache=False,
        )
    )
    monkeypatch.setattr(service, "writer", service.writer_choice)  # the request, not a client
    args = cli.build_parser().parse_args(["plan", "club.json", *options])
    choice = cli._writer(args, service)
    assert (choice.provider, choice.model, choice.use_cache, choice.settings) == expected
