"""``rooting-future licence ...``: the licence commands, attachable to any argparse CLI.

``engine/cli.py`` owns the program; licensing may not import the engine, so
it hands over two functions instead:

* ``add_licence_parser(subparsers)`` adds ``licence status|fingerprint|
  install FILE|request --out FILE|deactivate --out FILE``;
* ``run_licence_command(args, home, trusted_keys_path, out)`` runs one and
  returns the exit code: 0 ok, 1 licence problem, 2 bad input.

Output is Italian first, then English. No traceback ever reaches the user.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from licensing.activation import ActivationError, deactivate, write_request
from licensing.fingerprint import (
    FingerprintUnavailable,
    RawIdSource,
    machine_fingerprint,
    try_machine_fingerprint,
)
from licensing.startup import LicenceState, build_state, check_licence
from licensing.status import LABELS, LicenceStatus
from licensing.store import install_licence
from licensing.timeutil import TimeLike, format_date, to_epoch
from licensing.verifier import Verification

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_LICENCE = 1
EXIT_INPUT = 2


def add_licence_parser(
    subparsers: Any, parents: list[argparse.ArgumentParser] | None = None
) -> None:
    """Add the ``licence`` command to an ``argparse`` subparsers object.

    ``parents`` carries the host CLI's common options (``--home``) to every level.
    """
    shared = {"parents": parents or []}
    licence = subparsers.add_parser(
        "licence",
        help="licenza: stato, attivazione, trasferimento / licence: status, activation, transfer",
        description="Gestione della licenza / Licence management.",
        **shared,
    )
    commands = licence.add_subparsers(dest="licence_command", metavar="COMMAND")
    commands.required = True
    status = commands.add_parser("status", help="stato della licenza / licence status", **shared)
    status.add_argument("--json", action="store_true", help="output JSON")
    commands.add_parser(
        "fingerprint", help="codice di questo computer / this computer's machine code", **shared
    )
    install = commands.add_parser("install", help="installa un file di licenza / install", **shared)
    install.add_argument("file", help="file di licenza / licence file")
    request = commands.add_parser(
        "request",
        help="crea una richiesta di attivazione / write an activation request",
        **shared,
    )
    request.add_argument("--out", required=True, help="file da creare / file to write")
    deactivate_parser = commands.add_parser(
        "deactivate",
        help="disattiva e crea la ricevuta per il trasferimento / deactivate for a transfer",
        **shared,
    )
    deactivate_parser.add_argument("--out", required=True, help="file da creare / file to write")


def _app_version() -> str:
    from importlib import metadata  # only this command needs it (~10 ms to import)

    try:
        return metadata.version("rooting-future")
    except metadata.PackageNotFoundError:
        return "unknown"


def _yes_no(flag: bool) -> str:
    return "sì / yes" if flag else "no / no"


def format_status(state: LicenceState) -> str:
    """The human ``licence status`` report."""
    label_it, label_en = LABELS[state.status]
    lines = [
        f"Licenza: {label_it} / Licence: {label_en}",
        f"  {state.message('it')}",
        f"  {state.message('en')}",
        f"Codice macchina / Machine code: {state.fingerprint or 'non disponibile / unavailable'}",
    ]
    if state.licensee:
        lines.append(f"Intestatario / Licensee: {state.licensee}")
        lines.append(f"Società / Club: {state.club}")
    if state.licence_id:
        lines.append(f"Licenza n. / Licence id: {state.licence_id}")
        expiry = (
            f"{format_date(state.expires_at, 'it')} (UTC)"
            if state.expires_at is not None
            else "nessuna / none"
        )
        lines.append(f"Scadenza / Expires: {expiry}")
    clubs = "illimitate / unlimited" if state.max_clubs is None else str(state.max_clubs)
    lines.append(f"Società gestibili / Club limit: {clubs}")
    lines.append(f"Funzioni / Features: {', '.join(sorted(state.features)) or '-'}")
    lines.append(f"Filigrana / Watermark: {_yes_no(state.watermark)}")
    if state.status is not LicenceStatus.VALID:
        lines.append(f"Cosa fare: {state.next_step('it')}")
        lines.append(f"Next step: {state.next_step('en')}")
    return "\n".join(lines)


@dataclass(frozen=True)
class _Context:
    home: Path
    trusted_keys_path: Path
    out: TextIO
    now: TimeLike | None
    fingerprint_source: RawIdSource | None
    use_keyring: bool
    app_version: str | None
    contact: str = "Rooting Future"  # who receives requests, with an address (the app passes it)

    def say(self, text: str) -> None:
        print(text, file=self.out)


def _status(args: argparse.Namespace, ctx: _Context) -> int:
    state = check_licence(
        ctx.home,
        ctx.trusted_keys_path,
        ctx.now,
        fingerprint_source=ctx.fingerprint_source,
        use_keyring=ctx.use_keyring,
    )
    if getattr(args, "json", False):
        ctx.say(json.dumps(state.to_dict(), indent=2, ensure_ascii=False))
    else:
        ctx.say(format_status(state))
    return EXIT_OK if state.is_licensed else EXIT_LICENCE


def _fingerprint(args: argparse.Namespace, ctx: _Context) -> int:
    try:
        ctx.say(machine_fingerprint(ctx.fingerprint_source))
    except FingerprintUnavailable as exc:
        log.warning("Fingerprint unavailable: %s", exc.reason)
        state = build_state(
            Verification(LicenceStatus.FINGERPRINT_UNAVAILABLE), None, now=to_epoch(ctx.now)
        )
        ctx.say(state.bilingual())
        ctx.say(f"Cosa fare: {state.next_step('it')}")
        ctx.say(f"Next step: {state.next_step('en')}")
        return EXIT_LICENCE
    return EXIT_OK


def _install(args: argparse.Namespace, ctx: _Context) -> int:
    outcome = install_licence(
        ctx.home,
        Path(args.file),
        ctx.trusted_keys_path,
        now=ctx.now,
        fingerprint_source=ctx.fingerprint_source,
        use_keyring=ctx.use_keyring,
    )
    if outcome.bad_input:
        ctx.say(f"Impossibile leggere il file {args.file}.\nCannot read the file {args.file}.")
        return EXIT_INPUT
    state = build_state(
        Verification(outcome.status, outcome.licence, outcome.detail),
        try_machine_fingerprint(ctx.fingerprint_source),
        now=to_epoch(ctx.now),
    )
    if outcome.installed:
        ctx.say("Licenza installata.\nLicence installed.")
        ctx.say(format_status(state))
        return EXIT_OK
    ctx.say("Licenza NON installata.\nLicence NOT installed.")
    ctx.say(state.bilingual())
    ctx.say(f"Cosa fare: {state.next_step('it')}")
    ctx.say(f"Next step: {state.next_step('en')}")
    return EXIT_LICENCE


def _request(args: argparse.Namespace, ctx: _Context) -> int:
    request = write_request(
        ctx.home,
        Path(args.out),
        app_version=ctx.app_version or _app_version(),
        now=ctx.now,
        fingerprint_source=ctx.fingerprint_source,
        use_keyring=ctx.use_keyring,
    )
    ctx.say(
        f"Richiesta di attivazione salvata in {args.out}: inviala a {ctx.contact}.\n"
        f"Activation request saved to {args.out}: send it to {ctx.contact}.\n"
        f"Codice macchina / Machine code: {request.fingerprint}"
    )
    return EXIT_OK


def _deactivate(args: argparse.Namespace, ctx: _Context) -> int:
    result = deactivate(
        ctx.home,
        ctx.trusted_keys_path,
        Path(args.out),
        now=ctx.now,
        fingerprint_source=ctx.fingerprint_source,
        use_keyring=ctx.use_keyring,
    )
    licence_id = result.receipt.licence_id
    ctx.say(
        f"Licenza {licence_id} disattivata su questo computer. Invia la ricevuta {args.out} a "
        "Rooting Future insieme alla richiesta di attivazione del nuovo computer.\n"
        f"Licence {licence_id} deactivated on this computer. Send the receipt {args.out} to "
        "Rooting Future with the new computer's activation request."
    )
    if not result.key_fully_removed:
        ctx.say(
            "Attenzione: il portachiavi di sistema non ha permesso di cancellare la chiave di "
            "installazione.\nWarning: the system keyring did not let us delete the "
            "installation key."
        )
    return EXIT_OK


_COMMANDS = {
    "status": _status,
    "fingerprint": _fingerprint,
    "install": _install,
    "request": _request,
    "deactivate": _deactivate,
}


def run_licence_command(
    args: argparse.Namespace,
    home: Path,
    trusted_keys_path: Path,
    out: TextIO | None = None,
    *,
    now: TimeLike | None = None,
    fingerprint_source: RawIdSource | None = None,
    use_keyring: bool = True,
    app_version: str | None = None,
    contact: str = "Rooting Future",
) -> int:
    """Run ``licence <command>``; returns 0 ok, 1 licence problem, 2 bad input.

    ``out`` defaults to ``sys.stdout`` (looked up at call time). The keyword
    arguments are for tests and embedding: ``now`` fixes the clock,
    ``fingerprint_source`` simulates a machine, ``use_keyring=False`` keeps
    the command off the OS keyring, ``app_version`` goes into requests
    (default: the installed package's version).
    """
    ctx = _Context(
        Path(home),
        Path(trusted_keys_path),
        out or sys.stdout,
        now,
        fingerprint_source,
        use_keyring,
        app_version,
        contact,
    )
    command = getattr(args, "licence_command", None)
    handler = _COMMANDS.get(command or "")
    if handler is None:
        ctx.say(
            "Comando sconosciuto: usa status, fingerprint, install, request o deactivate.\n"
            "Unknown command: use status, fingerprint, install, request or deactivate."
        )
        return EXIT_INPUT
    try:
        return handler(args, ctx)
    except ActivationError as exc:
        ctx.say(exc.bilingual())
        return exc.exit_code
    except Exception:
        log.exception("licence %s failed", command)
        ctx.say(
            "Errore imprevisto durante l'operazione sulla licenza; i dettagli sono nel log.\n"
            "Unexpected error during the licence operation; details are in the log."
        )
        return EXIT_LICENCE
