"""Fixtures for the language-model layer: doubles on 127.0.0.1, a store, fast policies."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.llm.retry import RetryPolicy
from engine.storage.ai_cache import ResponseCache
from engine.storage.database import Database
from tests.doubles.gemini_double import GeminiDouble
from tests.doubles.openai_double import OpenAIDouble


@pytest.fixture
def gemini() -> Iterator[GeminiDouble]:
    with GeminiDouble() as double:
        yield double
    assert double.server_errors == []


@pytest.fixture
def local_server() -> Iterator[OpenAIDouble]:
    with OpenAIDouble() as double:
        yield double
    assert double.server_errors == []


@pytest.fixture
def fast_retry() -> RetryPolicy:
    """Real sleeps, but tiny: a retry test costs milliseconds."""
    return RetryPolicy(max_attempts=4, base_delay_s=0.01, max_delay_s=0.05)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = Database(tmp_path / "rooting-future.db")
    yield db
    db.close()


@pytest.fixture
def cache(database: Database) -> ResponseCache:
    return ResponseCache(database)
