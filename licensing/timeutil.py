"""Time as UTC epoch integers, everywhere.

Licences carry epoch seconds so that time zones, daylight saving and naive
datetimes can never change an answer: every conversion happens here, naive
datetimes are read as UTC, and dates shown to users say which zone they are in.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

MAX_EPOCH = 253402300799
"""9999-12-31T23:59:59Z: the last second ``datetime`` can represent."""

TimeLike = int | float | datetime


def to_epoch(value: TimeLike | None = None) -> int:
    """Epoch seconds (floored) from a number, an aware datetime or a naive UTC one."""
    if value is None:
        return int(time.time())
    if isinstance(value, datetime):
        if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
            value = value.replace(tzinfo=UTC)
        return int(value.timestamp() // 1)
    if isinstance(value, bool):
        raise TypeError("a boolean is not a time")
    if isinstance(value, int | float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("time must be finite")
        return int(value // 1)
    raise TypeError(f"unsupported time value: {type(value).__name__}")


def parse_date(text: str) -> date:
    """A strict ``YYYY-MM-DD`` date (raises ValueError otherwise)."""
    text = text.strip()
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(f"expected YYYY-MM-DD, got {text!r}")
    return date.fromisoformat(text)


def start_of_day(day: date) -> int:
    """00:00:00 UTC of ``day``."""
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def end_of_day(day: date) -> int:
    """23:59:59 UTC of ``day``: a licence "until 30 June" works all of 30 June."""
    return start_of_day(day) + 86400 - 1


def _utc(epoch: int) -> datetime:
    """Clamped so a far-future grace end can never overflow ``datetime``."""
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=min(max(epoch, 0), MAX_EPOCH))


def format_date(epoch: int | None, lang: str = "it") -> str:
    """A UTC calendar date for users: 30/06/2030 in Italian, 2030-06-30 in English."""
    if epoch is None:
        return ""
    moment = _utc(epoch)
    if lang == "en":
        return moment.strftime("%Y-%m-%d")
    return moment.strftime("%d/%m/%Y")


def format_moment(epoch: int | None, lang: str = "it") -> str:
    """Date and time in UTC, labelled, for clock problems where the hour matters."""
    if epoch is None:
        return ""
    moment = _utc(epoch)
    if lang == "en":
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%d/%m/%Y %H:%M UTC")


def iso_utc(epoch: int | None) -> str | None:
    """ISO 8601 with a Z, for machine-readable output."""
    if epoch is None:
        return None
    return _utc(epoch).strftime("%Y-%m-%dT%H:%M:%SZ")
