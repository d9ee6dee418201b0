"""Cache of model answers, so re-running an unchanged section costs no quota.

Keyed by a SHA-256 of everything that shapes the answer (provider, model,
system instruction, prompt, schema, generation parameters) in canonical JSON;
never by or with an API key. Entries expire after ``ttl_s`` (models change,
catalogues change); past ``max_bytes`` the least recently used go first.
Only text is stored: the caller re-parses and re-validates on a hit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select

from engine.storage.database import Database
from engine.storage.models import AICacheEntry, utcnow

log = logging.getLogger(__name__)

DAY_S = 86_400.0
KEY_VERSION = 1  # bump to orphan every old entry when the key recipe changes


@dataclass(frozen=True)
class CacheStats:
    entries: int
    size_bytes: int
    hits: int
    expired: int
    max_bytes: int
    ttl_s: float


class ResponseCache:
    """Thread-safe: every method opens its own session on the shared ``Database``."""

    def __init__(
        self,
        database: Database,
        ttl_s: float = 30 * DAY_S,
        max_bytes: int = 50 * 1024 * 1024,
        *,
        now: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        if ttl_s <= 0 or max_bytes <= 0:
            raise ValueError("ttl_s and max_bytes must be positive")
        self.database = database
        self.ttl_s = ttl_s
        self.max_bytes = max_bytes
        self._now = now

    @staticmethod
    def key_for(
        provider: str,
        model: str | None,
        system: str,
        prompt: str,
        schema: Mapping[str, Any] | None,
        params: Mapping[str, Any] | None = None,
    ) -> str:
        """SHA-256 hex of a canonical JSON of everything that shapes the answer."""
        canonical = json.dumps(
            {
                "v": KEY_VERSION,
                "provider": provider,
                "model": model,
                "system": system,
                "prompt": prompt,
                "schema": schema,
                "params": dict(params or {}),
            },
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
            allow_nan=False,
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def get(self, key: str) -> str | None:
        """The stored answer, or None when absent or expired (a hit is counted)."""
        now = self._now()
        with self.database.read() as session:  # a miss never takes the write lock
            found = session.execute(
                select(AICacheEntry.expires_at).where(AICacheEntry.key == key)
            ).first()
        if found is None:
            return None
        with self.database.write() as session:
            entry = session.get(AICacheEntry, key)
            if entry is None:
                return None
            if entry.expires_at <= now:
                session.delete(entry)
                return None
            entry.hits += 1
            entry.last_used_at = now
            return entry.response

    def put(self, key: str, provider: str, model: str | None, response_text: str) -> None:
        """Store (or refresh) an answer, then evict least recently used entries over the cap."""
        size = len(response_text.encode("utf-8"))
        if size > self.max_bytes:
            log.info("ai cache: answer of %d bytes exceeds the cache size, not stored", size)
            return
        now = self._now()
        expires = now + dt.timedelta(seconds=self.ttl_s)
        with self.database.write() as session:
            entry = session.get(AICacheEntry, key)
            if entry is None:
                session.add(
                    AICacheEntry(
                        key=key,
                        provider=provider,
                        model=model,
                        created_at=now,
                        expires_at=expires,
                        last_used_at=now,
                        hits=0,
                        size_bytes=size,
                        response=response_text,
                    )
                )
            else:
                entry.provider = provider
                entry.model = model
                entry.created_at = now
                entry.expires_at = expires
                entry.last_used_at = now
                entry.size_bytes = size
                entry.response = response_text
            session.flush()
            session.execute(delete(AICacheEntry).where(AICacheEntry.expires_at <= now))
            self._evict(session, keep=key)

    def _evict(self, session: Any, keep: str) -> int:
        total = session.scalar(select(func.coalesce(func.sum(AICacheEntry.size_bytes), 0))) or 0
        if total <= self.max_bytes:
            return 0
        doomed: list[str] = []
        rows = session.execute(
            select(AICacheEntry.key, AICacheEntry.size_bytes).order_by(
                AICacheEntry.last_used_at, AICacheEntry.created_at
            )
        )
        for row_key, size in rows:
            if total <= self.max_bytes:
                break
            if row_key == keep:
                continue
            doomed.append(row_key)
            total -= size
        for start in range(0, len(doomed), 500):
            session.execute(
                delete(AICacheEntry).where(AICacheEntry.key.in_(doomed[start : start + 500]))
            )
        if doomed:
            log.info("ai cache: evicted %d least recently used entries", len(doomed))
        return len(doomed)

    def purge_expired(self) -> int:
        with self.database.write() as session:
            result = session.execute(
                delete(AICacheEntry).where(AICacheEntry.expires_at <= self._now())
            )
            return int(result.rowcount or 0)

    def clear(self) -> int:
        """Forget every answer; returns how many were removed."""
        with self.database.write() as session:
            result = session.execute(delete(AICacheEntry))
            return int(result.rowcount or 0)

    def stats(self) -> CacheStats:
        now = self._now()
        with self.database.read() as session:
            entries, size, hits = session.execute(
                select(
                    func.count(AICacheEntry.key),
                    func.coalesce(func.sum(AICacheEntry.size_bytes), 0),
                    func.coalesce(func.sum(AICacheEntry.hits), 0),
                )
            ).one()
            expired = session.scalar(
                select(func.count(AICacheEntry.key)).where(AICacheEntry.expires_at <= now)
            )
        return CacheStats(
            entries=int(entries),
            size_bytes=int(size),
            hits=int(hits),
            expired=int(expired or 0),
            max_bytes=self.max_bytes,
            ttl_s=self.ttl_s,
        )
