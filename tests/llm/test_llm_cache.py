"""ResponseCache on the ai_cache table, and the clients' use of it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from engine.llm.base import CancelToken, LLMError
from engine.llm.gemini import GeminiClient
from engine.llm.limiter import RateLimiter
from engine.llm.retry import RetryPolicy
from engine.storage.ai_cache import ResponseCache
from engine.storage.database import Database
from engine.storage.models import AICacheEntry
from tests.doubles.gemini_double import GeminiDouble, Reply
from tests.llm.llm_support import SECTION_SCHEMA, TEST_KEY, VALID_ANSWER, make_request


class Now:
    """An adjustable utcnow for TTL and LRU tests."""

    def __init__(self) -> None:
        self.value = dt.datetime(2026, 9, 1, 12, 0, 0)

    def __call__(self) -> dt.datetime:
        return self.value

    def advance(self, **delta: float) -> None:
        self.value += dt.timedelta(**delta)


def key(n: int = 0, **change: object) -> str:
    parts: dict[str, object] = {
        "provider": "gemini",
        "model": "gemini-2.5-flash",
        "system": "s",
        "prompt": f"p{n}",
        "schema": SECTION_SCHEMA,
        "params": {"temperature": 0.2},
    }
    parts.update(change)
    return ResponseCache.key_for(**parts)  # type: ignore[arg-type]


def test_key_is_canonical_sha256() -> None:
    assert len(key()) == 64 and int(key(), 16) >= 0
    reordered = dict(reversed(list(SECTION_SCHEMA.items())))
    assert key(schema=reordered) == key()  # property order does not matter
    assert key(params={"temperature": 0.2}) == key()
    for change in (
        {"provider": "local"},
        {"model": "gemini-2.5-pro"},
        {"system": "t"},
        {"prompt": "q"},
        {"schema": {"type": "object"}},
        {"params": {"temperature": 0.3}},
    ):
        assert key(**change) != key(), change


def test_put_get_counts_hits(database: Database) -> None:
    cache = ResponseCache(database)
    assert cache.get(key()) is None
    cache.put(key(), "gemini", "gemini-2.5-flash", '{"a": "è"}')
    assert cache.get(key()) == '{"a": "è"}'
    assert cache.get(key()) == '{"a": "è"}'
    stats = cache.stats()
    assert (stats.entries, stats.hits, stats.size_bytes) == (1, 2, len('{"a": "è"}'.encode()))


def test_put_again_replaces(database: Database) -> None:
    cache = ResponseCache(database)
    cache.put(key(), "gemini", "m", "old")
    cache.put(key(), "gemini", "m", "new answer")
    assert cache.get(key()) == "new answer"
    assert cache.stats().entries == 1


def test_expired_entries_are_misses_and_go_away(database: Database) -> None:
    now = Now()
    cache = ResponseCache(database, ttl_s=3600, now=now)
    cache.put(key(1), "gemini", "m", "one")
    now.advance(minutes=59)
    assert cache.get(key(1)) == "one"
    now.advance(minutes=2)
    assert cache.stats().expired == 1
    assert cache.get(key(1)) is None
    assert cache.stats().entries == 0


def test_lru_eviction_beyond_max_bytes(database: Database) -> None:
    now = Now()
    cache = ResponseCache(database, max_bytes=300, now=now)
    for n in range(3):
        cache.put(key(n), "gemini", "m", str(n) * 100)
        now.advance(seconds=1)
    assert cache.get(key(0)) == "0" * 100  # 0 is now the most recently used
    now.advance(seconds=1)
    cache.put(key(3), "gemini", "m", "3" * 100)  # 400 bytes > 300: evict the LRU (1)
    assert cache.get(key(1)) is None
    assert [cache.get(key(n)) is not None for n in (0, 2, 3)] == [True, True, True]
    assert cache.stats().size_bytes == 300


def test_an_answer_bigger_than_the_cache_is_not_stored(database: Database) -> None:
    cache = ResponseCache(database, max_bytes=10)
    cache.put(key(), "gemini", "m", "x" * 11)
    assert cache.stats().entries == 0


def test_clear_and_purge(database: Database) -> None:
    now = Now()
    cache = ResponseCache(database, ttl_s=10, now=now)
    for n in range(3):
        cache.put(key(n), "gemini", "m", "x")
    now.advance(seconds=11)
    cache.put(key(9), "gemini", "m", "fresh")  # a put also drops expired entries
    assert cache.stats().entries == 1
    assert cache.clear() == 1
    assert cache.stats().entries == 0
    assert cache.purge_expired() == 0


def test_bad_settings_are_refused(database: Database) -> None:
    with pytest.raises(ValueError):
        ResponseCache(database, ttl_s=0)


# --- through the client ------------------------------------------------------------


def client_with(double: GeminiDouble, cache: ResponseCache) -> GeminiClient:
    return GeminiClient(
        TEST_KEY,
        base_url=double.base_url,
        cache=cache,
        retry=RetryPolicy(base_delay_s=0.01, max_delay_s=0.02),
        limiter=RateLimiter(6, 6000, 6),
    )


def test_cache_hit_makes_no_request_and_streams_once(
    gemini: GeminiDouble, cache: ResponseCache
) -> None:
    gemini.script(Reply.ok(VALID_ANSWER, chunks=3))
    client = client_with(gemini, cache)
    first = client.complete(make_request(), None, CancelToken())
    chunks: list[str] = []
    second = client.complete(make_request(), chunks.append, CancelToken())
    assert len(gemini.generate_requests()) == 1
    assert second.cached and not first.cached
    assert second.data == first.data == VALID_ANSWER
    assert chunks == [first.text]
    assert second.attempts == 0 and second.usage.total == 0


def test_use_cache_false_calls_again_and_refreshes(
    gemini: GeminiDouble, cache: ResponseCache
) -> None:
    old = {**VALID_ANSWER, "priority": "bassa"}
    gemini.script(Reply.ok(old), Reply.ok(VALID_ANSWER))
    client = client_with(gemini, cache)
    client.complete(make_request(), None, CancelToken())
    regenerated = client.complete(make_request(use_cache=False), None, CancelToken())
    assert not regenerated.cached and regenerated.data["priority"] == "alta"
    again = client.complete(make_request(), None, CancelToken())
    assert again.cached and again.data["priority"] == "alta"  # the regenerated answer
    assert len(gemini.generate_requests()) == 2


def test_a_different_prompt_misses(gemini: GeminiDouble, cache: ResponseCache) -> None:
    client = client_with(gemini, cache)
    client.complete(make_request(prompt="uno"), None, CancelToken())
    client.complete(make_request(prompt="due"), None, CancelToken())
    assert len(gemini.generate_requests()) == 2


def test_another_endpoint_misses(gemini: GeminiDouble, cache: ResponseCache) -> None:
    """An answer cached from one endpoint (say a proxy) is not served for another."""
    gemini.script(Reply.ok(VALID_ANSWER))
    client_with(gemini, cache).complete(make_request(), None, CancelToken())
    with GeminiDouble() as proxy:
        proxy.script(Reply.ok({**VALID_ANSWER, "priority": "bassa"}))
        answer = client_with(proxy, cache).complete(make_request(), None, CancelToken())
        assert not answer.cached and answer.data["priority"] == "bassa"
        assert len(proxy.generate_requests()) == 1
    assert cache.stats().entries == 2


def test_failures_and_repairs_cache_only_the_valid_text(
    gemini: GeminiDouble, cache: ResponseCache, database: Database
) -> None:
    gemini.script(Reply.malformed())
    client = client_with(gemini, cache)
    repaired = client.complete(make_request(), None, CancelToken())
    hit = client.complete(make_request(), None, CancelToken())
    assert hit.cached and hit.text == repaired.text and hit.data == repaired.data
    gemini.always(Reply.unavailable())
    with pytest.raises(LLMError):
        client.complete(make_request(prompt="altro"), None, CancelToken())
    assert cache.stats().entries == 1


def test_api_key_is_never_stored(
    gemini: GeminiDouble, cache: ResponseCache, database: Database
) -> None:
    client_with(gemini, cache).complete(make_request(), None, CancelToken())
    with database.read() as session:
        rows = session.execute(select(AICacheEntry)).scalars().all()
        dumped = " ".join(f"{r.key} {r.provider} {r.model} {r.response}" for r in rows)
    assert rows and TEST_KEY not in dumped
    for path in database.path.parent.glob(database.path.name + "*"):  # the file, its WAL
        assert TEST_KEY.encode() not in path.read_bytes()


def test_a_broken_cache_never_stops_a_call(gemini: GeminiDouble, cache: ResponseCache) -> None:
    cache.database.close()
    cache.get = lambda _key: (_ for _ in ()).throw(RuntimeError("disk"))  # type: ignore[method-assign]
    cache.put = lambda *_a: (_ for _ in ()).throw(RuntimeError("disk"))  # type: ignore[method-assign]
    result = client_with(gemini, cache).complete(make_request(), None, CancelToken())
    assert result.data and not result.cached
