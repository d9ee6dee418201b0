"""The app's licence at start-up: checked once, then passed to whatever enforces it.

The service enforces ``max_clubs``; exports read ``watermark``; the CLI and the
desktop show ``banner`` in evaluation mode. Checking never raises and takes
about a millisecond (see bench/licence.py).
"""

from __future__ import annotations

from pathlib import Path

from engine.paths import resource_path
from engine.vendor import vendor
from licensing import LicenceState, check_licence


def trusted_keys_path() -> Path:
    return resource_path("licensing", "trusted_keys.json")


def current_licence(home: Path) -> LicenceState:
    return check_licence(home, trusted_keys_path())


def banner(state: LicenceState, language: str = "it") -> str | None:
    """One line for the evaluation banner (None when properly licensed)."""
    if not state.evaluation:
        return None
    parts = [state.message(language), state.next_step(language)]
    if state.fingerprint and state.status.value not in ("missing",):
        label = "Codice di questo computer" if language == "it" else "This computer's code"
        parts.append(f"{label}: {state.fingerprint}")
    contact = vendor()
    parts.append(f"{'Contatti' if language == 'it' else 'Contact'}: {contact.email}.")
    return " ".join(part for part in parts if part)
