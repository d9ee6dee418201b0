"""Fixtures for the engine's model-path tests: the key in an in-memory keyring, the double."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest

from engine.agents.registry import AgentName
from tests.doubles.gemini_double import GeminiDouble, Reply
from tests.doubles.memory_keyring import MemoryKeyring
from tests.engine.agent_replies import payload_for, role_marker
from tests.factories import example_club

KEY = "AI" + "za-test-key-for-the-double-only-0123"


@pytest.fixture
def api_key(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The key lives in the (in-memory) OS keyring, as the app stores it."""
    from licensing.secrets import set_api_key

    monkeypatch.delenv("ROOTING_FUTURE_GEMINI_API_KEY", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    set_api_key(KEY)
    yield KEY
    keyring.set_keyring(previous)


@pytest.fixture
def double(api_key: str) -> Iterator[GeminiDouble]:
    with GeminiDouble() as server:
        club = example_club()
        from engine.agents.context import build_context

        ctx = build_context(club)
        for agent in AgentName:
            server.always(Reply.ok(payload_for(agent, ctx)), match=role_marker(agent))
        yield server
