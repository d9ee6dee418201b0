"""Benchmark of the startup licence check. Run: ``python bench/licence.py [--runs N]``.

Generates a throw-away vendor key, issues a licence for this machine (or a
simulated one if this machine has no readable id), installs it in a
temporary data folder, then times ``check_licence`` end to end (read file,
verify, fingerprint, installation key, clock mark read + write):

* warm, default (clock state from its file copy; caches filled, as after the
  first call);
* warm, ``use_keyring=True`` with an in-memory keyring;
* warm, ``use_keyring=True`` with the keyring failing (``NoKeyringError``), so
  the file fallback is used;
* naive: every cache cleared before each run (trusted keys re-read and
  re-parsed, fingerprint re-derived from the OS source), the way a check
  written without caches would behave;
* cold, in fresh processes: import + first check, and separately the one-off
  cost of importing ``keyring`` and discovering its backend (measured
  without reading or writing the real OS keyring).

Goal: < 50 ms. Nothing touches the real keyring or the user's data folder.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402
import keyring.backends.fail  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from licensing import fingerprint, trusted_keys  # noqa: E402
from licensing.envelope import public_bytes  # noqa: E402
from licensing.startup import check_licence  # noqa: E402
from licensing.store import install_licence  # noqa: E402
from licensing.trusted_keys import trusted_key, write_trusted_keys  # noqa: E402
from licensing.vendor.issuer import build_payload, issue_licence  # noqa: E402
from tests.doubles.memory_keyring import MemoryKeyring  # noqa: E402

GOAL_MS = 50.0
SIMULATED_ID = "6f9619ff8b86d011b42d00c04fc964ff"


def measure(runs: int, check: Callable[[int], object], before: Callable[[], None] | None = None):
    timings = []
    for i in range(runs):
        if before:
            before()
        started = time.perf_counter()
        check(i)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(0.95 * (len(timings) - 1))], timings[-1]


def cold(snippet: str) -> list[float]:
    """Milliseconds printed by a fresh interpreter running ``snippet`` (median of 5)."""
    samples = [_cold_once(snippet) for _ in range(5)]
    return [statistics.median(column) for column in zip(*samples, strict=True)]


def _cold_once(snippet: str) -> list[float]:
    code = f"import sys, time\nsys.path.insert(0, {str(ROOT)!r})\n" + textwrap.dedent(snippet)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1])
    return [float(value) for value in result.stdout.split()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args(argv).runs

    try:
        fingerprint.machine_fingerprint()
        source = None
        machine_note = "this machine's real id"
    except fingerprint.FingerprintUnavailable as exc:
        source = lambda: SIMULATED_ID  # noqa: E731
        machine_note = f"simulated id ({exc.reason})"

    original_keyring = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    with tempfile.TemporaryDirectory(prefix="rf-bench-") as tmp:
        home = Path(tmp) / "home"
        keys_path = Path(tmp) / "trusted_keys.json"
        vendor = Ed25519PrivateKey.generate()
        write_trusted_keys(keys_path, [trusted_key(public_bytes(vendor), test=True)])
        now = int(time.time())
        licence = issue_licence(
            vendor,
            build_payload(
                fingerprint=fingerprint.machine_fingerprint(source),
                licensee="Benchmark",
                club="ASD Benchmark",
                features=["ai-generation", "docx", "onepager"],
                max_clubs=5,
                expires_at=now + 365 * 86400,
                issued_at=now - 60,
            ),
        )
        outcome = install_licence(home, licence, keys_path, fingerprint_source=source)
        assert outcome.installed, outcome

        ticks = itertools.count(1)

        def run(_: int, *, use_keyring: bool = False) -> None:
            # Each run is 2 minutes later, so the clock mark is read *and* written.
            moment = now + 120 * next(ticks)
            state = check_licence(
                home, keys_path, moment, fingerprint_source=source, use_keyring=use_keyring
            )
            assert state.is_licensed, state.status

        def with_keyring(i: int) -> None:
            run(i, use_keyring=True)

        def clear() -> None:
            fingerprint.clear_cache()
            trusted_keys.clear_cache()

        run(0)
        rows = [
            ("default (file copy of clock state)", measure(runs, run)),
            ("use_keyring=True, in-memory keyring", measure(runs, with_keyring)),
        ]
        keyring.set_keyring(keyring.backends.fail.Keyring())
        rows.append(("use_keyring=True, keyring failing (fallback)", measure(runs, with_keyring)))
        keyring.set_keyring(memory)
        rows.append(("naive: caches cleared every run", measure(runs, run, before=clear)))

        source_code = "None" if source is None else f"lambda: {SIMULATED_ID!r}"
        cold_import, cold_first = cold(
            f"""
            t = time.perf_counter()
            from pathlib import Path
            from licensing.startup import check_licence
            t2 = time.perf_counter()
            state = check_licence(Path({str(home)!r}), Path({str(keys_path)!r}),
                                  {now + 120 * next(ticks)},
                                  fingerprint_source={source_code}, use_keyring=False)
            t3 = time.perf_counter()
            assert state.is_licensed
            print((t2 - t) * 1000, (t3 - t2) * 1000)
            """
        )
        (cold_marginal,) = cold(
            f"""
            import base64, contextlib, dataclasses, datetime, enum, hashlib, hmac, json
            import logging, pathlib, re, threading, typing, unicodedata  # the app has these
            t = time.perf_counter()
            from pathlib import Path
            from licensing.startup import check_licence
            state = check_licence(Path({str(home)!r}), Path({str(keys_path)!r}),
                                  {now + 120 * next(ticks)},
                                  fingerprint_source={source_code})
            assert state.is_licensed
            print((time.perf_counter() - t) * 1000)
            """
        )
        (cold_crypto,) = cold(
            """
            t = time.perf_counter()
            from cryptography.hazmat.primitives.asymmetric import ed25519
            print((time.perf_counter() - t) * 1000)
            """
        )
        (cold_keyring,) = cold(
            """
            t = time.perf_counter()
            import keyring
            keyring.get_keyring()
            print((time.perf_counter() - t) * 1000)
            """
        )
    keyring.set_keyring(original_keyring)

    print(f"Licence startup check, {runs} runs each ({machine_note}); goal < {GOAL_MS:.0f} ms")
    print(f"{'':46} {'median':>9} {'p95':>9} {'max':>9}")
    for name, (median, p95, worst) in rows:
        flag = "ok" if median < GOAL_MS else "OVER GOAL"
        print(f"{name:46} {median:8.3f}ms {p95:8.3f}ms {worst:8.3f}ms  {flag}")
    naive, cached = rows[-1][1][0], rows[0][1][0]
    print(f"caching saves {naive - cached:.3f} ms per check ({naive / cached:.1f}x)")
    print("cold, fresh process (one-off costs, paid once per app start):")
    print(f"  import licensing (stdlib + cryptography + ours) {cold_import:8.1f} ms")
    print(f"    of which cryptography's Ed25519 alone        {cold_crypto:8.1f} ms")
    print(f"  first check after import (caches empty)        {cold_first:8.1f} ms")
    print(f"  import + first check, stdlib already loaded    {cold_marginal:8.1f} ms")
    print(f"  import keyring + backend discovery             {cold_keyring:8.1f} ms")
    print(
        "note: the default check never touches the keyring; with use_keyring=True the first "
        "check in a process also pays the keyring figure (sync_keyring() does it later)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
